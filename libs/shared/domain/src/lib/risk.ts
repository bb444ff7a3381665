import { DateTime } from 'luxon';
import type { MaracReason } from './case';
import { HUB_TIME_ZONE } from './hub-time-zone';
import type { DashAnswer, DashAnswers, RiskGrade } from './report';

/**
 * The police DASH (27 questions, keys q1…q27) and the hub's SafeLives DASH RIC (the same list without police
 * questions 10–12, so 24 questions). Ids are stable; the police number is the key; the RIC number is the
 * question's place in the 24-question checklist (null for the three police-only children questions).
 */
export interface DashQuestion {
  key: `q${number}`;
  policeNumber: number;
  ricNumber: number | null;
  id: string;
  text: string;
}

const TEXTS: Array<[string, string]> = [
  ['injury', 'Has the current incident resulted in injury?'],
  ['very-frightened', 'Are you very frightened?'],
  ['afraid-of-what', 'What are you afraid of? Is it further injury or violence?'],
  ['isolated', 'Do you feel isolated from family or friends?'],
  ['depressed-suicidal', 'Are you feeling depressed or having suicidal thoughts?'],
  ['separation', 'Have you separated or tried to separate from the abuser within the past year?'],
  ['child-contact-conflict', 'Is there conflict over child contact?'],
  ['stalking', 'Does the abuser constantly text, call, contact, follow, stalk or harass you?'],
  ['pregnancy', 'Are you pregnant or have you recently had a baby (within the last 18 months)?'],
  ['children-not-abusers', "Are there any children, stepchildren or other dependants in the household that are not the abuser's?"],
  ['abuser-hurt-children', 'Has the abuser ever hurt the children or dependants?'],
  ['abuser-threatened-children', 'Has the abuser ever threatened to hurt or kill the children or dependants?'],
  ['more-often', 'Is the abuse happening more often?'],
  ['getting-worse', 'Is the abuse getting worse?'],
  ['controlling-jealous', 'Does the abuser try to control everything you do and/or are they excessively jealous?'],
  ['weapons', 'Has the abuser ever used weapons or objects to hurt you?'],
  ['threat-to-kill', 'Has the abuser ever threatened to kill you or someone else and you believed them?'],
  ['strangulation', 'Has the abuser ever attempted to strangle, choke, suffocate or drown you?'],
  [
    'sexual-abuse',
    'Does the abuser do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?',
  ],
  ['third-party-threats', 'Is there any other person who has threatened you or who you are afraid of?'],
  ['hurt-anyone-else', 'Do you know if the abuser has hurt anyone else?'],
  ['animal-abuse', 'Has the abuser ever mistreated an animal or the family pet?'],
  [
    'financial-issues',
    'Are there any financial issues? For example, are you dependent on the abuser for money, or have they recently lost their job?',
  ],
  [
    'abuser-problems',
    'Has the abuser had problems in the past year with drugs, alcohol or mental health, leading to problems in leading a normal life?',
  ],
  ['abuser-suicide', 'Has the abuser ever threatened or attempted suicide?'],
  [
    'breach-of-bail',
    'Has the abuser ever broken bail, an injunction and/or a formal agreement about when they can see you and/or the children?',
  ],
  ['criminal-history', 'Do you know if the abuser has ever been in trouble with the police or has a criminal history?'],
];

/** Police DASH questions 10–12 are about children and dependants; the RIC leaves them out of the score. */
export const POLICE_ONLY_QUESTIONS: readonly number[] = [10, 11, 12];

export const DASH_QUESTIONS: readonly DashQuestion[] = TEXTS.map(([id, text], i) => {
  const policeNumber = i + 1;
  const ricNumber = POLICE_ONLY_QUESTIONS.includes(policeNumber) ? null : policeNumber < 10 ? policeNumber : policeNumber - 3;
  return { key: `q${policeNumber}`, policeNumber, ricNumber, id, text };
});

export const RIC_QUESTIONS: readonly DashQuestion[] = DASH_QUESTIONS.filter((q) => q.ricNumber !== null);

export const DASH_KEY = /^q([1-9]|1[0-9]|2[0-7])$/;

