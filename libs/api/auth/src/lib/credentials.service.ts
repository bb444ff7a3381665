import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { verify } from '@node-rs/argon2';
import { APP_CONFIG, ProblemException, Problems, type AppConfig } from '@lantern/api/core';
import { AuditService } from '@lantern/api/audit';
import { Database, UserEntity } from '@lantern/api/data-access';
import type { MfaEnrolment, Role, SignInCode } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { hashPassword } from './password-hash';
import { PasswordPolicy } from './password-policy';
import { SignInThrottle } from './sign-in-throttle';
import { TotpService } from './totp';

/** What a sign-in presents: the body of POST /auth/login and the client's address (Express req.ip). */
export interface SignInAttempt {
  username: string;
  password: string;
  otp?: string;
  enrolmentToken?: string;
  newPassword?: string;
  address: string;
}

/** The account whose credentials were right (the columns session creation reads). */
export interface VerifiedUser {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  password_hash: string;
  force: string | null;
  collar_number: string | null;
  team: string | null;
}

interface CredentialRow extends VerifiedUser {
  mfa_secret: string | null;
  mfa_last_step: string | null;
  must_change_password: boolean;
  password_set_at: Date;
}

/** A one-time password an admin handed over works this long, then an admin must reset it (ASVS 6.4.1). */
export const ONE_TIME_PASSWORD_TTL_MS = 72 * 3600_000;

/** The username as typed, for the audit trail: trimmed, bounded (it may be a password typed in the wrong box). */
export function auditedUsername(username: string): string {
  return username.trim().slice(0, 64);
}

function refusal(code: SignInCode, detail: string): ProblemException {
  return new ProblemException(401, code, code === 'unauthenticated' ? 'Not authenticated' : 'Sign-in incomplete', detail);
}

/**
 * Credential checking for sign-in, and nothing about sessions: throttle (sign-in-throttle.ts), password, second
 * factor (totp.ts), and a one-time password's forced change. Every refusal is a 401 problem+json with a stable
 * code the workbench acts on (SIGN_IN_CODES), is counted by the throttle, and is audited as `auth.login-failed` with
 * the username as typed and the client address. Nothing is consumed (a code's time step, a password change) until
 * every factor the account needs is present and right, so a user who is asked for one more thing loses nothing.
 */
