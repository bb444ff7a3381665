import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals to partner services, and a recorded safeguarding basis for sharing without consent. */
export class Referrals1763928000000 implements MigrationInterface {
  name = 'Referrals1763928000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "partner_id" text NOT NULL, "service" text NOT NULL, "status" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "ack_due_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "declined_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "outcome" text, "outcome_note" text, "closed_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "dataset" jsonb, CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "referrals_case_id_idx" ON "referrals"  ("case_id") `);
    await q.query(`CREATE INDEX "referrals_partner_idx" ON "referrals"  ("partner_id", "status") `);
    await q.query(`ALTER TABLE "cases" ADD "safeguarding_basis" jsonb`);
    await q.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "safeguarding_basis"`);
  }
}
