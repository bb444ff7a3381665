import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  AUDIT_ACTIONS,
  AUDIT_CSV_MAX_ROWS,
  AUDIT_PAGE_DEFAULT,
  type AuditActorType,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditVerification,
  type CurrentUser,
} from '@lantern/shared/domain';
import { stringify } from 'csv-stringify/sync';

interface EntryRow {
  id: string;
  at: Date | string;
  actor_type: AuditActorType;
  actor_id: string | null;
  username: string | null;
  display_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: Record<string, unknown> | null;
}

/** The filters of a search, as SQL over `audit_entries e` (every value a parameter). */
function whereOf(query: AuditQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const clauses: string[] = [];
  if (query.caseId !== undefined) {
    // About the case, or naming it: referral rows carry details.caseId, list reads details.caseIds (each indexed).
    const id = query.caseId.toLowerCase();
    clauses.push(
      `((e.entity_type = 'case' AND e.entity_id = ${p(id)}) OR e.details->>'caseId' = ${p(id)} OR e.details->'caseIds' @> jsonb_build_array(${p(id)}::text))`,
    );
  }
  if (query.userId !== undefined) clauses.push(`e.actor_id = ${p(query.userId.toLowerCase())}`);
  // What was pushed live to a user's screen: case.pushed names its recipients (GIN-indexed). A filter of its own, not
  // part of userId: pushes outnumber a user's own actions many times over, and "what did X do" stays on its index.
  if (query.seenBy !== undefined) clauses.push(`e.details->'recipients' @> jsonb_build_array(${p(query.seenBy.toLowerCase())}::text)`);
  if (query.action !== undefined) {
    // The contract allows only [a-z0-9.-] and a trailing ".*", so there is no LIKE wildcard to escape.
    clauses.push(query.action.endsWith('.*') ? `e.action LIKE ${p(`${query.action.slice(0, -1)}%`)}` : `e.action = ${p(query.action)}`);
  }
  if (query.from !== undefined) clauses.push(`e.at >= ${p(query.from)}::timestamptz`);
  if (query.to !== undefined) clauses.push(`e.at < ${p(query.to)}::timestamptz`);
  if (query.cursor !== undefined) clauses.push(`e.id < ${p(query.cursor)}::bigint`);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function toEntry(r: EntryRow): AuditEntry {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, username: r.username, displayName: r.display_name },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details ?? {},
  };
}

const CSV_COLUMNS: Array<[header: string, value: (e: AuditEntry) => string | null]> = [
  ['id', (e) => e.id],
  ['at', (e) => e.at],
  ['actor_type', (e) => e.actor.type],
  ['actor_id', (e) => e.actor.id],
  ['username', (e) => e.actor.username],
  ['display_name', (e) => e.actor.displayName],
  ['action', (e) => e.action],
  ['entity_type', (e) => e.entityType],
  ['entity_id', (e) => e.entityId],
  ['details', (e) => JSON.stringify(e.details)],
];

/** A CSV export: the rows, and the cursor to continue from when the export stopped at its limit. */
export interface AuditCsv {
  csv: string;
  nextCursor: string | null;
}

