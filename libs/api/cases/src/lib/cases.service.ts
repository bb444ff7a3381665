import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { CASE_STATUSES, OPEN_STATUSES, TRIAGE_ORDER_SQL, type CaseDetail, type CasePage, type FieldError } from '@lantern/shared/domain';
import { loadDetail, SUMMARY_SELECT, toSummary, type SummaryRow } from './case-read';

export interface QueueQuery {
  status?: string;
  assignee?: string;
  limit?: string;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Cursor = [number, string, string];

function encodeCursor(row: SummaryRow): string {
  const at = row.received_at instanceof Date ? row.received_at.toISOString() : new Date(row.received_at).toISOString();
  return Buffer.from(JSON.stringify([Number(row.priority_score), at, row.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) && v.length === 3 && Number.isInteger(v[0]) &&
      typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[1])) && typeof v[2] === 'string' && UUID.test(v[2])
    ) {
      return v as Cursor;
    }
  } catch {
    /* fall through */
  }
  return null;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** The triage queue: keyset-paginated in triage order, with the total for the same filters. */
  async queue(userId: string, q: QueueQuery): Promise<CasePage> {
    const errors: FieldError[] = [];
    for (const key of ['status', 'assignee', 'limit', 'cursor'] as const) {
      if (q[key] !== undefined && typeof q[key] !== 'string') errors.push({ path: `/${key}`, message: 'must be given once' });
    }
    if (errors.length) throw Problems.validation(errors);
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) errors.push({ path: '/limit', message: 'must be an integer from 1 to 500' });
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()) : OPEN_STATUSES;
    if (statuses.some((s) => !(CASE_STATUSES as readonly string[]).includes(s))) {
      errors.push({ path: '/status', message: `must be a comma-separated list of ${CASE_STATUSES.join(', ')}` });
    }
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.cursor && !cursor) errors.push({ path: '/cursor', message: 'is not a cursor this API issued' });
    let assignee: string | null | undefined;
    if (q.assignee === 'me') assignee = userId;
    else if (q.assignee === 'none') assignee = null;
    else if (q.assignee && UUID.test(q.assignee)) assignee = q.assignee;
    else if (q.assignee) errors.push({ path: '/assignee', message: 'must be me, none or a user id' });
    if (errors.length) throw Problems.validation(errors);

    const where: string[] = ['c.status = ANY($1::text[])'];
    const params: unknown[] = [statuses];
    if (assignee === null) where.push('c.assignee_id IS NULL');
    else if (assignee) {
      params.push(assignee);
      where.push(`c.assignee_id = $${params.length}`);
    }
    const filterSql = where.join(' AND ');
    const filterParams = [...params];

    const [p, r, i] = TRIAGE_ORDER_SQL.columns;
    if (cursor) {
      params.push(cursor[0], cursor[1], cursor[2]);
      const [a, b, c] = [params.length - 2, params.length - 1, params.length];
      where.push(`(c.${p} < $${a} OR (c.${p} = $${a} AND (c.${r} > $${b} OR (c.${r} = $${b} AND c.${i} > $${c}))))`);
    }
    params.push(limit + 1);
    const order = TRIAGE_ORDER_SQL.columns.map((col, n) => `c.${col} ${TRIAGE_ORDER_SQL.directions[n]}`).join(', ');
    const rows: SummaryRow[] = await this.db.query(
      `${SUMMARY_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const totals = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM cases c WHERE ${filterSql}`, filterParams);
    const page = rows.slice(0, limit);
    const items = page.map(toSummary);
    await this.db.transaction((m) =>
      this.audit.record(m, {
        actor: { type: 'user', id: userId },
        action: 'case.list',
        entityType: 'case',
        details: { caseIds: items.map((c) => c.id), count: items.length },
      }),
    );
    return {
      items,
      total: Number(totals[0]?.n ?? 0),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  async detail(userId: string, id: string): Promise<CaseDetail> {
    if (!UUID.test(id)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const detail = await loadDetail(m, id);
      if (!detail) throw Problems.notFound('No such case.');
      await this.audit.record(m, { actor: { type: 'user', id: userId }, action: 'case.read', entityType: 'case', entityId: id });
      return detail;
    });
  }
}
