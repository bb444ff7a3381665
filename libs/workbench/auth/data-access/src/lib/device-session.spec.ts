import type { CurrentUser } from '@lantern/shared/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEVICE_SESSION_KEY, DEVICE_SESSION_MAX_MS, DeviceSession } from './device-session';

const officer: CurrentUser = {
  id: 'o1',
  username: 'officer',
  displayName: 'PC Casey Lane',
  roles: ['officer'],
  force: 'Hertfordshire Constabulary',
  collarNumber: 'HT4821',
  team: 'Response Team North',
};
const caseworker: CurrentUser = { id: 'c1', username: 'caseworker', displayName: 'Sam Carter', roles: ['caseworker'] };
const NOW = new Date('2026-12-02T10:00:00Z');

describe('DeviceSession', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => items.set(k, v),
      removeItem: (k: string) => items.delete(k),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("remembers an officer's profile (no more) and recalls it within the session lifetime", () => {
    const s = new DeviceSession();
    s.remember({ ...officer, extra: 'x' } as CurrentUser, NOW);
    expect(s.recall(new Date(NOW.getTime() + DEVICE_SESSION_MAX_MS))).toEqual(officer);
    expect(s.recall(new Date(NOW.getTime() + DEVICE_SESSION_MAX_MS + 1))).toBeNull();
    expect(s.recall(new Date(NOW.getTime() - 1))).toBeNull();
  });

  it('never remembers hub staff, and a hub user signing in forgets the officer', () => {
    const s = new DeviceSession();
    s.remember(officer, NOW);
    s.remember(caseworker, NOW);
    expect(items.has(DEVICE_SESSION_KEY)).toBe(false);
    expect(s.recall(NOW)).toBeNull();
  });

  it('forgets, and ignores what it cannot read or what is not an officer', () => {
    const s = new DeviceSession();
    s.remember(officer, NOW);
    s.forget();
    expect(s.recall(NOW)).toBeNull();
    items.set(DEVICE_SESSION_KEY, '{not json');
    expect(s.recall(NOW)).toBeNull();
    items.set(DEVICE_SESSION_KEY, JSON.stringify({ user: { ...caseworker }, at: NOW.toISOString() }));
    expect(s.recall(NOW)).toBeNull();
  });
});