/**
 * The auditor's view of the trail: search (keyset-paged, newest first), CSV export and verification of the hash
 * chain. Every one of them is itself audited (`audit.read`), in the same transaction as the read.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  search(user: CurrentUser, query: AuditQuery): Promise<AuditPage> {
    return this.page(user, query, query.limit !== undefined ? Number(query.limit) : AUDIT_PAGE_DEFAULT, 'json');
  }

  /** Up to AUDIT_CSV_MAX_ROWS entries (or `limit`), newest first, from the cursor on; formula-like cells escaped. */
  async csv(user: CurrentUser, query: AuditQuery): Promise<AuditCsv> {
    const page = await this.page(user, query, query.limit !== undefined ? Number(query.limit) : AUDIT_CSV_MAX_ROWS, 'csv');
    const csv = stringify(
      page.entries.map((e) => CSV_COLUMNS.map(([, value]) => value(e))),
      // A value starting =, +, -, @, tab or CR gets a leading quote: spreadsheets must not run it (CSV injection).
      { header: true, columns: CSV_COLUMNS.map(([h]) => h), escape_formulas: true, record_delimiter: 'windows' },
    );
    return { csv, nextCursor: page.nextCursor };
  }

  private page(user: CurrentUser, query: AuditQuery, limit: number, format: 'json' | 'csv'): Promise<AuditPage> {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) >= Date.parse(query.to)) {
      throw Problems.validation([{ path: '/to', message: 'must be later than from' }]);
    }
    const { sql, params } = whereOf(query);
    return this.db.transaction(async (m) => {
      const rows: EntryRow[] = await m.query(
        `SELECT e.id::text AS id, e.at, e.actor_type, e.actor_id, u.username, u.display_name, e.action, e.entity_type,
                e.entity_id, e.details
           FROM audit_entries e
           LEFT JOIN users u ON e.actor_type = 'user' AND u.id::text = e.actor_id
           ${sql}
          ORDER BY e.id DESC
          LIMIT ${limit + 1}`,
        params,
      );
      const more = rows.length > limit;
      const entries = rows.slice(0, limit).map(toEntry);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: AUDIT_ACTIONS.auditRead,
        entityType: 'audit',
        details: { ...filtersOf(query), format, returned: entries.length },
      });
      return { entries, nextCursor: more ? entries[entries.length - 1].id : null };
    });
  }

  /**
   * Recomputes the chain in one query: each entry's hash from its stored prev_hash and content (the same
   * audit_entry_hash the insert trigger uses), and each prev_hash against the previous entry's hash (a window over
   * id order). The first entry failing either check is reported.
   */
  verify(user: CurrentUser): Promise<AuditVerification> {
    return this.db.transaction(async (m) => {
      const [r]: Array<{ entries: string; first_broken: string | null; last_id: string | null; last_hash: string | null }> = await m.query(
        `WITH chain AS (
             SELECT id, hash, prev_hash,
                    COALESCE(lag(hash) OVER (ORDER BY id), repeat('0', 64)) AS expected_prev,
                    audit_entry_hash(prev_hash, id, at, actor_type, actor_id, action, entity_type, entity_id, details) AS recomputed,
                    row_number() OVER (ORDER BY id DESC) AS from_end
               FROM audit_entries)
           SELECT count(*)::text AS entries,
                  (min(id) FILTER (WHERE hash IS DISTINCT FROM recomputed OR prev_hash IS DISTINCT FROM expected_prev))::text AS first_broken,
                  (max(id) FILTER (WHERE from_end = 1))::text AS last_id,
                  max(hash) FILTER (WHERE from_end = 1) AS last_hash
             FROM chain`,
      );
      const result: AuditVerification = {
        valid: r.first_broken === null,
        entries: Number(r.entries),
        ...(r.first_broken !== null ? { firstBrokenId: r.first_broken } : {}),
        ...(r.last_id !== null ? { lastId: r.last_id, lastHash: r.last_hash ?? undefined } : {}),
      };
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: AUDIT_ACTIONS.auditRead,
        entityType: 'audit',
        details: {
          verify: true,
          valid: result.valid,
          entries: result.entries,
          ...(result.firstBrokenId ? { firstBrokenId: result.firstBrokenId } : {}),
        },
      });
      return result;
    });
  }
}

/**
 * The filters an auditor used, for the audit.read entry (ids and codes only, like every entry). Ids lower-cased, as
 * stored everywhere else in the trail, so a search by case finds a search made with the id in capitals.
 */
function filtersOf(q: AuditQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['caseId', 'userId', 'seenBy', 'action', 'from', 'to', 'cursor', 'limit'] as const)
    if (q[k] !== undefined) out[k] = k === 'caseId' || k === 'userId' || k === 'seenBy' ? String(q[k]).toLowerCase() : String(q[k]);
  return out;
}
