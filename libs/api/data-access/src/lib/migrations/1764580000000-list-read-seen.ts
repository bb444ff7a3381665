import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToAppRole } from './app-role-grant';

/**
 * The bulk-read alarm counts distinct cases. It counted every case id of every list read, so a caseworker going
 * back to the queue twenty times in an hour "read 1,020 cases" (a walk through the app raised the team leads' safety
 * alert that way): an alarm that cries wolf at ordinary work is soon ignored. Now a list read adds to the tally only
 * the cases this user has not read in a list within the hour; `list_read_seen` remembers when each user last read
 * each case in a list (ids and times, no case data), and rows over two hours old are deleted as the user reads on.
 */
export class ListReadSeen1764580000000 implements MigrationInterface {
  name = 'ListReadSeen1764580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "list_read_seen" (
        "user_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "read_at" timestamptz NOT NULL,
        PRIMARY KEY ("user_id", "case_id")
      )`);
    await q.query(`CREATE INDEX "list_read_seen_user_read_at_idx" ON "list_read_seen" ("user_id", "read_at")`);
    await grantToAppRole(q, 'list_read_seen', 'SELECT, INSERT, UPDATE, DELETE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "list_read_seen"`);
  }
}