/** Score bands; local bands vary, so they are configuration. A score ≥ high is visible high risk. */
export interface RiskBands {
  high: number;
  medium: number;
}
export const DEFAULT_RISK_BANDS: RiskBands = { high: 14, medium: 10 };

/**
 * A score below the high band that its open answers could carry into it (13 yes and 1 not known). "Not known" and
 * "declined" never count as yes (SafeLives), but those answers are what to ask again when it is safe to, and what
 * professional judgement weighs: the checklist says so rather than showing a medium grade as settled. Pass the count
 * of both: a question the victim declined is as open as one nobody could answer (session 40: 13 yes and 11 declined
 * showed a settled medium).
 */
export function notKnownCouldReachHigh(score: number, open: number, bands: RiskBands = DEFAULT_RISK_BANDS): boolean {
  return score < bands.high && score + open >= bands.high;
}

export const GRADE_RANK: Record<RiskGrade, number> = { standard: 0, medium: 1, high: 2 };

/** Number of "yes" among the 24 RIC questions (police-only 10–12 never count). */
export function ricScore(answers: DashAnswers): number {
  return RIC_QUESTIONS.filter((q) => answers[q.key] === 'yes').length;
}

export function gradeForScore(score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskGrade {
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return 'standard';
}

/** The hub checklist pre-filled from the police DASH: the same keys where the questions match. */
export function prefillFromPolice(police: DashAnswers | undefined): DashAnswers {
  const out: DashAnswers = {};
  for (const q of DASH_QUESTIONS) {
    const a: DashAnswer | undefined = police?.[q.key];
    if (a) out[q.key] = a;
  }
  return out;
}

export interface RiskJudgement {
  grade: RiskGrade;
  rationale: string;
}

/**
 * The MARAC criteria that come from history, as configuration (TriageRulesConfig `marac`): potential escalation is
 * `escalationIncidents` DA incidents (this one included) within `escalationWindowMonths`; repeat is a new incident
 * for the same victim and perpetrator within `repeatWindowMonths` after a recorded MARAC referral. Most areas use
 * 3 in 12 months (SafeLives); some set their own (Kent: 3 in 6).
 */
export interface MaracRules {
  escalationIncidents: number;
  escalationWindowMonths: number;
  repeatWindowMonths: number;
}
export const DEFAULT_MARAC_RULES: MaracRules = { escalationIncidents: 3, escalationWindowMonths: 12, repeatWindowMonths: 12 };

/** One recorded MARAC referral of the victim, as the history criteria need it. */
export interface MaracReferralFact {
  /** When it was recorded (ISO). */
  referredAt: string;
  /** The police person id of the perpetrator it was about (the case's suspect when recorded), or null if unknown. */
  perpetratorPersonId: string | null;
  /** The case it was recorded on. */
  caseId?: string;
}

/** Facts about the victim's history that MARAC criteria need besides the checklist. */
export interface MaracContext {
  /** When this incident happened (ISO). */
  incidentAt: string;
  /** Police-known DA incidents in the 12 months before this one (the report's previousIncidents12Months). */
  previousIncidents12Months: number;
  /** When the victim's other hub cases' incidents happened (ISO), for counting incidents in 12 months. */
  linkedIncidentsAt: string[];
  /** The victim's last recorded MARAC referral before this incident (ISO), any perpetrator, if ever. */
  lastMaracReferralAt: string | null;
  /** The police person id of this incident's suspect; null when the report names none (unknown). */
  perpetratorPersonId?: string | null;
  /**
   * The victim's recorded MARAC referrals (every case of the victim), newest first. When absent, lastMaracReferralAt
   * stands for a referral whose perpetrator is unknown.
   */
  maracReferrals?: MaracReferralFact[];
  /** The hub's MARAC rules these facts are judged by (the API sends its configuration); defaults otherwise. */
  rules?: MaracRules;
}

export const ESCALATION_INCIDENTS = DEFAULT_MARAC_RULES.escalationIncidents;

/**
 * Remembers the last few thousand answers of a pure function of a string: the MARAC history criteria compare every
 * incident of a victim with every other (a late report recomputes each later case), and a time zone look-up per
 * comparison was most of intake's time for a victim with a long history (issue 16).
 */
function memoised(fn: (key: string) => string, size = 5_000): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= size) known.clear();
      value = fn(key);
      known.set(key, value);
    }
    return value;
  };
}

