import { DateTime } from 'luxon';
import type { CaseStatus } from './case';
import { HUB_TIME_ZONE } from './hub-time-zone';
import type { RiskGrade } from './report';

/**
 * The case lifecycle as one table: from → the statuses it may move to. `closed`, `unable-to-contact` and
 * `declined` are closing paths; reopening (back to `triage`) is explicit.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triage', 'contacting', 'closed', 'declined'],
  triage: ['contacting', 'assessment', 'closed', 'declined', 'unable-to-contact'],
  contacting: ['assessment', 'unable-to-contact', 'declined', 'closed', 'triage'],
  assessment: ['support', 'closed', 'declined', 'contacting'],
  support: ['closed', 'assessment'],
  closed: ['triage'],
  'unable-to-contact': ['triage'],
  declined: ['triage'],
};

export const CLOSING_STATUSES: readonly CaseStatus[] = ['closed', 'unable-to-contact', 'declined'];

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from]?.includes(to) ?? false;
}

/** A move out of a closing status is a reopen, and needs a reason like every closure. */
export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return CLOSING_STATUSES.includes(from) && !CLOSING_STATUSES.includes(to);
}

export function needsReason(from: CaseStatus, to: CaseStatus): boolean {
  return CLOSING_STATUSES.includes(to) || isReopen(from, to);
}

/** Why a case closed, for the outcomes dashboard ("closures by reason"). */
export const CLOSURE_REASONS = [
  'support-completed',
  'referred-on',
  'no-further-action',
  'duplicate',
  'unable-to-contact',
  'victim-declined',
  'other',
  /** Unable to contact: the hub hands the case back to the referring police team with a note (see docs/casework.md). */
  'returned-to-referrer',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** The reasons each closing status allows; the first is the default when none is given. */
export const CLOSURE_REASONS_BY_STATUS: Readonly<Record<'closed' | 'unable-to-contact' | 'declined', readonly ClosureReason[]>> = {
  closed: ['other', 'support-completed', 'referred-on', 'no-further-action', 'duplicate'],
  'unable-to-contact': ['unable-to-contact', 'returned-to-referrer'],
  declined: ['victim-declined'],
};

/** Closing rules, as configuration (TriageRulesConfig `closing`). */
export interface ClosingRules {
  /** Different London days with a contact attempt before a high-risk case may close as unable to contact. */
  unableToContactAttemptDays: number;
}
export const DEFAULT_CLOSING_RULES: ClosingRules = { unableToContactAttemptDays: 3 };

/** What is wrong with a closing rules configuration, in words (empty when it is fine). */
export function checkClosingRules(r: unknown): string[] {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return ['closing must be an object'];
  const o = r as Record<string, unknown>;
  const errors: string[] = [];
  const v = o['unableToContactAttemptDays'];
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 14)
    errors.push('closing.unableToContactAttemptDays must be an integer from 1 to 14');
  for (const k of Object.keys(o)) if (k !== 'unableToContactAttemptDays') errors.push(`closing.${k} is not a closing rule`);
  return errors;
}

/** The number of different London calendar days among these instants (ISO): "attempts on 3 different days". */
export function londonDaysCount(instants: readonly string[]): number {
  return new Set(instants.map((at) => DateTime.fromISO(at, { zone: HUB_TIME_ZONE }).toISODate())).size;
}

/** What the closing rules need to know about a case and the move. */
export interface ClosingFacts {
  /** The case's current grade (after any hub assessment or team-lead decision), or null. */
  grade: RiskGrade | null;
  /** The case meets MARAC criteria now. */
  maracRequired: boolean;
  /** A MARAC referral is recorded for this case. */
  maracReferred: boolean;
  /** Different London days with a contact attempt on this case. */
  contactAttemptDays: number;
  /** The victim was under 18 on the incident date (flags.victimUnder18). */
  victimUnder18?: boolean;
  /** Under 16: outside the DA Act 2021 definition, the child-protection route (flags.victimUnder16). */
  victimUnder16?: boolean;
  /** A children's services referral has been sent for this case (not a draft, not revoked or withdrawn). */
  childrensServicesReferred?: boolean;
  /** The case has children to safeguard, or leaves them unclear (childrenToSafeguardReasons). */
  childrenToSafeguard?: boolean;
  /** The abuser has hurt or threatened the children (harmToChildren): only a sent referral answers. */
  harmToChildren?: boolean;
  /** A decision about children's services is in force (ChildrensServicesState.decisionInForce). */
  childrensServicesDecided?: boolean;
}

export type ClosingBlockerCode =
  | 'marac-referral-required'
  | 'contact-attempts-required'
  | 'childrens-services-referral-required'
  | 'childrens-services-decision-required';

