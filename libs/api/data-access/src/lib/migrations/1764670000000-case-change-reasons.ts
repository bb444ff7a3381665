import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Session 41 (an audit review): the reasons staff write for correcting the outreach area and for agreeing a grade
 * below the police's go beside the audit trail (case_change_reasons), not into it: the trail can never be corrected or
 * erased, and its CSV export goes to auditors. Entries written before keep their `reason` (an append-only trail is
 * not rewritten); the History reads either.
 */
export class CaseChangeReasons1764670000000 implements MigrationInterface {
  name = 'CaseChangeReasons1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_change_reasons" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "action" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by" uuid NOT NULL, "reason" text NOT NULL, CONSTRAINT "case_change_reasons_pk" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_change_reasons_case_id_idx" ON "case_change_reasons" ("case_id")`);
    await q.query(
      `ALTER TABLE "case_change_reasons" ADD CONSTRAINT "case_change_reasons_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_change_reasons" ADD CONSTRAINT "case_change_reasons_user_fk" FOREIGN KEY ("by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The runtime role writes and reads it (a deployment that granted the tables by hand after its first migration).
    await grantToAppRole(q, 'case_change_reasons', 'SELECT, INSERT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_change_reasons"`);
  }
}
