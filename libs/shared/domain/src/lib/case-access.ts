import type { Role } from './auth';
import type { CaseSummary } from './case';
import { can } from './permissions';
import { cleanIdentifier } from './report-rules';

/**
 * Who may see, work on and claim one case: the one rule, read by the API's case guard (`@CaseAccess(kind)` on every
 * case route), by every list the API serves (queue, counts, workload board, alerts, socket events, catch-up) and by
 * the workbench's case page (write actions disabled unless the rule says `allowed`).
 *
 * The permission table (permissions.ts) says what a role may do at all; this says whether it may do it to THIS case:
 * - read: anyone with `case.read`, unless the case is restricted and the user is neither on its access list nor
 *   holding an unexpired break-glass grant: then the case is `hidden` (the API answers the same 404 as for a case
 *   that does not exist, so its existence is not revealed).
 * - write: the assignee, or a team lead (`case.assign`), of a case they can see; anyone else is `forbidden`
 *   (`not-assignee`: claim it first). Auditors have no `case.work`, so they only read.
 * - claim: anyone with `case.work` who can see the case (the claim service keeps its own rules: unassigned, open);
 *   a restricted case only by someone on its access list (`not-on-access-list`): break the glass lets one look, never
 *   work on it (every write needs the access list), take it, be assigned it, or lift or rewrite its restriction.
 */
export type CaseAccessKind = 'read' | 'write' | 'claim';
export const CASE_ACCESS_KINDS: readonly CaseAccessKind[] = ['read', 'write', 'claim'];

export interface CaseAccessUser {
  id: string;
  roles: readonly Role[];
}

/** A time-limited break-glass grant to one user. */
export interface BreakGlassGrant {
  userId: string;
  /** ISO instant. */
  expiresAt: string;
}

/** What the rule needs to know about a case. */
export interface CaseAccessFacts {
  assigneeId: string | null;
  restricted: boolean;
  /** User ids who may see a restricted case (ignored when not restricted). */
  accessList: readonly string[];
  breakGlass: readonly BreakGlassGrant[];
}

/** `hidden`: answer as if the case did not exist (404). `forbidden`: the case is visible, the act is not (403). */
export type CaseAccessDecision = 'allowed' | 'hidden' | 'forbidden';

/** Why a decision other than `allowed` was taken (a problem code and an audit code). */
export type CaseAccessRefusal = 'no-case-access' | 'restricted' | 'not-assignee' | 'no-case-work' | 'not-on-access-list';

export interface CaseAccessResult {
  decision: CaseAccessDecision;
  reason: CaseAccessRefusal | null;
}

/** A team lead may work on any case they can see (team.manage + case.assign). */
export function isTeamLead(roles: readonly Role[]): boolean {
  return can(roles, 'case.assign');
}

/** True while the user holds an unexpired break-glass grant on the case. */
export function hasBreakGlass(user: CaseAccessUser, facts: Pick<CaseAccessFacts, 'breakGlass'>, now: Date): boolean {
  return facts.breakGlass.some((g) => g.userId === user.id && Date.parse(g.expiresAt) > now.getTime());
}

/**
 * Is the user on the case's access list (always, for a case that is not restricted)? A break-glass grant does not
 * count: it is what claiming, being assigned and changing the restriction require.
 */
export function onAccessList(user: Pick<CaseAccessUser, 'id'>, facts: Pick<CaseAccessFacts, 'restricted' | 'accessList'>): boolean {
  return !facts.restricted || facts.accessList.includes(user.id);
}

/** May the user see the case at all (lists, events, the case page)? */
export function maySeeCase(
  user: CaseAccessUser,
  facts: Pick<CaseAccessFacts, 'restricted' | 'accessList' | 'breakGlass'>,
  now: Date,
): boolean {
  if (!can(user.roles, 'case.read')) return false;
  if (!facts.restricted) return true;
  return onAccessList(user, facts) || hasBreakGlass(user, facts, now);
}

export function caseAccess(user: CaseAccessUser, facts: CaseAccessFacts, kind: CaseAccessKind, now: Date): CaseAccessResult {
  if (!can(user.roles, 'case.read')) return { decision: 'hidden', reason: 'no-case-access' };
  if (!maySeeCase(user, facts, now)) return { decision: 'hidden', reason: 'restricted' };
  if (kind === 'read') return { decision: 'allowed', reason: null };
  if (!can(user.roles, 'case.work')) return { decision: 'forbidden', reason: 'no-case-work' };
  // Break the glass is for reading: claiming, working and re-restricting a restricted case need the access list.
  if (!onAccessList(user, facts)) return { decision: 'forbidden', reason: 'not-on-access-list' };
  if (kind === 'claim') return { decision: 'allowed', reason: null };
  if (facts.assigneeId === user.id || isTeamLead(user.roles)) return { decision: 'allowed', reason: null };
  return { decision: 'forbidden', reason: 'not-assignee' };
}

