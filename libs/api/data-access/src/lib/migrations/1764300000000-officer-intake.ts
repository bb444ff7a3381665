import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officer at the scene and the force behind them (issue 14): an officer's or force lead's force, an officer's
 * collar number, team and email (the officer app fills a report's officer block from them), and reports that were
 * submitted by a signed-in person (the officer app, a CSV import) rather than a feed key.
 */
export class OfficerIntake1764300000000 implements MigrationInterface {
  name = 'OfficerIntake1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "force" text`);
    await q.query(`ALTER TABLE "users" ADD "collar_number" text`);
    await q.query(`ALTER TABLE "users" ADD "team" text`);
    await q.query(`ALTER TABLE "users" ADD "email" text`);
    await q.query(`ALTER TABLE "reports" ALTER COLUMN "feed_source_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "reports" ADD "submitted_by" uuid`);
    await q.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "reports_submitted_by_fk" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
    // Every report names who sent it: a feed key or a signed-in person.
    await q.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "reports_sender_ck" CHECK ("feed_source_id" IS NOT NULL OR "submitted_by" IS NOT NULL)`,
    );
    // An officer's own referrals, newest first.
    await q.query(
      `CREATE INDEX "reports_submitted_by_idx" ON "reports" ("submitted_by", "received_at" DESC) WHERE "submitted_by" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "reports_submitted_by_idx"`);
    await q.query(`ALTER TABLE "reports" DROP CONSTRAINT "reports_sender_ck"`);
    await q.query(`ALTER TABLE "reports" DROP CONSTRAINT "reports_submitted_by_fk"`);
    await q.query(`ALTER TABLE "reports" DROP COLUMN "submitted_by"`);
    await q.query(`ALTER TABLE "reports" ALTER COLUMN "feed_source_id" SET NOT NULL`);
    for (const c of ['email', 'team', 'collar_number', 'force']) await q.query(`ALTER TABLE "users" DROP COLUMN "${c}"`);
  }
}
