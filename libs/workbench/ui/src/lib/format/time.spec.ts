import { describe, expect, it } from 'vitest';
import { ageInYears, formatCalendarDate, formatDuration, formatLondonDateTime, formatWaiting } from './time';

describe('formatDuration', () => {
  it.each([
    [0, '< 1 min'],
    [59_000, '< 1 min'],
    [60_000, '1 min'],
    [45 * 60_000, '45 min'],
    [60 * 60_000, '1 h'],
    [(2 * 60 + 15) * 60_000, '2 h 15 min'],
    [24 * 3_600_000, '1 d'],
    [(3 * 24 + 4) * 3_600_000 + 59 * 60_000, '3 d 4 h'],
    [-5_000, '< 1 min'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('formatWaiting', () => {
  it('counts from receivedAt to now', () => {
    const now = Date.parse('2025-03-03T16:20:00Z');
    expect(formatWaiting('2025-03-03T14:05:00Z', now)).toBe('2 h 15 min');
  });
  it('is empty for a missing or bad time', () => {
    expect(formatWaiting(null, 0)).toBe('');
    expect(formatWaiting('not a date', 0)).toBe('');
  });
});

describe('formatLondonDateTime', () => {
  it('shows GMT in winter', () => {
    expect(formatLondonDateTime('2025-01-15T09:30:00Z')).toBe('Wed 15 Jan 2025, 09:30');
  });
  it('shows BST (UTC+1) in summer', () => {
    expect(formatLondonDateTime('2025-07-15T09:30:00Z')).toBe('Tue 15 Jul 2025, 10:30');
    expect(formatLondonDateTime('2025-07-15T09:30:00Z', 'full')).toContain('BST');
  });
});

describe('calendar dates', () => {
  it('formats a date of birth without shifting it across midnight', () => {
    expect(formatCalendarDate('1990-05-01')).toBe('1 May 1990');
  });
  it('works out an age in whole years', () => {
    const now = Date.parse('2025-04-30T12:00:00Z');
    expect(ageInYears('1990-05-01', now)).toBe(34);
    expect(ageInYears('1990-04-30', now)).toBe(35);
    expect(ageInYears(undefined, now)).toBeNull();
  });
});
