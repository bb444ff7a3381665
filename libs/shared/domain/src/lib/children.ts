import { HUB_TIME_ZONE } from './hub-time-zone';
import type { DashAnswer, PoliceReport } from './report';

/**
 * Children and under-18s (issue 12, parts 4 and 5): who in a report is a child, and whether children live in the
 * household. Pure; docs/triage.md "Children and under-18s" gives the rules and their sources (DA Act 2021 s.1–3,
 * Children Act 1989 s.17/s.47, Working Together to Safeguard Children 2023, SafeLives Young People's DASH RIC).
 */

/** One formatter for every call: building an Intl.DateTimeFormat costs far more than formatting with it. */
const HUB_DATE_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE });

/** The calendar date (YYYY-MM-DD) of an instant in the hub's time zone (Europe/London). */
export function hubDate(instant: string | Date): string {
  return HUB_DATE_FORMAT.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * Age in whole years on `date` (YYYY-MM-DD) from a date of birth (YYYY-MM-DD); null when either is missing or not a
 * date. On the birthday itself the person is that age. Someone born on 29 February has their birthday on 1 March in
 * a common year (28 February they are still the younger age), as English law reckons it.
 */
export function ageOnDate(dateOfBirth: string | null | undefined, date: string | null | undefined): number | null {
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth ?? '');
  const on = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!dob || !on) return null;
  const [y, m, d] = dob.slice(1).map(Number);
  const [ty, tm, td] = on.slice(1).map(Number);
  const age = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  return age >= 0 ? age : null;
}

/** The three ages that change the route (DA Act 2021 s.1: both people 16 or over; a child is under 18). */
export const DA_ACT_MIN_AGE = 16;
export const ADULT_AGE = 18;

export interface AgeFacts {
  /** The victim's age on the incident date (Europe/London), or null when the report gives no date of birth. */
  victimAge: number | null;
  suspectAge: number | null;
  victimUnder18: boolean;
  victimUnder16: boolean;
  suspectUnder18: boolean;
}

/**
 * Ages on the day of the incident (its date in Europe/London): the DA Act definition and "child" are about the people
 * when the abuse happened, and the date does not move as the case ages. An unknown age gives false flags (and "age
 * not known" where it is shown), never a guess.
 */
export function ageFacts(victimAge: number | null, suspectAge: number | null): AgeFacts {
  return {
    victimAge,
    suspectAge,
    victimUnder18: victimAge !== null && victimAge < ADULT_AGE,
    victimUnder16: victimAge !== null && victimAge < DA_ACT_MIN_AGE,
    suspectUnder18: suspectAge !== null && suspectAge < ADULT_AGE,
  };
}

export function reportAgeFacts(
  report: Pick<PoliceReport, 'incident' | 'victim' | 'suspect'> & { source?: Pick<PoliceReport['source'], 'system'> },
): AgeFacts {
  const on = report.incident?.occurredAt ? hubDate(report.incident.occurredAt) : null;
  return ageFacts(ageOnDate(report.victim?.dateOfBirth, on) ?? officerAppVictimAge(report), ageOnDate(report.suspect?.dateOfBirth, on));
}

/**
 * The officer app's line for a victim's age given at the scene instead of a date of birth: the police contract has no
 * age field, so the app (Lantern's own, officer-draft buildReport) writes it at the end of the summary in these exact
 * words, and the hub reads it back (officerAppVictimAge). One definition for both sides.
 */
export function officerAppAgeLine(age: number): string {
  return `\n\nVictim's age as given at the scene: ${age} (date of birth not given).`;
}

const OFFICER_APP_AGE_LINE = /\n\nVictim's age as given at the scene: (\d{1,3}) \(date of birth not given\)\.$/;

/**
 * The victim's age the officer gave at the scene (the scene is the incident), from a report of the officer app
 * without a date of birth; null otherwise. Before (a referral review, session 41), a 17-year-old recorded by age read
 * as "age not known" at the hub: no under-18 flags, no children's-services route, no closing rule. Only the officer
 * app's own reports (source.system `officer-app`) are read: another system's summary is the officer's prose.
 */
