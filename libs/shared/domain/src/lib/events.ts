import type { CaseSummary } from './case';

/** Socket.io event names (server → client unless noted). */
export const SocketEvents = {
  caseChanged: 'case.changed',
  /** client → server, with ack: catch up on what was missed while disconnected. */
  sync: 'sync',
  /** server → client once the connection is authenticated and joined. */
  ready: 'ready',
  /** server → client: a case this user may no longer see (restricted off their list): drop it from the queue. */
  caseRemoved: 'case.removed',
} as const;

export interface CaseRemovedEvent {
  caseId: string;
}

/**
 * 'created' and 'revised' are intake's; 'breached' is the SLA watch recording that a clock ran out (SlaWatchService:
 * a new version, audited, in the outbox), and changes nothing else of the case; 'updated' is every other change.
 * 'clock' is not a change of the case: its SLA came near breach as time passed (the SLA clock, libs/api/realtime
 * sla-clock.ts). Its version is the case's current one, it is not in the outbox (`sync` does not replay it), and its
 * `seq` is 0. A catch-up (`sync`) gives every missed change as 'updated'.
 */
export type CaseChange = 'created' | 'revised' | 'updated' | 'breached' | 'clock';

/**
 * Sent after every committed case change a user may see. `seq` is global and strictly increasing in commit
 * order; `version` is the case's own version. A client applies an event only if `version` is newer than what it
 * holds, so replays are harmless.
 */
export interface CaseChangedEvent {
  seq: number;
  caseId: string;
  version: number;
  change: CaseChange;
  case: CaseSummary;
  /**
   * The member of staff whose action made this change (their user id: a caseworker, a team lead, or the officer or
   * importer who sent a report), so their own screens do not announce it to them as someone else's ("This case was
   * updated"). Absent for a change by the police feed, the system or the clock, and for an event relayed or caught up
   * later (`sync`). Sent only to sockets that may read cases and see this one (never partner or officer sockets).
   */
  by?: string;
}

export interface SyncRequest {
  afterSeq: number;
}

/**
 * Ack of `sync`: either the missed events in order (only of cases the user may see now), or `reset`: reload the
 * snapshot, because there are too many or `afterSeq` is unknown, or because a case the user held at `afterSeq` has
 * since been hidden from them (restricted off their list): the reload drops it. Reset names no case.
 */
export interface SyncResponse {
  events: CaseChangedEvent[];
  reset: boolean;
  lastSeq: number;
}

/** Ack of the connection: the current high-water mark, so a fresh client knows where it starts. */
export interface ReadyEvent {
  lastSeq: number;
}

/** Presence: who has a case open, and which section they are editing. */
export const PresenceEvents = {
  /** client → server, with ack: I opened this case (ack: current viewers). */
  open: 'presence.open',
  /** client → server: I left this case. */
  leave: 'presence.leave',
  /** client → server: I started (section) or stopped (null) editing a section of this case. */
  editing: 'presence.editing',
  /** server → clients: the viewers of a case changed. */
  changed: 'presence.changed',
  /** client → server, with ack: every case someone has open now (PresenceChangedEvent[]), for a fresh queue. */
  list: 'presence.list',
} as const;

export interface PresenceViewer {
  userId: string;
  displayName: string;
  /** The section being edited (e.g. "risk", "contact", "safe-contact"), or null when only viewing. */
  editing: string | null;
}

export interface PresenceChangedEvent {
  caseId: string;
  viewers: PresenceViewer[];
}

export interface PresenceOpenRequest {
  caseId: string;
}

export interface PresenceEditingRequest {
  caseId: string;
  section: string | null;
}

/** server → a partner agency's sockets: one of its referrals changed (fetch it again: no case data rides along). */
export const ReferralEventsNames = { changed: 'referral.changed' } as const;

export interface ReferralChangedEvent {
  referralId: string;
  status: string;
}