/** The calendar date (yyyy-mm-dd) of an instant in the hub's zone (London), for "within N months": a day's time never moves the edge. */
const londonDay = memoised((at) => DateTime.fromISO(at, { zone: HUB_TIME_ZONE }).toISODate() as string);

/** The calendar date `months` months after a date (the month's last day when it has no such date). Key: `date|months`. */
const monthsOn = memoised((key) => {
  const [date, months] = key.split('|');
  return DateTime.fromISO(date, { zone: 'utc' })
    .plus({ months: Number(months) })
    .toISODate() as string;
});

/**
 * True when `later` falls within `months` calendar months after `earlier`, read as London calendar dates: the
 * edge is the same date `months` months on (the month's last day when it has no such date: 31 Aug + 6 months =
 * 28/29 Feb). Exactly N months is inside; N months and one day is outside. `later` before `earlier` is not within.
 */
export function withinMonths(earlier: string, later: string, months: number): boolean {
  if (Date.parse(later) < Date.parse(earlier)) return false;
  // ISO dates compare as strings.
  return londonDay(later) <= monthsOn(`${londonDay(earlier)}|${months}`);
}

/**
 * DA incidents in the escalation window up to and including this one. The police count and the hub's own linked
 * cases describe the same history, so the larger of the two is taken (adding them would count incidents twice).
 * The police count covers 12 months and has no dates: it is used for a window of 12 months or more, never for a
 * shorter one (it cannot be split, and would turn "3 in 6" into "3 in 12"); there only dated incidents count.
 */
export function incidentsIn12Months(ctx: MaracContext, rules: MaracRules = ctx.rules ?? DEFAULT_MARAC_RULES): number {
  const linked = ctx.linkedIncidentsAt.filter(
    (at) => Date.parse(at) < Date.parse(ctx.incidentAt) && withinMonths(at, ctx.incidentAt, rules.escalationWindowMonths),
  ).length;
  const police = rules.escalationWindowMonths >= 12 ? ctx.previousIncidents12Months : 0;
  return Math.max(police, linked) + 1;
}

/**
 * Same perpetrator, fail-safe: two known police person ids must be equal; when either side is unknown (no suspect,
 * or a suspect police did not identify) they count as the same, so a possible repeat goes to MARAC rather than
 * being missed.
 */
export function samePerpetrator(a: string | null | undefined, b: string | null | undefined): boolean {
  return !a || !b || a === b;
}

/**
 * The recorded referral that makes this incident a repeat (SafeLives: a new incident between the same victim and
 * perpetrator(s) within 12 months of the last MARAC referral), or null. A referral counts when it was recorded
 * before this incident happened, the incident is within the repeat window after it, and the perpetrator is the
 * same (samePerpetrator). The latest such referral is returned.
 */
export function repeatReferral(ctx: MaracContext, rules: MaracRules = ctx.rules ?? DEFAULT_MARAC_RULES): MaracReferralFact | null {
  const referrals: MaracReferralFact[] =
    ctx.maracReferrals ?? (ctx.lastMaracReferralAt ? [{ referredAt: ctx.lastMaracReferralAt, perpetratorPersonId: null }] : []);
  const incident = Date.parse(ctx.incidentAt);
  const matches = referrals
    .filter((r) => Date.parse(r.referredAt) < incident)
    .filter((r) => withinMonths(r.referredAt, ctx.incidentAt, rules.repeatWindowMonths))
    .filter((r) => samePerpetrator(r.perpetratorPersonId, ctx.perpetratorPersonId))
    .sort((a, b) => Date.parse(b.referredAt) - Date.parse(a.referredAt));
  return matches[0] ?? null;
}

/**
 * Potential escalation is not ruled out when the police report left its count of previous incidents out (the
 * contract's `previousIncidents12Months` is optional, and is stored as 0): the hub's own cases of hers may be all it
 * knows, and they fall short. The caseworker checks police systems before taking "no escalation" as settled (a rules
 * review, session 40, noted it; built session 41). False when the count was given, when the window is under 12 months
 * (the police count is not used there) or when the hub's own history already meets the criterion.
 */
