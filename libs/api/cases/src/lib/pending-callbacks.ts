import type { EntityManager } from 'typeorm';

/**
 * Cancels every pending call-back of a case in the caller's transaction and returns their ids: a call-back is a
 * promise to phone the victim, so it goes when the case closes or the victim refuses or withdraws consent to contact
 * (told to the hub, or to the officer in a later police report: `by` is then null, the report's audit names its sender).
 */
export async function cancelPendingCallbacks(
  m: EntityManager,
  caseId: string,
  by: string | null,
  now: Date,
  reason: string,
  /** Only these of them (the ones the plan's new times rule out); all when absent. */
  only?: readonly string[],
): Promise<string[]> {
  const [rows]: [Array<{ id: string }>, number] = await m.query(
    `UPDATE callbacks SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancel_reason = $4
      WHERE case_id = $1 AND status = 'pending' AND ($5::uuid[] IS NULL OR id = ANY($5::uuid[])) RETURNING id`,
    [caseId, now, by, reason, only ? [...only] : null],
  );
  return rows.map((r) => r.id);
}
