import { ENROLMENT_TTL_MS, SIGN_IN_LIMITS, SignInThrottle, TotpService, delayAfter } from '@lantern/api/auth';
import { loadConfig } from '@lantern/api/core';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';

const service = (key = 'a'.repeat(64)) => new TotpService(loadConfig({ LANTERN_MFA_KEY: key }));

describe('TOTP secrets and enrolment tokens', () => {
  const userId = '00000000-0000-4000-8000-000000000001';
  const other = '00000000-0000-4000-8000-000000000002';

  it('encrypts a secret for one user under one key: another user, another key or a changed byte cannot read it', () => {
    const totp = service();
    const stored = totp.encrypt(userId, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(stored).not.toContain('JBSWY3DP');
    expect(totp.decrypt(userId, stored)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(totp.decrypt(other, stored)).toBeNull();
    expect(service('b'.repeat(64)).decrypt(userId, stored)).toBeNull();
    const [v, iv, tag, data] = stored.split(':');
    const flipped = data.slice(0, -2) + (data.at(-2) === 'A' ? 'B' : 'A') + data.at(-1);
    expect(totp.decrypt(userId, [v, iv, tag, flipped].join(':'))).toBeNull();
  });

  it('gives an enrolment token that only its user can redeem, only unexpired and untampered', () => {
    const totp = service();
    const now = Date.now();
    const e = totp.enrolment(userId, 'caseworker', now);
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\/Lantern:caseworker\?.*secret=/);
    expect(totp.secretFromEnrolment(userId, e.enrolmentToken, now)).toBe(e.secret);
    expect(totp.secretFromEnrolment(other, e.enrolmentToken, now)).toBeNull();
    expect(totp.secretFromEnrolment(userId, e.enrolmentToken, now + ENROLMENT_TTL_MS + 1)).toBeNull();
    expect(totp.secretFromEnrolment(userId, `x${e.enrolmentToken}`, now)).toBeNull();
    expect(service('b'.repeat(64)).secretFromEnrolment(userId, e.enrolmentToken, now)).toBeNull();
  });

  it('accepts the current code and one step either side, each step once (afterTimeStep)', async () => {
    const totp = service();
    const { secret } = totp.enrolment(userId, 'caseworker');
    const now = 1_800_000_000_000;
    const at = (s: number) => generate({ secret, epoch: now / 1000 + s * 30 });
    const step = await totp.check(secret, await at(0), null, now);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(await totp.check(secret, await at(0), step, now)).toBeNull();
    expect(await totp.check(secret, await at(1), step, now)).toBe((step as number) + 1);
    expect(await totp.check(secret, await at(-1), null, now)).toBe((step as number) - 1);
    expect(await totp.check(secret, await at(2), null, now)).toBeNull();
    expect(await totp.check(secret, '000000', null, now)).toBeNull();
  });
});

describe('sign-in delays', () => {
  it.each([
    [4, 0],
    [5, 1000],
    [6, 2000],
    [9, 16_000],
    [10, 30_000],
    [500, 30_000],
  ])('an account with %i failures waits %i ms', (failures, ms) => {
    expect(delayAfter({ failures, last: 0 }, SIGN_IN_LIMITS.account)).toBe(ms);
  });

  it('lets an address fail 20 times, then caps at a minute (everyone behind one address shares it: never a lock-out)', () => {
    expect(delayAfter({ failures: 19, last: 0 }, SIGN_IN_LIMITS.address)).toBe(0);
    expect(delayAfter({ failures: 20, last: 0 }, SIGN_IN_LIMITS.address)).toBe(1000);
    expect(delayAfter({ failures: 25, last: 0 }, SIGN_IN_LIMITS.address)).toBe(32_000);
    expect(delayAfter({ failures: 60, last: 0 }, SIGN_IN_LIMITS.address)).toBe(60_000);
  });
});

describe('sign-in throttle without Redis', () => {
  it('keeps throttling in memory on this instance when Redis cannot answer, rather than failing sign-in', async () => {
    const throttle = new SignInThrottle(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const now = Date.now();
      for (let i = 0; i < SIGN_IN_LIMITS.account.freeFailures; i++) expect(await throttle.attempt('192.0.2.1', 'someone', now)).toBe(0);
      expect(await throttle.attempt('192.0.2.1', 'someone', now)).toBe(SIGN_IN_LIMITS.baseDelayMs);
      await throttle.succeeded('192.0.2.1', 'someone');
      expect(await throttle.attempt('192.0.2.1', 'someone', now)).toBe(0);
    } finally {
      await throttle.onModuleDestroy();
    }
  }, 30_000);
});
