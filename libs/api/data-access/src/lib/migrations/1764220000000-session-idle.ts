import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idle timeout (issue 13, part 4): when a session was last used. Updated at most once a minute per session, so
 * reads stay reads; a session unused for longer than the idle timeout is refused and deleted. Sessions that exist
 * now count as used at the migration.
 */
export class SessionIdle1764220000000 implements MigrationInterface {
  name = 'SessionIdle1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "last_seen_at"`);
  }
}
