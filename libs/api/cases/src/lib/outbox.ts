import { LockNamespace, lockKey, OutboxEventEntity } from '@lantern/api/data-access';
import type { CaseChange } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

export const CASE_CHANGED_TOPIC = 'case.changed';

export interface OutboxPayload {
  change: CaseChange;
}

/**
 * Appends a case.changed row in the caller's transaction and returns its seq. Call it as the last write of the
 * transaction: the advisory lock it takes is held until commit, so seq order is commit order and a client
 * catching up "after seq N" can never miss a row that commits later with a smaller seq.
 */
export async function appendCaseChanged(manager: EntityManager, caseId: string, version: number, change: CaseChange): Promise<number> {
  await lockKey(manager, LockNamespace.outbox, CASE_CHANGED_TOPIC);
  const rows: Array<{ seq: string | number }> = await manager.query(
    `INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload) VALUES ($1, $2, $3, $4) RETURNING seq`,
    [CASE_CHANGED_TOPIC, caseId, version, JSON.stringify({ change } satisfies OutboxPayload)],
  );
  return Number(rows[0].seq);
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
