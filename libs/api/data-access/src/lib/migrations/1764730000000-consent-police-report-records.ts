import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 46: a refusal the victim gave an officer reaches her other cases at the hub (docs/consent.md, "A 'no' is
 * the victim's"), as a "no" the hub hears does. Intake records it there as a consent record no member of staff made:
 * `recorded_by` is null, and only for the method `police-report` (the check keeps every other record's recorder).
 */
export class ConsentPoliceReportRecords1764730000000 implements MigrationInterface {
  name = 'ConsentPoliceReportRecords1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_consents" ALTER COLUMN "recorded_by" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_recorder_ck" CHECK ("recorded_by" IS NOT NULL OR "method" = 'police-report')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Her refusals recorded this way are the values in force on her cases: deleting them would leave case rows that
    // disagree with their records (and a later recompute could reopen contact). Refuse instead.
    const [held] = (await q.query(`SELECT count(*)::int AS n FROM "case_consents" WHERE "recorded_by" IS NULL`)) as Array<{ n: number }>;
    if (held?.n) throw new Error(`Cannot roll back: ${held.n} consent records came from police reports and have no recorder.`);
    await q.query(`ALTER TABLE "case_consents" DROP CONSTRAINT "case_consents_recorder_ck"`);
    await q.query(`ALTER TABLE "case_consents" ALTER COLUMN "recorded_by" SET NOT NULL`);
  }
}
