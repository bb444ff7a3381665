import { describe, expect, it } from 'vitest';
import { calendarEndingAlert, DEFAULT_HUB_CALENDAR, ENGLAND_BANK_HOLIDAYS, type HubCalendar } from './hub-calendar';

const CAL: HubCalendar = {
  ...DEFAULT_HUB_CALENDAR,
  closures: [
    { date: '2027-01-01', name: "New Year's Day" },
    { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
  ],
};
/** Noon in London on a date. */
const at = (date: string) => new Date(`${date}T12:00:00Z`);

describe('calendarEndingAlert', () => {
  it.each([
    ['2027-10-28', 61, false],
    ['2027-10-29', 60, true],
    ['2027-10-30', 59, true],
    ['2027-12-28', 0, true],
    ['2028-01-05', -8, true],
  ])('on %s (%i days before the last holiday) → warns: %s', (today, daysLeft, warns) => {
    const a = calendarEndingAlert(CAL, at(today));
    if (!warns) return expect(a).toBeNull();
    expect(a).toEqual({
      kind: 'calendar-ending',
      until: '2027-12-28',
      daysLeft,
      message: "Bank holidays are configured up to 28 December 2027: add next year's",
    });
  });

  it('counts hub (London) dates: 23:30 UTC on a summer day is already the next day', () => {
    const cal: HubCalendar = { ...CAL, closures: [{ date: '2027-08-30', name: 'Summer bank holiday' }] };
    // 60 days before 30 Aug is 1 Jul: 30 Jun 23:30 UTC is 1 Jul 00:30 in London.
    expect(calendarEndingAlert(cal, new Date('2027-06-30T22:30:00Z'))).toBeNull();
    expect(calendarEndingAlert(cal, new Date('2027-06-30T23:30:00Z'))?.daysLeft).toBe(60);
  });

  it('the warning window is configuration', () => {
    expect(calendarEndingAlert({ ...CAL, holidayWarningDays: 10 }, at('2027-12-17'))).toBeNull();
    expect(calendarEndingAlert({ ...CAL, holidayWarningDays: 10 }, at('2027-12-18'))?.daysLeft).toBe(10);
    expect(calendarEndingAlert({ ...CAL, holidayWarningDays: undefined }, at('2027-10-29'))?.daysLeft).toBe(60);
  });

  it('a calendar with no closures configured has nothing to run out', () => {
    expect(calendarEndingAlert({ ...CAL, closures: [] }, at('2027-10-29'))).toBeNull();
  });

  it('the defaults run to the end of the last listed year, sorted and without duplicates', () => {
    const dates = ENGLAND_BANK_HOLIDAYS.map((c) => c.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(DEFAULT_HUB_CALENDAR.holidayWarningDays).toBe(60);
    // Every year listed has its eight England and Wales bank holidays.
    for (const y of new Set(dates.map((d) => d.slice(0, 4)))) expect(dates.filter((d) => d.startsWith(y))).toHaveLength(8);
    expect(calendarEndingAlert(DEFAULT_HUB_CALENDAR, at('2026-12-01'))).toBeNull();
  });
});
