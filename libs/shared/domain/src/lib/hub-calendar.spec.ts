import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addStaffedMinutes,
  calendarEndingAlert,
  DEFAULT_HUB_CALENDAR,
  ENGLAND_BANK_HOLIDAYS,
  isOutOfHours,
  staffedMillisBetween,
  staffedWindow,
  type HubCalendar,
} from './hub-calendar';
import { prng } from './seeded-random';

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

/**
 * The staffed-time walks as they were written before the timeline of instants (session 38): one hub day at a time in
 * the calendar's zone, with luxon. The timeline must give the same answers.
 */
const reference = {
  add(start: number, minutes: number, calendar: HubCalendar): number {
    let t = DateTime.fromMillis(start).setZone(calendar.timeZone);
    let remaining = minutes * 60_000;
    for (let i = 0; i <= 366; i++) {
      const w = staffedWindow(t, calendar);
      if (w && t < w.close) {
        const from = t < w.open ? w.open : t;
        const available = w.close.toMillis() - from.toMillis();
        if (remaining <= available) return from.toMillis() + remaining;
        remaining -= available;
      }
      t = t.setZone(calendar.timeZone).plus({ days: 1 }).startOf('day');
    }
    return NaN;
  },
  between(from: number, to: number, calendar: HubCalendar): number {
    const end = DateTime.fromMillis(to).setZone(calendar.timeZone);
    let t = DateTime.fromMillis(from).setZone(calendar.timeZone);
    let total = 0;
    for (let i = 0; i <= 366 && t < end; i++) {
      const w = staffedWindow(t, calendar);
      if (w) {
        const a = Math.max(t.toMillis(), w.open.toMillis());
        const b = Math.min(end.toMillis(), w.close.toMillis());
        if (b > a) total += b - a;
      }
      t = t.plus({ days: 1 }).startOf('day');
    }
    return total;
  },
  outOfHours(at: number, calendar: HubCalendar): boolean {
    const t = DateTime.fromMillis(at).setZone(calendar.timeZone);
    const w = staffedWindow(t, calendar);
    return !w || t < w.open || t >= w.close;
  },
};

