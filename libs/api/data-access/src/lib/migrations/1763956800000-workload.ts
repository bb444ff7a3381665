import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team-lead balancing and outcomes: caseworker rotas and availability, when and why a case closed, when a
 * referral's outcome was recorded, and the victim satisfaction survey at closure.
 */
export class Workload1763956800000 implements MigrationInterface {
  name = 'Workload1763956800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "satisfaction_surveys" ("case_id" uuid NOT NULL, "score" integer NOT NULL, "felt_safer" text NOT NULL, "would_recommend" boolean, "comment" text, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4ad26b2e262dff4a09240485fc6" PRIMARY KEY ("case_id"))`,
    );
    await q.query(`CREATE INDEX "satisfaction_surveys_recorded_at_idx" ON "satisfaction_surveys"  ("recorded_at")`);
    await q.query(`ALTER TABLE "users" ADD "rota" jsonb`);
    await q.query(`ALTER TABLE "users" ADD "availability" text NOT NULL DEFAULT 'available'`);
    await q.query(`ALTER TABLE "users" ADD "availability_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "closure_reason" text`);
    await q.query(`ALTER TABLE "cases" ADD "closure_note" text`);
    await q.query(`ALTER TABLE "referrals" ADD "outcome_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "cases_closed_at_idx" ON "cases"  ("closed_at")`);
    await q.query(
      `ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_user_fk" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Cases already closed: their last change is the best record of when; the reason from the closing status.
    await q.query(
      `UPDATE "cases" SET "closed_at" = "updated_at",
              "closure_reason" = CASE "status" WHEN 'unable-to-contact' THEN 'unable-to-contact' WHEN 'declined' THEN 'victim-declined' ELSE 'other' END
        WHERE "status" IN ('closed', 'unable-to-contact', 'declined')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "satisfaction_surveys" DROP CONSTRAINT "satisfaction_surveys_user_fk"`);
    await q.query(`ALTER TABLE "satisfaction_surveys" DROP CONSTRAINT "satisfaction_surveys_case_fk"`);
    await q.query(`DROP INDEX "public"."cases_closed_at_idx"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "outcome_at"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "closure_note"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "closure_reason"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "closed_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "availability_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "availability"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "rota"`);
    await q.query(`DROP INDEX "public"."satisfaction_surveys_recorded_at_idx"`);
    await q.query(`DROP TABLE "satisfaction_surveys"`);
  }
}