export function officerAppVictimAge(
  report: Pick<PoliceReport, 'incident' | 'victim'> & { source?: Pick<PoliceReport['source'], 'system'> },
): number | null {
  if (report.source?.system !== 'officer-app' || report.victim?.dateOfBirth) return null;
  const m = OFFICER_APP_AGE_LINE.exec(report.incident?.summary ?? '');
  return m ? Number(m[1]) : null;
}

/** Police DASH questions about children: 9 pregnant or a baby under 18 months, 10 children/dependants not the abuser's in the household, 11 abuser has hurt them, 12 threatened to hurt or kill them. */
export const DASH_CHILDREN_QUESTIONS = ['q9', 'q10', 'q11', 'q12'] as const;
export type DashChildrenKey = (typeof DASH_CHILDREN_QUESTIONS)[number];

export const DASH_CHILDREN_TEXT: Record<DashChildrenKey, string> = {
  q9: 'Is the victim pregnant or has she had a baby in the last 18 months?',
  q10: 'Are there any children, step-children or other dependants in the household that are not the abuser’s?',
  q11: 'Has the abuser ever hurt the children or dependants?',
  q12: 'Has the abuser ever threatened to hurt or kill the children or dependants?',
};

/**
 * The police DASH children questions in a few words, named by their police number and words (never "Q11" alone: the
 * hub's own checklist numbers its questions differently, and its question 11 is another question).
 */
const DASH_CHILDREN_SHORT: Record<'q10' | 'q11' | 'q12', string> = {
  q10: 'children in the household who are not the abuser’s',
  q11: 'the abuser has hurt the children',
  q12: 'the abuser has threatened to hurt or kill the children',
};

function policeQuestions(keys: ReadonlyArray<'q10' | 'q11' | 'q12'>): string {
  const named = keys.map((k) => `${k.slice(1)} (${DASH_CHILDREN_SHORT[k]})`);
  const joined = named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return `Police DASH question${keys.length === 1 ? '' : 's'} ${joined}`;
}

export interface ChildrenFacts {
  /** Children listed in the report. */
  listed: number;
  /** A listed child lives with the victim (not stated counts as yes: the safer assumption). */
  listedInHousehold: boolean;
  /** Police DASH q10, q11 or q12 answered "yes". */
  dashSaysChildren: boolean;
  /** Children in the household: the list, or the police DASH children answers (either is enough). */
  childrenInHousehold: boolean;
  /** The report's list and the police DASH disagree: the hub must find out (shown on the case). */
  childrenConflict: boolean;
  /** Why, in words, for the case; null when nothing disagrees. */
  childrenNote: string | null;
  /** Pregnant or a baby under 18 months: victim.pregnant or police DASH q9. An unborn or new baby is a child to safeguard. */
  pregnant: boolean;
  /** The police DASH children answers as sent (a missing key: not asked). */
  dash: Partial<Record<DashChildrenKey, DashAnswer>>;
}

export function childrenFacts(report: Pick<PoliceReport, 'children' | 'officerRiskAssessment' | 'victim'>): ChildrenFacts {
  const list = report.children ?? [];
  const dashAll = report.officerRiskAssessment?.dash ?? {};
  const dash: ChildrenFacts['dash'] = {};
  for (const k of DASH_CHILDREN_QUESTIONS) if (dashAll[k]) dash[k] = dashAll[k];
  const listedInHousehold = list.some((c) => c.livesWithVictim !== false);
  const yes = (['q10', 'q11', 'q12'] as const).filter((k) => dash[k] === 'yes');
  const dashSaysChildren = yes.length > 0;
  const notes: string[] = [];
  if (dashSaysChildren && !listedInHousehold) {
    const which = policeQuestions(yes);
    notes.push(
      list.length
        ? `${which} answered "yes" but every child the report lists lives elsewhere: treat children as in the household and ask the officer who lives there.`
        : `${which} answered "yes" but the report lists no children: treat children as in the household and ask the officer for their names, ages and where they live.`,
    );
  }
  if (listedInHousehold && dash.q10 === 'no') {
    const n = list.filter((c) => c.livesWithVictim !== false).length;
    notes.push(
      `The report lists ${n === 1 ? 'a child' : `${n} children`} living with the victim but police DASH question 10 (children in the household who are not the abuser’s) answered "no": check whether ${n === 1 ? 'the child is' : 'they are'} the suspect’s own and who lives in the household.`,
    );
  }
  return {
    listed: list.length,
    listedInHousehold,
    dashSaysChildren,
    childrenInHousehold: listedInHousehold || dashSaysChildren,
    childrenConflict: notes.length > 0,
    childrenNote: notes.length ? notes.join(' ') : null,
    pregnant: report.victim?.pregnant === true || dash.q9 === 'yes',
    dash,
  };
}

