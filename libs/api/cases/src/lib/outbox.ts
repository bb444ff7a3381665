import { auditInsert, type AuditRecord } from '@lantern/api/audit';
import { OutboxEventEntity, preparedQuery } from '@lantern/api/data-access';
import type { CaseChange } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

export const CASE_CHANGED_TOPIC = 'case.changed';

export interface OutboxPayload {
  change: CaseChange;
}

/**
 * Appends one case.changed row per change, in one statement, in the caller's transaction, and returns their seqs in
 * order; `audits`, when given, are written by the same statement (a data-modifying CTE). Call it as the last write of
 * the transaction: the insert takes the outbox's order lock (a statement trigger, migration
 * 1764490000000-outbox-order-lock) and the audit rows the chain's lock, both held until commit, so seq order is commit
 * order and a client catching up "after seq N" can never miss a row that commits later with a smaller seq. One
 * statement, then COMMIT: under load every round trip made while holding those locks is a wait for every other
 * writer (issue 16: the summary read and a second insert sat between the audit insert and the commit).
 */
export async function appendCasesChanged(
  manager: EntityManager,
  changes: ReadonlyArray<{ caseId: string; version: number; change: CaseChange }>,
  audits: readonly AuditRecord[] = [],
): Promise<number[]> {
  if (!changes.length) {
    if (audits.length) {
      const { sql, params } = auditInsert(audits);
      await preparedQuery(manager, sql, params);
    }
    return [];
  }
  const params: unknown[] = [
    CASE_CHANGED_TOPIC,
    changes.map((c) => c.caseId),
    changes.map((c) => c.version),
    changes.map((c) => JSON.stringify({ change: c.change } satisfies OutboxPayload)),
  ];
  const audit = audits.length ? auditInsert(audits, params.length + 1) : null;
  if (audit) params.push(...audit.params);
  const rows: Array<{ seq: string | number; ord: string | number }> = await preparedQuery(
    manager,
    `WITH ${audit ? `audited AS (${audit.sql}),` : ''}
          input AS (SELECT * FROM unnest($2::uuid[], $3::int[], $4::jsonb[]) WITH ORDINALITY AS t(aggregate_id, aggregate_version, payload, ord)),
          inserted AS (INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
                       SELECT $1, aggregate_id, aggregate_version, payload FROM input ORDER BY ord
                       RETURNING seq, aggregate_id, aggregate_version)
     SELECT i.seq, input.ord FROM inserted i
       JOIN input ON input.aggregate_id = i.aggregate_id AND input.aggregate_version = i.aggregate_version`,
    params,
  );
  const seqs: number[] = new Array(changes.length);
  for (const r of rows) seqs[Number(r.ord) - 1] = Number(r.seq);
  // Each change names one case version once; anything else would leave a change without its seq.
  if (rows.length !== changes.length || seqs.some((q) => !Number.isFinite(q))) throw new Error('outbox: a case version was appended twice');
  return seqs;
}

export interface OutboxRow {
  seq: number;
  caseId: string;
  version: number;
  change: CaseChange;
}

export async function outboxAfter(manager: EntityManager, afterSeq: number, limit: number): Promise<OutboxRow[]> {
  const rows: Array<{ seq: string; aggregate_id: string; aggregate_version: number; payload: OutboxPayload }> = await manager.query(
    `SELECT seq, aggregate_id, aggregate_version, payload FROM outbox
        WHERE topic = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [CASE_CHANGED_TOPIC, afterSeq, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    caseId: r.aggregate_id,
    version: Number(r.aggregate_version),
    change: r.payload.change,
  }));
}

export async function lastSeq(manager: EntityManager): Promise<number> {
  const rows: Array<{ seq: string | null }> = await manager.query('SELECT max(seq) AS seq FROM outbox WHERE topic = $1', [
    CASE_CHANGED_TOPIC,
  ]);
  return Number(rows[0]?.seq ?? 0);
}

export { OutboxEventEntity };
