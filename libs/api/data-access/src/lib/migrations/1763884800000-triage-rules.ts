import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage rules: hub risk assessments; the case facts priority needs; SLA clocks; MARAC referral time.
 * Cases that exist already get their incident time from their latest report and approximate due times
 * (received + the default target in real hours); new cases get staffed-time clocks from the intake.
 */
export class TriageRules1763884800000 implements MigrationInterface {
  name = 'TriageRules1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "risk_assessments" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "answers" jsonb NOT NULL, "score" integer NOT NULL, "score_grade" text NOT NULL, "grade" text NOT NULL, "judgement" jsonb, "marac_reasons" text array NOT NULL DEFAULT '{}', "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assessed_by" uuid NOT NULL, CONSTRAINT "PK_risk_assessments" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "risk_assessments_case_id_idx" ON "risk_assessments" ("case_id")`);
    await q.query(
      `ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_user_fk" FOREIGN KEY ("assessed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`DROP INDEX IF EXISTS "cases_triage_order_idx"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "priority_score"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "priority_factors"`);
    await q.query(`ALTER TABLE "cases" ADD "marac_referred_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "incident_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "previous_incidents" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "cases" ADD "strangulation" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "weapon" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "children_present" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "pregnant" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "arrived_out_of_hours" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "assign_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "first_contact_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "first_contact_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "sla_breached_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`
      UPDATE "cases" c SET
        "incident_at" = (r.body->'incident'->>'occurredAt')::timestamptz,
        "previous_incidents" = COALESCE((r.body->'incident'->>'previousIncidents12Months')::int, 0),
        "strangulation" = COALESCE((r.body->'incident'->>'strangulation')::boolean, false),
        "weapon" = COALESCE((r.body->'incident'->>'weaponUsed')::boolean, false),
        "pregnant" = COALESCE((r.body->'victim'->>'pregnant')::boolean, false),
        "assign_due_at" = c.received_at + (CASE WHEN COALESCE(c.risk_grade, c.officer_grade) = 'high' THEN 1 ELSE 3 END) * interval '1 hour',
        "first_contact_due_at" = c.received_at + (CASE COALESCE(c.risk_grade, c.officer_grade) WHEN 'high' THEN 4 WHEN 'medium' THEN 12 ELSE 24 END) * interval '1 hour'
      FROM "reports" r WHERE r.case_id = c.id AND r.revision = c.current_revision`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "incident_at" SET NOT NULL`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "assign_due_at" SET NOT NULL`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "first_contact_due_at" SET NOT NULL`);
    await q.query(`CREATE INDEX "cases_status_idx" ON "cases" ("status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_status_idx"`);
    for (const col of [
      'sla_breached_at',
      'first_contact_at',
      'assigned_at',
      'first_contact_due_at',
      'assign_due_at',
      'arrived_out_of_hours',
      'pregnant',
      'children_present',
      'weapon',
      'strangulation',
      'previous_incidents',
      'incident_at',
      'marac_referred_at',
    ]) {
      await q.query(`ALTER TABLE "cases" DROP COLUMN "${col}"`);
    }
    await q.query(`ALTER TABLE "cases" ADD "priority_factors" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "cases" ADD "priority_score" integer NOT NULL DEFAULT '0'`);
    await q.query(`CREATE INDEX "cases_triage_order_idx" ON "cases" ("priority_score", "received_at", "id")`);
    await q.query(`DROP TABLE "risk_assessments"`);
  }
}
