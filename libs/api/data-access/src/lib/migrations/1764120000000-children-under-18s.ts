import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children and under-18s (issue 12, parts 4 and 5): on each case, whether the report's children list and the police
 * DASH children answers disagree, and the victim's and suspect's ages on the incident date (Europe/London); on each
 * referral, whether the victim was (or will be) told of a children's-services referral, or why not. Existing cases
 * are brought up to date from their current report; police DASH q10–q12 "yes" now put children in the household.
 * Catch22's seeded minimum age becomes 16 where no admin has changed it (under 16: the child-protection route).
 * The rules are written out here as they read today (children.ts), so this migration never changes.
 */
export class ChildrenUnder18s1764120000000 implements MigrationInterface {
  name = 'ChildrenUnder18s1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "children_conflict" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "victim_age" integer`);
    await q.query(`ALTER TABLE "cases" ADD "suspect_age" integer`);
    await q.query(`ALTER TABLE "referrals" ADD "victim_informed" text`);
    await q.query(`ALTER TABLE "referrals" ADD "victim_informed_reason" text`);

    const dash = (k: string) => `(r.body->'officerRiskAssessment'->'dash'->>'${k}')`;
    const listedHome = `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.body->'children') = 'array' THEN r.body->'children' ELSE '[]'::jsonb END) AS ch
                                 WHERE coalesce(ch->>'livesWithVictim', '') <> 'false')`;
    // A missing answer is NULL in SQL: coalesce so "not asked" reads as not "yes" (and never nulls a NOT NULL column).
    const dashYes = `coalesce(${dash('q10')} = 'yes' OR ${dash('q11')} = 'yes' OR ${dash('q12')} = 'yes', false)`;
    const age = (role: string) => `CASE WHEN r.body->'${role}'->>'dateOfBirth' ~ '^\\d{4}-\\d{2}-\\d{2}$'
          THEN extract(year FROM age(((r.body->'incident'->>'occurredAt')::timestamptz AT TIME ZONE 'Europe/London')::date,
                                     (r.body->'${role}'->>'dateOfBirth')::date))::integer END`;
    await q.query(
      `UPDATE "cases" c SET
          "children_in_household" = c.children_in_household OR ${dashYes},
          "children_conflict" = (${dashYes} AND NOT ${listedHome}) OR (${listedHome} AND coalesce(${dash('q10')} = 'no', false)),
          "victim_age" = ${age('victim')},
          "suspect_age" = ${age('suspect')}
         FROM "reports" r WHERE r.case_id = c.id AND r.revision = c.current_revision`,
    );
    await q.query(
      `UPDATE "partner_services" SET "rule" = jsonb_set("rule", '{minAge}', '16'), "version" = "version" + 1, "updated_at" = now()
        WHERE "partner_id" = 'catch22' AND "service" = 'emotional-support' AND "rule"->'minAge' = '12'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "partner_services" SET "rule" = jsonb_set("rule", '{minAge}', '12'), "version" = "version" + 1, "updated_at" = now()
        WHERE "partner_id" = 'catch22' AND "service" = 'emotional-support' AND "rule"->'minAge' = '16'::jsonb`,
    );
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "victim_informed_reason"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "victim_informed"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "suspect_age"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "victim_age"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "children_conflict"`);
  }
}