/** server → the assignee's own sockets (`user:<id>` room): a police revision raised the grade of their case. */
export const RiskEventsNames = { raisedByPolice: 'case.risk-raised-by-police' } as const;

export interface RiskRaisedByPoliceEvent {
  caseId: string;
  reference: string;
  from: import('./report').RiskGrade | null;
  to: import('./report').RiskGrade;
  /** The police revision that raised it. */
  revision: number;
}

/**
 * server → the assignee's own sockets (`user:<id>` room): a police revision named another person as their case's
 * victim (docs/casework.md): what the hub recorded for the earlier person no longer counts. No name rides along.
 */
export const VictimEventsNames = { changedByPolice: 'case.victim-changed-by-police' } as const;

export interface VictimChangedByPoliceEvent {
  caseId: string;
  reference: string;
  /** The police revision that named her. */
  revision: number;
}

/**
 * A safety notice that waits for the one who holds the case (GET /me/safety-notices): a police revision named another
 * victim on a case assigned to them, or raised its grade. Told live when they are signed in (VictimEventsNames,
 * RiskEventsNames), and kept until they dismiss it, so one signed out at the time is told at their next sign-in
 * (docs/casework.md, "Who is told").
 */
export type SafetyNotice = {
  /** `<victim-changed|risk-raised>|<case id>|<revision>` (safetyNoticeKey): what POST /me/safety-notices/dismissals takes. */
  key: string;
  caseId: string;
  reference: string;
  /** The police revision it is about. */
  revision: number;
  /** When the revision was stored. */
  at: string;
} & (
  | { kind: 'victim-changed-by-police' }
  | { kind: 'risk-raised-by-police'; from: import('./report').RiskGrade | null; to: import('./report').RiskGrade }
);

export type SafetyNoticeKind = SafetyNotice['kind'];

export interface SafetyNotices {
  items: SafetyNotice[];
}

/** The key's first part for each kind. */
export const SAFETY_NOTICE_KEY_PREFIX: Readonly<Record<SafetyNoticeKind, string>> = {
  'victim-changed-by-police': 'victim-changed',
  'risk-raised-by-police': 'risk-raised',
};

/** Sent to the user's own sockets when they dismissed a safety notice (another tab of theirs lets its bar go too). */
export const SafetyNoticeEventsNames = { dismissed: 'safety-notice.dismissed' } as const;

/** A dismissal, as recorded: that notice and every earlier revision's of its kind on the case are answered. */
export interface SafetyNoticeDismissedEvent {
  key: string;
  kind: SafetyNoticeKind;
  caseId: string;
  revision: number;
}

/** A notice's key: one per kind, case and police revision, the same for the live notice and the one that waited. */
export function safetyNoticeKey(kind: SafetyNoticeKind, caseId: string, revision: number): string {
  return `${SAFETY_NOTICE_KEY_PREFIX[kind]}|${caseId}|${revision}`;
}

/** What a notice says, live or after it waited: the case, what the police changed, and what to do. */
export function safetyNoticeText(
  n:
    | ({ kind: 'victim-changed-by-police' } & Pick<VictimChangedByPoliceEvent, 'reference' | 'revision'>)
    | ({ kind: 'risk-raised-by-police' } & Pick<RiskRaisedByPoliceEvent, 'reference' | 'revision' | 'from' | 'to'>),
): string {
  return n.kind === 'victim-changed-by-police'
    ? `Police revision ${n.revision} on ${n.reference} names another victim: the consent, safe-contact plan and call-backs recorded for the earlier person no longer apply. Check the case before any contact.`
    : `Police revision ${n.revision} on ${n.reference} raised the risk: ${n.from ? `${n.from} → ` : ''}${n.to}. Check the case.`;
}

/** server → the importing user's own sockets (`user:<id>` room): a CSV import's progress, the GET /imports/:id shape. */
export const ImportEventsNames = { progress: 'import.progress' } as const;
