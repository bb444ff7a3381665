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
 * Zone arithmetic is the costly part of a hub day's window, which the timeline below asks once per day and other
 * callers may ask again. Bounded: a full cache is simply started again.
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

/**
 * The calendar's staffed windows as instants, one entry per hub day, kept per calendar and grown as instants outside
 * it are asked about. Every SLA figure walks staffed time (a report's due times at intake, the queue's near-breach
 * limit on every read, call-backs, alerts); walking it with time-zone arithmetic cost ~0.6 ms per queue read at a
 * regional hub (an Intl look-up per step, docs/performance.md, session 38). The days and windows are still worked out
 * by luxon, once per day, exactly as before; the walks below compare numbers. hub-calendar.spec.ts keeps them equal
 * to the time-zone walk on random instants around clock changes and closures.
 */
interface HubDay {
  /** The day's first instant (local midnight, or the zone's start of that day). */
  start: number;
  open: number | null;
  close: number | null;
}
interface Timeline {
  days: HubDay[];
  /** The instant after the last day. */
  end: number;
}
/** Days added at a time when a walk or a look-up runs past the timeline. */
const GROW_DAYS = 32;
/** A timeline is started again around the instant asked when it would grow past this many days. */
const TIMELINE_LIMIT = 3 * (MAX_DAYS + GROW_DAYS);
const timelines = new WeakMap<HubCalendar, Timeline>();

function dayOf(local: DateTime, calendar: HubCalendar): HubDay {
  const w = staffedWindow(local, calendar);
  return { start: local.toMillis(), open: w ? w.open.toMillis() : null, close: w ? w.close.toMillis() : null };
}

/** `count` days from the one starting at `from` (a zoned start of day), and the instant after them. */
function daysFrom(from: DateTime, count: number, calendar: HubCalendar): Timeline {
  const days: HubDay[] = [];
  let t = from;
  for (let i = 0; i < count; i++) {
    days.push(dayOf(t, calendar));
    t = t.plus({ days: 1 }).startOf('day');
  }
  return { days, end: t.toMillis() };
}

/** The index in the calendar's timeline of the hub day containing `at`, growing the timeline to hold it. */
function dayIndex(at: number, calendar: HubCalendar): { line: Timeline; i: number } {
  // An invalid instant would start a timeline of NaN days that no instant is ever inside (every later call failing).
  if (!Number.isFinite(at)) throw new RangeError('not a valid instant');
  let line = timelines.get(calendar);
  if (!line || at < line.days[0].start || at >= line.end) {
    const from = DateTime.fromMillis(at, { zone: calendar.timeZone }).startOf('day');
    if (
      !line ||
      line.days.length + GROW_DAYS > TIMELINE_LIMIT ||
      at < line.days[0].start - GROW_DAYS * 86_400_000 ||
      at >= line.end + GROW_DAYS * 86_400_000
    ) {
      // Started around `at` (a day before it, for a walk that looks back to the day's start).
      line = daysFrom(from.minus({ days: 1 }).startOf('day'), GROW_DAYS, calendar);
    } else if (at < line.days[0].start) {
      const before: HubDay[] = [];
      for (let t = from; t.toMillis() < line.days[0].start; t = t.plus({ days: 1 }).startOf('day')) before.push(dayOf(t, calendar));
      line = { days: [...before, ...line.days], end: line.end };
    } else {
      const more = daysFrom(
        DateTime.fromMillis(line.end, { zone: calendar.timeZone }),
        Math.max(GROW_DAYS, Math.ceil((at - line.end) / 86_400_000) + 2),
        calendar,
      );
      line = { days: [...line.days, ...more.days], end: more.end };
    }
    timelines.set(calendar, line);
  }
  let lo = 0;
  let hi = line.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (line.days[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line, i: lo };
}

/** The hub day after index `i`, growing the timeline when `i` is its last. */
function nextDay(line: Timeline, i: number, calendar: HubCalendar): { line: Timeline; i: number } {
  return i + 1 < line.days.length ? { line, i: i + 1 } : dayIndex(line.end, calendar);
}

/** `start` plus `minutes` of staffed time. A start outside staffed hours begins at the next opening. */
export function addStaffedMinutes(start: Date | string, minutes: number, calendar: HubCalendar): Date {
  // No memo: over the timeline a walk is a binary search and a few comparisons. Measured (200,000 calls, tsx): 0.12 µs
  // a call without one, 1.2–1.4 µs with the memo it had (building its key cost more than the walk), hits included.
  const at = new Date(start).getTime();
  let t = at;
  let remaining = minutes * 60_000;
  let { line, i } = dayIndex(at, calendar);
  for (let n = 0; n <= MAX_DAYS; n++) {
    const d = line.days[i];
    if (d.open !== null && d.close !== null && t < d.close) {
      const from = t < d.open ? d.open : t;
      const available = d.close - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    ({ line, i } = nextDay(line, i, calendar));
    t = line.days[i].start;
  }
  throw new Error('the hub calendar has no staffed time within a year');
}

/** Staffed milliseconds between two instants (0 when `to` is not after `from`). */
export function staffedMillisBetween(from: Date | string, to: Date | string, calendar: HubCalendar): number {
  const end = new Date(to).getTime();
  let total = 0;
  let t = new Date(from).getTime();
  let { line, i } = dayIndex(t, calendar);
  for (let n = 0; n <= MAX_DAYS && t < end; n++) {
    const d = line.days[i];
    if (d.open !== null && d.close !== null) {
      const a = Math.max(t, d.open);
      const b = Math.min(end, d.close);
      if (b > a) total += b - a;
    }
    ({ line, i } = nextDay(line, i, calendar));
    t = line.days[i].start;
  }
  return total;
}

/** True when the instant falls outside staffed hours ("arrived overnight"). */
export function isOutOfHours(at: Date | string, calendar: HubCalendar): boolean {
  const t = new Date(at).getTime();
  if (!Number.isFinite(t)) return true; // not a time at all: never "in hours" (as the zone walk answered)
  const { line, i } = dayIndex(t, calendar);
  const d = line.days[i];
  return d.open === null || d.close === null || t < d.open || t >= d.close;
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
