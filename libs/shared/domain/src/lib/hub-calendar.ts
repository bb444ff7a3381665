import { DateTime } from 'luxon';
import { HUB_TIME_ZONE } from './hub-time-zone';

/**
 * When the hub is staffed: hours per weekday in the hub's local time (HUB_TIME_ZONE), and closures (bank holidays, training
 * days) that replace a date's hours. Configuration, with the Beacon-style default of 08:00–20:00 every day.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "HH:mm"–"HH:mm", or null for closed all day. */
export interface StaffedHours {
  open: string;
  close: string;
}

export interface Closure {
  /** YYYY-MM-DD in the hub's time zone. */
  date: string;
  name: string;
  /** Reduced hours that day; omitted = closed all day. */
  hours?: StaffedHours;
}

export interface HubCalendar {
  timeZone: string;
  week: Record<Weekday, StaffedHours | null>;
  closures: Closure[];
  /**
   * Warn the team leads this many days before the last configured bank holiday (the list "runs out"): alert
   * `calendar-ending`. Omitted = 60.
   */
  holidayWarningDays?: number;
}

const DAILY: StaffedHours = { open: '08:00', close: '20:00' };

/**
 * England and Wales bank holidays: 2026–2027 as published on gov.uk (https://www.gov.uk/bank-holidays, also
 * https://www.gov.uk/bank-holidays.json); 2028 is DERIVED (not yet published when this list was written): the
 * Banking and Financial Dealings Act 1971 pattern (substitute weekdays for New Year, Christmas and Boxing Day; first
 * and last Mondays of May; last Monday of August; Easter from the Gregorian computus). Check it against gov.uk once
 * published: a one-off change (as in 2022 and 2023) would not be in it.
 */
export const ENGLAND_BANK_HOLIDAYS: Closure[] = [
  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
  // 2028: derived, not published by gov.uk when written (see above).
  { date: '2028-01-03', name: "New Year's Day (substitute day)" },
  { date: '2028-04-14', name: 'Good Friday' },
  { date: '2028-04-17', name: 'Easter Monday' },
  { date: '2028-05-01', name: 'Early May bank holiday' },
  { date: '2028-05-29', name: 'Spring bank holiday' },
  { date: '2028-08-28', name: 'Summer bank holiday' },
  { date: '2028-12-25', name: 'Christmas Day' },
  { date: '2028-12-26', name: 'Boxing Day' },
];

/** Default days of warning before the configured bank holidays run out. */
export const DEFAULT_HOLIDAY_WARNING_DAYS = 60;

export const DEFAULT_HUB_CALENDAR: HubCalendar = {
  timeZone: HUB_TIME_ZONE,
  week: { mon: DAILY, tue: DAILY, wed: DAILY, thu: DAILY, fri: DAILY, sat: DAILY, sun: DAILY },
  closures: ENGLAND_BANK_HOLIDAYS,
  holidayWarningDays: DEFAULT_HOLIDAY_WARNING_DAYS,
};

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Wall-clock time on the local date (set, not added: a DST change at 01:00/02:00 never shifts 08:00 or 20:00). */
function atLocal(startOfDay: DateTime, hhmm: string): DateTime {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`invalid time ${hhmm}`);
  if (m[1] === '24') return startOfDay.plus({ days: 1 }).startOf('day');
  return startOfDay.set({ hour: Number(m[1]), minute: Number(m[2]), second: 0, millisecond: 0 });
}

