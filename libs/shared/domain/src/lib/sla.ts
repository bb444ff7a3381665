import type { CaseSla } from './case';
import { addStaffedMinutes, DEFAULT_HUB_CALENDAR, isOutOfHours, type HubCalendar } from './hub-calendar';
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

/**
 * When a case's clocks start: the report's receipt, and the first-contact clock from `firstContactClockFrom` when it
 * was started again (a police revision named another victim after the hub had tried the earlier person:
 * docs/casework.md). Null or absent: from receipt.
 */
export interface SlaStart {
  receivedAt: Date | string;
  firstContactClockFrom?: Date | string | null;
}

/** Due times, counting staffed time only from when the hub received the report (or a case's SlaStart). */
export function slaDue(
  start: Date | string | SlaStart,
  grade: RiskGrade | null,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: HubCalendar = DEFAULT_HUB_CALENDAR,
): SlaDue {
  const { receivedAt, firstContactClockFrom } = typeof start === 'string' || start instanceof Date ? { receivedAt: start } : start;
  const assign = grade === 'high' ? targets.assignHours.high : targets.assignHours.other;
  const contact = targets.firstContactHours[grade ?? 'standard'];
  return {
    assignDueAt: addStaffedMinutes(receivedAt, assign * 60, calendar).toISOString(),
    firstContactDueAt: addStaffedMinutes(firstContactClockFrom ?? receivedAt, contact * 60, calendar).toISOString(),
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
): CaseSla & { state: SlaState; nextDueAt: string | null; breachedFrom: string | null } {
  // Every case of a queue page is read through here: each instant is parsed once (this ran at ~5 µs a case).
  const t = now.getTime();
  const clocks = [
    { due: due.assignDueAt, dueAt: Date.parse(due.assignDueAt), doneAt: progress.assignedAt ? Date.parse(progress.assignedAt) : null },
    {
      due: due.firstContactDueAt,
      dueAt: Date.parse(due.firstContactDueAt),
      doneAt: progress.firstContactAt ? Date.parse(progress.firstContactAt) : null,
    },
  ];
  // A clock done on time can never breach; one done late or still running breaches (or did) at its due time.
  const late = clocks.map((c) => (c.doneAt !== null ? c.doneAt > c.dueAt : t > c.dueAt));
  const breached = late[0] || late[1];
  let nextDueAt: string | null = null;
  let breachedFrom: { due: string; dueAt: number } | null = null;
  for (const c of clocks) {
    if (c.doneAt === null && (nextDueAt === null || c.due < nextDueAt)) nextDueAt = c.due;
    if ((c.doneAt === null || c.doneAt > c.dueAt) && (breachedFrom === null || c.dueAt < breachedFrom.dueAt)) breachedFrom = c;
  }
  // Near breach is measured in staffed time: 19:50 with a clock due at 08:10 tomorrow is 20 staffed minutes away.
  // Asked as "due by the near-breach limit", the very comparison the queue's SQL makes (case-queue.ts): one calendar
  // walk per `now`, not one per case.
  const near = !breached && nextDueAt !== null && Date.parse(nextDueAt) <= nearLimitAt(now, targets, calendar);
  return {
    ...due,
    breached,
    state: breached ? 'breached' : near ? 'near' : 'ok',
    nextDueAt,
    breachedFrom: breachedFrom?.due ?? null,
  };
}

/**
 * Whether a case with these SLA facts counted as breached at `at` (slaStatus's `breached` then, its clocks having only
 * stopped since, but for a first-contact clock started again when a revision named another victim, which moves
 * `breachedFrom` on): after `breachedFrom`. Undefined when the summary does not say (made before the field existed).
 */
export function slaBreachedAt(sla: Pick<CaseSla, 'breachedFrom'>, at: Date): boolean | undefined {
  if (sla.breachedFrom === undefined) return undefined;
  return sla.breachedFrom !== null && at.getTime() > Date.parse(sla.breachedFrom);
}

/** The near-breach limit at `now` as a number (slaStatus's comparison): nearBreachLimit, remembered. */
function nearLimitAt(now: Date, targets: SlaTargets, calendar: HubCalendar): number {
  return nearBreachLimit(now, targets, calendar).getTime();
}

/**
 * The last near-breach limit per calendar: a list of cases is read at one `now`, so each case asks the same, and the
 * API asks it again for the queue's SQL (queueClock). Walking the calendar costs time-zone look-ups; remembering one
 * answer per calendar costs nothing. Keyed by the calendar object: a hub's calendar is configuration, read once at
 * start and never changed in place (a changed calendar would be a new object, and miss).
 */
const lastLimit = new WeakMap<HubCalendar, { at: number; minutes: number; horizonDays: number; limit: number }>();

/**
 * The latest instant a case's next due time can be for the case to be near breach at `now` (slaStatus: within
 * nearBreachMinutes of staffed time), so a database can order and filter by `next_due <= limit` and agree with
 * slaStatus. Staffed time from `now` never decreases as the due time moves later, so the near due times are exactly
 * those up to this instant: `now` plus nearBreachMinutes of staffed time, or, when that lands on a closing time (no
 * staffed time follows it), the next opening, up to which no more staffed time passes. A calendar with no more than
 * that much staffed time in the next `horizonDays` gives the horizon's end.
 *
 * Found by walking the staffed windows (one or two calendar look-ups). slaStatus itself asks "due by this limit?", so
 * the domain and the queue's SQL make the same comparison (a hub with no more than 30 staffed minutes in 60 days has
 * no near breach beyond the horizon).
 */
export function nearBreachLimit(
  now: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: HubCalendar = DEFAULT_HUB_CALENDAR,
  horizonDays = 60,
): Date {
  const at = now.getTime();
  const last = lastLimit.get(calendar);
  if (last && last.at === at && last.minutes === targets.nearBreachMinutes && last.horizonDays === horizonDays) return new Date(last.limit);
  const end = at + horizonDays * 86_400_000;
  let limit: number;
  try {
    const reached = addStaffedMinutes(now, targets.nearBreachMinutes, calendar);
    limit = (isOutOfHours(reached, calendar) ? addStaffedMinutes(reached, 0, calendar) : reached).getTime();
  } catch (err) {
    // No staffed time within a year (addStaffedMinutes gives up): no staffed time passes before the horizon, so every
    // due time up to it is near. Any other error is a fault, not a calendar: it is not swallowed.
    if (!(err instanceof Error) || !/no staffed time/.test(err.message)) throw err;
    limit = end;
  }
  const answer = Math.min(limit, end);
  lastLimit.set(calendar, { at, minutes: targets.nearBreachMinutes, horizonDays, limit: answer });
  return new Date(answer);
}
