import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Police grades count (issue 12, parts 1 and 2). A case keeps the police grade (the officer's grade with the police
 * DASH band folded in) and the police DASH RIC score beside the hub's own grade; `risk_grade` becomes the grade in
 * force (the higher of the two, or a team lead's "agreed with police" grade, recorded in `agreed_with_police`).
 * Hub answers keep where each came from and how complete the checklist was.
 *
 * Existing cases are backfilled with the default bands of today (14 high, 10 medium), written out so this migration
 * never changes; a later police revision recomputes them with the configured bands.
 */
export class PoliceGrades1764100000000 implements MigrationInterface {
  name = 'PoliceGrades1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "police_grade" text`);
    await q.query(`ALTER TABLE "cases" ADD "police_score" integer`);
    await q.query(`ALTER TABLE "cases" ADD "police_reasons" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "cases" ADD "hub_grade" text`);
    await q.query(`ALTER TABLE "cases" ADD "agreed_with_police" jsonb`);
    await q.query(`ALTER TABLE "risk_assessments" ADD "sources" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "risk_assessments" ADD "completeness" jsonb`);
    await q.query(`ALTER TABLE "risk_assessments" ADD "case_grade" text`);

    const rank = (x: string) => `(CASE ${x} WHEN 'high' THEN 2 WHEN 'medium' THEN 1 WHEN 'standard' THEN 0 ELSE -1 END)`;
    await q.query(`UPDATE "cases" SET "hub_grade" = "risk_grade" WHERE "risk_source" = 'hub'`);
    await q.query(
      `UPDATE "cases" c SET "police_score" = s.n
         FROM (SELECT r.case_id,
                      (SELECT count(*) FROM jsonb_each_text(r.body->'officerRiskAssessment'->'dash') AS e
                        WHERE e.value = 'yes' AND e.key NOT IN ('q10', 'q11', 'q12'))::int AS n
                 FROM "reports" r
                WHERE r.revision = (SELECT max(r2.revision) FROM "reports" r2 WHERE r2.case_id = r.case_id)
                  AND r.body->'officerRiskAssessment'->>'tool' = 'dash'
                  AND jsonb_typeof(r.body->'officerRiskAssessment'->'dash') = 'object'
                  AND r.body->'officerRiskAssessment'->'dash' <> '{}'::jsonb) AS s
        WHERE s.case_id = c.id`,
    );
    const band = `(CASE WHEN "police_score" IS NULL THEN NULL WHEN "police_score" >= 14 THEN 'high' WHEN "police_score" >= 10 THEN 'medium' ELSE 'standard' END)`;
    await q.query(
      `UPDATE "cases" SET "police_grade" = CASE WHEN ${rank(band)} > ${rank('"officer_grade"')} THEN ${band} ELSE "officer_grade" END`,
    );
    await q.query(
      `UPDATE "cases" SET "risk_grade" = CASE WHEN ${rank('"police_grade"')} > ${rank('"hub_grade"')} THEN "police_grade" ELSE "hub_grade" END`,
    );
    await q.query(
      `UPDATE "cases" SET "police_reasons" = array_remove(ARRAY[CASE WHEN "police_score" >= 14 THEN 'visible-high-risk' END,
                                                               CASE WHEN "officer_grade" = 'high' THEN 'police-high-risk' END], NULL)`,
    );
    await q.query(
      `UPDATE "cases" SET "marac_reasons" = "marac_reasons" || ARRAY['visible-high-risk']::text[], "marac_required" = true
        WHERE "police_score" >= 14 AND NOT ('visible-high-risk' = ANY("marac_reasons"))`,
    );
    await q.query(
      `UPDATE "cases" SET "marac_reasons" = "marac_reasons" || ARRAY['police-high-risk']::text[], "marac_required" = true
        WHERE "officer_grade" = 'high' AND NOT ('police-high-risk' = ANY("marac_reasons"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "cases" SET "risk_grade" = "hub_grade"`);
    await q.query(`ALTER TABLE "risk_assessments" DROP COLUMN "case_grade"`);
    await q.query(`ALTER TABLE "risk_assessments" DROP COLUMN "completeness"`);
    await q.query(`ALTER TABLE "risk_assessments" DROP COLUMN "sources"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "agreed_with_police"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "hub_grade"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "police_reasons"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "police_score"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "police_grade"`);
  }
}
