import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 47: an agency is emailed when the contact instructions of an open referral it was sent change
 * (docs/referrals.md, "Delivery"). Each referral keeps a fingerprint (a SHA-256 of the safe-contact plan as its portal
 * shows it) of the plan the agency was last given; a change of the case that gives another plan writes a
 * `contact-changed` notice and the new fingerprint in one transaction. Null until first taken (the API takes the
 * fingerprints of open referrals sent before this migration in its sweep, without a notice), and a partial index of
 * the open referrals the sweep walks.
 */
export class ReferralContactPlanFingerprint1764740000000 implements MigrationInterface {
  name = 'ReferralContactPlanFingerprint1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD COLUMN "contact_plan_hash" text`);
    // When the plan its agency holds last changed (after it was sent): the portal and the PDF say so.
    await q.query(`ALTER TABLE "referrals" ADD COLUMN "contact_plan_changed_at" timestamptz`);
    // The sweep's walk (every open referral, by id, every few minutes): the open ones only, not the hub's history.
    await q.query(
      `CREATE INDEX "referrals_open_plan_idx" ON "referrals" ("id") WHERE "status" IN ('sent', 'acknowledged', 'accepted', 'outcome-recorded') AND "dataset" IS NOT NULL AND "withdrawn_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "referrals_open_plan_idx"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "contact_plan_changed_at"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "contact_plan_hash"`);
  }
}
