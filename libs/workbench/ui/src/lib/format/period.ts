import { HUB_TIME_ZONE, londonRange } from '@lantern/shared/domain';
import { DateTime } from 'luxon';

/**
 * A dashboard's reporting period: London calendar dates, `to` inclusive (the outcomes and force dashboards' `?from=&to=`,
 * both ends set). The period helpers below are shared by both dashboards.
 */
export interface DashboardPeriod {
  from: string;
  to: string;
}

export const PERIOD_PRESETS = [
  { key: 'this-month', label: 'This month' },
  { key: 'last-month', label: 'Last month' },
  { key: 'last-3-months', label: 'Last 3 months' },
  { key: 'last-12-months', label: 'Last 12 months' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['key'];

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const iso = (t: DateTime): string => t.toISODate() as string;

/**
 * A preset as London dates on the day `now` falls in (London): whole months back from the start of this one,
 * to today. "Last 12 months" is the API's own default (this month and the eleven before it).
 */
export function presetPeriod(preset: PeriodPreset, now: Date | number = Date.now()): DashboardPeriod {
  const today = DateTime.fromMillis(+now, { zone: HUB_TIME_ZONE }).startOf('day');
  const month = today.startOf('month');
  switch (preset) {
    case 'this-month':
      return { from: iso(month), to: iso(today) };
    case 'last-month':
      return { from: iso(month.minus({ months: 1 })), to: iso(month.minus({ days: 1 })) };
    case 'last-3-months':
      return { from: iso(month.minus({ months: 2 })), to: iso(today) };
    case 'last-12-months':
      return { from: iso(month.minus({ months: 11 })), to: iso(today) };
  }
}

/** The preset a period is, on the day `now` falls in, or null for a custom period. */
export function matchingPreset(period: DashboardPeriod, now: Date | number = Date.now()): PeriodPreset | null {
  for (const { key } of PERIOD_PRESETS) {
    const p = presetPeriod(key, now);
    if (p.from === period.from && p.to === period.to) return key;
  }
  return null;
}

/**
 * The period the URL asks for (`?from=&to=`), or "Last 12 months" when either is missing; `error` says why a
 * period given in the URL cannot be used (the page then shows the default and the message).
 */
export function periodFromQuery(
  from: string | null | undefined,
  to: string | null | undefined,
  now: Date | number = Date.now(),
): { period: DashboardPeriod; error: string | null } {
  const fallback = presetPeriod('last-12-months', now);
  if (!from && !to) return { period: fallback, error: null };
  if (!from || !to) return { period: fallback, error: 'Give both a start date and an end date.' };
  if (!londonRange(from, to)) {
    return {
      period: fallback,
      error:
        /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from > to
          ? 'The start date must be on or before the end date.'
          : 'Dates must be real calendar dates (for example 2026-11-01).',
    };
  }
  return { period: { from, to }, error: null };
}

/** "1 Sep 2026 to 31 Oct 2026". */
export function describePeriod(period: DashboardPeriod): string {
  const f = (d: string) => {
    const [y, m, day] = d.split('-').map(Number);
    return `${day} ${SHORT_MONTHS[m - 1]} ${y}`;
  };
  return `${f(period.from)} to ${f(period.to)}`;
}

/**
 * The file name a `Content-Disposition` header gives (RFC 6266: `filename*=UTF-8''…` preferred over
 * `filename="…"`), reduced to a plain name with no path; `fallback` when there is none.
 */
export function filenameFromContentDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1');
    const m = /^[\w!#$%&+^`{}~-]*'[\w-]*'(.*)$/.exec(value);
    try {
      name = decodeURIComponent(m ? m[1] : value);
    } catch {
      name = null;
    }
  }
  if (!name) {
    const quoted = /filename\s*=\s*"((?:\\.|[^"\\])*)"/i.exec(header);
    const bare = /filename\s*=\s*([^;"\s]+)/i.exec(header);
    name = quoted ? quoted[1].replace(/\\(.)/g, '$1') : bare ? bare[1] : null;
  }
  const base = name
    ?.split(/[\\/]/)
    .pop()
    ?.split('')
    .filter((ch) => ch.charCodeAt(0) >= 32)
    .join('')
    .trim();
  return base && base !== '.' && base !== '..' ? base : fallback;
}

/** Saves a downloaded file (a Blob) under `name`, as a link click would; the object URL is released afterwards. */
export function saveBlob(document: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
