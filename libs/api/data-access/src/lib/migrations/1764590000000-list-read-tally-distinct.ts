import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk-read alarm counts distinct cases, not ids returned: going back to the queue twenty times in an hour read
 * the same hundred cases, and counting it as two thousand raised the team leads' safety alert at ordinary work (an
 * alarm that cries wolf is soon ignored). Each minute's tally row now keeps the case ids it counted (`seen`, ids only,
 * no case data, dropped with the row after two hours) and how many the last read added (`added`), so a read counts
 * only the cases the user had not read in a list within the hour. Rows already there keep their counts and an empty
 * `seen`: at deployment, the past hour's cases may be counted once more.
 */
export class ListReadTallyDistinct1764590000000 implements MigrationInterface {
  name = 'ListReadTallyDistinct1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "list_read_tally" ADD COLUMN "seen" text[] NOT NULL DEFAULT '{}', ADD COLUMN "added" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "list_read_tally" DROP COLUMN "seen", DROP COLUMN "added"`);
  }
}
