import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session 47: an agency is emailed when the contact instructions of an open referral it was sent change
 * (docs/referrals.md, "Delivery"). Each referral keeps a fingerprint (a SHA-256 of the safe-contact plan as its portal
 * shows it) of the plan the agency was last given; a change of the case that gives another plan writes a
 * `contact-changed` notice and the new fingerprint in one transaction. Null until first taken (the API takes the
 * fingerprints of open referrals sent before this migration at its start, without a notice).
 */
export class ReferralContactPlanFingerprint1764740000000 implements MigrationInterface {
  name = 'ReferralContactPlanFingerprint1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD COLUMN "contact_plan_hash" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "contact_plan_hash"`);
  }
}
