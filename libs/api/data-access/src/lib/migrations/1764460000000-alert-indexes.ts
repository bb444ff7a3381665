import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: indexes for the team lead's alert tray, which read every open case for two lists:
 * - `alert_acknowledgements_sla_case_idx`: the SLA alerts count the SLA acknowledgements of open cases (how many of
 *   the first alerts in order may be left out as acknowledged: team-lead-alerts.service.ts). Acknowledgements are kept
 *   for good, so they are found from the open cases rather than by reading every acknowledgement ever made.
 * - `cases_contact_paused_idx`: cases whose contact is paused (someone else answered) are few; the tray lists them.
 */
export class AlertIndexes1764460000000 implements MigrationInterface {
  name = 'AlertIndexes1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "alert_acknowledgements_sla_case_idx" ON "alert_acknowledgements" ("case_id") WHERE "kind" = 'sla'`);
    await q.query(`CREATE INDEX "cases_contact_paused_idx" ON "cases" ("updated_at") WHERE "contact_paused"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_contact_paused_idx"`);
    await q.query(`DROP INDEX "alert_acknowledgements_sla_case_idx"`);
  }
}