export function escalationNotRuledOut(
  ctx: MaracContext,
  policeCountRecorded: boolean,
  rules: MaracRules = ctx.rules ?? DEFAULT_MARAC_RULES,
): boolean {
  if (policeCountRecorded || rules.escalationWindowMonths < 12) return false;
  return incidentsIn12Months(ctx, rules) < rules.escalationIncidents;
}

/** MARAC criteria that do not depend on the checklist: potential escalation and repeat. */
export function historyReasons(ctx: MaracContext, rules: MaracRules = ctx.rules ?? DEFAULT_MARAC_RULES): MaracReason[] {
  const reasons: MaracReason[] = [];
  if (incidentsIn12Months(ctx, rules) >= rules.escalationIncidents) reasons.push('potential-escalation');
  if (repeatReferral(ctx, rules)) reasons.push('repeat');
  return reasons;
}

/** What is wrong with a MARAC rules configuration, in words (empty when it is fine). */
export function checkMaracRules(r: unknown): string[] {
  const errors: string[] = [];
  const o = (r ?? {}) as Record<string, unknown>;
  const intIn = (k: keyof MaracRules, min: number, max: number) => {
    const v = o[k];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max)
      errors.push(`marac.${k} must be an integer from ${min} to ${max}`);
  };
  if (!r || typeof r !== 'object' || Array.isArray(r)) return ['marac must be an object'];
  intIn('escalationIncidents', 2, 20);
  intIn('escalationWindowMonths', 1, 36);
  intIn('repeatWindowMonths', 1, 36);
  for (const k of Object.keys(o))
    if (!['escalationIncidents', 'escalationWindowMonths', 'repeatWindowMonths'].includes(k)) errors.push(`marac.${k} is not a MARAC rule`);
  return errors;
}

export interface RiskAssessmentResult {
  score: number;
  /** The grade the score alone gives. */
  scoreGrade: RiskGrade;
  /** The grade after professional judgement (never lower than scoreGrade). */
  grade: RiskGrade;
  judgement: RiskJudgement | null;
  marac: { required: boolean; reasons: MaracReason[] };
}

export class RiskJudgementError extends Error {
  constructor(
    readonly code: 'judgement-lowers-grade' | 'judgement-rationale-required',
    message: string,
  ) {
    super(message);
  }
}

/** MARAC reasons in the order they are shown. */
export const REASON_ORDER: MaracReason[] = [
  'visible-high-risk',
  'police-high-risk',
  'professional-judgement',
  'potential-escalation',
  'repeat',
];

/**
 * Scores a completed checklist and applies professional judgement and the MARAC criteria. A judgement may
 * raise the grade, with a written rationale; one that would lower it is refused (RiskJudgementError).
 */
export function assessRisk(
  answers: DashAnswers,
  judgement: RiskJudgement | null | undefined,
  ctx: MaracContext,
  bands: RiskBands = DEFAULT_RISK_BANDS,
  maracRules: MaracRules = ctx.rules ?? DEFAULT_MARAC_RULES,
): RiskAssessmentResult {
  const score = ricScore(answers);
  const scoreGrade = gradeForScore(score, bands);
  let grade = scoreGrade;
  if (judgement) {
    if (GRADE_RANK[judgement.grade] < GRADE_RANK[scoreGrade]) {
      throw new RiskJudgementError(
        'judgement-lowers-grade',
        `Professional judgement may raise the grade but never lower it: the score ${score} gives ${scoreGrade}.`,
      );
    }
    if (!judgement.rationale || !judgement.rationale.trim()) {
      throw new RiskJudgementError('judgement-rationale-required', 'A professional judgement needs a written rationale.');
    }
    grade = judgement.grade;
  }
  const reasons = new Set<MaracReason>(historyReasons(ctx, maracRules));
  if (score >= bands.high) reasons.add('visible-high-risk');
  if (judgement && grade === 'high' && GRADE_RANK[grade] > GRADE_RANK[scoreGrade]) reasons.add('professional-judgement');
  const ordered = REASON_ORDER.filter((r) => reasons.has(r));
  return {
    score,
    scoreGrade,
    grade,
    judgement: judgement ?? null,
    marac: { required: ordered.length > 0, reasons: ordered },
  };
}
