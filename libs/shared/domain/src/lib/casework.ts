import type { ContactChannel, ContactOutcome, RevisedSafeContact, SafeContactPlan } from './safe-contact';
import type { SafeTimesSuggestion } from './safe-times';

/** GET/POST /api/v1/cases/:id/contact-attempts */
export interface ContactAttemptRecord {
  id: string;
  channel: ContactChannel;
  to: string | null;
  attemptedAt: string;
  recordedAt: string;
  by: { id: string; displayName: string };
  outcome: ContactOutcome | null;
  /** The answer to "Is it safe to talk now?" (null: not recorded). */
  safeToTalk: boolean | null;
  notes: string | null;
  override: { reason: string; rules: string[] } | null;
}

/** GET/PUT /api/v1/cases/:id/safe-contact */
export interface SafeContactView {
  plan: SafeContactPlan;
  consentToContact: string;
  contactPaused: boolean;
  /** The next moment inside a safe window (null: no windows, or none known). */
  nextSafeWindowAt: string | null;
  editedAt: string | null;
  /**
   * Numbers (normalised) known to be a suspect's: police reports (every revision) and the hub's plans of every case
   * of this victim, and of this case's suspect. No call, text or voicemail goes to them (`suspect-number`).
   */
  suspectNumbers: string[];
  /**
   * What Lantern reads in the officer's words (`plan.safeTimesText`), for a caseworker to confirm in one action
   * (`POST …/safe-contact/times {useSuggestion: true}`); null when there are no words or they cannot be read with
   * certainty. Never a rule by itself.
   */
  suggestion: SafeTimesSuggestion | null;
  /**
   * A police revision changed the safe-times words after a caseworker confirmed the times: the new words (null:
   * the police no longer give any) and their suggestion. The confirmed times still apply until someone confirms
   * again, which adopts the new words. Null when the words are unchanged or nothing was confirmed.
   */
  revisedSafeTimes: { text: string | null; suggestion: SafeTimesSuggestion | null } | null;
  /**
   * A police revision changed the safe phone, or whether texts or voicemail are safe, since the plan was reviewed (a
   * plan no caseworker has saved: since the earlier revisions): what it was reviewed against, what the police say
   * now, and what is held (`police-revised-contact`, no override) until the plan is saved again. Null when nothing
   * changed.
   */
  revisedSafeContact: RevisedSafeContact | null;
  /**
   * Only in the answer to the change that did it (`PUT …/safe-contact`, `POST …/safe-contact/times`): how many pending
   * call-backs still ahead the new safe times rule out were cancelled with it, so the caseworker is told at once.
   */
  cancelledCallbacks?: number;
}

/** A call-back (POST/GET /api/v1/cases/:id/callbacks, GET /api/v1/callbacks/due). */
/** A pending call-back this long past its time is missed (shown as such, and to team leads). */
export const CALLBACK_GRACE_MS = 30 * 60_000;
/** "Due now" on the queue: call-backs due within this long, or overdue. */
export const CALLBACK_DUE_SOON_MS = 15 * 60_000;

/** Whether a pending call-back is missed at `now` (more than CALLBACK_GRACE_MS past its time). */
export function isMissedCallback(c: Pick<CallbackRecord, 'status' | 'dueAt'>, now: number): boolean {
  return c.status === 'pending' && Date.parse(c.dueAt) < now - CALLBACK_GRACE_MS;
}

export interface CallbackRecord {
  id: string;
  caseId: string;
  reference: string;
  dueAt: string;
  assignedTo: { id: string; displayName: string };
  status: 'pending' | 'done' | 'cancelled';
  missed: boolean;
  notes: string | null;
  /** Who cancelled it, when, and why (a closed case cancels its pending call-backs); null unless cancelled. */
  cancelled: { at: string | null; by: { id: string; displayName: string } | null; reason: string | null } | null;
}

/** GET /api/v1/alerts (team leads). */
/**
 * An alert's stable key (alertKey() in case-notes.ts: kind, case, triggering event): what an acknowledgement names.
 * An acknowledged alert is left out of every team lead's tray; a newer occurrence has a new key and shows again.
 */
export interface AlertKeyed {
  alertKey?: string;
}

