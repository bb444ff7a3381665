import { formatWindow, HUB_TIME_ZONE, type SafeContactPlan } from '@lantern/shared/domain';

export { formatDays, formatWindow } from '@lantern/shared/domain';

/** How the plan limits times, in one line. */
export function describeSafeTimes(plan: Pick<SafeContactPlan, 'timeRule' | 'windows'>): string {
  switch (plan.timeRule) {
    case 'any':
      return 'Any time';
    case 'unknown':
      return 'Not confirmed yet: no time is safe until a caseworker confirms the safe times';
    case 'windows':
      return plan.windows.length ? plan.windows.map(formatWindow).join('; ') : 'No safe window';
  }
}

const nextFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: HUB_TIME_ZONE,
  day: 'numeric',
  month: 'short',
});

/**
 * "Tue 10:00" for the next safe moment, in London time; "now" when it is now; a date is added when it is more
 * than six days away (it never is with weekly windows, but the server may say otherwise).
 */
export function formatNextSafe(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  if (at <= now + 30_000) return 'now';
  const parts = Object.fromEntries(nextFormat.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const text = `${parts['weekday']} ${parts['hour']}:${parts['minute']}`;
  return at - now > 6 * 86_400_000 ? `${text} (${dayFormat.format(new Date(at))})` : text;
}
