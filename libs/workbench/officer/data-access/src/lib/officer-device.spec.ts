import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryKeyValue, SealedStore } from '@lantern/workbench/data-access-hub';
import { OFFICER_DEVICE_DB } from './officer-device';
import { DRAFT_EXPIRES_AFTER_MS, OfficerDevice, overdueReferences, PENDING_WARNING_AFTER_MS } from './officer-device';
import { newDraft, type OfficerDraft, type OfficerReport } from './officer-draft';

const T0 = new Date('2026-12-01T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function device(): OfficerDevice {
  const d = new OfficerDevice();
  (d as unknown as { store: SealedStore }).store = new SealedStore(new MemoryKeyValue());
  return d;
}

const draft = (reference: string): OfficerDraft => newDraft(reference, T0);

describe('OfficerDevice.expireDrafts (a draft untouched for 24 hours is deleted at app start)', () => {
  it('stamps each save with savedAt, and keeps a draft saved within the last 24 hours', async () => {
    const d = device();
    await d.saveDraft('u1', draft('OA-AAAAAAAAAAAA'), T0);
    expect((await d.draft('u1'))?.savedAt).toBe(T0.toISOString());
    expect(await d.expireDrafts(later(DRAFT_EXPIRES_AFTER_MS))).toBe(0);
    expect((await d.draft('u1'))?.reference).toBe('OA-AAAAAAAAAAAA');
  });

  it('deletes a draft untouched for more than 24 hours, every user’s, counting from the last save', async () => {
    const d = device();
    await d.saveDraft('u1', draft('OA-AAAAAAAAAAAA'), T0);
    await d.saveDraft('u2', draft('OA-BBBBBBBBBBBB'), T0);
    // u2 kept typing an hour later: its 24 hours start again.
    await d.saveDraft('u2', draft('OA-BBBBBBBBBBBB'), later(3_600_000));
    expect(await d.expireDrafts(later(DRAFT_EXPIRES_AFTER_MS + 1))).toBe(1);
    expect(await d.draft('u1')).toBeUndefined();
    expect((await d.draft('u2'))?.reference).toBe('OA-BBBBBBBBBBBB');
    expect(await d.expireDrafts(later(DRAFT_EXPIRES_AFTER_MS + 3_600_001))).toBe(1);
    expect(await d.draft('u2')).toBeUndefined();
  });

  it('counts an older draft (no savedAt) from when it started, and one with no readable time as expired', async () => {
    const d = device();
    const store = (d as unknown as { store: SealedStore }).store;
    await store.put('draft/u1', draft('OA-AAAAAAAAAAAA'));
    await store.put('draft/u2', { ...draft('OA-BBBBBBBBBBBB'), startedAt: 'garbage' });
    expect(await d.expireDrafts(later(1000))).toBe(1);
    expect(await d.draft('u2')).toBeUndefined();
    expect(await d.expireDrafts(later(DRAFT_EXPIRES_AFTER_MS + 1))).toBe(1);
    expect(await d.draft('u1')).toBeUndefined();
  });

  it('never deletes a submitted draft that still waits to be sent, nor the waiting report', async () => {
    const d = device();
    await d.saveDraft('u1', { ...draft('OA-AAAAAAAAAAAA'), sentAt: T0.toISOString() }, T0);
    await d.queue('u1', { reference: 'OA-AAAAAAAAAAAA', queuedAt: T0.toISOString(), report: {} as OfficerReport });
    // Another user's waiting report with the same reference does not keep u2's stale draft.
    await d.saveDraft('u2', draft('OA-BBBBBBBBBBBB'), T0);
    await d.queue('u3', { reference: 'OA-BBBBBBBBBBBB', queuedAt: T0.toISOString(), report: {} as OfficerReport });
    expect(await d.expireDrafts(later(3 * DRAFT_EXPIRES_AFTER_MS))).toBe(1);
    expect((await d.draft('u1'))?.reference).toBe('OA-AAAAAAAAAAAA');
    expect((await d.pending('u1')).map((p) => p.reference)).toEqual(['OA-AAAAAAAAAAAA']);
    expect(await d.draft('u2')).toBeUndefined();
  });

  it('runs once at a time: app start and the form opening together share one run', async () => {
    const d = device();
    await d.saveDraft('u1', draft('OA-AAAAAAAAAAAA'), T0);
    const [a, b] = await Promise.all([
      d.expireDrafts(later(2 * DRAFT_EXPIRES_AFTER_MS)),
      d.expireDrafts(later(2 * DRAFT_EXPIRES_AFTER_MS)),
    ]);
    // The same run, answered twice: one deletion, not two runs racing.
    expect([a, b]).toEqual([1, 1]);
    expect(await d.draft('u1')).toBeUndefined();
  });
});

describe('OfficerDevice.expireDraftsAtStart', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('does nothing (and creates no database) on a browser without the officer database', async () => {
    const d = device();
    await d.saveDraft('u1', draft('OA-AAAAAAAAAAAA'), T0);
    vi.stubGlobal('indexedDB', { databases: async () => [{ name: 'something-else' }] });
    expect(await d.expireDraftsAtStart(later(2 * DRAFT_EXPIRES_AFTER_MS))).toBe(0);
    expect(await d.draft('u1')).toBeDefined();
  });

  it('expires drafts when the officer database is there', async () => {
    const d = device();
    await d.saveDraft('u1', draft('OA-AAAAAAAAAAAA'), T0);
    vi.stubGlobal('indexedDB', { databases: async () => [{ name: OFFICER_DEVICE_DB }] });
    expect(await d.expireDraftsAtStart(later(2 * DRAFT_EXPIRES_AFTER_MS))).toBe(1);
    expect(await d.draft('u1')).toBeUndefined();
  });
});

describe('overdueReferences (a queued submission over 24 hours old is kept, with a warning)', () => {
  it('names the waiting references queued more than 24 hours ago', () => {
    const queuedAt = { 'OA-A': T0.toISOString(), 'OA-B': later(3_600_000).toISOString(), 'OA-C': 'garbage' };
    const now = later(PENDING_WARNING_AFTER_MS + 1).getTime();
    expect(overdueReferences(['OA-A', 'OA-B', 'OA-C', 'OA-D'], queuedAt, now)).toEqual(['OA-A']);
    expect(overdueReferences(['OA-B'], queuedAt, later(PENDING_WARNING_AFTER_MS + 3_600_001).getTime())).toEqual(['OA-B']);
    // Received (no longer waiting): no warning, whatever its age.
    expect(overdueReferences([], queuedAt, now)).toEqual([]);
  });
});

describe('OfficerDevice.othersWaiting (what a sign-out would also delete)', () => {
  it('counts the reports other users left waiting on this phone, not the signed-in officer’s own', async () => {
    const d = device();
    const waiting = (reference: string) => ({ reference, queuedAt: T0.toISOString(), report: {} as OfficerReport });
    expect(await d.othersWaiting('u1')).toBe(0);
    await d.queue('u1', waiting('OA-AAAAAAAAAAAA'));
    expect(await d.othersWaiting('u1')).toBe(0);
    await d.queue('u2', waiting('OA-BBBBBBBBBBBB'));
    await d.queue('u2', waiting('OA-CCCCCCCCCCCC'));
    // A user id that starts like another's ("u1" and "u10") is still another user.
    await d.queue('u10', waiting('OA-DDDDDDDDDDDD'));
    expect(await d.othersWaiting('u1')).toBe(3);
    expect(await d.othersWaiting('u2')).toBe(2);
  });
});
