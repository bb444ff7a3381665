import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suspect numbers are kept normalised (`suspect_numbers.number`), and the rule changed (normalisePhone in
 * libs/shared/domain): "+44 (0)7700 900123" was stored as "007700900123", "447700900123" and a ten-digit number
 * missing its 0 as written, so none of them blocked a call to "07700 900123"; and a field holding two numbers
 * ("07700 900123 / 01632 960000") was one string of digits that matched neither (phonesIn). Each is written again from its source
 * with the database's copy of the rule (`lantern_search_phone`, held equal to normalisePhone by a test): the police
 * reports' `suspect.phone` of every revision, and the suspect numbers of a plan the hub has saved. A stored number
 * that no source gives any more (the old spelling) is removed; nothing a source gives is lost.
 */
export class SuspectNumbersRenormalised1764600000000 implements MigrationInterface {
  name = 'SuspectNumbersRenormalised1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // The numbers one phone field holds, normalised: phonesIn + normalisePhone in libs/shared/domain (a test holds
    // them equal). Split at / , ; & "or" "and"; a part with 7 digits or more is a number; else the whole field is one.
    await q.query(`CREATE OR REPLACE FUNCTION lantern_phones_in(t text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        WITH field AS (SELECT regexp_replace(t, '\\s*\\m(ext|extn|extension|x)\\.?\\s*[0-9]{1,5}\\s*$', '', 'i') AS f),
             parts AS (SELECT lantern_search_phone(p) AS n FROM field, regexp_split_to_table(f, '[/,;&]|\\m(or|and)\\M', 'i') AS p)
        SELECT DISTINCT n FROM parts WHERE length(n) >= 7
        UNION
        SELECT lantern_search_phone(f) FROM field
         WHERE NOT EXISTS (SELECT 1 FROM parts WHERE length(n) >= 7) AND lantern_search_phone(f) <> ''
      $$`);
    // Only the reports whose phone the two rules can read differently are read again (a million reports at a regional
    // hub, most of them "07700 900123"): a character a number is not written with (a word, an extension, a separator),
    // a "(0)" after +44 / 0044, "44" + ten digits, ten digits without their 0, or digits enough for two numbers.
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT r.case_id, 'police-report', n, min(r.revision), min(r.received_at)
        FROM reports r
        CROSS JOIN LATERAL (SELECT r.body->'suspect'->>'phone' AS p) AS phone
        CROSS JOIN LATERAL (SELECT regexp_replace(phone.p, '[^0-9+]', '', 'g') AS d) AS digits
        CROSS JOIN LATERAL lantern_phones_in(phone.p) AS n
       WHERE r.body->'suspect' ? 'phone'
         AND (phone.p ~ '[^0-9 +()./-]' OR digits.d ~ '^(\\+440|00440|44[0-9]{10}$|[1-9][0-9]{9}$)'
              OR length(replace(digits.d, '+', '')) >= 14)
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT c.id, 'hub', lantern_search_phone(n->>'number'), NULL, min(c.safe_contact_plan_edited_at)
        FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
       WHERE c.safe_contact_plan_edited_at IS NOT NULL AND n->>'owner' = 'suspect' AND lantern_search_phone(n->>'number') <> ''
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    // A stored number that is a plain UK national number is what both rules give: only the others are looked at.
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'police-report' AND s.number !~ '^0[1-9][0-9]{8,9}$'
         AND NOT EXISTS (SELECT 1 FROM reports r
                          WHERE r.case_id = s.case_id AND s.number IN (SELECT lantern_phones_in(r.body->'suspect'->>'phone')))`);
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'hub' AND s.number !~ '^0[1-9][0-9]{8,9}$'
         AND NOT EXISTS (SELECT 1 FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
                           CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
                          WHERE c.id = s.case_id AND n->>'owner' = 'suspect' AND lantern_search_phone(n->>'number') = s.number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old spellings were wrong (they blocked nothing); the numbers written by up() stay.
    await q.query(`DROP FUNCTION lantern_phones_in(text)`);
  }
}
