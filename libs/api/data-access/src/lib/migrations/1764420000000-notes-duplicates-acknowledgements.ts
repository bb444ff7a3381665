import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: case notes (timestamped, never changed: the database refuses UPDATE and DELETE, a correction is a new
 * note), possible-duplicate links between two cases (one row per pair, the smaller id first; never a merge), and
 * team leads' acknowledgements of alerts, keyed by the alert's stable key (kind, case, triggering event).
 * Reached with SQL only, like the import tables (docs/casework.md, docs/workload.md).
 */
export class NotesDuplicatesAcknowledgements1764420000000 implements MigrationInterface {
  name = 'NotesDuplicatesAcknowledgements1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_notes" (
      "id" uuid PRIMARY KEY,
      "case_id" uuid NOT NULL REFERENCES "cases"("id") ON DELETE RESTRICT,
      "author_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "text" text NOT NULL CHECK (char_length("text") BETWEEN 1 AND 5000),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "case_notes_case_idx" ON "case_notes" ("case_id", "created_at")`);
    await q.query(`CREATE FUNCTION "case_notes_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case notes are never changed: add a new note';
      END
    $$`);
    await q.query(
      `CREATE TRIGGER "case_notes_no_change" BEFORE UPDATE OR DELETE ON "case_notes" FOR EACH ROW EXECUTE FUNCTION "case_notes_immutable"()`,
    );
    await q.query(`CREATE TABLE "case_duplicates" (
      "case_a" uuid NOT NULL REFERENCES "cases"("id") ON DELETE RESTRICT,
      "case_b" uuid NOT NULL REFERENCES "cases"("id") ON DELETE RESTRICT,
      "reason" text NOT NULL,
      "linked_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "linked_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_a", "case_b"),
      CHECK ("case_a" < "case_b")
    )`);
    await q.query(`CREATE INDEX "case_duplicates_b_idx" ON "case_duplicates" ("case_b")`);
    await q.query(`CREATE TABLE "alert_acknowledgements" (
      "alert_key" text PRIMARY KEY,
      "kind" text NOT NULL,
      "case_id" uuid REFERENCES "cases"("id") ON DELETE RESTRICT,
      "note" text NOT NULL,
      "acknowledged_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
      "acknowledged_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "alert_acknowledgements_at_idx" ON "alert_acknowledgements" ("acknowledged_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "alert_acknowledgements"`);
    await q.query(`DROP TABLE "case_duplicates"`);
    await q.query(`DROP TRIGGER "case_notes_no_change" ON "case_notes"`);
    await q.query(`DROP TABLE "case_notes"`);
    await q.query(`DROP FUNCTION "case_notes_immutable"()`);
  }
}
