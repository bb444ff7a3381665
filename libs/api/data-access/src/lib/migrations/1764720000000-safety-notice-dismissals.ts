import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Session 45: a safety notice waits for the one who holds the case until they dismiss it (GET /me/safety-notices). A
 * caseworker signed out when the police named another victim on their case saw nothing at their next sign-in: the
 * live notice was for the page that was open. One row per user and notice; the notices themselves are read from the
 * trail (`case.victim-changed`), so only the dismissal is stored here, with the police revision it was about: it
 * answers that revision's notice and any earlier one on the case, not a later one.
 */
export class SafetyNoticeDismissals1764720000000 implements MigrationInterface {
  name = 'SafetyNoticeDismissals1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "safety_notice_dismissals" (
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "notice_key" text NOT NULL,
      "case_id" uuid NOT NULL REFERENCES "cases"("id") ON DELETE RESTRICT,
      "revision" integer NOT NULL,
      "dismissed_at" timestamptz NOT NULL,
      CONSTRAINT "safety_notice_dismissals_pk" PRIMARY KEY ("user_id", "notice_key")
    )`);
    await grantToAppRole(q, 'safety_notice_dismissals', 'SELECT, INSERT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "safety_notice_dismissals"`);
  }
}
