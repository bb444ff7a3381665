import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MARAC referrals as records and no quiet closing (issue 12, parts 3 and 7): the referrals the hub recorded (repeat is
 * counted from them, the MARAC form is made from them), and the team-lead overrides of the closing rules.
 * `cases.marac_referred_at` now means "the last MARAC referral recorded for this case": it used to hold the first
 * moment the case met any criterion, which was never a referral, so it is cleared (no referral was recorded before).
 */
export class MaracReferrals1764110000000 implements MigrationInterface {
  name = 'MaracReferrals1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "closing_overrides" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by" uuid NOT NULL, "to_status" text NOT NULL, "rules" text array NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_8eb3ea93381a81948feee7feaa9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "closing_overrides_case_id_idx" ON "closing_overrides"  ("case_id") `);
    await q.query(
      `CREATE TABLE "marac_referrals" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "referred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "marac_area" text NOT NULL, "perpetrator_person_id" text, "note" text, "referred_by" uuid NOT NULL, "grade" text, "marac_reasons" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_5f317c1592f2dd7d565715f484c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "marac_referrals_case_id_idx" ON "marac_referrals"  ("case_id") `);
    await q.query(
      `ALTER TABLE "closing_overrides" ADD CONSTRAINT "closing_overrides_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "closing_overrides" ADD CONSTRAINT "closing_overrides_user_fk" FOREIGN KEY ("by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "marac_referrals" ADD CONSTRAINT "marac_referrals_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "marac_referrals" ADD CONSTRAINT "marac_referrals_user_fk" FOREIGN KEY ("referred_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // "First met a criterion" was never a referral: no case has a recorded one yet.
    await q.query(`UPDATE "cases" SET "marac_referred_at" = NULL WHERE "marac_referred_at" IS NOT NULL`);
    // Reasons already on cases are left as they are (fail-safe: a data migration never drops a MARAC flag); the next
    // report, revision, assessment or referral recomputes them by the new rule.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "marac_referrals" DROP CONSTRAINT "marac_referrals_user_fk"`);
    await q.query(`ALTER TABLE "marac_referrals" DROP CONSTRAINT "marac_referrals_case_fk"`);
    await q.query(`ALTER TABLE "closing_overrides" DROP CONSTRAINT "closing_overrides_user_fk"`);
    await q.query(`ALTER TABLE "closing_overrides" DROP CONSTRAINT "closing_overrides_case_fk"`);
    await q.query(`DROP INDEX "public"."marac_referrals_case_id_idx"`);
    await q.query(`DROP TABLE "marac_referrals"`);
    await q.query(`DROP INDEX "public"."closing_overrides_case_id_idx"`);
    await q.query(`DROP TABLE "closing_overrides"`);
  }
}
