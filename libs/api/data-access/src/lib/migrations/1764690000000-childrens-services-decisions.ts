import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * Session 42 (a referral review's finding): a case with children in the household closed with nothing recorded about
 * children's services. A caseworker now records the hub's decision when it sends no referral of its own (the closing
 * rule `childrens-services-decision-required`); one row per decision, the words in case_change_reasons, in force on
 * the police revision it was made on and until the case is reopened (`cases.reopened_at`).
 */
export class ChildrensServicesDecisions1764690000000 implements MigrationInterface {
  name = 'ChildrensServicesDecisions1764690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "childrens_services_decisions" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "decision" text NOT NULL, "reason_id" uuid NOT NULL, "revision" integer NOT NULL, "reasons" text array NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by" uuid NOT NULL, CONSTRAINT "childrens_services_decisions_decision_ck" CHECK ("decision" IN ('police-notified', 'already-involved', 'not-needed')), CONSTRAINT "childrens_services_decisions_pk" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "childrens_services_decisions_case_at_idx" ON "childrens_services_decisions" ("case_id", "at")`);
    await q.query(
      `ALTER TABLE "childrens_services_decisions" ADD CONSTRAINT "childrens_services_decisions_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "childrens_services_decisions" ADD CONSTRAINT "childrens_services_decisions_reason_fk" FOREIGN KEY ("reason_id") REFERENCES "case_change_reasons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "childrens_services_decisions" ADD CONSTRAINT "childrens_services_decisions_user_fk" FOREIGN KEY ("by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await grantToAppRole(q, 'childrens_services_decisions', 'SELECT, INSERT');
    // When a closed case was last reopened: a decision made before it answers the earlier episode, not this one.
    await q.query(`ALTER TABLE "cases" ADD "reopened_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "reopened_at"`);
    await q.query(`DROP TABLE "childrens_services_decisions"`);
  }
}
