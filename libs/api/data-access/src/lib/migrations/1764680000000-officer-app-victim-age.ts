import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hub now reads back the victim's age the officer app writes at the end of the summary when the officer gave an
 * age instead of a date of birth (officerAppVictimAge, libs/shared/domain children.ts; session 41): before, a 17-year-old
 * recorded by age read as "age not known" (no under-18 route). Cases stored before get the age here, from their
 * current report, when it is the officer app's, has no date of birth and ends with the app's line (the same words as
 * officerAppAgeLine, written out: a migration never changes with the code). `victim_age` feeds the queue's row and
 * score through the cases triggers, so nothing else is written.
 */
export class OfficerAppVictimAge1764680000000 implements MigrationInterface {
  name = 'OfficerAppVictimAge1764680000000';

  async up(q: QueryRunner): Promise<void> {
    // A PostgreSQL advanced regular expression: \n is a newline, as in the JavaScript one.
    // [0-9], not \d: under an ICU collation PostgreSQL's \d may take other digits, which the int cast would refuse.
    const line = String.raw`\n\nVictim's age as given at the scene: ([0-9]{1,3}) \(date of birth not given\)\.$`;
    await q.query(
      `UPDATE cases c SET victim_age = substring(r.body->'incident'->>'summary' from $1)::int
         FROM reports r
        WHERE r.case_id = c.id AND r.revision = c.current_revision
          AND c.victim_age IS NULL
          AND r.body->'source'->>'system' = 'officer-app'
          AND NOT (r.body->'victim' ? 'dateOfBirth')
          AND r.body->'incident'->>'summary' ~ $1`,
      [line],
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the ages are what the reports say.
  }
}
