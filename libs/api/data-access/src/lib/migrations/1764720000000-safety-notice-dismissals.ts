import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Session 45: a safety notice waits for the one who holds the case until they dismiss it (GET /me/safety-notices). A
 * caseworker signed out when the police named another victim on their case, or raised its grade, saw nothing at their
 * next sign-in: the live notice was for the page that was open. One row per user and notice (user, case, kind and the
 * police revision it was about; its key, `<kind>|<case>|<revision>`, is made from them); the notices themselves
 * are read from the trail (`case.victim-changed`, `case.risk-raised-by-police`), so only the dismissal is stored here:
 * it answers that revision's notice of that kind and any earlier one on the case, not a later one.
 */
export class SafetyNoticeDismissals1764720000000 implements MigrationInterface {
  name = 'SafetyNoticeDismissals1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "safety_notice_dismissals" ("user_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "revision" integer NOT NULL, "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "safety_notice_dismissals_kind_ck" CHECK ("kind" IN ('victim-changed-by-police', 'risk-raised-by-police')), CONSTRAINT "safety_notice_dismissals_pk" PRIMARY KEY ("user_id", "case_id", "kind", "revision"))`,
    );
    await q.query(
      `ALTER TABLE "safety_notice_dismissals" ADD CONSTRAINT "safety_notice_dismissals_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "safety_notice_dismissals" ADD CONSTRAINT "safety_notice_dismissals_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await grantToAppRole(q, 'safety_notice_dismissals', 'SELECT, INSERT');
    // The notices are read per case from its trail entries of these two actions: the entity index would read every
    // entry of the case (every open, every live push: hundreds on a case open for months) to find its few revisions.
    await q.query(
      `CREATE INDEX "audit_entries_safety_notice_idx" ON "audit_entries" ("entity_id", "action", (("details"->>'revision')::int) DESC NULLS LAST, "id" DESC) WHERE "entity_type" = 'case' AND "action" IN ('case.victim-changed', 'case.risk-raised-by-police')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_entries_safety_notice_idx"`);
    await q.query(`DROP TABLE "safety_notice_dismissals"`);
  }
}