/**
 * What the report leaves open about children when it lists none: each a reason to ask before children's services are
 * ruled out (a child who sees, hears or experiences the abuse is a victim in their own right, DA Act 2021 s.3; a
 * statutory referral is never refused for a fact nobody recorded). Empty when the report lists a child (the other
 * rules then decide) or says plainly there are none: a `children` list, even empty, and no police DASH children answer
 * "not known" or "declined".
 */
export function childrenUnknown(report: Pick<PoliceReport, 'children' | 'officerRiskAssessment'>): string[] {
  if (report.children?.length) return [];
  const dash = report.officerRiskAssessment?.dash ?? {};
  const reasons: string[] = [];
  if (report.children === undefined) reasons.push('the report does not say whether there are children');
  // Declining to say is as open as not knowing (a victim may decline for fear of what a referral brings): neither
  // rules children out.
  const notKnown = (['q10', 'q11', 'q12'] as const).filter((k) => dash[k] === 'not-known');
  if (notKnown.length) reasons.push(`${policeQuestions(notKnown)} answered "not known"`);
  const declined = (['q10', 'q11', 'q12'] as const).filter((k) => dash[k] === 'declined');
  if (declined.length) reasons.push(`${policeQuestions(declined)} answered "declined"`);
  // Conflict over child contact means a child: the victim's and the suspect's, wherever the child lives.
  if (dash['q7'] === 'yes')
    reasons.push('police DASH question 7 (conflict over child contact) answered "yes" but the report lists no children');
  return reasons;
}

/** The exact reason every adult service gives for a victim under 16 (issue 12, part 5). */
export const OUTSIDE_DA_ACT_REASON = 'Outside the DA Act 2021 definition (both people 16 or over): child-protection route';

/**
 * A 16- or 17-year-old victim is a victim of domestic abuse and a child: they keep the adult route and are offered
 * SafeLives' Young People's DASH RIC, built for 13–17-year-olds. Under 16 the child-protection route leads instead.
 */
export function offersYoungPeoplesDash(a: Pick<AgeFacts, 'victimUnder18' | 'victimUnder16'>): boolean {
  return a.victimUnder18 && !a.victimUnder16;
}

/** "15", or "age not known": how an age is shown beside a flag. */
export function ageInWords(age: number | null): string {
  return age === null ? 'age not known' : `${age}`;
}

/** Whether the victim was (or will be) told of a statutory children's-services referral, or why not. */
export const VICTIM_INFORMED_VALUES = ['yes', 'no-risk-to-child'] as const;
export type VictimInformed = (typeof VICTIM_INFORMED_VALUES)[number];

/**
 * What the police report contract (police-da-report.v1) does not carry that a children's-services front door (MASH)
 * asks for: shown in the dataset so the hub knows to find it out, and listed in docs/referrals.md.
 */
export const CHILDREN_FIELDS_NOT_IN_CONTRACT = [
  'child’s surname and date of birth',
  'child’s address where it is not the victim’s',
  'the child’s other parent',
  'the suspect’s relationship to each child',
  'school or nursery',
  'GP, health visitor and other professionals involved',
] as const;

/**
 * What the hub decided about children's services for the children in the household (or an unborn or new baby), when
 * it sends no referral of its own. A DA household with children is a safeguarding question for every agency (DA Act
 * 2021 s.3: a child who sees, hears or experiences the abuse is a victim; Working Together to Safeguard Children 2023):
 * a case does not close with that question unanswered. A referral sent through Lantern answers it by itself; else a
 * caseworker records one of these, with why (closingBlockers, `childrens-services-decision-required`).
 */
export const CHILDRENS_SERVICES_DECISIONS = ['police-notified', 'already-involved', 'not-needed'] as const;
export type ChildrensServicesDecisionCode = (typeof CHILDRENS_SERVICES_DECISIONS)[number];

export const CHILDRENS_SERVICES_DECISION_LABELS: Record<ChildrensServicesDecisionCode, string> = {
  'police-notified': 'The police have notified children’s services',
  'already-involved': 'Children’s services already work with the family',
  'not-needed': 'No referral needed (professional judgement)',
};

