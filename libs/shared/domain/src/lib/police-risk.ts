import type { CaseUserRef, MaracReason } from './case';
import type { DashAnswers, DashKey, RiskGrade } from './report';
import { DEFAULT_RISK_BANDS, gradeForScore, GRADE_RANK, RIC_QUESTIONS, ricScore, type RiskBands } from './risk';

/**
 * Police grades count. The officer's grade (DASH, DARA or professional judgement) and, for a police DASH, the band
 * of its RIC score are a floor under the case's grade: "all high-risk cases should be referred to MARAC"
 * (SafeLives), and 14+ "yes" is visible high risk on any DASH. Only a team lead's recorded "agreed with police"
 * decision takes the case below it. docs/triage.md explains the rules and their sources.
 */

/** Where a hub answer came from. */
export const ANSWER_SOURCES = ['victim', 'police-prefill', 'other-agency'] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];
export type AnswerSources = Partial<Record<DashKey, AnswerSource>>;

export const ANSWER_SOURCE_LABELS: Record<AnswerSource, string> = {
  victim: 'Victim',
  'police-prefill': 'Police (prefilled)',
  'other-agency': 'Other agency',
};

/**
 * How complete a checklist is, over the 24 RIC questions: a partition (answered + notKnown + declined + unanswered
 * = 24). `answered` is a "yes" or "no"; "not known" and "declined" are answers too (they score nothing), so the
 * checklist is complete when `unanswered` is 0.
 */
export interface ChecklistCompleteness {
  answered: number;
  notKnown: number;
  declined: number;
  unanswered: number;
  complete: boolean;
}

export function checklistCompleteness(answers: DashAnswers): ChecklistCompleteness {
  let answered = 0;
  let notKnown = 0;
  let declined = 0;
  for (const q of RIC_QUESTIONS) {
    const a = answers[q.key];
    if (a === 'yes' || a === 'no') answered++;
    else if (a === 'not-known') notKnown++;
    else if (a === 'declined') declined++;
  }
  const unanswered = RIC_QUESTIONS.length - answered - notKnown - declined;
  return { answered, notKnown, declined, unanswered, complete: unanswered === 0 };
}

/** The RIC questions (police keys) with no answer at all, in checklist order. */
export function missingRicAnswers(answers: DashAnswers): DashKey[] {
  return RIC_QUESTIONS.filter((q) => answers[q.key] === undefined).map((q) => q.key);
}

/** The higher of two grades (null is "no grade"). */
export function higherGrade(a: RiskGrade | null | undefined, b: RiskGrade | null | undefined): RiskGrade | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return GRADE_RANK[a] >= GRADE_RANK[b] ? a : b;
}

/** What the police sent about risk: the officer's grade and tool, and the DASH answers when the tool was DASH. */
export interface PoliceRiskInput {
  officerGrade: RiskGrade | null | undefined;
  tool: string | null | undefined;
  dash?: DashAnswers | null;
}

export interface PoliceRisk {
  /** The officer's grade with the police DASH band folded in (the higher of the two); null when neither exists. */
  grade: RiskGrade | null;
  /** "Yes" among the 24 RIC questions of the police DASH (q10–q12 never count); null without a police DASH. */
  score: number | null;
  /** The MARAC criteria the police assessment meets on its own. */
  reasons: MaracReason[];
}

/**
 * The police side of a case's risk. `police-high-risk` when the officer graded high with any tool;
 * `visible-high-risk` when a police DASH has the high band's count of "yes" (14+ by default) among the RIC questions.
 */
export function policeRisk(input: PoliceRiskInput, bands: RiskBands = DEFAULT_RISK_BANDS): PoliceRisk {
  const dash = input.tool === 'dash' && input.dash && Object.keys(input.dash).length > 0 ? input.dash : null;
  const score = dash ? ricScore(dash) : null;
  const grade = higherGrade(input.officerGrade ?? null, score === null ? null : gradeForScore(score, bands));
  const reasons: MaracReason[] = [];
  if (score !== null && score >= bands.high) reasons.push('visible-high-risk');
  if (input.officerGrade === 'high') reasons.push('police-high-risk');
  return { grade, score, reasons };
}

/** A team lead's decision to grade a case below the police grade, as recorded. */
export interface AgreedWithPolice {
  grade: RiskGrade;
  reason: string;
  at: string;
  by: CaseUserRef;
  /** The police grade it was agreed against: a later police grade above this one ends the agreement. */
  policeGrade: RiskGrade;
  /** The case's grade just before. */
  from: RiskGrade | null;
}

