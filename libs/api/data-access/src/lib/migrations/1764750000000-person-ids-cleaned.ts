import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 48: intake stores and compares the police person ids without Unicode's invisible format characters and the
 * spaces around them (cleanIdentifier, docs/intake.md "Invisible characters"). A person row stored before with such an
 * id ("P0100000\u200B", " P0100000") would no longer be found by her next report, and her history would split: its id
 * is cleaned here, unless another person row of the same force and role already holds the cleaned id (two rows then;
 * merging people is a caseworker's decision, and such a row is left as it was). An id of nothing else becomes none.
 * The characters are those of Unicode category Cf that text pasted from an e-mail or a chat brings (\p{Cf} in the API:
 * the soft hyphen, zero-width space and joiners, direction marks and isolates, the word joiner and invisible operators,
 * the byte-order mark).
 */
const INVISIBLE = '[\\u00AD\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF]';

export class PersonIdsCleaned1764750000000 implements MigrationInterface {
  name = 'PersonIdsCleaned1764750000000';

  async up(q: QueryRunner): Promise<void> {
    const clean = `regexp_replace(regexp_replace(police_person_id, '${INVISIBLE}', '', 'g'), '^\\s+|\\s+$', '', 'g')`;
    // Of two rows that clean to one id, the earlier takes it (the unique index on force, role and id holds).
    await q.query(`
      UPDATE persons p SET police_person_id = NULLIF(c.clean, '')
        FROM (SELECT id, clean, row_number() OVER (PARTITION BY force, role, clean ORDER BY created_at, id) AS n
                FROM (SELECT id, force, role, created_at, ${clean} AS clean FROM persons WHERE police_person_id IS NOT NULL) x) c
       WHERE p.id = c.id AND c.clean IS DISTINCT FROM p.police_person_id
         AND (c.clean = '' OR (c.n = 1 AND NOT EXISTS (SELECT 1 FROM persons o
                                                       WHERE o.force = p.force AND o.role = p.role AND o.police_person_id = c.clean)))`);
  }

  async down(): Promise<void> {
    // The characters removed are not kept: nothing to restore.
  }
}
