import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Casework: contact attempts, the safe-contact plan, consent to contact and contact pause on the case. */
export class Casework1763899200000 implements MigrationInterface {
  name = 'Casework1763899200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "contact_attempts" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "channel" text NOT NULL, "to_address" text, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "made_by" uuid NOT NULL, "outcome" text, "notes" text, "override_reason" text, "overridden_rules" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_6c99688e7d639dca8dd04378c90" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "contact_attempts_case_id_idx" ON "contact_attempts"  ("case_id") `);
    await q.query(`ALTER TABLE "cases" ADD "consent_to_contact" text NOT NULL DEFAULT 'not-asked'`);
    await q.query(`ALTER TABLE "cases" ADD "safe_contact_plan" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "cases" ADD "safe_contact_plan_edited_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "contact_paused" boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_user_fk" FOREIGN KEY ("made_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Existing cases take their consent from their latest report; plans start from the report when first read.
    await q.query(
      `UPDATE "cases" c SET "consent_to_contact" = COALESCE(r.body->'consent'->>'supportReferral', 'not-asked') FROM "reports" r WHERE r.case_id = c.id AND r.revision = c.current_revision`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "contact_attempts"`);
    for (const col of ['contact_paused', 'safe_contact_plan_edited_at', 'safe_contact_plan', 'consent_to_contact']) {
      await q.query(`ALTER TABLE "cases" DROP COLUMN "${col}"`);
    }
  }
}
