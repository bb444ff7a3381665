import type { OutcomesQuery } from '@lantern/shared/domain';
import type { DashboardPeriod } from '@lantern/workbench/ui';

// The period helpers are shared with the force dashboard: they live in @lantern/workbench/ui (format/period.ts).
export {
  describePeriod,
  filenameFromContentDisposition,
  matchingPreset,
  PERIOD_PRESETS,
  periodFromQuery,
  presetPeriod,
  type PeriodPreset,
} from '@lantern/workbench/ui';

/** A reporting period: London calendar dates, `to` inclusive (the API's OutcomesQuery, both ends set). */
export type OutcomesPeriod = Required<Pick<OutcomesQuery, 'from' | 'to'>> & DashboardPeriod;

/** The calendar month ("2026-11") the printable summary covers: the month the period ends in. */
export function summaryMonth(period: OutcomesPeriod): string {
  return period.to.slice(0, 7);
}