/** The workbench's words for a refused write (the case page disables its write actions with this). */
export const CLAIM_FIRST_MESSAGE = 'Claim this case to work on it';

/** The restriction as the case page shows it (the access list only to those who may see the case). */
export interface CaseRestriction {
  restricted: boolean;
  accessList: Array<{ id: string; displayName: string }>;
  reason: string | null;
  /**
   * 'team-lead', or restricted on arrival: 'police-staff-rule' (the report names police or hub staff) or
   * 'person-restricted' (its victim or suspect is on another restricted case).
   */
  source: 'team-lead' | 'police-staff-rule' | 'person-restricted' | null;
  at: string | null;
  /** The caller's own break-glass grant, when that is why they see it. */
  breakGlassUntil: string | null;
}

/**
 * POST /cases/:id/restriction's answer: the case as it now is, and the other cases of her (or the suspect's) that the
 * restriction reached (a restriction protects the people, not one incident: docs/security.md). Empty on a lift.
 */
export type CaseRestrictionResponse = CaseSummary & {
  alsoRestricted: Array<{ id: string; reference: string }>;
  /**
   * How many of her other restricted cases a list edit could not narrow: taking the removed people off would leave
   * nobody on the list (a lead on its list narrows it). Absent when none.
   */
  notNarrowed?: number;
  /**
   * Her other restricted cases where someone taken off this list stays on, because they hold the case (a restricted
   * case never has an assignee who cannot see it): reassign each to take them off. `cases` where the lead is on its
   * list (id, reference), `unnamed` the rest. Absent when none.
   */
  keptForAssignee?: { cases: Array<{ id: string; reference: string }>; unnamed: number };
};

export interface BreakGlassResponse {
  caseId: string;
  expiresAt: string;
}

/**
 * The police-staff rule: a report whose victim or suspect looks like police staff is restricted on arrival. The
 * police contract has no explicit flag, so the hub configures signals; any one signal is enough (fail safe: a false
 * positive restricts a case to the team leads, who can lift it; a false negative would expose a colleague).
 */
export interface PoliceStaffRule {
  /** Email domains (e.g. police.uk): a victim or suspect email at the domain or a subdomain of it. */
  emailDomains: readonly string[];
  /** Police person ids of staff. */
  personIds: readonly string[];
  /** Phrases in the officer's summary (case-insensitive, whole words), e.g. "police officer", "PCSO". */
  phrases: readonly string[];
}

export interface PoliceStaffFacts {
  emails: ReadonlyArray<string | null | undefined>;
  personIds: ReadonlyArray<string | null | undefined>;
  summary: string | null | undefined;
}

/** The signals that matched (empty: not police staff). Codes only, never the matching text. */
export function policeStaffSignals(rule: PoliceStaffRule, facts: PoliceStaffFacts): Array<'email-domain' | 'person-id' | 'phrase'> {
  const signals: Array<'email-domain' | 'person-id' | 'phrase'> = [];
  const domains = rule.emailDomains
    .map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^@|^\./, ''),
    )
    .filter(Boolean);
  // Compared without invisible characters (cleanIdentifier): "a.n.other@herts.police.uk" pasted with a zero-width
  // space after it is still a police address, and the rule must not fail open on what nobody can see.
  const emailHit = facts.emails.some((e) => {
    const host = typeof e === 'string' ? cleanIdentifier(e).toLowerCase().split('@')[1] : undefined;
    return !!host && domains.some((d) => host === d || host.endsWith(`.${d}`));
  });
  if (emailHit) signals.push('email-domain');
  if (facts.personIds.some((p) => typeof p === 'string' && rule.personIds.includes(cleanIdentifier(p)))) signals.push('person-id');
  // In the summary an invisible character may stand between words ("a\u200BPCSO"): read as a space (a soft hyphen
  // inside a word, as nothing).
  const text = (facts.summary ?? '')
    .replace(/\u00AD/g, '')
    .replace(/\p{Cf}/gu, ' ')
    .toLowerCase();
  const phraseHit = rule.phrases.some((p) => {
    const words = p.trim().toLowerCase();
    if (!words) return false;
    const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(text);
  });
  if (phraseHit) signals.push('phrase');
  return signals;
}

/** The default rule: fails safe (see docs/casework.md, "Restricted cases"). */
export const DEFAULT_POLICE_STAFF_RULE: PoliceStaffRule = {
  emailDomains: ['police.uk', 'pnn.police.uk'],
  personIds: [],
  phrases: ['police officer', 'PCSO', 'police staff', 'special constable', 'police employee'],
};