export interface TeamLeadAlerts {
  overrides: Array<
    {
      attemptId: string;
      caseId: string;
      reference: string;
      at: string;
      /** Who overrode (a lead cannot acknowledge their own override: 403 `own-alert`). */
      userId: string;
      by: string;
      reason: string;
      rules: string[];
    } & AlertKeyed
  >;
  paused: Array<{ caseId: string; reference: string; since: string } & AlertKeyed>;
  missedCallbacks: Array<CallbackRecord & AlertKeyed>;
  /** Referrals sent and not acknowledged within the partner's promised time. */
  overdueReferrals: Array<
    { referralId: string; caseId: string; reference: string; partnerId: string; service: string; ackDueAt: string } & AlertKeyed
  >;
  /** Open cases whose running SLA clock is near its due time or past it, breached first, then by due time. */
  sla: Array<
    {
      caseId: string;
      reference: string;
      state: 'near' | 'breached';
      dueAt: string | null;
      grade: string | null;
      assignee: string | null;
    } & AlertKeyed
  >;
  /**
   * A police revision named another person as a case's victim (docs/casework.md), newest first, for 14 days or until a
   * lead acknowledges it: what the hub recorded for the earlier person ended and what partners held was withdrawn.
   * `evidence` says what it was judged on: `names-and-dates` (no police person id on both sides: a corrected first
   * name or a mistyped date of birth reads as another person too) is for the lead to check with the police.
   * Only for cases the lead may see.
   */
  victimChanged?: Array<
    {
      caseId: string;
      reference: string;
      at: string;
      /** The police revision that named her. */
      revision: number;
      evidence: import('./victim-identity').VictimChangeEvidence;
      /** Who holds the case now (display name), or null. */
      assignee: string | null;
      /** Who sent the revision, when a user did (a CSV import, the officer app): they may not acknowledge it. */
      byId?: string;
      by?: string;
    } & AlertKeyed
  >;
  /** Hub-wide alerts, about no one case: e.g. `calendar-ending` (the configured bank holidays run out soon). */
  hubAlerts?: Array<import('./hub-calendar').CalendarEndingAlert & AlertKeyed>;
  /**
   * Safety alerts (case-access.ts), newest first: someone broke the glass on a restricted case, a case was restricted
   * on arrival by the police-staff rule, or a user read more case ids in lists in an hour than the configured threshold.
   */
  safety?: SafetyAlert[];
}

export interface SafetyAlert {
  kind: 'break-glass' | 'restricted-on-arrival' | 'bulk-read' | 'account-change';
  at: string;
  /**
   * account-change: an admin gave an account access to victims' data (created it with, or added, a role that reads
   * cases or a partner's referrals), brought one back (reactivated), or reset the password or second factor of one —
   * the ways an admin, who reads no case, could make or take over an account that does. `userId`/`user` the account,
   * `by`/`byId` the admin. `feed-key-issued` (session 41): an admin issued a police feed key (`user` its name, no
   * `userId`): a key posts reports and revisions, and a revision can change a victim's safe number or consent.
   */
  change?: 'created' | 'roles-added' | 'password-reset' | 'mfa-reset' | 'reactivated' | 'feed-key-issued';
  /** account-change: the admin who made it (neither they nor the account's owner may acknowledge it). */
  byId?: string;
  /** The account an account-change alert is about (display name), and the roles it was given or holds. */
  user?: string;
  roles?: string[];
  /** Why a case was restricted on arrival: the report names police staff, or a person in it is on a restricted case. */
  because?: 'police-staff' | 'person-restricted';
  /**
   * The case, only when the viewing team lead may see it: break-glass and restricted-on-arrival alerts reach every
   * team lead, and about a restricted case off their list they say "a restricted case" (no id, no reference).
   */
  caseId?: string;
  reference?: string;
  /** Who broke the glass or read in bulk. */
  userId?: string;
  by?: string;
  /** The break-glass reason (team leads read it to judge the access). */
  reason?: string;
  /** When the break-glass grant ends. */
  until?: string;
  /** Distinct cases read in lists in the last hour (bulk-read). */
  count?: number;
  /** The alert's stable key (AlertKeyed). */
  alertKey?: string;
}
