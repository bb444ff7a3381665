import { HUB_TIME_ZONE, staffedMillisBetween, type CaseSla, type HubCalendar } from '@lantern/shared/domain';
import { formatDuration } from '../format/time';

export type TimeLeftState = 'ok' | 'near' | 'breached' | 'none';

export interface TimeLeft {
  state: TimeLeftState;
  /** What the cell shows: "45 min left", "Due 08:45 tomorrow", "Breached", "No clock running". */
  text: string;
  /** The status word shown beside the time when it matters ("Near breach", "Breached"); never colour alone. */
  status: string | null;
  /** A fuller sentence for a tooltip and screen readers. */
  description: string;
  /** Beside a "Breached" badge: when it was due ("was due 13:10"), or when the next step is due if that is later. */
  detail?: string;
}

const dateKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: HUB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});
const weekday = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  weekday: 'short',
});
const dayMonth = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  day: 'numeric',
  month: 'short',
});

function londonDay(t: number): number {
  // YYYY-MM-DD of the London date, as a day number (UTC midnight of that date / one day).
  return Date.parse(`${dateKey.format(new Date(t))}T00:00:00Z`) / 86_400_000;
}

/** "08:45 today", "08:45 tomorrow", "Mon 08:45" (this week), "3 Jan 08:45" (later), in UK time. */
export function formatDueAt(due: number, now: number): string {
  const days = londonDay(due) - londonDay(now);
  const time = clock.format(new Date(due));
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} tomorrow`;
  if (days > 1 && days < 7) return `${weekday.format(new Date(due))} ${time}`;
  return `${dayMonth.format(new Date(due))} ${time}`;
}

/**
 * The SLA clock as the queue shows it. While the hub is staffed and the clock runs straight to its due time,
 * the time left ("45 min left"); when staffed hours end before it is due (overnight, a bank holiday), the
 * due time ("Due 08:45 tomorrow"), because the clock stops when the hub is closed. Near breach is measured in
 * staffed time, as the API measures it; the API's own state counts too (a clock may have breached and stopped).
 */
export function describeTimeLeft(
  sla: Pick<CaseSla, 'state' | 'nextDueAt' | 'breached'>,
  now: number,
  calendar: HubCalendar,
  nearBreachMinutes: number,
): TimeLeft {
  const due = sla.nextDueAt ? Date.parse(sla.nextDueAt) : NaN;
  const hasDue = !Number.isNaN(due);
  const breached = sla.state === 'breached' || sla.breached || (hasDue && due <= now);
  if (breached) {
    if (!hasDue) return { state: 'breached', text: 'Breached', status: 'Breached', description: 'SLA breached' };
    // A clock breached earlier while the case's next step is due later: say which, never "was due tomorrow".
    const at = formatDueAt(due, now);
    const detail = due <= now ? `was due ${at.replace(' today', '')}` : `next due ${at.replace(' today', '')}`;
    return {
      state: 'breached',
      text: 'Breached',
      status: 'Breached',
      description: due <= now ? `SLA breached: ${detail}` : `SLA breached earlier; the next step is due ${at}`,
      detail,
    };
  }
  if (!hasDue) {
    return {
      state: 'none',
      text: 'No clock running',
      status: null,
      description: 'No SLA clock is running for this case',
    };
  }
  const staffed = staffedMillisBetween(new Date(now), new Date(due), calendar);
  const near = sla.state === 'near' || staffed <= nearBreachMinutes * 60_000;
  // The clock runs without a pause only if every minute until the due time is staffed.
  const straight = Math.abs(due - now - staffed) < 60_000;
  const text = straight ? `${formatDuration(due - now)} left` : `Due ${formatDueAt(due, now)}`;
  const paused = straight ? '' : ` (${formatDuration(staffed)} of staffed time)`;
  return {
    state: near ? 'near' : 'ok',
    text,
    status: near ? 'Near breach' : null,
    description: `${near ? 'Near breach: ' : ''}due ${formatDueAt(due, now)}${paused}`,
  };
}
