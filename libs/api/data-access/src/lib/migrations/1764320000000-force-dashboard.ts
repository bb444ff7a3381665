import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The force dashboard (issue 14, part 2): a force lead's figures read one force's cases received in a period, so the
 * cases are indexed by force and time of receipt (docs/force-dashboard.md).
 */
export class ForceDashboard1764320000000 implements MigrationInterface {
  name = 'ForceDashboard1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "cases_force_received_at_idx" ON "cases" ("force", "received_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_force_received_at_idx"`);
  }
}