@Injectable()
export class CredentialsService {
  /** Verifying against this when the username is unknown keeps the timing the same. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
    private readonly totp: TotpService,
    private readonly policy: PasswordPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(attempt: SignInAttempt): Promise<VerifiedUser> {
    const username = attempt.username.trim();
    const wait = await this.throttle.attempt(attempt.address, username);
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));

    const rows = await this.db.query<CredentialRow>(
      `SELECT id, username, display_name, roles, partner_id, password_hash, force, collar_number, team, mfa_secret, mfa_last_step::text AS mfa_last_step,
              must_change_password, COALESCE(password_changed_at, created_at) AS password_set_at
         FROM users WHERE username = $1 AND active`,
      [username],
    );
    const row = rows[0];
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const password = attempt.password.normalize('NFC');
    // Accounts made before NFC hashing verify with the bytes as typed, too.
    const ok = row
      ? (await verify(row.password_hash, password)) ||
        (password !== attempt.password && (await verify(row.password_hash, attempt.password)))
      : (await verify(await this.dummyHash, password), false);
    if (!row || !ok) return this.fail(attempt, row?.id, 'password', refusal('unauthenticated', 'Username or password is wrong.'));

    // Everything the account still needs is asked for before anything is consumed.
    if (row.must_change_password && Date.now() - new Date(row.password_set_at).getTime() > ONE_TIME_PASSWORD_TTL_MS) {
      return this.fail(
        attempt,
        row.id,
        'one-time-password-expired',
        refusal('one-time-password-expired', 'This one-time password has expired: ask an administrator for a new one.'),
      );
    }
    if (row.must_change_password && !attempt.newPassword) {
      return this.fail(
        attempt,
        row.id,
        'password-change-required',
        refusal('password-change-required', 'Choose a new password to finish signing in.'),
      );
    }
    let enrolling: string | null = null;
    if (row.mfa_secret) {
      if (!attempt.otp)
        return this.fail(attempt, row.id, 'mfa-required', refusal('mfa-required', 'Enter the code from your authenticator app.'));
    } else if (attempt.enrolmentToken) {
      enrolling = this.totp.secretFromEnrolment(row.id, attempt.enrolmentToken);
      if (!enrolling || !attempt.otp) {
        return this.fail(
          attempt,
          row.id,
          'mfa-invalid',
          refusal('mfa-invalid', 'The enrolment expired or the code is missing: start again.'),
        );
      }
    } else if (this.config.mfaRequired) {
      const err = refusal('mfa-enrolment-required', 'Set up an authenticator app to sign in: scan the code, then enter the code it shows.');
      err.extra = { enrolment: this.totp.enrolment(row.id, row.username) satisfies MfaEnrolment };
      return this.fail(attempt, row.id, 'mfa-enrolment-required', err);
    }
    if (attempt.newPassword !== undefined && row.must_change_password) {
      this.policy.assert(attempt.newPassword, '/newPassword', { username: row.username, displayName: row.display_name });
    }

    await this.db
      .transaction(async (m) => {
        if (row.mfa_secret || enrolling) {
          const secret = enrolling ?? this.totp.decrypt(row.id, row.mfa_secret as string);
          const step =
            secret && attempt.otp
              ? await this.totp.check(secret, attempt.otp, row.mfa_last_step === null ? null : Number(row.mfa_last_step))
              : null;
          if (step === null || !(await this.useStep(m, row.id, step, enrolling))) {
            throw refusal('mfa-invalid', 'The code is wrong or was already used: wait for the next one.');
          }
          if (enrolling) {
            await this.audit.record(m, {
              actor: { type: 'user', id: row.id },
              action: 'auth.mfa-enrolled',
              entityType: 'user',
              entityId: row.id,
            });
          }
        }
        if (row.must_change_password && attempt.newPassword !== undefined) {
          await m.update(
            UserEntity,
            { id: row.id },
            { passwordHash: await hashPassword(attempt.newPassword), mustChangePassword: false, passwordChangedAt: new Date() },
          );
          await this.audit.record(m, {
            actor: { type: 'user', id: row.id },
            action: 'auth.password-changed',
            entityType: 'user',
            entityId: row.id,
            details: { at: 'sign-in' },
          });
        }
      })
      .catch((err: unknown) => (err instanceof ProblemException ? this.fail(attempt, row.id, err.problemType, err) : Promise.reject(err)));

    await this.throttle.succeeded(attempt.address, username);
    return row;
  }

  /**
   * Records a code's time step, only when it is later than the last one used (in one statement, so two sign-ins
   * racing with one code cannot both win); on enrolment stores the encrypted secret with it.
   */
  private async useStep(m: EntityManager, userId: string, step: number, enrollingSecret: string | null): Promise<boolean> {
    const result = enrollingSecret
      ? await m.query(
          `UPDATE users SET mfa_secret = $2, mfa_last_step = $3, mfa_enrolled_at = now() WHERE id = $1 AND mfa_secret IS NULL RETURNING id`,
          [userId, this.totp.encrypt(userId, enrollingSecret), step],
        )
      : await m.query(`UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND (mfa_last_step IS NULL OR mfa_last_step < $2) RETURNING id`, [
          userId,
          step,
        ]);
    return rowsOf(result).length === 1;
  }

  private async fail(attempt: SignInAttempt, userId: string | undefined, reason: string, err: ProblemException): Promise<never> {
    await this.db.transaction((m) =>
      this.audit.record(m, {
        actor: { type: 'system' },
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: userId,
        details: { username: auditedUsername(attempt.username), address: attempt.address, reason },
      }),
    );
    throw err;
  }
}

/** TypeORM's query() answers an UPDATE … RETURNING with [rows, count] on PostgreSQL and rows on some drivers. */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}
