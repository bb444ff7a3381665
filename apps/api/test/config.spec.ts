import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@lantern/api/core';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';

describe('configuration', () => {
  it('refuses demo mode and demo secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LANTERN_DEMO: 'true' })).toThrowError(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', LANTERN_DEMO_PASSWORD: 'something-long' })).toThrowError(/demo secrets/);
    expect(loadConfig({ NODE_ENV: 'production', LANTERN_MFA_KEY: 'a'.repeat(64) }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
  });

  it('requires a second-factor key in production and trusts only configured proxies', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/LANTERN_MFA_KEY/);
    expect(() => loadConfig({ LANTERN_MFA_KEY: 'too-short' })).toThrowError(/LANTERN_MFA_KEY/);
    const prod = loadConfig({ NODE_ENV: 'production', LANTERN_MFA_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(prod.mfaKey).toEqual(Buffer.alloc(32, 7));
    expect(prod.mfaRequired).toBe(true);
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
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: join(dir, 'missing.json') })).toThrowError(/cannot read/);
    // One hub, one time zone: a calendar in another zone would disagree with safe-contact windows and outcomes.
    writeFileSync(file, JSON.stringify({ calendar: { timeZone: 'Europe/Dublin' } }));
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file })).toThrowError(/calendar\.timeZone/);
    writeFileSync(file, JSON.stringify({ calendar: { timeZone: HUB_TIME_ZONE } }));
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file }).triage.calendar.timeZone).toBe(HUB_TIME_ZONE);
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
