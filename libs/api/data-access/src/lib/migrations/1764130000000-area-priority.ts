import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outreach area, risk markers and serial suspects (issue 12, parts 6 and 8): where outreach is allocated (the
 * victim's postcode, the incident area or a caseworker's correction, and "out of county"); the DASH markers
 * separation (q6), stalking (q8), threats to kill (q17) and sexual abuse (q19) from the police report and the hub's
 * latest checklist; whether the case's suspect is another victim's suspect too. Existing cases keep their incident
 * area until their next report; markers and serial suspects are filled from what is stored.
 */
export class AreaPriority1764130000000 implements MigrationInterface {
  name = 'AreaPriority1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "outreach_area" text`);
    await q.query(`ALTER TABLE "cases" ADD "outreach_area_source" text NOT NULL DEFAULT 'incident-area'`);
    await q.query(`ALTER TABLE "cases" ADD "outreach_out_of_county" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "separation" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "stalking" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "threat_to_kill" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "sexual_abuse" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "serial_suspect" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE "cases" SET "outreach_area" = "area"`);

    // A marker is "yes" in the current police report's DASH or in the hub's latest checklist (risk-markers.ts).
    // COALESCE: a missing answer compares as NULL, and the columns are NOT NULL.
    const marker = (key: string) =>
      `(COALESCE(r.body->'officerRiskAssessment'->'dash'->>'${key}' = 'yes', false) OR
        COALESCE((SELECT a.answers->>'${key}' FROM "risk_assessments" a WHERE a.case_id = c.id
                   ORDER BY a.assessed_at DESC, a.id LIMIT 1) = 'yes', false))`;
    await q.query(
      `UPDATE "cases" c SET "separation" = ${marker('q6')}, "stalking" = ${marker('q8')},
              "threat_to_kill" = ${marker('q17')}, "sexual_abuse" = ${marker('q19')},
              "strangulation" = c.strangulation OR ${marker('q18')}, "weapon" = c.weapon OR ${marker('q16')},
              "pregnant" = c.pregnant OR ${marker('q9')}
         FROM "reports" r WHERE r.case_id = c.id AND r.revision = c.current_revision`,
    );
    await q.query(
      `UPDATE "cases" c SET "serial_suspect" = true
        WHERE EXISTS (SELECT 1 FROM "cases" o JOIN "persons" s ON s.id = o.suspect_id
                       WHERE o.suspect_id = c.suspect_id AND o.victim_id <> c.victim_id AND s.police_person_id IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of [
      'serial_suspect',
      'sexual_abuse',
      'threat_to_kill',
      'stalking',
      'separation',
      'outreach_out_of_county',
      'outreach_area_source',
      'outreach_area',
    ]) {
      await q.query(`ALTER TABLE "cases" DROP COLUMN "${column}"`);
    }
  }
}
