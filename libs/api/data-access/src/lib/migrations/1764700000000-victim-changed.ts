import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 43: a police revision that names another person as the victim (sameVictim) no longer inherits what the hub
 * heard from the earlier one. The latest such revision: when it was received (`victim_changed_at`, shown, and the
 * cut-off for what the hub did by the clock: a MARAC referral, a contact attempt, a checklist), its number
 * (`victim_changed_revision`: police answers of earlier revisions are not hers) and the case version it wrote
 * (`victim_changed_version`: hub consent records written at or before it are not hers). Order, not the clock, for
 * consent: the revisions of one import share a receipt time, and a record's time is taken before its case lock.
 * Cases stored before keep nulls: no revision before this migration was read for it.
 *
 * `marac_referrals.victim_id`: the person a MARAC referral was made for, kept with it. The repeat-referral rule found a
 * victim's referrals through each case's *current* victim, so a revision naming another person moved the earlier
 * woman's referral into the new victim's history and out of her own (her other cases could lose a MARAC criterion).
 * Backfilled from each referral's case (the best known: no case's victim was changed by a revision before this).
 */
export class VictimChanged1764700000000 implements MigrationInterface {
  name = 'VictimChanged1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "cases" ADD "victim_changed_at" TIMESTAMP(3) WITH TIME ZONE, ADD "victim_changed_revision" integer, ADD "victim_changed_version" integer`,
    );
    await q.query(`ALTER TABLE "marac_referrals" ADD "victim_id" uuid`);
    await q.query(`UPDATE "marac_referrals" r SET "victim_id" = c."victim_id" FROM "cases" c WHERE c."id" = r."case_id"`);
    await q.query(`CREATE INDEX "marac_referrals_victim_idx" ON "marac_referrals" ("victim_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "marac_referrals_victim_idx"`);
    await q.query(`ALTER TABLE "marac_referrals" DROP COLUMN "victim_id"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "victim_changed_at", DROP COLUMN "victim_changed_revision", DROP COLUMN "victim_changed_version"`);
  }
}
