import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Another country's number written with "+" ("+353 87 123 4567") is the same number as with "00" ("00353 87 123
 * 4567"): normalisePhone (libs/shared/domain) now reads "+" as "00" (it dropped the "+" and kept "00", so the two never
 * matched), and the database's copy of the rule (`lantern_search_phone`, held equal to it by a test) with it. "00" is
 * kept, not dropped: a stored key is normalised again when compared, and one that starts with 0 reads the same however
 * often it is. Only keys written from a "+" (not "+44") number change, and they are the only stored keys that do not
 * start with 0, besides junk that no rule reads as a number: the suspect numbers are written again from the reports
 * and plans that hold a "+", a stored key no source gives any more is removed (nothing a source gives is lost), and the
 * search rows of the cases holding such a key are refreshed.
 */
export class PhonesInternationalPrefix1764620000000 implements MigrationInterface {
  name = 'PhonesInternationalPrefix1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION lantern_search_phone(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT replace(CASE
                 WHEN d LIKE '+44%' THEN '0' || regexp_replace(substr(d, 4), '^0', '')
                 WHEN d LIKE '0044%' THEN '0' || regexp_replace(substr(d, 5), '^0', '')
                 WHEN d LIKE '+%' THEN '00' || substr(d, 2)
                 WHEN d ~ '^44[0-9]{10}$' THEN '0' || substr(d, 3)
                 WHEN d ~ '^[1-9][0-9]{9}$' THEN '0' || d
                 ELSE d END, '+', '')
          FROM (SELECT regexp_replace(t, '[^0-9+]', '', 'g') AS d) x
      $$`);
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT r.case_id, 'police-report', n, min(r.revision), min(r.received_at)
        FROM reports r
        CROSS JOIN LATERAL (SELECT r.body->'suspect'->>'phone' AS p) AS phone
        CROSS JOIN LATERAL lantern_phones_in(phone.p) AS n
       WHERE r.body->'suspect' ? 'phone' AND phone.p LIKE '%+%'
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT c.id, 'hub', lantern_search_phone(n->>'number'), NULL, min(c.safe_contact_plan_edited_at)
        FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
       WHERE c.safe_contact_plan_edited_at IS NOT NULL AND n->>'owner' = 'suspect'
         AND n->>'number' LIKE '%+%' AND lantern_search_phone(n->>'number') <> ''
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'police-report' AND s.number !~ '^0'
         AND NOT EXISTS (SELECT 1 FROM reports r
                          WHERE r.case_id = s.case_id AND s.number IN (SELECT lantern_phones_in(r.body->'suspect'->>'phone')))`);
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'hub' AND s.number !~ '^0'
         AND NOT EXISTS (SELECT 1 FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
                           CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
                          WHERE c.id = s.case_id AND n->>'owner' = 'suspect' AND lantern_search_phone(n->>'number') = s.number)`);
    await q.query(`
      SELECT lantern_case_search_refresh(ARRAY(
        SELECT case_id FROM case_search WHERE EXISTS (SELECT 1 FROM unnest(phones) AS p WHERE p !~ '^0')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The rule before: "+" dropped, "00" kept (a "+" key matched no "00" one).
    await q.query(`CREATE OR REPLACE FUNCTION lantern_search_phone(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT replace(CASE
                 WHEN d LIKE '+44%' THEN '0' || regexp_replace(substr(d, 4), '^0', '')
                 WHEN d LIKE '0044%' THEN '0' || regexp_replace(substr(d, 5), '^0', '')
                 WHEN d ~ '^44[0-9]{10}$' THEN '0' || substr(d, 3)
                 WHEN d ~ '^[1-9][0-9]{9}$' THEN '0' || d
                 ELSE d END, '+', '')
          FROM (SELECT regexp_replace(t, '[^0-9+]', '', 'g') AS d) x
      $$`);
  }
}
