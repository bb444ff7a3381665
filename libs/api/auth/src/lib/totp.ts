import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import type { MfaEnrolment } from '@lantern/shared/domain';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD_S = 30;
/** Codes one step either side are accepted (clock drift of a phone); RFC 6238 §5.2 recommends at most one. */
export const TOTP_TOLERANCE_S = TOTP_PERIOD_S;
/** How long an enrolment token (secret shown, not yet confirmed) stays good. */
export const ENROLMENT_TTL_MS = 10 * 60_000;
const ISSUER = 'Lantern';

/**
 * Second factor (TOTP, RFC 6238, with otplib). Secrets are stored encrypted with AES-256-GCM under a key derived from
 * LANTERN_MFA_KEY, the user's id as associated data (a ciphertext copied to another user's row does not decrypt).
 * Enrolment tokens are HMAC-SHA-256 signed (another key derived from the same secret) and carry the encrypted
 * secret, the user id and an expiry, so enrolment needs no server-side state until the first code confirms it.
 */
@Injectable()
export class TotpService {
  private readonly encryptionKey: Buffer;
  private readonly signingKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', config.mfaKey, Buffer.alloc(0), 'lantern totp secret encryption', 32));
    this.signingKey = Buffer.from(hkdfSync('sha256', config.mfaKey, Buffer.alloc(0), 'lantern totp enrolment token', 32));
  }

  /** A new secret for this user: what the authenticator app needs, and the token that confirms it. */
  enrolment(userId: string, username: string, now = Date.now()): MfaEnrolment {
    const secret = generateSecret({ length: 20 });
    const otpauthUri = generateURI({ issuer: ISSUER, label: username, secret });
    const payload = Buffer.from(JSON.stringify({ u: userId, s: this.encrypt(userId, secret), e: now + ENROLMENT_TTL_MS })).toString(
      'base64url',
    );
    return { secret, otpauthUri, enrolmentToken: `${payload}.${this.sign(payload)}` };
  }

  /** The secret an enrolment token carries, when the token is this user's, unexpired and untampered; else null. */
  secretFromEnrolment(userId: string, token: string, now = Date.now()): string | null {
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let body: { u?: unknown; s?: unknown; e?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      return null;
    }
    if (body.u !== userId || typeof body.s !== 'string' || typeof body.e !== 'number' || body.e < now) return null;
    return this.decrypt(userId, body.s);
  }

  /**
   * The time step of `otp` when it is valid for `secret` and later than `lastStep` (a code is accepted once: RFC
   * 6238 §5.2); null otherwise. The caller stores the step atomically (users.mfa_last_step) before trusting it.
   */
  async check(secret: string, otp: string, lastStep: number | null, now = Date.now()): Promise<number | null> {
    const result = await verify({
      secret,
      token: otp,
      epoch: Math.floor(now / 1000),
      epochTolerance: TOTP_TOLERANCE_S,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  encrypt(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(userId));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  /** The plain secret, or null when the ciphertext is not this user's under this key. */
  decrypt(userId: string, stored: string): string | null {
    const [v, iv, tag, data] = stored.split(':');
    if (v !== 'v1' || !iv || !tag || !data) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.signingKey).update(payload).digest('base64url');
  }
}
