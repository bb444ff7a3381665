import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent recorded by the hub: every record kept (case_consents), and the consent to share in force on the case
 * (cases.information_sharing, beside consent_to_contact), backfilled from the latest report. Safeguarding bases
 * recorded before the lawful-bases list keep their para 18(2) ground, now with its title and legal reference.
 */
export class Consent1764000000000 implements MigrationInterface {
  name = 'Consent1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_consents" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "case_version" integer NOT NULL, "contact" text, "sharing" text, "method" text NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid NOT NULL, CONSTRAINT "PK_f76061198c833571b1435d76c83" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_consents_case_idx" ON "case_consents"  ("case_id", "case_version") `);
    await q.query(`ALTER TABLE "cases" ADD "information_sharing" text NOT NULL DEFAULT 'not-asked'`);
    await q.query(
      `ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_user_fk" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The consent to share in force is the latest report's until the hub records one.
    await q.query(
      `UPDATE "cases" c SET "information_sharing" = r."body"->'consent'->>'informationSharing'
         FROM "reports" r
        WHERE r."case_id" = c."id" AND r."revision" = c."current_revision"
          AND r."body"->'consent'->>'informationSharing' IN ('given', 'refused', 'not-asked')`,
    );
    const legacy: Array<[string, string, string]> = [
      ['consent-cannot-be-given', 'Safeguarding: the individual cannot give consent', 'DPA 2018 Sch. 1 para 18(2)(a)'],
      ['consent-cannot-reasonably-be-obtained', 'Safeguarding: consent cannot reasonably be obtained', 'DPA 2018 Sch. 1 para 18(2)(b)'],
      [
        'consent-would-prejudice-safeguarding',
        'Safeguarding: asking for consent would prejudice the protection',
        'DPA 2018 Sch. 1 para 18(2)(c)',
      ],
    ];
    for (const [ground, title, legalReference] of legacy) {
      await q.query(
        `UPDATE "cases" SET "safeguarding_basis" = "safeguarding_basis" || jsonb_build_object('title', $2::text, 'legalReference', $3::text)
          WHERE "safeguarding_basis"->>'ground' = $1 AND NOT ("safeguarding_basis" ? 'title')`,
        [ground, title, legalReference],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_consents" DROP CONSTRAINT "case_consents_user_fk"`);
    await q.query(`ALTER TABLE "case_consents" DROP CONSTRAINT "case_consents_case_fk"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "information_sharing"`);
    await q.query(`DROP INDEX "public"."case_consents_case_idx"`);
    await q.query(`DROP TABLE "case_consents"`);
  }
}
