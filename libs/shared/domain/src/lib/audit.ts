/** Who an audit entry says acted: a signed-in user, a police feed, Lantern itself, or a client not signed in. */
export type AuditActorType = 'user' | 'feed' | 'system' | 'anonymous';

/** One entry of the audit trail, as the auditor's search returns it (GET /api/v1/audit). */
export interface AuditEntry {
  /** Position in the hash chain (a bigint, as a string); newer entries have larger ids. */
  id: string;
  /** When it happened (RFC 3339). */
  at: string;
  actor: {
    type: AuditActorType;
    id: string | null;
    /** The user's username and display name, when the actor is a user who still exists. */
    username: string | null;
    displayName: string | null;
  };
  /** Dotted verb, e.g. case.read, referral.document, request.refused, audit.read. */
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** Ids, counts and codes only: never names, narratives or contact details. */
  details: Record<string, unknown>;
}

/** A page of the audit trail, newest first; `nextCursor` (the last entry's id) fetches the next, null at the end. */
export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** GET /api/v1/audit/verify: the hash chain recomputed over every entry. */
export interface AuditVerification {
  valid: boolean;
  /** How many entries were checked. */
  entries: number;
  /** The first entry (in chain order) whose hash does not match its content or whose prev_hash is not its predecessor's hash. */
  firstBrokenId?: string;
  /** The newest entry's id and hash: keep them outside Lantern to detect later removal of entries from the end. */
  lastId?: string;
  lastHash?: string;
}

/** Audit actions this feature writes (the rest are named where they are recorded). */
export const AUDIT_ACTIONS = {
  /** A 401 or 403 the API answered: method, route pattern, status, user id when known, client address. */
  requestRefused: 'request.refused',
  /** An auditor searched, exported or verified the trail. */
  auditRead: 'audit.read',
} as const;

/** Default and largest page of GET /api/v1/audit; a CSV export may hold up to AUDIT_CSV_MAX_ROWS entries. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;
export const AUDIT_CSV_MAX_ROWS = 10000;
