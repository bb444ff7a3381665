import { describe, expect, it } from 'vitest';
import { describeSafeTimes, formatDays, formatNextSafe, formatWindow } from './safe-times';

describe('safe times', () => {
  it('names days briefly', () => {
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(formatDays(['thu', 'tue'])).toBe('Tue, Thu');
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).toBe('Every day');
  });

  it('formats a window and the whole rule', () => {
    expect(formatWindow({ days: ['tue', 'thu'], from: '10:00', to: '12:00' })).toBe('Tue, Thu 10:00–12:00');
    expect(formatWindow({ days: ['sat'], from: '18:00', to: '24:00' })).toBe('Sat 18:00–midnight');
    expect(describeSafeTimes({ timeRule: 'any', windows: [] })).toBe('Any time');
    expect(describeSafeTimes({ timeRule: 'unknown', windows: [] })).toMatch(/Not confirmed yet/);
    expect(describeSafeTimes({ timeRule: 'windows', windows: [{ days: ['fri'], from: '22:00', to: '02:00' }] })).toBe(
      'Fri 22:00–02:00 (next day)',
    );
  });

  it('says the next safe time in London wall-clock time, across the clocks changing', () => {
    const wed = Date.parse('2026-11-25T10:30:00Z');
    expect(formatNextSafe('2026-11-26T10:00:00Z', wed)).toBe('Thu 10:00');
    // Summer: 10:00 in London is 09:00 UTC.
    expect(formatNextSafe('2026-07-02T09:00:00Z', Date.parse('2026-07-01T12:00:00Z'))).toBe('Thu 10:00');
    expect(formatNextSafe('2026-11-25T10:30:00Z', wed)).toBe('now');
    expect(formatNextSafe(null, wed)).toBe('');
  });
});
