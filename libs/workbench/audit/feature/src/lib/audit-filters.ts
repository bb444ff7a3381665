import type { AuditQuery } from '@lantern/shared/domain';

/** What the auditor typed: ids, an action, and dates (YYYY-MM-DD, `to` inclusive). Empty strings are "any". */
export interface AuditFilters {
  caseId: string;
  userId: string;
  action: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { caseId: '', userId: '', action: '', from: '', to: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*(\.\*)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a calendar day in the browser's time zone (the hub's), as RFC 3339. */
function dayStart(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The API query for the filters, or the problems with them by field (the API checks again and names the same
 * fields). `to` is inclusive here and exclusive in the API: the day after, at midnight.
 */
export function auditQueryOf(f: AuditFilters): { query: AuditQuery; errors: Partial<Record<keyof AuditFilters, string>> } {
  const errors: Partial<Record<keyof AuditFilters, string>> = {};
  const query: AuditQuery = {};
  const caseId = f.caseId.trim();
  const userId = f.userId.trim();
  const action = f.action.trim();
  if (caseId) {
    if (UUID.test(caseId)) query.caseId = caseId.toLowerCase();
    else errors.caseId = 'A case id looks like 8-4-4-4-12 hexadecimal characters.';
  }
  if (userId) {
    if (UUID.test(userId)) query.userId = userId.toLowerCase();
    else errors.userId = 'A user id looks like 8-4-4-4-12 hexadecimal characters.';
  }
  if (action) {
    if (ACTION.test(action)) query.action = action;
    else errors.action = 'An action is lower-case words joined by dots, e.g. case.read, or a family such as case.*';
  }
  if (f.from) {
    if (DATE.test(f.from)) query.from = dayStart(f.from);
    else errors.from = 'Enter a date.';
  }
  if (f.to) {
    if (DATE.test(f.to)) query.to = dayStart(f.to, 1);
    else errors.to = 'Enter a date.';
  }
  if (query.from && query.to && query.from >= query.to) errors.to = 'The last day must not be before the first.';
  return { query, errors };
}

/** A one-line summary of an entry's details for the table ("caseId: …, status: 403"). */
export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? `${v.length} item${v.length === 1 ? '' : 's'}` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
    )
    .join(', ');
}
