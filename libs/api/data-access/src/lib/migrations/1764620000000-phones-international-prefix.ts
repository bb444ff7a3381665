import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Another country's number written with "00" ("00353 87 123 4567") is the same number as with "+" ("+353 87 123
 * 4567"): normalisePhone (libs/shared/domain) now drops either prefix, and the database's copy of the rule
 * (`lantern_search_phone`, held equal to it by a test) with it. Only the stored numbers that began "00" can change
 * (a UK number never does, and "0044" was already read as the UK's): the suspect numbers are written again from the
 * reports and plans that hold such a number (the old spelling removed), and the search rows of the cases that hold
 * one are refreshed with the new rule.
 */
export class PhonesInternationalPrefix1764620000000 implements MigrationInterface {
  name = 'PhonesInternationalPrefix1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION lantern_search_phone(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT replace(CASE
                 WHEN d LIKE '+44%' THEN '0' || regexp_replace(substr(d, 4), '^0', '')
                 WHEN d LIKE '0044%' THEN '0' || regexp_replace(substr(d, 5), '^0', '')
                 WHEN d LIKE '00%' THEN substr(d, 3)
                 WHEN d ~ '^44[0-9]{10}$' THEN '0' || substr(d, 3)
                 WHEN d ~ '^[1-9][0-9]{9}$' THEN '0' || d
                 ELSE d END, '+', '')
          FROM (SELECT regexp_replace(t, '[^0-9+]', '', 'g') AS d) x
      $$`);
    // Written again from their sources, as 1764600000000 did: the reports whose suspect.phone holds a number written
    // "00" (a candidate test on the digits; the rest read the same under both rules), and the hub's plans.
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT r.case_id, 'police-report', n, min(r.revision), min(r.received_at)
        FROM reports r
        CROSS JOIN LATERAL (SELECT r.body->'suspect'->>'phone' AS p) AS phone
        CROSS JOIN LATERAL lantern_phones_in(phone.p) AS n
       WHERE r.body->'suspect' ? 'phone' AND phone.p ~ '(^|[^0-9])0 ?0'
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT c.id, 'hub', lantern_search_phone(n->>'number'), NULL, min(c.safe_contact_plan_edited_at)
        FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
       WHERE c.safe_contact_plan_edited_at IS NOT NULL AND n->>'owner' = 'suspect'
         AND regexp_replace(n->>'number', '[^0-9+]', '', 'g') LIKE '00%' AND lantern_search_phone(n->>'number') <> ''
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`DELETE FROM suspect_numbers WHERE number LIKE '00%'`);
    await q.query(`
      SELECT lantern_case_search_refresh(ARRAY(
        SELECT case_id FROM case_search WHERE EXISTS (SELECT 1 FROM unnest(phones) AS p WHERE p LIKE '00%')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The "00" spelling matched no "+" one; the numbers written by up() stay, and so does the rule.
    await q.query(`SELECT 1`);
  }
}