/** A recorded decision, as the case shows it (CaseDetail.childrensServices). */
export interface ChildrensServicesDecision {
  decision: ChildrensServicesDecisionCode;
  /** The caseworker's words: who at children's services, the police reference, or why none is needed. */
  reason: string;
  at: string;
  by: { id: string; displayName: string };
}

/** Why a decision cannot answer the question: the victim's own referral, or harm to the children. */
export type ChildrensServicesReferralRequired = 'victim-under-18' | 'harm-to-children';

/** CaseDetail.childrensServices: whether the closing rule asks about children, and what answers it. */
export interface ChildrensServicesState {
  /** The case has children to safeguard, or leaves them unclear (`reasons` says which): the closing rule asks. */
  childrenToSafeguard: boolean;
  /** Why, in words (childrenToSafeguardReasons); empty when nothing does. */
  reasons: string[];
  /** Only a sent referral answers it (a decision is refused): why, or null when a decision may. */
  referralRequired: ChildrensServicesReferralRequired | null;
  /** A children's services referral is sent for this case (not a draft, not revoked or withdrawn). */
  referred: boolean;
  /** The latest decision recorded, or null. */
  decision: ChildrensServicesDecision | null;
  /**
   * The latest decision answers the rule now: recorded on the current police revision, since the case was last
   * reopened, and weighing every reason the case gives now. A new revision, a reopening or a new reason (a newer hub
   * checklist) may bring what the decision did not weigh: it is made again.
   */
  decisionInForce: boolean;
}

/**
 * Why a case has children to safeguard, in words, from its current report, the hub's latest checklist answers and
 * the case's own flags; empty when nothing does. Any child the report names (at home, present at the incident, or
 * living elsewhere: contact with the abuser goes on), a pregnancy or a baby under 18 months, and what the report leaves
 * unclear (`childrenUnknown`: no children list, "not known" or "declined" to the DASH children questions, conflict
 * over child contact). Each is a question the hub answers before the case closes: a child who sees, hears or
 * experiences the abuse is a victim in their own right (DA Act 2021 s.3), and every agency that meets such a household
 * considers the children (Working Together to Safeguard Children 2023).
 */
export function childrenToSafeguardReasons(
  report: Pick<PoliceReport, 'children' | 'officerRiskAssessment' | 'victim'>,
  hubAnswers: Partial<Record<string, DashAnswer>> | null,
  flags: { childrenInHousehold: boolean; pregnant: boolean },
): string[] {
  const facts = childrenFacts(report);
  const list = report.children ?? [];
  const out: string[] = [];
  if (flags.childrenInHousehold) out.push('children live in the household');
  if (list.some((c) => c.presentAtIncident)) out.push('a child was present at the incident');
  if (list.length && !facts.listedInHousehold && !facts.dashSaysChildren && !flags.childrenInHousehold)
    out.push('the report lists children who live elsewhere');
  if (flags.pregnant || facts.pregnant || hubAnswers?.['q9'] === 'yes') out.push('she is pregnant or has a baby under 18 months');
  out.push(...childrenUnknown(report));
  // The hub's own checklist records questions 10–12 too (never scored): what it left open is open.
  const hubOpen = (['q10', 'q11', 'q12'] as const).filter((k) => hubAnswers?.[k] === 'not-known' || hubAnswers?.[k] === 'declined');
  if (hubOpen.length) out.push(`the hub's checklist left ${policeQuestions(hubOpen).replace(/^Police DASH q/, 'DASH q')} open`);
  return out;
}

/**
 * The abuser has hurt the children or threatened to hurt or kill them (police or hub DASH question 11 or 12 "yes"):
 * a concern of significant harm, which Working Together 2023 says is referred to children's social care, never
 * assumed to be someone else's referral. Only a sent referral (or a team lead's override) answers the closing rule.
 */
export function harmToChildren(
  report: Pick<PoliceReport, 'officerRiskAssessment'>,
  hubAnswers: Partial<Record<string, DashAnswer>> | null,
): boolean {
  const police = report.officerRiskAssessment?.dash ?? {};
  return (['q11', 'q12'] as const).some((k) => police[k] === 'yes' || hubAnswers?.[k] === 'yes');
}
