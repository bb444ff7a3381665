import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 43: a police revision that names another person as the victim (sameVictim) no longer inherits what the hub
 * heard from the earlier one. `cases.victim_changed_at` is when the latest such revision was received: consent said
 * before it, to the officer or the hub, is not counted (effectiveConsent), and the case shows the change.
 * Cases stored before keep null: no revision before this migration was read for it.
 */
export class VictimChanged1764700000000 implements MigrationInterface {
  name = 'VictimChanged1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "victim_changed_at" TIMESTAMP(3) WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "victim_changed_at"`);
  }
}
