import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, part 2: the outcomes report's two scans read their columns from the index. It aggregates a period's
 * cases by `received_at` (area, grade, and the id to join first contacts) and its closures by `closed_at` (status,
 * area, reason). With those columns in the indexes' INCLUDE lists PostgreSQL answers from the index alone (an
 * index-only scan: a hub's history is old, so its pages are all-visible once vacuumed) instead of fetching some
 * 150,000 wide case rows a year. Measured on a million cases (docs/performance.md): the twelve-month closures scan
 * 244 → 132 ms, the cases scan 98 → 54 ms. Same names, so the entity's @Index declarations still name them.
 */
export class OutcomesCoveringIndexes1764510000000 implements MigrationInterface {
  name = 'OutcomesCoveringIndexes1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_received_at_idx"`);
    await q.query(`CREATE INDEX "cases_received_at_idx" ON "cases" ("received_at") INCLUDE ("id", "area", "risk_grade", "officer_grade")`);
    await q.query(`DROP INDEX "cases_closed_at_idx"`);
    await q.query(`CREATE INDEX "cases_closed_at_idx" ON "cases" ("closed_at") INCLUDE ("status", "area", "closure_reason")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_closed_at_idx"`);
    await q.query(`CREATE INDEX "cases_closed_at_idx" ON "cases" ("closed_at")`);
    await q.query(`DROP INDEX "cases_received_at_idx"`);
    await q.query(`CREATE INDEX "cases_received_at_idx" ON "cases" ("received_at")`);
  }
}
