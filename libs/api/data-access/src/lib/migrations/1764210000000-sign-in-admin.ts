import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and administration (issue 13, parts 3 and 7): a user's second factor (the TOTP secret, encrypted with
 * AES-256-GCM under LANTERN_MFA_KEY, and the last time step used, so a code is accepted once), and whether the
 * password is a one-time password an admin set, which must be changed at the next sign-in.
 */
export class SignInAdmin1764210000000 implements MigrationInterface {
  name = 'SignInAdmin1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "mfa_secret" text`);
    await q.query(`ALTER TABLE "users" ADD "mfa_last_step" bigint`);
    await q.query(`ALTER TABLE "users" ADD "mfa_enrolled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "users" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['password_changed_at', 'must_change_password', 'mfa_enrolled_at', 'mfa_last_step', 'mfa_secret']) {
      await q.query(`ALTER TABLE "users" DROP COLUMN "${c}"`);
    }
  }
}
