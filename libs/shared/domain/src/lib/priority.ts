import type { CasePriority, MaracReason, PriorityFactor } from './case';

export const MARAC_REASON_LABELS: Record<MaracReason, string> = {
  'visible-high-risk': 'visible high risk',
  'professional-judgement': 'professional judgement',
  'potential-escalation': 'potential escalation',
  repeat: 'repeat within 12 months',
  'police-high-risk': 'police graded high',
};
import type { RiskGrade } from './report';

/**
 * The explainable priority score: a sum of named factors, each shown to the user ("why here?"). Weights are
 * configuration; docs/triage.md justifies the defaults.
 */
export interface PriorityWeights {
  grade: Record<RiskGrade | 'ungraded', number>;
  maracRequired: number;
  strangulation: number;
  weapon: number;
  childrenInHousehold: number;
  childrenPresent: number;
  pregnancy: number;
  repeatVictim: number;
  potentialEscalation: number;
  /** DASH q6: separated or tried to separate within the past year (stand-alone MARAC-guidance marker). */
  separation: number;
  /** DASH q8: stalking or harassment. */
  stalking: number;
  /** DASH q17: threatened to kill the victim or someone else. */
  threatToKill: number;
  /** DASH q19: sexual abuse. */
  sexualAbuse: number;
  /** Points per hour waiting (real time since the hub received the report), capped. */
  waitingPerHour: number;
  waitingCap: number;
  slaNear: number;
  slaBreached: number;
  /** The victim was under 18 on the incident date: a child, so a children's services referral too (children.ts). */
  victimUnder18: number;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  grade: { high: 300, medium: 150, standard: 50, ungraded: 150 },
  maracRequired: 200,
  strangulation: 80,
  weapon: 60,
  childrenInHousehold: 40,
  childrenPresent: 30,
  pregnancy: 50,
  repeatVictim: 30,
  potentialEscalation: 40,
  separation: 50,
  stalking: 50,
  threatToKill: 80,
  sexualAbuse: 60,
  waitingPerHour: 6,
  waitingCap: 120,
  slaNear: 60,
  slaBreached: 150,
  victimUnder18: 50,
};

export interface PriorityFacts {
  grade: RiskGrade | null;
  maracReasons: MaracReason[];
  strangulation: boolean;
  weapon: boolean;
  childrenInHousehold: boolean;
  childrenPresent: boolean;
  pregnant: boolean;
  repeatVictim: boolean;
  /** Risk markers from the police report and the hub's latest answers (risk-markers.ts); omitted = not recorded. */
  separation?: boolean;
  stalking?: boolean;
  threatToKill?: boolean;
  sexualAbuse?: boolean;
  receivedAt: string;
  slaState: 'ok' | 'near' | 'breached';
  victimUnder18?: boolean;
}

export function casePriority(facts: PriorityFacts, now: Date, w: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): CasePriority {
  const factors: PriorityFactor[] = [];
  const add = (factor: string, points: number, label: string) => {
    if (points > 0) factors.push({ factor, points, label });
  };
  add('grade', w.grade[facts.grade ?? 'ungraded'], facts.grade ? `Risk grade: ${facts.grade}` : 'Not yet graded');
  if (facts.maracReasons.length)
    add('marac', w.maracRequired, `MARAC referral: ${facts.maracReasons.map((r) => MARAC_REASON_LABELS[r]).join(', ')}`);
  if (facts.strangulation) add('strangulation', w.strangulation, 'Strangulation or suffocation alleged');
  if (facts.weapon) add('weapon', w.weapon, 'Weapon used');
  if (facts.childrenInHousehold) add('children-in-household', w.childrenInHousehold, 'Children in the household');
  if (facts.childrenPresent) add('children-present', w.childrenPresent, 'Children present at the incident');
  if (facts.pregnant) add('pregnancy', w.pregnancy, 'Pregnant or a baby under 18 months');
  if (facts.separation) add('separation', w.separation, 'Separated or trying to separate (past year)');
  if (facts.stalking) add('stalking', w.stalking, 'Stalking or harassment');
  if (facts.threatToKill) add('threat-to-kill', w.threatToKill, 'Threats to kill');
  if (facts.sexualAbuse) add('sexual-abuse', w.sexualAbuse, 'Sexual abuse');
  if (facts.repeatVictim) add('repeat-victim', w.repeatVictim, 'Repeat victim');
  if (facts.victimUnder18) add('victim-under-18', w.victimUnder18 ?? DEFAULT_PRIORITY_WEIGHTS.victimUnder18, 'Victim under 18');
  if (facts.maracReasons.includes('potential-escalation')) add('potential-escalation', w.potentialEscalation, '3+ incidents in 12 months');
  factors.push(...timePriorityFactors(facts.receivedAt, facts.slaState, now, w));
  return { score: factors.reduce((s, f) => s + f.points, 0), factors };
}

/** The factors that change with time alone (waiting, SLA near or breached); every other factor changes only when the case does. */
export const TIME_PRIORITY_FACTORS: readonly string[] = ['waiting', 'sla-breached', 'sla-near'];

/**
 * The time-dependent factors of casePriority at `now`, last in its list: waiting (capped), then the SLA's. A browser
 * holding a case summary re-scores it with these each minute (summaryAt), so its order moves as the API's would.
 */
export function timePriorityFactors(
  receivedAt: string,
  slaState: 'ok' | 'near' | 'breached',
  now: Date,
  w: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): PriorityFactor[] {
  const factors: PriorityFactor[] = [];
  // In whole milliseconds and one division, so the database computes the same points (the queue orders in SQL:
  // libs/api/cases case-queue.ts).
  const waitedMs = Math.max(0, now.getTime() - Date.parse(receivedAt));
  const waiting = Math.min(w.waitingCap, Math.floor((waitedMs * w.waitingPerHour) / 3600_000));
  if (waiting > 0) factors.push({ factor: 'waiting', points: waiting, label: `Waiting ${Math.floor(waitedMs / 3600_000)} h` });
  if (slaState === 'breached' && w.slaBreached > 0) factors.push({ factor: 'sla-breached', points: w.slaBreached, label: 'SLA breached' });
  else if (slaState === 'near' && w.slaNear > 0) factors.push({ factor: 'sla-near', points: w.slaNear, label: 'SLA near breach' });
  return factors;
}
