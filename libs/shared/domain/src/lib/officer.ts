import type { Role } from './auth';
import type { FieldError } from './problem';
import type { IntakeResult } from './report';

/**
 * What an officer sees of a referral they made from the scene: where it has got to in the hub, never the case.
 * `received` → `contacted` (the hub has spoken to the victim) → `referred-on` (referred to a support service)
 * or `closed`.
 */
export const OFFICER_REFERRAL_STATUSES = ['received', 'contacted', 'referred-on', 'closed'] as const;
export type OfficerReferralStatus = (typeof OFFICER_REFERRAL_STATUSES)[number];

/** One of the officer's own referrals (GET /api/v1/officer/referrals): no victim or case detail. */
export interface OfficerReferral {
  reference: string;
  /** When the hub received it (RFC 3339). */
  receivedAt: string;
  status: OfficerReferralStatus;
  /** When it reached that status (RFC 3339); the received time for `received`. */
  statusAt: string;
}

export interface OfficerReferralList {
  referrals: OfficerReferral[];
  /** When there may be older ones: pass as `?before=` for the next page (null or absent: that was all). */
  nextBefore?: string | null;
}

/** POST /api/v1/officer/referrals: the intake's answer plus what the officer is shown ("received by the hub"). */
export interface OfficerReferralReceipt extends IntakeResult {
  reference: string;
  receivedAt: string;
}

/** The police side of an account: an officer's force, collar number, team and email; a force lead's force. */
export interface PoliceProfile {
  force: string | null;
  collarNumber: string | null;
  team: string | null;
  email: string | null;
}

export const NO_POLICE_PROFILE: PoliceProfile = { force: null, collarNumber: null, team: null, email: null };

/**
 * What an account with these roles must (and must not) carry: an officer a force and a collar number (they fill a
 * referral's officer block and decide which force's reports it may send); a force lead a force (the only figures it
 * sees); nobody else any of the four. Paths are the admin request's fields.
 */
export function policeProfileProblems(roles: readonly Role[], p: PoliceProfile): FieldError[] {
  const officer = roles.includes('officer');
  const police = officer || roles.includes('force-lead');
  const blank = (v: string | null) => v === null || v.trim() === '';
  const errors: FieldError[] = [];
  if (police && blank(p.force)) errors.push({ path: '/force', message: 'an officer or force lead must belong to a force' });
  if (officer && blank(p.collarNumber)) errors.push({ path: '/collarNumber', message: 'an officer must have a collar number' });
  if (!police) {
    for (const k of ['force', 'email'] as const) {
      if (p[k] !== null) errors.push({ path: `/${k}`, message: 'only officers and force leads have one' });
    }
  }
  if (!officer) {
    for (const k of ['collarNumber', 'team'] as const) if (p[k] !== null) errors.push({ path: `/${k}`, message: 'only officers have one' });
  }
  return errors;
}

/** What the hub's record says of one referral's case, as far as its status goes (instants as Date or RFC 3339). */
export interface OfficerReferralFacts {
  receivedAt: Date | string;
  /** The case's status (CaseStatus). */
  caseStatus: string;
  /** When the case last entered a closing status. */
  closedAt: Date | string | null;
  /** The first contact attempt that reached the victim safely (outcome spoke-safe). */
  contactedAt: Date | string | null;
  /** The first referral sent to a support service that was not revoked, withdrawn or declined. */
  referredAt: Date | string | null;
}

const CLOSED_CASE_STATUSES: readonly string[] = ['closed', 'unable-to-contact', 'declined'];

/**
 * The officer's view of a referral, furthest stage first: `closed` (the case is in a closing status — closed,
 * unable to contact or declined: the officer is not told which), `referred-on`, `contacted`, else `received`.
 * `statusAt` is when it reached that stage, never before it was received (an attempt recorded as made earlier).
 */
export function officerReferralStatus(f: OfficerReferralFacts): { status: OfficerReferralStatus; statusAt: string } {
  const received = new Date(f.receivedAt).getTime();
  const at = (v: Date | string) => new Date(Math.max(received, new Date(v).getTime())).toISOString();
  if (CLOSED_CASE_STATUSES.includes(f.caseStatus)) return { status: 'closed', statusAt: at(f.closedAt ?? f.receivedAt) };
  if (f.referredAt) return { status: 'referred-on', statusAt: at(f.referredAt) };
  if (f.contactedAt) return { status: 'contacted', statusAt: at(f.contactedAt) };
  return { status: 'received', statusAt: at(f.receivedAt) };
}
