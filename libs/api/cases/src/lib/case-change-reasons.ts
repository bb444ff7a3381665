import { randomUUID } from 'node:crypto';
import { CaseChangeReasonEntity } from '@lantern/api/data-access';
import type { EntityManager } from 'typeorm';

/**
 * Keeps the words a member of staff gave for a change beside the audit trail (case_change_reasons), in the change's
 * transaction, and returns the id its audit entry names as `reasonId`. The trail gets codes and ids only: it cannot
 * be corrected or erased, and a reason may name a place or a person (docs/audit.md).
 */
export async function recordChangeReason(
  m: EntityManager,
  change: { caseId: string; action: string; by: string; at: Date; reason: string },
): Promise<string> {
  const id = randomUUID();
  await m.insert(CaseChangeReasonEntity, { id, ...change });
  return id;
}

/** The reasons kept beside a case's trail, by id (the History puts each back on its entry). */
export async function changeReasonsOf(m: Pick<EntityManager, 'query'>, caseId: string): Promise<Map<string, string>> {
  const rows = (await m.query('SELECT id, reason FROM case_change_reasons WHERE case_id = $1', [caseId])) as Array<{
    id: string;
    reason: string;
  }>;
  return new Map(rows.map((r) => [r.id, r.reason]));
}
