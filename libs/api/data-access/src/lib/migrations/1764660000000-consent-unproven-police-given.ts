import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * effectiveConsent (libs/shared/domain consent.ts) now lets a police revision's "given" reopen an earlier revision's
 * refusal only when the officer timed it (`consent.recordedAt`) after the refusal was said (the refusal's own
 * `recordedAt`, else when the hub received it): an untimed "given" may be a correction resending what she said at
 * first, or a form's default (session 40, a rules review). The case columns the rule decides are written when a report
 * or a hub record arrives, so cases stored before it are set to its answer here: only a case with no hub record for
 * the question (a hub record governs, and the rule did not change for it) whose newest revision says "given" and an
 * older one "refused" not proven earlier. What partners already hold is not withdrawn here, nor are call-backs cancelled
 * (as in 1764630000000): the column is corrected from now on; a later revision or hub record acts as usual.
 */
export class ConsentUnprovenPoliceGiven1764660000000 implements MigrationInterface {
  name = 'ConsentUnprovenPoliceGiven1764660000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [column, field, question] of [
      ['consent_to_contact', 'supportReferral', 'contact'],
      ['information_sharing', 'informationSharing', 'sharing'],
    ] as const) {
      // Only cases with more than one revision can change (one aggregate over reports first, so a hub's history is
      // not read row by row); instants compared to the millisecond, as the rule's Date.parse does.
      await q.query(`
        WITH multi AS (SELECT case_id, max(revision) AS top FROM reports GROUP BY case_id HAVING count(*) > 1)
        UPDATE cases c SET ${column} = 'refused'
          FROM multi JOIN reports newest ON newest.case_id = multi.case_id AND newest.revision = multi.top
         WHERE c.id = multi.case_id
           AND c.${column} = 'given'
           AND newest.body->'consent'->>'${field}' = 'given'
           AND NOT EXISTS (SELECT 1 FROM case_consents h WHERE h.case_id = c.id AND h.${question} IS NOT NULL)
           AND EXISTS (SELECT 1 FROM reports older
                        WHERE older.case_id = c.id AND older.revision < newest.revision
                          AND older.body->'consent'->>'${field}' = 'refused'
                          AND NOT (newest.body->'consent'->>'recordedAt' IS NOT NULL
                                   AND date_trunc('milliseconds', (newest.body->'consent'->>'recordedAt')::timestamptz)
                                       > date_trunc('milliseconds',
                                           coalesce((older.body->'consent'->>'recordedAt')::timestamptz, older.received_at))))`);
    }
  }

  async down(): Promise<void> {
    // The refusals stay: nothing proves the "given" came after them.
  }
}
