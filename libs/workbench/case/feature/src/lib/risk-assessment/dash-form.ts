import {
  assessRisk,
  checklistCompleteness,
  notKnownCouldReachHigh,
  type AnswerSources,
  type ChecklistCompleteness,
  GRADE_RANK,
  RiskJudgementError,
  type DashAnswer,
  type DashAnswers,
  type DashQuestion,
  type MaracContext,
  type MaracReason,
  type RiskAssessmentRequest,
  type RiskBands,
  type RiskGrade,
} from '@lantern/shared/domain';

export const DASH_ANSWER_CHOICES: ReadonlyArray<{
  value: DashAnswer;
  label: string;
}> = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
  { value: 'declined', label: 'Declined' },
];

/** The 24 scored RIC questions in RIC order, and the police-only children questions (recorded, not scored). */
export function splitQuestions(questions: readonly DashQuestion[]): {
  ric: DashQuestion[];
  policeOnly: DashQuestion[];
} {
  return {
    ric: questions.filter((q) => q.ricNumber !== null).sort((a, b) => (a.ricNumber as number) - (b.ricNumber as number)),
    policeOnly: questions.filter((q) => q.ricNumber === null).sort((a, b) => a.policeNumber - b.policeNumber),
  };
}

export interface JudgementDraft {
  grade: RiskGrade | null;
  rationale: string;
}

/** What the sticky summary shows while the checklist is filled in. */
export interface DashSummary {
  score: number;
  /** Scored questions (24). */
  max: number;
  answered: number;
  scoreGrade: RiskGrade;
  /** After professional judgement (when it is a valid raise). */
  grade: RiskGrade;
  marac: { required: boolean; reasons: MaracReason[] };
  /** The judgement chosen would lower the grade the score gives: refused. */
  judgementLowers: boolean;
  /** Answered (yes/no), not known, declined and unanswered among the 24 RIC questions. */
  completeness: ChecklistCompleteness;
  /** Below the high band, but the "not known" and "declined" answers could reach it (notKnownCouldReachHigh): the band's score. */
  notKnownMayReach: number | null;
  /** Those answers in words: "3 answers are “Not known” or “Declined”: if they were". */
  openAnswersText: string;
}

/**
 * Scores the answers as the API will (assessRisk with the case's MARAC context and the hub's bands). A
 * judgement still missing its rationale is scored as if it had one, so the summary shows its effect at once;
 * one that would lower the grade is left out and reported.
 */
export function summariseDash(
  answers: DashAnswers,
  judgement: JudgementDraft,
  ctx: MaracContext,
  bands: RiskBands,
  ric: readonly DashQuestion[],
): DashSummary {
  const answered = ric.filter((q) => !!answers[q.key]).length;
  const completeness = checklistCompleteness(answers);
  let judgementLowers = false;
  let result = assessRisk(answers, null, ctx, bands);
  if (judgement.grade) {
    try {
      result = assessRisk(answers, { grade: judgement.grade, rationale: judgement.rationale.trim() || '…' }, ctx, bands);
    } catch (err) {
      if (!(err instanceof RiskJudgementError)) throw err;
      judgementLowers = err.code === 'judgement-lowers-grade';
    }
  }
  return {
    score: result.score,
    max: ric.length,
    answered,
    scoreGrade: result.scoreGrade,
    grade: result.grade,
    marac: result.marac,
    judgementLowers,
    completeness,
    notKnownMayReach: notKnownCouldReachHigh(result.score, completeness.notKnown + completeness.declined, bands) ? bands.high : null,
    openAnswersText: openAnswersText(completeness.notKnown, completeness.declined),
  };
}

/** "1 answer is “Not known”: if it were", "3 answers are “Not known” or “Declined”: if they were". */
export function openAnswersText(notKnown: number, declined: number): string {
  const n = notKnown + declined;
  const which = notKnown && declined ? '“Not known” or “Declined”' : declined ? '“Declined”' : '“Not known”';
  return `${n} ${n === 1 ? 'answer is' : 'answers are'} ${which}: if ${n === 1 ? 'it were' : 'they were'}`;
}

export interface JudgementOption {
  grade: RiskGrade;
  label: string;
  /** Lower than the score's grade: judgement may only raise. */
  disabled: boolean;
}

const GRADE_LABEL: Record<RiskGrade, string> = {
  standard: 'Standard',
  medium: 'Medium',
  high: 'High',
};

export function judgementOptions(scoreGrade: RiskGrade): JudgementOption[] {
  return (['standard', 'medium', 'high'] as const).map((grade) => {
    const disabled = GRADE_RANK[grade] < GRADE_RANK[scoreGrade];
    return {
      grade,
      disabled,
      label: disabled
        ? `${GRADE_LABEL[grade]} (lower than the score gives: not allowed)`
        : grade === scoreGrade
          ? `${GRADE_LABEL[grade]} (same as the score)`
          : GRADE_LABEL[grade],
    };
  });
}

export interface DashFormProblem {
  /** A form control to move focus to: a question key, 'judgement' or 'rationale'. */
  target: string;
  message: string;
}

/** What stops a save before it is sent; empty when the form can be posted. */
export function dashFormProblems(
  answers: DashAnswers,
  judgement: JudgementDraft,
  summary: Pick<DashSummary, 'judgementLowers' | 'scoreGrade'>,
  ric: readonly DashQuestion[],
): DashFormProblem[] {
  // A score-based grade needs every question answered; with a professional judgement (which then governs), or when
  // the answers given are visible high risk already (nothing unanswered could change it), the checklist may stay
  // incomplete, and the record says so (the API's rule, docs/triage.md).
  const problems: DashFormProblem[] = ric
    .filter((q) => !answers[q.key] && !judgement.grade && summary.scoreGrade !== 'high')
    .map((q) => ({
      target: q.key,
      message: `Question ${q.ricNumber} has no answer: choose Yes, No, Not known or Declined.`,
    }));
  if (judgement.grade && summary.judgementLowers) {
    problems.push({
      target: 'judgement',
      message: `Professional judgement can only raise the grade: the score now gives ${GRADE_LABEL[summary.scoreGrade]}. Choose ${GRADE_LABEL[summary.scoreGrade]} or higher, or no judgement.`,
    });
  }
  if (judgement.grade && !judgement.rationale.trim()) {
    problems.push({
      target: 'rationale',
      message: 'Write down why you are using professional judgement.',
    });
  }
  return problems;
}

/**
 * The POST body: every answered question (the police-only ones too), where each answer came from (only for answered
 * questions), and the judgement if there is one.
 */
export function buildAssessmentRequest(
  answers: DashAnswers,
  judgement: JudgementDraft,
  questions: readonly DashQuestion[],
  sources: AnswerSources = {},
): RiskAssessmentRequest {
  const body: DashAnswers = {};
  const from: AnswerSources = {};
  for (const q of questions) {
    const a = answers[q.key];
    if (a) body[q.key] = a;
    const s = sources[q.key];
    if (a && s) from[q.key] = s;
  }
  const withSources = Object.keys(from).length ? { sources: from } : {};
  return judgement.grade
    ? {
        answers: body,
        ...withSources,
        judgement: { grade: judgement.grade, rationale: judgement.rationale.trim() },
      }
    : { answers: body, ...withSources };
}

/** "/answers/q5" (a problem+json field path) → the question it names, for an inline message. */
export function questionForPath(path: string, questions: readonly DashQuestion[]): DashQuestion | null {
  const key = /\/(q\d+)(?:\/|$)/.exec(path)?.[1];
  return key ? (questions.find((q) => q.key === key) ?? null) : null;
}
