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
