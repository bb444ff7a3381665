import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, databaseRefusal, databaseTls, loadConfig, redisClientOptions, redisTls } from '@lantern/api/core';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';

/** The least a production start needs: a TLS PostgreSQL server, the workbench's origin and the second-factor key. */
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://lantern@db.hub.example/lantern?sslmode=verify-full',
  LANTERN_PUBLIC_ORIGIN: 'https://lantern.hub.example',
  LANTERN_MFA_KEY: 'a'.repeat(64),
} as const;

/** A CA bundle file for the TLS options (its content is passed through, not parsed). */
function caFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lantern-ca-')), 'ca.pem');
  writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  return file;
}

describe('configuration', () => {
  it('serves the workbench from an absolute directory, a relative one taken from the working directory; empty: none', () => {
    expect(loadConfig({ LANTERN_STATIC_DIR: 'dist/ui' }).staticDir).toBe(join(process.cwd(), 'dist/ui'));
    expect(loadConfig({ LANTERN_STATIC_DIR: '/srv/ui' }).staticDir).toBe('/srv/ui');
    expect(loadConfig({ LANTERN_STATIC_DIR: '' }).staticDir).toBe('');
    expect(loadConfig({}).staticDir).toBe(join(process.cwd(), 'dist/apps/workbench/browser'));
  });

  it('refuses demo mode and demo secrets in production', () => {
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_DEMO: 'true' })).toThrowError(ConfigError);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_DEMO: 'true' })).toThrowError(/demo mode/);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_DEMO_PASSWORD: 'something-long' })).toThrowError(/demo secrets/);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_DEMO_FEED_KEY: 'demo-feed-key' })).toThrowError(/demo secrets/);
    expect(loadConfig(PRODUCTION_ENV).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
  });

  it('refuses, in production, the embedded database, insecure cookies, day-long sessions and a missing origin', () => {
    const { DATABASE_URL: _db, ...noDatabase } = PRODUCTION_ENV;
    expect(() => loadConfig(noDatabase)).toThrowError(/embedded database/);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_COOKIE_SECURE: 'false' })).toThrowError(/insecure session cookies/);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_SESSION_TTL_HOURS: '25' })).toThrowError(/longer than a day/);
    expect(loadConfig({ ...PRODUCTION_ENV, LANTERN_SESSION_TTL_HOURS: '24' }).sessionTtlHours).toBe(24);
    const { LANTERN_PUBLIC_ORIGIN: _o, ...noOrigin } = PRODUCTION_ENV;
    expect(() => loadConfig(noOrigin)).toThrowError(/LANTERN_PUBLIC_ORIGIN/);
    // The origin of LANTERN_PUBLIC_URL (the address in emails) serves when no separate origin is given.
    expect(loadConfig({ ...noOrigin, LANTERN_PUBLIC_URL: 'https://lantern.hub.example/app/' }).publicOrigins).toEqual([
      'https://lantern.hub.example',
    ]);
    // Outside production the same settings start (demo over plain http on a LAN host may turn Secure off).
    expect(loadConfig({ LANTERN_COOKIE_SECURE: 'false', LANTERN_SESSION_TTL_HOURS: '48' }).cookieSecure).toBe(false);
  });

  it('has a Secure cookie, a 30-minute idle timeout and no fixed origin by default', () => {
    const c = loadConfig({});
    expect(c.cookieSecure).toBe(true);
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.publicOrigins).toEqual([]);
    expect(loadConfig({ LANTERN_SESSION_IDLE_MINUTES: '5' }).sessionIdleMinutes).toBe(5);
    expect(() => loadConfig({ LANTERN_SESSION_IDLE_MINUTES: '0' })).toThrowError(/LANTERN_SESSION_IDLE_MINUTES/);
    expect(loadConfig({ LANTERN_PUBLIC_ORIGIN: 'https://a.example, https://b.example:8443/' }).publicOrigins).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(() => loadConfig({ LANTERN_PUBLIC_ORIGIN: 'lantern' })).toThrowError(/LANTERN_PUBLIC_ORIGIN/);
  });

  it('maps PostgreSQL TLS settings to node-postgres options, verifying the server unless told not to', () => {
    const ca = caFile();
    const url = 'postgres://u:p@db.example:5432/lantern';
    expect(databaseTls({}, url)).toEqual({ url, ssl: false });
    expect(databaseTls({ DATABASE_SSL: 'true' }, url).ssl).toEqual({ rejectUnauthorized: true });
    expect(databaseTls({ DATABASE_SSL: 'true', DATABASE_SSL_REJECT_UNAUTHORIZED: 'false' }, url).ssl).toEqual({
      rejectUnauthorized: false,
    });
    // A CA file alone turns TLS on; its PEM is passed to node-postgres.
    const withCa = databaseTls({ DATABASE_SSL_CA: ca }, url).ssl;
    expect(withCa && withCa.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(withCa && withCa.rejectUnauthorized).toBe(true);
    // sslmode in the URL: taken out of the URL (node-postgres would let it replace the ssl object) and mapped.
    for (const [mode, ssl] of [
      ['verify-full', { rejectUnauthorized: true }],
      ['require', { rejectUnauthorized: true }],
      ['no-verify', { rejectUnauthorized: false }],
      ['disable', false],
    ] as const) {
      const mapped = databaseTls({}, `${url}?sslmode=${mode}&application_name=x`);
      expect(mapped.ssl, mode).toEqual(ssl);
      expect(mapped.url, mode).toBe(`${url}?application_name=x`);
    }
    expect(databaseTls({}, `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`).ssl).toMatchObject({
      rejectUnauthorized: true,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(databaseTls({ DATABASE_SSL: 'false' }, `${url}?sslmode=require`).ssl).toBe(false);
    expect(() => databaseTls({}, `${url}?sslmode=sometimes`)).toThrowError(/sslmode/);
    expect(() => databaseTls({ DATABASE_SSL_CA: '/nonexistent/ca.pem' }, url)).toThrowError(/DATABASE_SSL_CA/);
    expect(loadConfig({ DATABASE_URL: `${url}?sslmode=verify-full` }).databaseSsl).toEqual({ rejectUnauthorized: true });
  });

  it('refuses, in production, a plaintext database connection across a network unless explicitly allowed', () => {
    const plain = { ...PRODUCTION_ENV, DATABASE_URL: 'postgres://lantern@db.hub.example/lantern' };
    expect(() => loadConfig(plain)).toThrowError(/plaintext connection to the database on db\.hub\.example/);
    expect(loadConfig({ ...plain, DATABASE_SSL: 'true' }).databaseSsl).toEqual({ rejectUnauthorized: true });
    expect(loadConfig({ ...plain, LANTERN_DATABASE_ALLOW_PLAINTEXT: 'true' }).databaseSsl).toBe(false);
    for (const local of [
      'postgres://lantern@localhost/lantern',
      'postgres://lantern@127.0.0.1:5432/lantern',
      'postgres://lantern@[::1]/lantern',
    ]) {
      expect(loadConfig({ ...PRODUCTION_ENV, DATABASE_URL: local }).databaseSsl, local).toBe(false);
    }
  });

  it('refuses, in production, a plaintext Redis connection across a network unless explicitly allowed', () => {
    expect(() => loadConfig({ ...PRODUCTION_ENV, REDIS_URL: 'redis://cache.hub.example:6379' })).toThrowError(
      /plaintext connection to Redis on cache\.hub\.example/,
    );
    expect(
      loadConfig({ ...PRODUCTION_ENV, REDIS_URL: 'redis://cache.hub.example:6379', LANTERN_REDIS_ALLOW_PLAINTEXT: 'true' }).redisTls,
    ).toBeUndefined();
    expect(loadConfig({ ...PRODUCTION_ENV, REDIS_URL: 'rediss://cache.hub.example:6380' }).redisTls).toEqual({ rejectUnauthorized: true });
    expect(loadConfig({ ...PRODUCTION_ENV, REDIS_URL: 'redis://127.0.0.1:6379' }).redisTls).toBeUndefined();
  });

  it('maps Redis TLS (rediss://) to ioredis options', () => {
    const ca = caFile();
    expect(redisTls({}, 'redis://127.0.0.1:6379')).toBeUndefined();
    expect(redisTls({}, 'rediss://cache.example:6380')).toEqual({ rejectUnauthorized: true });
    expect(redisTls({ REDIS_TLS_REJECT_UNAUTHORIZED: 'false' }, 'rediss://cache.example:6380')).toEqual({ rejectUnauthorized: false });
    expect(redisTls({ REDIS_TLS_CA: ca }, 'rediss://cache.example:6380')?.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(() => redisTls({ REDIS_TLS_CA: ca }, 'redis://cache.example:6379')).toThrowError(/rediss:\/\//);
    expect(() => loadConfig({ REDIS_URL: 'http://cache.example' })).toThrowError(/REDIS_URL/);
    expect(redisClientOptions(loadConfig({ REDIS_URL: 'rediss://cache.example:6380' }).redisTls)).toEqual({
      tls: { rejectUnauthorized: true },
    });
    expect(redisClientOptions(undefined)).toEqual({});
  });

  it('requires a second-factor key in production and trusts only configured proxies', () => {
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_MFA_KEY: '' })).toThrowError(/LANTERN_MFA_KEY/);
    expect(() => loadConfig({ LANTERN_MFA_KEY: 'too-short' })).toThrowError(/LANTERN_MFA_KEY/);
    const prod = loadConfig({ ...PRODUCTION_ENV, LANTERN_MFA_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(prod.mfaKey).toEqual(Buffer.alloc(32, 7));
    expect(prod.mfaRequired).toBe(true);
    expect(() => loadConfig({ ...PRODUCTION_ENV, LANTERN_MFA_REQUIRED: 'false' })).toThrowError(/second factor/);
    expect(loadConfig({}).mfaRequired).toBe(false);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ LANTERN_TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16,::1' }).trustedProxies).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig({ LANTERN_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrowError(/LANTERN_TRUSTED_PROXIES/);
    expect(() => loadConfig({ LANTERN_TRUSTED_PROXIES: '*' })).toThrowError(/LANTERN_TRUSTED_PROXIES/);
  });

  it('validates numbers and URLs', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL/);
  });

  it('merges a triage rules file over the defaults, per weekday', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-config-'));
    const file = join(dir, 'triage.json');
    writeFileSync(file, JSON.stringify({ bands: { high: 12, medium: 8 }, calendar: { week: { sat: null, sun: null } } }));
    const c = loadConfig({ LANTERN_TRIAGE_CONFIG: file });
    expect(c.triage.bands).toEqual({ high: 12, medium: 8 });
    expect(c.triage.calendar.week.sat).toBeNull();
    expect(c.triage.calendar.week.mon).toEqual({ open: '08:00', close: '20:00' });
    expect(c.triage.calendar.timeZone).toBe(HUB_TIME_ZONE);
    writeFileSync(file, JSON.stringify({ bands: { high: 5, medium: 9 } }));
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file })).toThrowError(/bands/);
    // High sooner than SafeLives' 14, never later: 15 would take 14-tick cases off the MARAC list.
    writeFileSync(file, JSON.stringify({ bands: { high: 15, medium: 10 } }));
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file })).toThrowError(/high <= 14/);
    writeFileSync(file, JSON.stringify({ bands: { high: 14, medium: 10 } }));
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file }).triage.bands).toEqual({ high: 14, medium: 10 });
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: join(dir, 'missing.json') })).toThrowError(/cannot read/);
    // One hub, one time zone: a calendar in another zone would disagree with safe-contact windows and outcomes.
    writeFileSync(file, JSON.stringify({ calendar: { timeZone: 'Europe/Dublin' } }));
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file })).toThrowError(/calendar\.timeZone/);
    writeFileSync(file, JSON.stringify({ calendar: { timeZone: HUB_TIME_ZONE } }));
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file }).triage.calendar.timeZone).toBe(HUB_TIME_ZONE);
    // Priority weights are whole points (the queue ranks in SQL with them; its cursor carries the score).
    writeFileSync(
      file,
      JSON.stringify({ weights: { weapon: 70, waitingPerHour: 2.5, grade: { high: 320, medium: 150, standard: 50, ungraded: 150 } } }),
    );
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file }).triage.weights).toMatchObject({
      weapon: 70,
      waitingPerHour: 2.5,
      grade: { high: 320 },
    });
    for (const weights of [{ weapon: 60.5 }, { stalking: -1 }, { grade: { medium: 1.5 } }, { slaNear: '60' }]) {
      writeFileSync(file, JSON.stringify({ weights }));
      expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file }), JSON.stringify(weights)).toThrowError(/priority weights/);
    }
  });

  it('takes the MARAC and closing rules from the triage rules file, and refuses bad ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-config-'));
    const file = join(dir, 'triage.json');
    expect(loadConfig({}).triage.marac).toEqual({ escalationIncidents: 3, escalationWindowMonths: 12, repeatWindowMonths: 12 });
    expect(loadConfig({}).triage.closing).toEqual({ unableToContactAttemptDays: 3 });
    // Kent: 3 incidents in 6 months.
    writeFileSync(file, JSON.stringify({ marac: { escalationWindowMonths: 6 }, closing: { unableToContactAttemptDays: 2 } }));
    const c = loadConfig({ LANTERN_TRIAGE_CONFIG: file });
    expect(c.triage.marac).toEqual({ escalationIncidents: 3, escalationWindowMonths: 6, repeatWindowMonths: 12 });
    expect(c.triage.closing).toEqual({ unableToContactAttemptDays: 2 });
    for (const bad of [
      { marac: { escalationIncidents: 0 } },
      { marac: { repeatWindowMonths: '12' } },
      { marac: { window: 6 } },
      { marac: [] },
      { closing: { unableToContactAttemptDays: 0 } },
      { closing: 3 },
    ]) {
      writeFileSync(file, JSON.stringify(bad));
      expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file }), JSON.stringify(bad)).toThrowError(/marac|closing/);
    }
  });
});

describe('database refusals that reach the problem filter', () => {
  it('answer a lost race with 409 and a transaction still conflicting after its retries with 503 Retry-After, never a 500', () => {
    expect(databaseRefusal('23505')).toMatchObject({ status: 409, problemType: 'already-exists' });
    for (const code of ['40001', '40P01']) {
      const p = databaseRefusal(code);
      expect(p).toMatchObject({ status: 503, problemType: 'try-again' });
      expect(p?.headers['Retry-After']).toBe('1');
    }
    expect(databaseRefusal('XX000')).toBeNull();
  });
});
