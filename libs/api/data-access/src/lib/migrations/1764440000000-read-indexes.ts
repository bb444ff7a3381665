import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (reads at a million cases), first indexes, each for a read that scanned every case:
 * - `cases_restricted_idx`: every case read (the queue, counts, a case, the board, alerts, history) loads the
 *   restricted cases' access facts (CaseVisibility.load, `WHERE c.restricted`); about one case in a thousand is
 *   restricted, so a partial index holds only those.
 * - `cases_received_at_idx`: the outcomes report reads a period's cases by received_at alone (the force dashboard's
 *   index leads with the force).
 * - `cases_open_idx`: the queue, its counts and Next case rank the open cases (case-queue.ts writes the open statuses
 *   into its SQL so this index serves it): at a million cases with ten thousand open, only those are read.
 */
export class ReadIndexes1764440000000 implements MigrationInterface {
  name = 'ReadIndexes1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "cases_restricted_idx" ON "cases" ("id") WHERE "restricted"`);
    await q.query(`CREATE INDEX "cases_received_at_idx" ON "cases" ("received_at")`);
    // The statuses of OPEN_STATUSES (libs/shared/domain case.ts) as they were when this migration was written.
    await q.query(
      `CREATE INDEX "cases_open_idx" ON "cases" ("received_at", "id") WHERE "status" IN ('new', 'triage', 'contacting', 'assessment', 'support')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_open_idx"`);
    await q.query(`DROP INDEX "cases_received_at_idx"`);
    await q.query(`DROP INDEX "cases_restricted_idx"`);
  }
}
