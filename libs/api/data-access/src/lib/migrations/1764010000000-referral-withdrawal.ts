import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners get the confirmed plan, and a withdrawn referral leaves them only a tombstone: when (and why) the shared
 * dataset was erased. Referrals revoked before this left their dataset with the partner: it is erased here. Datasets
 * already shared carried the officer's raw safe-times words beside the numbers; they become the `safeContact` block
 * with the times "not confirmed" (what they were), and the raw words are gone from the stored copy.
 */
export class ReferralWithdrawal1764010000000 implements MigrationInterface {
  name = 'ReferralWithdrawal1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referrals" ADD "withdrawal_reason" text`);
    await q.query(
      `UPDATE "referrals" SET "dataset" = NULL, "withdrawn_at" = COALESCE("revoked_at", now()), "withdrawal_reason" = 'Revoked by the hub'
        WHERE "status" = 'revoked' AND "dataset" IS NOT NULL`,
    );
    await q.query(
      `UPDATE "referrals"
          SET "dataset" = ("dataset" #- '{victim,safeNumbers}' #- '{victim,safeTimes}' #- '{victim,channels}')
                || jsonb_build_object('safeContact', jsonb_build_object(
                     'numbers', COALESCE("dataset"->'victim'->'safeNumbers', '[]'::jsonb),
                     'emails', '[]'::jsonb,
                     'timeRule', 'unknown',
                     'windows', '[]'::jsonb,
                     'times', 'Not confirmed yet — ask the hub before contacting',
                     'channels', COALESCE("dataset"->'victim'->'channels', '[]'::jsonb),
                     'asOf', to_jsonb(COALESCE("sent_at", "created_at")),
                     'current', false))
        WHERE "dataset" IS NOT NULL AND NOT ("dataset" ? 'safeContact')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "withdrawal_reason"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "withdrawn_at"`);
  }
}
