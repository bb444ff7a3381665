import { describe, expect, it, vi } from 'vitest';
import { UnsavedRegistry, type UnsavedEntry } from './unsaved-registry';

function entry(dirty: boolean): UnsavedEntry & { dirty: boolean; discard: ReturnType<typeof vi.fn> } {
  const e = { dirty, isDirty: () => e.dirty, discard: vi.fn() };
  return e;
}

describe('UnsavedRegistry', () => {
  it('lets the user leave without asking when no form is dirty', async () => {
    const r = new UnsavedRegistry();
    r.register(entry(false));
    const ask = vi.fn(async () => false);
    await expect(r.confirmLeave(ask)).resolves.toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks when a form is dirty, and keeps the user there when they choose to keep editing', async () => {
    const r = new UnsavedRegistry();
    const e = entry(true);
    r.register(entry(false));
    r.register(e);
    const ask = vi.fn(async () => false);
    await expect(r.confirmLeave(ask)).resolves.toBe(false);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(e.discard).not.toHaveBeenCalled();
    expect(r.hasUnsaved()).toBe(true);
  });

  it('after a discard, runs the hooks and does not ask again about the same edits', async () => {
    const r = new UnsavedRegistry();
    const e = entry(true);
    r.register(e);
    await expect(r.confirmLeave(async () => true)).resolves.toBe(true);
    expect(e.discard).toHaveBeenCalledTimes(1);
    expect(r.hasUnsaved()).toBe(false);
    const ask = vi.fn(async () => false);
    await expect(r.confirmLeave(ask)).resolves.toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks again once a released form is edited again', async () => {
    const r = new UnsavedRegistry();
    const e = entry(true);
    r.register(e);
    await r.confirmLeave(async () => true);
    r.rearm(e);
    expect(r.hasUnsaved()).toBe(true);
    await expect(r.confirmLeave(async () => false)).resolves.toBe(false);
  });

  it('forgets a form that is gone', async () => {
    const r = new UnsavedRegistry();
    const unregister = r.register(entry(true));
    expect(r.hasUnsaved()).toBe(true);
    unregister();
    expect(r.hasUnsaved()).toBe(false);
  });

  it('opens one question at a time: two requests while it is open share the answer', async () => {
    const r = new UnsavedRegistry();
    r.register(entry(true));
    let answer!: (v: boolean) => void;
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const first = r.confirmLeave(ask);
    const second = r.confirmLeave(ask);
    answer(false);
    await expect(first).resolves.toBe(false);
    await expect(second).resolves.toBe(false);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('a failing discard hook still lets the user leave', async () => {
    const r = new UnsavedRegistry();
    const e = entry(true);
    e.discard.mockRejectedValue(new Error('IndexedDB closed'));
    r.register(e);
    await expect(r.confirmLeave(async () => true)).resolves.toBe(true);
  });
});
