import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suspect numbers are kept normalised (`suspect_numbers.number`), and the rule changed (normalisePhone in
 * libs/shared/domain): "+44 (0)7700 900123" was stored as "007700900123", "447700900123" and a ten-digit number
 * missing its 0 as written, so none of them blocked a call to "07700 900123". Each is written again from its source
 * with the database's copy of the rule (`lantern_search_phone`, held equal to normalisePhone by a test): the police
 * reports' `suspect.phone` of every revision, and the suspect numbers of a plan the hub has saved. A stored number
 * that no source gives any more (the old spelling) is removed; nothing a source gives is lost.
 */
export class SuspectNumbersRenormalised1764600000000 implements MigrationInterface {
  name = 'SuspectNumbersRenormalised1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
      SELECT r.case_id, 'police-report', lantern_search_phone(r.body->'suspect'->>'phone'), min(r.revision), min(r.received_at)
        FROM reports r
       WHERE r.body->'suspect' ? 'phone' AND lantern_search_phone(r.body->'suspect'->>'phone') <> ''
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
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'police-report'
         AND NOT EXISTS (SELECT 1 FROM reports r
                          WHERE r.case_id = s.case_id AND lantern_search_phone(r.body->'suspect'->>'phone') = s.number)`);
    await q.query(`
      DELETE FROM suspect_numbers s
       WHERE s.source = 'hub'
         AND NOT EXISTS (SELECT 1 FROM cases c CROSS JOIN LATERAL jsonb_array_elements(
                           CASE WHEN jsonb_typeof(c.safe_contact_plan->'numbers') = 'array' THEN c.safe_contact_plan->'numbers' ELSE '[]' END) AS n
                          WHERE c.id = s.case_id AND n->>'owner' = 'suspect' AND lantern_search_phone(n->>'number') = s.number)`);
  }

  async down(): Promise<void> {
    // The old spellings were wrong (they blocked nothing); the numbers written by up() stay.
  }
}
