import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search (issue 15, docs/search.md): `pg_trgm` and `unaccent`, and `case_search`, one row per case holding what
 * search matches, normalised (accents and case folded, punctuation dropped): the police reference, the victim's and
 * the suspect's names, every phone number the case knows (UK national digits), and the case's restriction, so a
 * query filters what the user may see before it ranks. Triggers keep it current on every write path (a new case, a
 * report revision, a person renamed by another case's report, a plan edit, a restriction): no service writes it.
 * GIN trigram indexes serve partial names and references; a GIN array index serves exact phone numbers.
 */
export class CaseSearch1764400000000 implements MigrationInterface {
  name = 'CaseSearch1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    // Text as search compares it: unaccented, lower case, apostrophes dropped (O'Neill = ONeill), other ASCII
    // punctuation and runs of space as one space. IMMUTABLE (unaccent with an explicit dictionary) for the planner.
    await q.query(`CREATE FUNCTION lantern_search_text(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT btrim(regexp_replace(
                 regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)), '[''\`´‘’ʼ]', '', 'g'),
                 '[[:space:]!-/:-@[-^_{-~|]+', ' ', 'g'))
      $$`);
    // A police reference as search compares it: letters and digits only, lower case (HC/2026/400123 = hc2026400123).
    await q.query(`CREATE FUNCTION lantern_search_reference(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT regexp_replace(lower(t), '[^a-z0-9]', '', 'g')
      $$`);
    // A phone number as UK national digits: +44 / 0044 / 44 and a "(0)" after them read as a leading 0, a
    // ten-digit number without its 0 given one. The same rule as searchPhoneKey in libs/shared/domain.
    await q.query(`CREATE FUNCTION lantern_search_phone(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT replace(CASE
                 WHEN d LIKE '+44%' THEN '0' || regexp_replace(substr(d, 4), '^0', '')
                 WHEN d LIKE '0044%' THEN '0' || regexp_replace(substr(d, 5), '^0', '')
                 WHEN d ~ '^44[0-9]{10}$' THEN '0' || substr(d, 3)
                 WHEN d ~ '^[1-9][0-9]{9}$' THEN '0' || d
                 ELSE d END, '+', '')
          FROM (SELECT regexp_replace(t, '[^0-9+]', '', 'g') AS d) x
      $$`);

    await q.query(`CREATE TABLE "case_search" (
      "case_id" uuid PRIMARY KEY REFERENCES "cases"("id") ON DELETE CASCADE,
      "received_at" timestamptz NOT NULL,
      "reference" text NOT NULL,
      "names" text NOT NULL,
      "phones" text[] NOT NULL DEFAULT '{}',
      "restricted" boolean NOT NULL DEFAULT false,
      "access_list" uuid[] NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX "case_search_names_trgm_idx" ON "case_search" USING gin ("names" gin_trgm_ops)`);
    await q.query(`CREATE INDEX "case_search_reference_trgm_idx" ON "case_search" USING gin ("reference" gin_trgm_ops)`);
    await q.query(`CREATE INDEX "case_search_phones_idx" ON "case_search" USING gin ("phones")`);
    // Every word of a case's names with the case's received_at, in the index's order: a common surname ("smith": 1–3 %
    // of a million cases) is answered newest first by reading the first rows under its word, not by fetching and
    // sorting every case that bears it (docs/search.md, "Speed").
    await q.query(`CREATE TABLE "case_search_words" (
      "word" text NOT NULL,
      "received_at" timestamptz NOT NULL,
      "case_id" uuid NOT NULL REFERENCES "case_search"("case_id") ON DELETE CASCADE,
      PRIMARY KEY ("word", "received_at", "case_id")
    )`);

    // names: " victim first last | suspect first last " (padded, so a short word can be matched whole: "% li %").
    // phones: the victim's, the victim's safe-contact and the suspect's numbers of every report revision, and every
    // number on the hub's safe-contact plan.
    // case_search_words: the old words go (found through the old row, by the words' own key), the new ones come.
    await q.query(`CREATE FUNCTION lantern_case_search_refresh(ids uuid[]) RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM case_search_words w
         USING case_search s, LATERAL unnest(string_to_array(s.names, ' ')) AS t(word)
         WHERE s.case_id = ANY(ids) AND w.word = t.word AND w.received_at = s.received_at AND w.case_id = s.case_id;
        INSERT INTO case_search (case_id, received_at, reference, names, phones, restricted, access_list)
        SELECT c.id, c.received_at, lantern_search_reference(c.reference),
               ' ' || coalesce(lantern_search_text(concat_ws(' ', v.first_name, v.last_name)), '') || ' | '
                   || coalesce(lantern_search_text(concat_ws(' ', s.first_name, s.last_name)), '') || ' ',
               ARRAY(
                 SELECT DISTINCT n FROM (
                   SELECT lantern_search_phone(x) AS n
                     FROM reports r,
                          LATERAL (VALUES (r.body #>> '{victim,phone}'), (r.body #>> '{victim,safeContact,phone}'),
                                          (r.body #>> '{suspect,phone}')) p(x)
                    WHERE r.case_id = c.id AND x IS NOT NULL
                   UNION
                   SELECT lantern_search_phone(e ->> 'number')
                     FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.safe_contact_plan -> 'numbers') = 'array'
                                                    THEN c.safe_contact_plan -> 'numbers' ELSE '[]'::jsonb END) e
                 ) z WHERE n IS NOT NULL AND n <> '' ORDER BY n),
               c.restricted, c.access_list
          FROM unnest(ids) AS k(id)
          JOIN cases c ON c.id = k.id
          LEFT JOIN persons v ON v.id = c.victim_id
          LEFT JOIN persons s ON s.id = c.suspect_id
        ON CONFLICT (case_id) DO UPDATE
          SET received_at = EXCLUDED.received_at, reference = EXCLUDED.reference, names = EXCLUDED.names,
              phones = EXCLUDED.phones, restricted = EXCLUDED.restricted, access_list = EXCLUDED.access_list;
        INSERT INTO case_search_words (word, received_at, case_id)
        SELECT DISTINCT t.word, s.received_at, s.case_id
          FROM case_search s, LATERAL unnest(string_to_array(s.names, ' ')) AS t(word)
         WHERE s.case_id = ANY(ids) AND t.word NOT IN ('', '|');
      $$`);

    await q.query(`CREATE FUNCTION lantern_case_search_case_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    // Inserts refresh once per statement (a transition table of the new rows): a batch of imported reports is one
    // set-based refresh, not one per row.
    await q.query(`CREATE FUNCTION lantern_case_search_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY(SELECT id FROM new_rows));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION lantern_case_search_reports_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY(SELECT DISTINCT case_id FROM new_rows));
        RETURN NULL;
      END $$`);
    // Once per statement too: an intake batch renames many people in one upsert.
    await q.query(`CREATE FUNCTION lantern_case_search_person_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM lantern_case_search_refresh(ARRAY(
          WITH renamed AS (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                            WHERE o.first_name IS DISTINCT FROM n.first_name OR o.last_name IS DISTINCT FROM n.last_name)
          SELECT c.id FROM cases c JOIN renamed r ON c.victim_id = r.id
          UNION SELECT c.id FROM cases c JOIN renamed r ON c.suspect_id = r.id));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "cases_search_insert" AFTER INSERT ON "cases" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION lantern_case_search_cases_inserted()`);
    await q.query(`CREATE TRIGGER "cases_search_update"
      AFTER UPDATE OF reference, received_at, victim_id, suspect_id, safe_contact_plan, restricted, access_list ON "cases"
      FOR EACH ROW WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.victim_id IS DISTINCT FROM NEW.victim_id OR OLD.suspect_id IS DISTINCT FROM NEW.suspect_id
        OR OLD.safe_contact_plan IS DISTINCT FROM NEW.safe_contact_plan OR OLD.restricted IS DISTINCT FROM NEW.restricted
        OR OLD.access_list IS DISTINCT FROM NEW.access_list)
      EXECUTE FUNCTION lantern_case_search_case_trigger()`);
    await q.query(`CREATE TRIGGER "reports_search_insert" AFTER INSERT ON "reports" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION lantern_case_search_reports_inserted()`);
    await q.query(`CREATE TRIGGER "persons_search_update" AFTER UPDATE ON "persons"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION lantern_case_search_person_trigger()`);

    // The cases already there.
    await q.query(`SELECT lantern_case_search_refresh(ARRAY(SELECT id FROM cases))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "persons_search_update" ON "persons"`);
    await q.query(`DROP TRIGGER "reports_search_insert" ON "reports"`);
    await q.query(`DROP TRIGGER "cases_search_update" ON "cases"`);
    await q.query(`DROP TRIGGER "cases_search_insert" ON "cases"`);
    await q.query(`DROP FUNCTION lantern_case_search_person_trigger()`);
    await q.query(`DROP FUNCTION lantern_case_search_reports_inserted()`);
    await q.query(`DROP FUNCTION lantern_case_search_cases_inserted()`);
    await q.query(`DROP FUNCTION lantern_case_search_case_trigger()`);
    await q.query(`DROP FUNCTION lantern_case_search_refresh(uuid[])`);
    await q.query(`DROP TABLE "case_search_words"`);
    await q.query(`DROP TABLE "case_search"`);
    await q.query(`DROP FUNCTION lantern_search_phone(text)`);
    await q.query(`DROP FUNCTION lantern_search_reference(text)`);
    await q.query(`DROP FUNCTION lantern_search_text(text)`);
  }
}
