import { contract, dateTime, uuid, type RequestOf } from './contract';

/**
 * GET /api/v1/audit: the auditor's search. Every filter is optional and they combine (AND). `caseId` finds entries
 * about the case and entries whose details name it (referrals, documents); `userId` is the acting user; `seenBy` a
 * user a live push reached (`case.pushed` entries naming them among `recipients`: what reached their screen); `action` an
 * exact action (`case.read`) or a family (`case.*`); `from` inclusive and `to` exclusive (RFC 3339). Newest first;
 * `limit` (1–500, default 50) and `cursor` (the previous page's `nextCursor`) page through (keyset). `format=csv`
 * (or `Accept: text/csv`) exports up to 10,000 entries from the cursor on as CSV.
 */
export const AUDIT_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: {
    caseId: uuid,
    userId: uuid,
    seenBy: uuid,
    action: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*(\\.\\*)?$' },
    from: dateTime,
    to: dateTime,
    limit: { type: 'string', maxLength: 3, pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    cursor: { type: 'string', minLength: 1, maxLength: 18, pattern: '^[1-9][0-9]{0,17}$' },
    format: { enum: ['json', 'csv'] },
  },
});
export type AuditQuery = RequestOf<typeof AUDIT_QUERY>;
