import { describe, expect, it } from 'vitest';
import {
  describePeriod,
  filenameFromContentDisposition,
  matchingPreset,
  periodFromQuery,
  presetPeriod,
  summaryMonth,
} from './outcomes-period';

/** 23:30 UTC on 31 Oct 2026 is already 31 Oct in London (GMT after the clocks went back on 25 Oct). */
const LATE_OCTOBER = Date.parse('2026-10-31T23:30:00Z');
/** 23:30 UTC on 31 Aug 2026 is 00:30 on 1 Sep in London (BST). */
const FIRST_SEPTEMBER_LONDON = Date.parse('2026-08-31T23:30:00Z');
const MID_MARCH = Date.parse('2026-03-15T12:00:00Z');

describe('presetPeriod', () => {
  it.each([
    ['this-month', MID_MARCH, '2026-03-01', '2026-03-15'],
    ['last-month', MID_MARCH, '2026-02-01', '2026-02-28'],
    ['last-3-months', MID_MARCH, '2026-01-01', '2026-03-15'],
    ['last-12-months', MID_MARCH, '2025-04-01', '2026-03-15'],
    ['this-month', LATE_OCTOBER, '2026-10-01', '2026-10-31'],
    ['last-month', Date.parse('2026-01-10T09:00:00Z'), '2025-12-01', '2025-12-31'],
    ['last-3-months', Date.parse('2026-02-01T09:00:00Z'), '2025-12-01', '2026-02-01'],
  ] as const)('%s on %s is %s to %s', (preset, now, from, to) => {
    expect(presetPeriod(preset, now)).toEqual({ from, to });
  });

  it('uses the London date, not the UTC one', () => {
    expect(presetPeriod('this-month', FIRST_SEPTEMBER_LONDON)).toEqual({ from: '2026-09-01', to: '2026-09-01' });
    expect(presetPeriod('last-month', FIRST_SEPTEMBER_LONDON)).toEqual({ from: '2026-08-01', to: '2026-08-31' });
  });

  it('knows a preset when it sees one, and a custom period when not', () => {
    expect(matchingPreset({ from: '2026-02-01', to: '2026-02-28' }, MID_MARCH)).toBe('last-month');
    expect(matchingPreset({ from: '2026-02-02', to: '2026-02-28' }, MID_MARCH)).toBeNull();
  });
});

describe('periodFromQuery', () => {
  it('takes a valid period from the URL', () => {
    expect(periodFromQuery('2026-09-01', '2026-10-31', MID_MARCH)).toEqual({
      period: { from: '2026-09-01', to: '2026-10-31' },
      error: null,
    });
  });
  it('defaults to the last 12 months, with no error when nothing is given', () => {
    expect(periodFromQuery(undefined, null, MID_MARCH)).toEqual({ period: { from: '2025-04-01', to: '2026-03-15' }, error: null });
  });
  it.each([
    ['2026-10-31', '2026-09-01', 'The start date must be on or before the end date.'],
    ['2026-02-30', '2026-03-01', 'Dates must be real calendar dates (for example 2026-11-01).'],
    ['yesterday', '2026-03-01', 'Dates must be real calendar dates (for example 2026-11-01).'],
    ['2026-03-01', '', 'Give both a start date and an end date.'],
  ])('refuses %s to %s with a reason and falls back to the default', (from, to, error) => {
    expect(periodFromQuery(from, to, MID_MARCH)).toEqual({ period: { from: '2025-04-01', to: '2026-03-15' }, error });
  });
});

describe('summaryMonth and describePeriod', () => {
  it('prints the month the period ends in', () => {
    expect(summaryMonth({ from: '2026-09-01', to: '2026-10-31' })).toBe('2026-10');
  });
  it('describes a period in words', () => {
    expect(describePeriod({ from: '2026-09-01', to: '2026-10-31' })).toBe('1 Sep 2026 to 31 Oct 2026');
  });
});

describe('filenameFromContentDisposition', () => {
  it.each([
    ['attachment; filename="lantern-outcomes-2026-09-01-to-2026-10-31-area.csv"', 'lantern-outcomes-2026-09-01-to-2026-10-31-area.csv'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    [`attachment; filename="fallback.csv"; filename*=UTF-8''r%C3%A9sum%C3%A9.csv`, 'résumé.csv'],
    ['attachment; filename="with \\"quotes\\".csv"', 'with "quotes".csv'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="..\\\\evil.csv"', 'evil.csv'],
    ['attachment', 'default.csv'],
    [null, 'default.csv'],
    ['attachment; filename=".."', 'default.csv'],
  ])('%s → %s', (header, name) => {
    expect(filenameFromContentDisposition(header, 'default.csv')).toBe(name);
  });
});