/** The problem title of each closing rule's refusal. */
export const CLOSING_BLOCKER_TITLES: Record<ClosingBlockerCode, string> = {
  'marac-referral-required': 'MARAC referral required',
  'contact-attempts-required': 'Contact attempts required',
  'childrens-services-referral-required': "Children's services referral required",
  'childrens-services-decision-required': "Children's services decision required",
};

export interface ClosingBlocker {
  code: ClosingBlockerCode;
  message: string;
}

/**
 * A case MARAC takes as high risk: graded high (the hub's grade, else the officer's) or meeting a MARAC criterion.
 * One definition for no quiet closing (below), for a MARAC referral that needs no professional-judgement note or
 * lawful basis (MaracReferralsService), and for the Risk tab's panel that asks for them.
 */
export function maracCriterionMet(c: { grade: RiskGrade | null; maracRequired: boolean }): boolean {
  return c.grade === 'high' || c.maracRequired;
}

/**
 * Whether the case's details may go to MARAC (a referral recorded, or the form downloaded): a MARAC criterion met (the
 * local MARAC protocol is the basis, whatever she said), or else, professional judgement, her consent to share or a
 * lawful basis a team lead recorded (ICO data sharing code; SafeLives). The API refuses otherwise
 * (422 consent-or-basis-required) and the workbench says so instead of offering the form.
 */
export function maracSharingAllowed(c: {
  grade: RiskGrade | null;
  maracRequired: boolean;
  sharing: string | null;
  basisRecorded: boolean;
}): boolean {
  return maracCriterionMet(c) || c.sharing === 'given' || c.basisRecorded;
}

/**
 * No quiet closing. A case MARAC treats as high risk (graded high, or meeting a MARAC criterion) may not enter a
 * closing status without a MARAC referral recorded for it; and may not close as unable to contact before contact
 * was attempted on `unableToContactAttemptDays` different London days. A child victim needs her own children's
 * services referral; children in the household (or pregnancy) a referral or a recorded decision. Empty = nothing
 * blocks. A team lead may still close it with a written reason (the caller checks that; the override is audited).
 */
export function closingBlockers(to: CaseStatus, facts: ClosingFacts, rules: ClosingRules = DEFAULT_CLOSING_RULES): ClosingBlocker[] {
  if (!CLOSING_STATUSES.includes(to)) return [];
  const out: ClosingBlocker[] = [];
  // A child victim is a child in need of protection whatever the grade (Children Act 1989 s.47; Working Together
  // 2023): the case never closes before children's services have the victim's own referral.
  if (facts.victimUnder18 && !facts.childrensServicesReferred) {
    out.push({
      code: 'childrens-services-referral-required',
      message: facts.victimUnder16
        ? "The victim is under 16: outside the DA Act 2021 definition, the child-protection route. Send the children's services referral for the victim before closing (or a team lead closes it with a written reason)."
        : "The victim is under 18: a child as well as a DA victim. Send the children's services referral for the victim before closing (or a team lead closes it with a written reason).",
    });
  } else if (facts.childrenToSafeguard && facts.harmToChildren && !facts.childrensServicesReferred) {
    // A concern of significant harm to a child is referred, never assumed to be another agency's (Working Together
    // 2023): no decision answers it.
    out.push({
      code: 'childrens-services-referral-required',
      message:
        "The abuser has hurt the children or threatened to (DASH question 11 or 12): send the children's services referral before closing (or a team lead closes it with a written reason).",
    });
  } else if (facts.childrenToSafeguard && !facts.childrensServicesReferred && !facts.childrensServicesDecided) {
    // Children are victims in their own right (DA Act 2021 s.3): the case does not close until the hub has sent
    // children's services a referral or recorded why it sends none. Under 18, the victim's own referral (above) is
    // the only answer, so this rule is not said twice.
    out.push({
      code: 'childrens-services-decision-required',
      message:
        "This case has children to safeguard (or leaves them unclear): send a children's services referral, or record why none is needed, before closing (or a team lead closes it with a written reason).",
    });
  }
  const highRisk = maracCriterionMet(facts);
  if (!highRisk) return out;
  const what = facts.grade === 'high' ? 'a high-risk case' : 'a case that meets MARAC criteria';
  // MARAC is the adult route (16 and over); an under-16 victim's high risk goes to child protection (above).
  if (!facts.maracReferred && !facts.victimUnder16) {
    out.push({
      code: 'marac-referral-required',
      message: `This is ${what}: record its MARAC referral before closing it (or a team lead closes it with a written reason).`,
    });
  }
  const need = rules.unableToContactAttemptDays;
  if (to === 'unable-to-contact' && facts.contactAttemptDays < need) {
    const days = facts.contactAttemptDays;
    out.push({
      code: 'contact-attempts-required',
      message: `This is ${what}: try to contact the victim on ${need} different days before closing it as unable to contact (${days} ${days === 1 ? 'day' : 'days'} so far).`,
    });
  }
  return out;
}
