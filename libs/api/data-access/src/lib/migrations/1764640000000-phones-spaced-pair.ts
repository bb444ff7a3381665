import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two whole numbers written one after another with only spaces between them ("07700 900123 07700 900456") are two
 * numbers: phonesIn (libs/shared/domain) now cuts such a part between them (spacedNumbers), where it read one string
 * of 22 digits that matched neither, so a suspect's number beside another blocked nothing. `lantern_phones_in` (the
 * database's copy of the rule, held equal to it by a test) cuts the same way, and the suspect numbers are written again
 * from the reports and plans whose numbers hold digits enough for two; a stored key no source gives any more (the
 * 22-digit string) is removed.
 */
export class PhonesSpacedPair1764640000000 implements MigrationInterface {
  name = 'PhonesSpacedPair1764640000000';

  async up(q: QueryRunner): Promise<void> {
    // isWholeNumber: a UK national number, or 00 + another country's (E.164: at most 15 digits), a "+" only first.
    await q.query(`CREATE OR REPLACE FUNCTION lantern_phone_is_whole(t text) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT t ~ '^\\s*\\+?[^+]*$' AND lantern_search_phone(t) ~ '^(0[1-9][0-9]{8,9}|00[1-9][0-9]{6,14})$'
      $$`);
    // spacedNumbers, normalised: every way to cut the words into whole numbers; when all give the same numbers,
    // those, else the part as one. A part that is one whole number, or of one word or more than 16, is not cut.
    await q.query(`CREATE OR REPLACE FUNCTION lantern_spaced_numbers(part text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        WITH RECURSIVE w AS (SELECT regexp_split_to_array(part, '\\s+') AS words),
             ways (pos, keys) AS (
               SELECT 1, ARRAY[]::text[] FROM w
                WHERE NOT lantern_phone_is_whole(part) AND cardinality(words) BETWEEN 2 AND 16
               UNION ALL
               SELECT j + 1, ways.keys || lantern_search_phone(array_to_string(w.words[ways.pos:j], ' '))
                 FROM ways, w, generate_series(ways.pos, cardinality(w.words)) AS j
                WHERE lantern_phone_is_whole(array_to_string(w.words[ways.pos:j], ' '))),
             agreed AS (
               SELECT min(array_to_string(keys, ' ')) AS k FROM ways, w WHERE pos = cardinality(words) + 1
               HAVING count(DISTINCT array_to_string(keys, ' ')) = 1)
        SELECT unnest(string_to_array(k, ' ')) FROM agreed
        UNION ALL
        SELECT lantern_search_phone(part) WHERE NOT EXISTS (SELECT 1 FROM agreed)
      $$`);
    // JavaScript's \s takes Unicode spaces (a no-break space from a spreadsheet); PostgreSQL's may not: made plain first.
    await q.query(`CREATE OR REPLACE FUNCTION lantern_phones_in(t text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        WITH field AS (SELECT regexp_replace(regexp_replace(t, '[\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]', ' ', 'g'), '\\s*\\m(ext|extn|extension|x)\\.?\\s*[0-9]{1,5}\\s*$', '', 'i') AS f),
             parts AS (SELECT trimmed.p, lantern_search_phone(trimmed.p) AS n
                         FROM field, regexp_split_to_table(f, '[/,;&]|\\m(or|and)\\M', 'i') AS raw,
                              LATERAL (SELECT regexp_replace(raw, '^\\s+|\\s+$', '', 'g') AS p) AS trimmed)
        SELECT DISTINCT s FROM parts, lantern_spaced_numbers(parts.p) AS s WHERE length(parts.n) >= 7
        UNION
        SELECT lantern_search_phone(f) FROM field
         WHERE NOT EXISTS (SELECT 1 FROM parts WHERE length(n) >= 7) AND lantern_search_phone(f) <> ''
      $$`);
    // Only fields with digits enough for two numbers (two whole numbers are 18 or more) can be read differently.
    const candidate = (p: string) => `(length(regexp_replace(${p}, '[^0-9]', '', 'g')) >= 18)`;
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT r.case_id, 'police-report', n, min(r.revision), min(r.received_at)
        FROM reports r
        CROSS JOIN LATERAL (SELECT r.body->'suspect'->>'phone' AS p) AS phone
        CROSS JOIN LATERAL lantern_phones_in(phone.p) AS n
       WHERE r.body->'suspect' ? 'phone' AND ${candidate('phone.p')}
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT c.id, 'hub', k, NULL, min(c.safe_contact_plan_edited_at)
        FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
        CROSS JOIN LATERAL lantern_phones_in(n->>'number') AS k
       WHERE c.safe_contact_plan_edited_at IS NOT NULL AND n->>'owner' = 'suspect' AND ${candidate(`(n->>'number')`)}
       GROUP BY 1, 3
      ON CONFLICT (case_id, source, number) DO NOTHING`);
    // A key of 18 digits or more is longer than any one number: kept only where a source still gives it.
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'police-report' AND length(s.number) >= 18
         AND NOT EXISTS (SELECT 1 FROM reports r
                          WHERE r.case_id = s.case_id AND s.number IN (SELECT lantern_phones_in(r.body->'suspect'->>'phone')))`);
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'hub' AND length(s.number) >= 18
         AND NOT EXISTS (SELECT 1 FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
                           CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
                          WHERE c.id = s.case_id AND n->>'owner' = 'suspect' AND s.number IN (SELECT lantern_phones_in(n->>'number')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The rule before (a part is one number); the numbers written by up() stay (the 22-digit keys blocked nothing).
    await q.query(`CREATE OR REPLACE FUNCTION lantern_phones_in(t text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        WITH field AS (SELECT regexp_replace(t, '\\s*\\m(ext|extn|extension|x)\\.?\\s*[0-9]{1,5}\\s*$', '', 'i') AS f),
             parts AS (SELECT lantern_search_phone(p) AS n FROM field, regexp_split_to_table(f, '[/,;&]|\\m(or|and)\\M', 'i') AS p)
        SELECT DISTINCT n FROM parts WHERE length(n) >= 7
        UNION
        SELECT lantern_search_phone(f) FROM field
         WHERE NOT EXISTS (SELECT 1 FROM parts WHERE length(n) >= 7) AND lantern_search_phone(f) <> ''
      $$`);
    await q.query(`DROP FUNCTION lantern_spaced_numbers(text)`);
    await q.query(`DROP FUNCTION lantern_phone_is_whole(text)`);
  }
}
