/**
 * Case notes, duplicate links and alert acknowledgements (issue 15, docs/casework.md and docs/workload.md).
 */

/** The longest case note (characters). A longer record is several notes. */
export const CASE_NOTE_MAX_LENGTH = 5000;

/** GET/POST /api/v1/cases/:id/notes: one timestamped note. Never edited: a correction is a new note. */
export interface CaseNote {
  id: string;
  caseId: string;
  text: string;
  /** Server-set: who wrote it, and when. */
  author: { id: string; displayName: string };
  createdAt: string;
}

/** GET /api/v1/cases/:id/duplicates: another case linked to this one as a possible duplicate (never merged). */
export interface CaseDuplicateLink {
  /** The other case. */
  caseId: string;
  reference: string;
  status: string;
  reason: string;
  linkedBy: { id: string; displayName: string };
  linkedAt: string;
}

/** The kinds of alert in the team lead's tray; the first four are safety alerts and are shown first. */
export const ALERT_KINDS = [
  'break-glass',
  'restricted-on-arrival',
  'bulk-read',
  'account-change',
  'override',
  'paused',
  'victim-changed',
  'missed-callback',
  'overdue-referral',
  'sla',
  'hub',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * An alert's stable key: its kind, the case (or user) it is about, and the id or time of the event that raised it.
 * The same occurrence keeps its key on every read; a newer occurrence (a new override, the SLA clock moving on to a
 * new due time) has a new one, so an acknowledgement hides only the occurrence it was given for.
 */
export function alertKey(kind: AlertKind, ...parts: ReadonlyArray<string | number | null | undefined>): string {
  return [kind, ...parts.map((p) => (p === null || p === undefined ? '' : String(p)))].join('|');
}

/** The kind an alert key names (its first part). */
export function alertKindOf(key: string): AlertKind | null {
  const kind = key.split('|')[0];
  return (ALERT_KINDS as readonly string[]).includes(kind) ? (kind as AlertKind) : null;
}

/** POST /api/v1/alerts/acknowledgements: the answer. */
export interface AlertAcknowledgement {
  alertKey: string;
  kind: AlertKind;
  note: string;
  acknowledgedBy: { id: string; displayName: string };
  acknowledgedAt: string;
}
