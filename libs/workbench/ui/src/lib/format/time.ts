import { HUB_TIME_ZONE } from '@lantern/shared/domain';

/**
 * Times arrive from the API as ISO 8601 UTC and are always shown in the hub's zone (HUB_TIME_ZONE, UK time,
 * en-GB), whatever the browser's own zone is: everyone in the hub reads the same clock.
 */

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const fullDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** Calendar dates (date of birth) have no time of day: format them as written, never shifted by a zone. */
const calendarDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export type DateTimeStyle = 'medium' | 'full';

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Mon 3 Mar 2025, 14:05" (medium) or "Monday 3 March 2025 at 14:05:09 GMT" (full), in the hub's zone. */
export function formatLondonDateTime(iso: string | null | undefined, style: DateTimeStyle = 'medium'): string {
  const d = parse(iso);
  if (!d) return '';
  if (style === 'full') return fullDateTimeFormat.format(d);
  // Assembled from parts so the punctuation does not depend on the browser's ICU version.
  const p = Object.fromEntries(dateTimeFormat.formatToParts(d).map((part) => [part.type, part.value]));
  return `${p['weekday']} ${p['day']} ${p['month']} ${p['year']}, ${p['hour']}:${p['minute']}`;
}

/** "1 May 1990" for a calendar date such as 1990-05-01. */
export function formatCalendarDate(isoDate: string | null | undefined): string {
  const d = parse(isoDate ? `${isoDate.slice(0, 10)}T00:00:00Z` : null);
  return d ? calendarDateFormat.format(d) : '';
}

/** Whole years between a calendar date of birth and `now`. */
export function ageInYears(isoDate: string | null | undefined, now: number): number | null {
  if (!isoDate) return null;
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return null;
  const today = new Date(now);
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** A duration in the hub's shorthand: "< 1 min", "45 min", "2 h 15 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes < 1) return '< 1 min';
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) {
    const minutes = totalMinutes % 60;
    return minutes ? `${totalHours} h ${minutes} min` : `${totalHours} h`;
  }
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** How long a case has waited since `receivedAt`, as of `now` (ms since epoch). */
export function formatWaiting(receivedAt: string | null | undefined, now: number): string {
  const d = parse(receivedAt);
  return d ? formatDuration(now - d.getTime()) : '';
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const numericDateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

/** "14:05", in the hub's zone. */
export function formatLondonTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? timeFormat.format(d) : '';
}

/** "08/12/2026" (dd/mm/yyyy), the day in the hub's zone: what the date pickers show. */
export function formatNumericDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? numericDateFormat.format(d) : '';
}