/**
 * Answers already worked out, per calendar (a calendar is configuration: the same object for the life of the app).
 * Zone arithmetic is the costly part of every SLA figure, and a batch of reports received at one moment, or a queue
 * read at one moment, asks the same questions many times. Bounded: a full cache is simply started again.
 */
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<HubCalendar, Map<string, unknown>>();
function memo<T>(calendar: HubCalendar, key: string, compute: () => T): T {
  let m = memos.get(calendar);
  if (!m) memos.set(calendar, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const value = compute();
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(key, value);
  return value;
}

/** The staffed window of the London calendar day containing `day`, or null when closed. */
export function staffedWindow(day: DateTime, calendar: HubCalendar): { open: DateTime; close: DateTime } | null {
  const local = day.setZone(calendar.timeZone);
  const date = local.toISODate() as string;
  return memo(calendar, `w|${date}`, () => windowOf(local, date, calendar));
}

function windowOf(local: DateTime, date: string, calendar: HubCalendar): { open: DateTime; close: DateTime } | null {
  const closure = calendar.closures.find((c) => c.date === date);
  const hours = closure ? (closure.hours ?? null) : calendar.week[WEEKDAYS[local.weekday - 1]];
  if (!hours) return null;
  const start = local.startOf('day');
  const open = atLocal(start, hours.open);
  const close = atLocal(start, hours.close);
  return close > open ? { open, close } : null;
}

const MAX_DAYS = 366;

/** `start` plus `minutes` of staffed time. A start outside staffed hours begins at the next opening. */
export function addStaffedMinutes(start: Date | string, minutes: number, calendar: HubCalendar): Date {
  const at = new Date(start).getTime();
  return new Date(memo(calendar, `a|${at}|${minutes}`, () => addStaffedMinutesNow(at, minutes, calendar).getTime()));
}

function addStaffedMinutesNow(start: number, minutes: number, calendar: HubCalendar): Date {
  let t = DateTime.fromJSDate(new Date(start)).setZone(calendar.timeZone);
  let remaining = minutes * 60_000;
  for (let i = 0; i <= MAX_DAYS; i++) {
    const w = staffedWindow(t, calendar);
    if (w && t < w.close) {
      const from = t < w.open ? w.open : t;
      const available = w.close.toMillis() - from.toMillis();
      if (remaining <= available) return new Date(from.toMillis() + remaining);
      remaining -= available;
    }
    t = t.setZone(calendar.timeZone).plus({ days: 1 }).startOf('day');
  }
  throw new Error('the hub calendar has no staffed time within a year');
}

/** Staffed milliseconds between two instants (0 when `to` is not after `from`). */
export function staffedMillisBetween(from: Date | string, to: Date | string, calendar: HubCalendar): number {
  const a = new Date(from).getTime();
  const b = new Date(to).getTime();
  return memo(calendar, `b|${a}|${b}`, () => staffedMillisBetweenNow(a, b, calendar));
}

function staffedMillisBetweenNow(from: number, to: number, calendar: HubCalendar): number {
  const end = DateTime.fromJSDate(new Date(to)).setZone(calendar.timeZone);
  let t = DateTime.fromJSDate(new Date(from)).setZone(calendar.timeZone);
  let total = 0;
  for (let i = 0; i <= MAX_DAYS && t < end; i++) {
    const w = staffedWindow(t, calendar);
    if (w) {
      const a = Math.max(t.toMillis(), w.open.toMillis());
      const b = Math.min(end.toMillis(), w.close.toMillis());
      if (b > a) total += b - a;
    }
    t = t.plus({ days: 1 }).startOf('day');
  }
  return total;
}

/** True when the instant falls outside staffed hours ("arrived overnight"). */
export function isOutOfHours(at: Date | string, calendar: HubCalendar): boolean {
  const t = DateTime.fromJSDate(new Date(at)).setZone(calendar.timeZone);
  const w = staffedWindow(t, calendar);
  return !w || t < w.open || t >= w.close;
}

/** A date ("2026-11-26") and wall-clock time ("10:15") in the hub's zone → the UTC instant (null when either is not real). */
export function hubWallClockToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const t = DateTime.fromISO(`${date}T${time}`, { zone: HUB_TIME_ZONE });
  return t.isValid ? (t.toUTC().toISO({ suppressMilliseconds: true }) as string) : null;
}

/** The hub's date and wall-clock time of an instant, for a form's date and time fields. */
export function isoToHubWallClock(iso: string): { date: string; time: string } {
  const t = DateTime.fromISO(iso, { zone: 'utc' }).setZone(HUB_TIME_ZONE);
  return { date: t.toISODate() as string, time: t.toFormat('HH:mm') };
}

/** A hub-wide warning on the team-lead alert tray: the configured bank holidays are about to run out. */
export interface CalendarEndingAlert {
  kind: 'calendar-ending';
  /** The last configured closure (YYYY-MM-DD, hub date). */
  until: string;
  /** Whole hub-calendar days from today to `until` (0 on the day itself, negative once past). */
  daysLeft: number;
  message: string;
}

/** "28 December 2027". */
function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en-GB').toFormat('d MMMM yyyy');
}

/**
 * The `calendar-ending` alert when the last configured closure (the bank holiday list) is `holidayWarningDays` days
 * away or fewer (or already past), on the hub's own calendar dates; null otherwise, and null for a calendar with no
 * closures at all (a hub that configured none has chosen not to close). Pure: `now` is passed in.
 */
export function calendarEndingAlert(calendar: HubCalendar, now: Date): CalendarEndingAlert | null {
  const dates = calendar.closures.map((c) => c.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (!dates.length) return null;
  const until = dates.reduce((a, b) => (b > a ? b : a));
  const today = DateTime.fromJSDate(now).setZone(calendar.timeZone).toISODate() as string;
  const daysLeft = Math.round(DateTime.fromISO(until, { zone: 'utc' }).diff(DateTime.fromISO(today, { zone: 'utc' }), 'days').days);
  const warnDays = calendar.holidayWarningDays ?? DEFAULT_HOLIDAY_WARNING_DAYS;
  if (daysLeft > warnDays) return null;
  return {
    kind: 'calendar-ending',
    until,
    daysLeft,
    message: `Bank holidays are configured up to ${longDate(until)}: add next year's`,
  };
}
