import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (intake): a case's search row is refreshed with a plan made once per connection, not three made per call.
 *
 * lantern_case_search_refresh (migration 1764400000000) was a LANGUAGE sql function of three statements. PostgreSQL
 * keeps no plan of such a function between calls: every report stored (its insert trigger calls it) parsed and planned
 * all three again, 1.1 ms of planning for 0.2 ms of work — over a tenth of a report's time in the database. As
 * PL/pgSQL its statements are prepared once per connection; `plan_cache_mode = force_generic_plan` keeps the generic
 * plan, which PL/pgSQL would otherwise give up for a fresh custom plan on every call (a one-element array is costed
 * below the generic plan's guess of ten, so the custom plan always looked cheaper, for the price of planning it). The
 * generic plan looks every id up by its primary key, the plan a custom one picks for an intake's or an import batch's
 * few hundred ids too. The statements are unchanged.
 */
const BODY = `
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
`;

export class SearchRefreshPlanCached1764560000000 implements MigrationInterface {
  name = 'SearchRefreshPlanCached1764560000000';

  async up(q: QueryRunner): Promise<void> {
    // CREATE OR REPLACE keeps the function's identity, so the triggers that call it need no change.
    await q.query(`CREATE OR REPLACE FUNCTION lantern_case_search_refresh(ids uuid[]) RETURNS void
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
      BEGIN
        ${BODY}
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION lantern_case_search_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$ ${BODY} $$`);
  }
}
