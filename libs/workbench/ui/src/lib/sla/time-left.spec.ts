import { DEFAULT_HUB_CALENDAR } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { describeTimeLeft, formatDueAt } from './time-left';

const cal = DEFAULT_HUB_CALENDAR; // 08:00–20:00 every day, bank holidays closed
const at = (iso: string) => Date.parse(iso);
const ok = (nextDueAt: string | null) => ({
  state: 'ok' as const,
  breached: false,
  nextDueAt,
});

describe('describeTimeLeft', () => {
  // 2026-11-23 is a Monday in GMT (London = UTC).
  it('counts down while the hub is staffed until the due time', () => {
    const t = describeTimeLeft(ok('2026-11-23T14:45:00Z'), at('2026-11-23T14:00:00Z'), cal, 30);
    expect(t).toMatchObject({ state: 'ok', text: '45 min left', status: null });
  });

  it('is near breach within the window of staffed time, saying so in words', () => {
    const t = describeTimeLeft(ok('2026-11-23T14:20:00Z'), at('2026-11-23T14:00:00Z'), cal, 30);
    expect(t).toMatchObject({
      state: 'near',
      text: '20 min left',
      status: 'Near breach',
    });
  });

  it('gives the due time when the clock stops overnight', () => {
    const evening = describeTimeLeft(ok('2026-11-24T08:45:00Z'), at('2026-11-23T22:00:00Z'), cal, 30);
    expect(evening).toMatchObject({ state: 'ok', text: 'Due 08:45 tomorrow' });
    // 19:50 with a clock due at 08:10 tomorrow: 20 staffed minutes away, so near breach.
    const late = describeTimeLeft(ok('2026-11-24T08:10:00Z'), at('2026-11-23T19:50:00Z'), cal, 30);
    expect(late).toMatchObject({
      state: 'near',
      text: 'Due 08:10 tomorrow',
      status: 'Near breach',
    });
    const early = describeTimeLeft(ok('2026-11-23T08:45:00Z'), at('2026-11-23T06:00:00Z'), cal, 30);
    expect(early.text).toBe('Due 08:45 today');
  });

  it('shows UK summer time', () => {
    const t = describeTimeLeft(ok('2026-07-14T07:45:00Z'), at('2026-07-13T21:00:00Z'), cal, 30);
    expect(t.text).toBe('Due 08:45 tomorrow');
  });

  it('is breached when the API says so or the due time has passed', () => {
    expect(describeTimeLeft({ state: 'breached', breached: true, nextDueAt: null }, at('2026-11-23T14:00:00Z'), cal, 30)).toMatchObject({
      state: 'breached',
      text: 'Breached',
      status: 'Breached',
    });
    const passed = describeTimeLeft(ok('2026-11-23T13:10:00Z'), at('2026-11-23T14:00:00Z'), cal, 30);
    expect(passed).toMatchObject({ state: 'breached', text: 'Breached' });
    expect(passed.description).toBe('SLA breached: was due 13:10');
    expect(passed.detail).toBe('was due 13:10');
  });

  it('names the next due time, not "was due tomorrow", when an earlier clock breached and the next step is due later', () => {
    const later = describeTimeLeft(
      { state: 'breached', breached: true, nextDueAt: '2026-11-24T10:53:00Z' },
      at('2026-11-23T14:00:00Z'),
      cal,
      30,
    );
    expect(later).toMatchObject({ state: 'breached', detail: 'next due 10:53 tomorrow' });
    expect(later.description).toBe('SLA breached earlier; the next step is due 10:53 tomorrow');
    const today = describeTimeLeft(
      { state: 'breached', breached: true, nextDueAt: '2026-11-23T16:46:00Z' },
      at('2026-11-23T14:00:00Z'),
      cal,
      30,
    );
    expect(today.detail).toBe('next due 16:46');
    expect(today.description).toBe('SLA breached earlier; the next step is due 16:46 today');
  });

  it('says when no clock is running', () => {
    expect(describeTimeLeft(ok(null), at('2026-11-23T14:00:00Z'), cal, 30)).toMatchObject({ state: 'none', status: null });
  });
});

describe('formatDueAt', () => {
  const now = at('2026-11-23T14:00:00Z'); // Monday
  it('names the day relative to today', () => {
    expect(formatDueAt(at('2026-11-25T09:00:00Z'), now)).toBe('Wed 09:00');
    expect(formatDueAt(at('2026-12-03T09:00:00Z'), now)).toBe('3 Dec 09:00');
  });
});