describe('staffed time from the timeline of instants', () => {
  const calendars: Array<[string, HubCalendar]> = [
    ['the default (08:00-20:00 daily, bank holidays)', DEFAULT_HUB_CALENDAR],
    [
      'weekdays only, short Fridays, a closure with reduced hours, one to midnight',
      {
        ...DEFAULT_HUB_CALENDAR,
        week: {
          mon: { open: '09:00', close: '17:30' },
          tue: { open: '09:00', close: '17:30' },
          wed: { open: '00:00', close: '24:00' },
          thu: { open: '09:00', close: '17:30' },
          fri: { open: '09:00', close: '13:00' },
          sat: null,
          sun: null,
        },
        closures: [
          { date: '2027-03-29', name: 'Easter Monday' },
          { date: '2027-10-27', name: 'Training', hours: { open: '13:00', close: '16:00' } },
        ],
      },
    ],
    // A zone whose clocks change at midnight (the day starts at 01:00 on the change).
    ['Santiago, whose clocks change at midnight', { ...DEFAULT_HUB_CALENDAR, timeZone: 'America/Santiago', closures: [] }],
  ];
  // Instants across two years, crowded around London's and Santiago's clock changes and the hub's opening and closing.
  const random = prng(38);
  const base = Date.parse('2026-12-01T00:00:00Z');
  const edges = [
    '2027-03-28T00:59:00Z',
    '2027-03-28T01:00:00Z',
    '2027-10-31T00:30:00Z',
    '2027-10-31T01:00:00Z',
    '2027-04-04T02:59:00Z',
    '2027-09-05T04:00:00Z',
    '2027-03-29T07:59:59.999Z',
    '2027-10-27T12:00:00Z',
    // Exactly at opening and closing times, winter and summer.
    '2027-01-05T08:00:00Z',
    '2027-01-05T20:00:00Z',
    '2027-07-06T07:00:00Z',
    '2027-07-06T19:00:00Z',
    '2027-07-09T12:00:00Z',
    '2027-07-05T16:30:00Z',
  ].map(Date.parse);
  const instants = [
    ...edges,
    ...edges.flatMap((e) => [e - 60_000, e + 60_000, e - 3_600_000, e + 3_600_000]),
    ...Array.from({ length: 400 }, () => base + Math.floor(random() * 730 * 86_400_000)),
    // Far back in time after the rest: the timeline starts again around them.
    Date.parse('2025-06-01T10:00:00Z'),
    Date.parse('2024-01-01T00:00:00Z'),
  ];
  const minutes = [0, 1, 30, 60, 120, 240, 720, 1440, 4000];

  for (const [name, calendar] of calendars) {
    it(`${name}: the same answers as the walk in the calendar's zone`, () => {
      for (const t of instants) {
        expect(isOutOfHours(new Date(t), calendar), `isOutOfHours ${new Date(t).toISOString()}`).toBe(reference.outOfHours(t, calendar));
        for (const m of minutes) {
          expect(addStaffedMinutes(new Date(t), m, calendar).getTime(), `add ${m} to ${new Date(t).toISOString()}`).toBe(
            reference.add(t, m, calendar),
          );
        }
        const to = t + Math.floor(random() * 20 * 86_400_000);
        expect(staffedMillisBetween(new Date(t), new Date(to), calendar), `between ${new Date(t).toISOString()}`).toBe(
          reference.between(t, to, calendar),
        );
      }
    });
  }

  it('grows at its start, at its end and starts again far away, with the same answers each way', () => {
    // A calendar object of its own, so its timeline starts here: 1 June, then 12 days before it (grown at the start),
    // 40 days after (grown at the end), two years on (started again) and back (started again).
    const calendar: HubCalendar = { ...DEFAULT_HUB_CALENDAR, closures: [{ date: '2027-05-31', name: 'Spring bank holiday' }] };
    for (const iso of [
      '2027-06-01T09:00:00Z',
      '2027-05-20T19:30:00Z',
      '2027-07-11T06:59:00Z',
      '2029-06-01T12:00:00Z',
      '2027-05-30T19:59:00Z',
    ]) {
      const t = Date.parse(iso);
      expect(isOutOfHours(new Date(t), calendar), iso).toBe(reference.outOfHours(t, calendar));
      expect(addStaffedMinutes(new Date(t), 90, calendar).getTime(), iso).toBe(reference.add(t, 90, calendar));
      expect(staffedMillisBetween(new Date(t), new Date(t + 9 * 86_400_000), calendar), iso).toBe(
        reference.between(t, t + 9 * 86_400_000, calendar),
      );
    }
  });

  it('an invalid instant is out of hours and leaves the timeline as it was', () => {
    const calendar: HubCalendar = { ...DEFAULT_HUB_CALENDAR, closures: [] };
    expect(isOutOfHours(new Date(Number.NaN), calendar)).toBe(true);
    expect(() => addStaffedMinutes(new Date(Number.NaN), 30, calendar)).toThrow(RangeError);
    const t = Date.parse('2027-01-05T10:00:00Z');
    expect(addStaffedMinutes(new Date(t), 30, calendar).getTime()).toBe(reference.add(t, 30, calendar));
    expect(isOutOfHours(new Date(t), calendar)).toBe(false);
  });

  it('a calendar with no staffed time still says so after a year', () => {
    const closed: HubCalendar = {
      ...DEFAULT_HUB_CALENDAR,
      week: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
    };
    expect(() => addStaffedMinutes(new Date('2027-01-04T10:00:00Z'), 30, closed)).toThrow(/no staffed time/);
    expect(isOutOfHours(new Date('2027-01-04T10:00:00Z'), closed)).toBe(true);
    expect(staffedMillisBetween(new Date('2027-01-04T10:00:00Z'), new Date('2027-02-04T10:00:00Z'), closed)).toBe(0);
  });
});
