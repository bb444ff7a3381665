import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * effectiveConsent (libs/shared/domain consent.ts) now keeps a police refusal in force over a newer revision whose
 * "given" the officer recorded before it (`consent.recordedAt` on both). The case columns it decides
 * (`consent_to_contact`, `information_sharing`) are written when a report or a hub record arrives, so a case stored
 * before the rule changed could still say "given" where the rule now says "refused": contact attempts, call-backs,
 * referral eligibility and partners' plans read the column. Those cases are found and set to the rule's answer: only a
 * case with no hub record for the question (a hub record governs, and the rule did not change for it) whose newest
 * revision's "given" was recorded before an older revision's refusal. What partners already hold is not withdrawn here
 * (a refusal arriving in a revision withdraws it; this only corrects what the case says from now on).
 */
export class ConsentOlderPoliceGiven1764630000000 implements MigrationInterface {
  name = 'ConsentOlderPoliceGiven1764630000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [column, field, question] of [
      ['consent_to_contact', 'supportReferral', 'contact'],
      ['information_sharing', 'informationSharing', 'sharing'],
    ] as const) {
      await q.query(`
        UPDATE cases c SET ${column} = 'refused'
          FROM reports newest
         WHERE newest.case_id = c.id AND newest.revision = (SELECT max(revision) FROM reports WHERE case_id = c.id)
           AND c.${column} = 'given'
           AND newest.body->'consent'->>'${field}' = 'given'
           AND newest.body->'consent'->>'recordedAt' IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM case_consents h WHERE h.case_id = c.id AND h.${question} IS NOT NULL)
           AND EXISTS (SELECT 1 FROM reports older
                        WHERE older.case_id = c.id AND older.revision < newest.revision
                          AND older.body->'consent'->>'${field}' = 'refused'
                          AND older.body->'consent'->>'recordedAt' IS NOT NULL
                          AND (older.body->'consent'->>'recordedAt')::timestamptz > (newest.body->'consent'->>'recordedAt')::timestamptz)`);
    }
  }

  async down(): Promise<void> {
    // The refusals stay: they are what the victim said last.
  }
}
