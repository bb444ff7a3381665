import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbers and call-backs (issue 11, parts 5 and 6): the suspect numbers known on each case (police reports and the
 * hub's plans), indexed so a contact check reads every case of the victim (or the suspect) at once; the answer to
 * "Is it safe to talk now?" on a contact attempt; who cancelled a call-back, when and why.
 */
export class SuspectNumbersCallbacks1764020000000 implements MigrationInterface {
  name = 'SuspectNumbersCallbacks1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "suspect_numbers" ("case_id" uuid NOT NULL, "source" text NOT NULL, "number" text NOT NULL, "revision" integer, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "suspect_numbers_pk" PRIMARY KEY ("case_id", "source", "number"))`,
    );
    await q.query(`ALTER TABLE "callbacks" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "callbacks" ADD "cancelled_by" uuid`);
    await q.query(`ALTER TABLE "callbacks" ADD "cancel_reason" text`);
    await q.query(`ALTER TABLE "contact_attempts" ADD "safe_to_talk" boolean`);
    await q.query(`CREATE INDEX "cases_suspect_id_idx" ON "cases"  ("suspect_id") `);
    await q.query(
      `ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_canceller_fk" FOREIGN KEY ("cancelled_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "suspect_numbers" ADD CONSTRAINT "suspect_numbers_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // What is already known: suspect.phone of every stored report revision, and the suspect numbers of the plans
    // caseworkers edited. The normalisation is normalisePhone's of today, written out so this migration never changes.
    const norm = (x: string) =>
      `replace(CASE WHEN d LIKE '+44%' THEN '0' || substr(d, 4) WHEN d LIKE '0044%' THEN '0' || substr(d, 5) ELSE d END, '+', '')
         FROM (SELECT regexp_replace(${x}, '[^0-9+]', '', 'g') AS d) AS digits`;
    await q.query(
      `INSERT INTO "suspect_numbers" ("case_id", "source", "number", "revision", "recorded_at")
       SELECT case_id, 'police-report', number, min(revision), min(received_at)
         FROM (SELECT r.case_id, r.revision, r.received_at, (SELECT ${norm(`r.body->'suspect'->>'phone'`)}) AS number
                 FROM "reports" r WHERE r.body->'suspect'->>'phone' IS NOT NULL) AS found
        WHERE number <> ''
        GROUP BY case_id, number`,
    );
    await q.query(
      `INSERT INTO "suspect_numbers" ("case_id", "source", "number", "revision", "recorded_at")
       SELECT DISTINCT id, 'hub', number, NULL::integer, safe_contact_plan_edited_at
         FROM (SELECT c.id, c.safe_contact_plan_edited_at, (SELECT ${norm(`n->>'number'`)}) AS number
                 FROM "cases" c, jsonb_array_elements(c.safe_contact_plan->'numbers') AS n
                WHERE c.safe_contact_plan_edited_at IS NOT NULL AND jsonb_typeof(c.safe_contact_plan->'numbers') = 'array'
                  AND n->>'owner' = 'suspect') AS found
        WHERE number <> ''`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "suspect_numbers" DROP CONSTRAINT "suspect_numbers_case_fk"`);
    await q.query(`ALTER TABLE "callbacks" DROP CONSTRAINT "callbacks_canceller_fk"`);
    await q.query(`DROP INDEX "public"."cases_suspect_id_idx"`);
    await q.query(`ALTER TABLE "contact_attempts" DROP COLUMN "safe_to_talk"`);
    await q.query(`ALTER TABLE "callbacks" DROP COLUMN "cancel_reason"`);
    await q.query(`ALTER TABLE "callbacks" DROP COLUMN "cancelled_by"`);
    await q.query(`ALTER TABLE "callbacks" DROP COLUMN "cancelled_at"`);
    await q.query(`DROP TABLE "suspect_numbers"`);
  }
}
