import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 44: when the first-contact clock started, if not at the report's receipt (`first_contact_clock_from`, null =
 * received_at). A police revision that names another victim after the hub had already tried to reach the earlier
 * person starts the new victim's first-contact clock again, from the change: nobody has tried to reach her, and
 * without a running clock the queue would never put her first call in front of anyone (docs/casework.md). Every
 * later computation of the due time (a revision, a re-grade) starts from it. Cases stored before keep null.
 */
export class FirstContactClock1764710000000 implements MigrationInterface {
  name = 'FirstContactClock1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "first_contact_clock_from" TIMESTAMP(3) WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "first_contact_clock_from"`);
  }
}
