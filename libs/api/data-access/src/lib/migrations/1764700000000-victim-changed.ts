import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 43: a police revision that names another person as the victim (sameVictim) no longer inherits what the hub
 * heard from the earlier one. The latest such revision: when it was received (`victim_changed_at`, shown, and the
 * cut-off for what the hub did by the clock: a MARAC referral, a contact attempt, a checklist), its number
 * (`victim_changed_revision`: police answers of earlier revisions are not hers) and the case version it wrote
 * (`victim_changed_version`: hub consent records written at or before it are not hers). Order, not the clock, for
 * consent: the revisions of one import share a receipt time, and a record's time is taken before its case lock.
 * Cases stored before keep nulls: no revision before this migration was read for it.
 */
export class VictimChanged1764700000000 implements MigrationInterface {
  name = 'VictimChanged1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "cases" ADD "victim_changed_at" TIMESTAMP(3) WITH TIME ZONE, ADD "victim_changed_revision" integer, ADD "victim_changed_version" integer`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "victim_changed_at", DROP COLUMN "victim_changed_revision", DROP COLUMN "victim_changed_version"`);
  }
}