/**
 * An agreement governs while the police grade is not above the one it was agreed against (a revision that keeps
 * or lowers the police grade leaves it standing; one that raises it ends it, and the police grade counts again).
 */
export function agreementApplies(
  policeGrade: RiskGrade | null,
  agreement: Pick<AgreedWithPolice, 'policeGrade'> | null,
  policeReasons: readonly MaracReason[] | null,
): boolean {
  if (!agreement) return false;
  // A police DASH of visible high risk (14+ "yes") is high whatever is agreed: professional judgement may raise it,
  // never lower it (SafeLives). An agreement made before the police's checklist reached it no longer governs.
  if (policeReasons?.includes('visible-high-risk')) return false;
  return policeGrade === null || GRADE_RANK[policeGrade] <= GRADE_RANK[agreement.policeGrade];
}

export interface CaseRiskInputs {
  /** The grade of the hub's latest DASH RIC assessment (score and judgement), or null before the hub assessed. */
  hubGrade: RiskGrade | null;
  /** The MARAC criteria of the hub's latest checklist (visible-high-risk, professional-judgement), if any. */
  hubReasons?: readonly MaracReason[];
  police: PoliceRisk;
  agreement: Pick<AgreedWithPolice, 'grade' | 'policeGrade'> | null;
}

export interface CombinedRisk {
  grade: RiskGrade | null;
  /** The checklist-type MARAC reasons now in force: the hub's, and the police's unless an agreement governs. */
  reasons: MaracReason[];
  agreementApplies: boolean;
}

/**
 * The case's grade: the higher of the hub's and the police grade. While a team lead's "agreed with police"
 * decision governs, the agreed grade takes the police grade's place (the hub's own grade can still raise it) and
 * the police-derived MARAC reasons no longer apply: only the hub's own checklist can meet them.
 */
export function combineRisk(inputs: CaseRiskInputs): CombinedRisk {
  const applies = agreementApplies(inputs.police.grade, inputs.agreement, inputs.police.reasons);
  const floor = applies && inputs.agreement ? inputs.agreement.grade : inputs.police.grade;
  const grade = higherGrade(inputs.hubGrade, floor);
  const reasons = new Set<MaracReason>(inputs.hubReasons ?? []);
  if (!applies) for (const r of inputs.police.reasons) reasons.add(r);
  return { grade, reasons: [...reasons], agreementApplies: applies };
}

export class AgreedWithPoliceError extends Error {
  constructor(
    readonly path: '/grade' | '/reason',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a team lead's "agreed with police" decision: there must be a police grade, not one a police DASH of visible
 * high risk set, the agreed grade must be below it, not below the hub's own assessed grade (re-assess to change that),
 * and the reason must not be blank.
 */
export function checkAgreedWithPolice(
  req: { grade: RiskGrade; reason: string },
  police: PoliceRisk,
  hubGrade: RiskGrade | null,
): AgreedWithPoliceError[] {
  const errors: AgreedWithPoliceError[] = [];
  if (!police.grade)
    errors.push(new AgreedWithPoliceError('/grade', 'The police did not grade this case: there is nothing to agree below.'));
  else if (police.reasons.includes('visible-high-risk'))
    errors.push(
      new AgreedWithPoliceError(
        '/grade',
        `The police DASH has ${police.score === null ? 'enough' : police.score} "yes" answers, in the high band: visible high risk, which judgement may raise but never lower (SafeLives). If an answer is wrong, the force must send a revised report.`,
      ),
    );
  else if (GRADE_RANK[req.grade] >= GRADE_RANK[police.grade])
    errors.push(new AgreedWithPoliceError('/grade', `must be below the police grade (${police.grade}).`));
  else if (hubGrade && GRADE_RANK[req.grade] < GRADE_RANK[hubGrade])
    errors.push(
      new AgreedWithPoliceError(
        '/grade',
        `must not be below the hub's own assessment (${hubGrade}): re-assess the checklist to change that.`,
      ),
    );
  if (!req.reason || !req.reason.trim()) errors.push(new AgreedWithPoliceError('/reason', 'A reason is required.'));
  return errors;
}

/**
 * Whether a police revision raised the case: the new police grade is above the previous police grade and lifts the
 * case above the grade it had (the hub's or an agreed one). Returns {from, to} or null.
 */
export function policeRaise(before: RiskGrade | null, after: RiskGrade | null, previousPolice: RiskGrade | null, police: RiskGrade | null) {
  if (!after || !police) return null;
  const rose = !previousPolice || GRADE_RANK[police] > GRADE_RANK[previousPolice];
  const lifted = !before || GRADE_RANK[after] > GRADE_RANK[before];
  return rose && lifted ? { from: before, to: after } : null;
}
