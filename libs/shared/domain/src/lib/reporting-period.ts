import { DateTime, type DurationLikeObject } from 'luxon';
import { HUB_TIME_ZONE } from './hub-time-zone';
import { londonRange } from './outcomes';
import type { FieldError } from './problem';

export interface ReportingPeriod {
  /** London dates, `to` inclusive. */
  from: string;
  to: string;
  /** The same period as UTC instants [start, end). */
  start: Date;
  end: Date;
}

/** The first and last London dates a reporting period may name. */
export const FIRST_REPORTING_DATE = '1900-01-01';
export const LAST_REPORTING_DATE = '2999-12-31';

/**
 * A dashboard's period from `?from=&to=` (London dates, inclusive): by default this month and the eleven before it,
 * to today; at most `max` long. Shared by the outcomes dashboard and the force dashboard, so both read a period
 * the same way. Returns the period, or the field errors naming each failing query path.
 */
export function resolvePeriod(
  from: string | undefined,
  to: string | undefined,
  options: { now?: Date; max: DurationLikeObject; maxText: string },
): { period: ReportingPeriod; errors?: undefined } | { period?: undefined; errors: FieldError[] } {
  const today = DateTime.fromJSDate(options.now ?? new Date()).setZone(HUB_TIME_ZONE);
  const f = from || (today.minus({ months: 11 }).startOf('month').toISODate() as string);
  const t = to || (today.toISODate() as string);
  const errors: FieldError[] = [];
  // A reporting period lies in the years 1900–2999: beyond them there is nothing to count, and the period's end or its
  // weeks would leave the years the database and the date library hold (9999-12-31 ended in year 10000: a 500).
  const outside = (d: string) => /^\d{4}-/.test(d) && (d < FIRST_REPORTING_DATE || d > LAST_REPORTING_DATE);
  if (outside(f)) errors.push({ path: '/from', message: `must be a date from ${FIRST_REPORTING_DATE} to ${LAST_REPORTING_DATE}` });
  if (outside(t)) errors.push({ path: '/to', message: `must be a date from ${FIRST_REPORTING_DATE} to ${LAST_REPORTING_DATE}` });
  if (errors.length) return { errors };
  const range = londonRange(f, t);
  if (!range) {
    if (!londonRange(f, f)) errors.push({ path: '/from', message: 'must be a date YYYY-MM-DD' });
    if (!londonRange(t, t)) errors.push({ path: '/to', message: 'must be a date YYYY-MM-DD' });
    if (!errors.length) errors.push({ path: '/to', message: 'must not be before from' });
  } else if (DateTime.fromJSDate(range.start).setZone(HUB_TIME_ZONE).plus(options.max).toJSDate() < range.end) {
    errors.push({ path: '/to', message: `the period may be at most ${options.maxText}` });
  }
  if (errors.length || !range) return { errors };
  return { period: { from: f, to: t, ...range } };
}
