import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (import speed): a new case's search row is written once per intake transaction, not three times.
 *
 * 1. No refresh when a case is inserted. Only intake creates cases, and it stores the case's first report in the same
 *    transaction; the reports-insert trigger indexes the case then, with its phone numbers. The cases-insert trigger
 *    wrote the row a first time (no phones), so every new case's trigram and word entries went into the GIN indexes
 *    twice. (A case inserted some other way, as the benchmark's SQL seed does, calls lantern_case_search_refresh.)
 * 2. The persons trigger looks cases up only for people actually renamed, through the victim and suspect indexes. An
 *    intake batch's person upsert fires it on every statement (ON CONFLICT DO UPDATE counts as an UPDATE), and its
 *    join over an empty transition table was planned as a scan of every case: 7 ms a batch, growing with the hub.
 */
export class SearchIndexedOnce1764430000000 implements MigrationInterface {
  name = 'SearchIndexedOnce1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "cases_search_insert" ON "cases"`);
    await q.query(`DROP FUNCTION lantern_case_search_cases_inserted()`);
    await q.query(`CREATE OR REPLACE FUNCTION lantern_case_search_person_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        renamed uuid[];
      BEGIN
        renamed := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                          WHERE o.first_name IS DISTINCT FROM n.first_name OR o.last_name IS DISTINCT FROM n.last_name);
        IF cardinality(renamed) = 0 THEN
          RETURN NULL;
        END IF;
        PERFORM lantern_case_search_refresh(ARRAY(
          SELECT c.id FROM cases c WHERE c.victim_id = ANY(renamed)
          UNION SELECT c.id FROM cases c WHERE c.suspect_id = ANY(renamed)));
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION lantern_case_search_person_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY(
          WITH renamed AS (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                            WHERE o.first_name IS DISTINCT FROM n.first_name OR o.last_name IS DISTINCT FROM n.last_name)
          SELECT c.id FROM cases c JOIN renamed r ON c.victim_id = r.id
          UNION SELECT c.id FROM cases c JOIN renamed r ON c.suspect_id = r.id));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION lantern_case_search_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY(SELECT id FROM new_rows));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "cases_search_insert" AFTER INSERT ON "cases" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION lantern_case_search_cases_inserted()`);
  }
}
