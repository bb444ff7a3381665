import type { CaseSla } from './case';
import { addStaffedMinutes, DEFAULT_HUB_CALENDAR, staffedMillisBetween, type HubCalendar } from './hub-calendar';
import type { RiskGrade } from './report';

/** SLA targets in staffed hours, by grade. An ungraded case is treated as "others" for assignment and standard for contact. */
export interface SlaTargets {
  assignHours: { high: number; other: number };
  firstContactHours: Record<RiskGrade, number>;
  /** A clock within this many staffed minutes of its due time is "near breach". */
  nearBreachMinutes: number;
}

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  assignHours: { high: 1, other: 3 },
  firstContactHours: { high: 4, medium: 12, standard: 24 },
  nearBreachMinutes: 30,
};

export interface SlaDue {
  assignDueAt: string;
  firstContactDueAt: string;
}

/** Due times, counting staffed time only from when the hub received the report. */
export function slaDue(
  receivedAt: Date | string,
  grade: RiskGrade | null,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: HubCalendar = DEFAULT_HUB_CALENDAR,
): SlaDue {
  const assign = grade === 'high' ? targets.assignHours.high : targets.assignHours.other;
  const contact = targets.firstContactHours[grade ?? 'standard'];
  return {
    assignDueAt: addStaffedMinutes(receivedAt, assign * 60, calendar).toISOString(),
    firstContactDueAt: addStaffedMinutes(receivedAt, contact * 60, calendar).toISOString(),
  };
}

export interface SlaProgress {
  /** When the case was first assigned, if it has been. */
  assignedAt: string | null;
  /** When the first contact attempt was made, if it has been. */
  firstContactAt: string | null;
}

export type SlaState = 'ok' | 'near' | 'breached';

/** Whether a clock has run out at `now`: a clock stops when its step is done (on time or late). */
export function slaStatus(
  due: SlaDue,
  progress: SlaProgress,
  now: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: HubCalendar = DEFAULT_HUB_CALENDAR,
): CaseSla & { state: SlaState; nextDueAt: string | null } {
  const clocks: Array<{ due: string; doneAt: string | null }> = [
    { due: due.assignDueAt, doneAt: progress.assignedAt },
    { due: due.firstContactDueAt, doneAt: progress.firstContactAt },
  ];
  const t = now.getTime();
  const breached = clocks.some((c) => (c.doneAt ? Date.parse(c.doneAt) > Date.parse(c.due) : t > Date.parse(c.due)));
  const open = clocks
    .filter((c) => !c.doneAt)
    .map((c) => c.due)
    .sort();
  const nextDueAt = open[0] ?? null;
  // Near breach is measured in staffed time: 19:50 with a clock due at 08:10 tomorrow is 20 staffed minutes away.
  const near = !breached && nextDueAt !== null && staffedMillisBetween(now, nextDueAt, calendar) <= targets.nearBreachMinutes * 60_000;
  return { ...due, breached, state: breached ? 'breached' : near ? 'near' : 'ok', nextDueAt };
}

/**
 * The latest instant a case's next due time can be for the case to be near breach at `now` (slaStatus: within
 * nearBreachMinutes of staffed time), so a database can order and filter by `next_due <= limit` and agree with
 * slaStatus. Staffed time from `now` never decreases as the due time moves later, so the near due times are exactly
 * those up to this instant, found by halving to the millisecond. A calendar with no more than that much staffed time
 * in the next `horizonDays` gives the horizon's end.
 */
export function nearBreachLimit(
  now: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: HubCalendar = DEFAULT_HUB_CALENDAR,
  horizonDays = 60,
): Date {
  const near = targets.nearBreachMinutes * 60_000;
  const start = now.getTime();
  const staffed = (t: number) => staffedMillisBetween(now, new Date(t), calendar);
  // Staffed time never exceeds elapsed time, so staffed(now + near) ≤ near: when the next millisecond is staffed
  // too (the usual case in hours), that is the limit, in one look-up.
  if (staffed(start + near + 1) > near) return new Date(start + near);
  // Otherwise the hub closes within `near`: widen the bracket by doubling (short ranges keep each look-up cheap),
  // then halve to the millisecond.
  const end = start + horizonDays * 86_400_000;
  let lo = start + near + 1;
  let hi = Math.min(end, start + 2 * (near + 1));
  while (staffed(hi) <= near) {
    if (hi >= end) return new Date(end);
    lo = hi;
    hi = Math.min(end, start + 2 * (hi - start));
  }
  // Invariant: staffed(lo) ≤ near < staffed(hi).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (staffed(mid) <= near) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}
