import {
  CALLBACK_CONSENT_REFUSED_MESSAGE,
  CALLBACK_CONTACT_PAUSED_MESSAGE,
  consentSaysNo,
  hubWallClockToIso,
  timeRuleProblem,
  isOutOfHours,
  isoToHubWallClock,
  POLICE_REVISED_CONTACT_MESSAGE,
  SAFE_TIMES_UNCONFIRMED_MESSAGE,
  type HubCalendar,
  type EffectiveConsentValue,
  type RevisedSafeContact,
  type SafeContactPlan,
} from '@lantern/shared/domain';

export type CallbackRule =
  | 'consent-refused'
  | 'contact-paused'
  | 'safe-times-unconfirmed'
  | 'outside-safe-window'
  | 'outside-staffed-hours'
  | 'in-the-past'
  | 'police-revised-contact';

export const CALLBACK_RULE_TEXT: Record<CallbackRule, string> = {
  'consent-refused': CALLBACK_CONSENT_REFUSED_MESSAGE,
  'contact-paused': CALLBACK_CONTACT_PAUSED_MESSAGE,
  'police-revised-contact': POLICE_REVISED_CONTACT_MESSAGE,
  'safe-times-unconfirmed': SAFE_TIMES_UNCONFIRMED_MESSAGE,
  'outside-safe-window': 'That time is outside the victim’s safe times.',
  'outside-staffed-hours': 'The hub is not staffed then.',
  'in-the-past': 'That time has passed.',
};

/** "2026-11-26" + "10:15" in London → the UTC instant (null when either is not a real date or time). */
export const londonToIso = hubWallClockToIso;

/** The London date and time of an instant, for the form's fields. */
export const isoToLondon = isoToHubWallClock;

/** What, besides the time, stops any call-back, as the API reads it (SafeContactView): her "no", a pause. */
export interface CallbackBlocks {
  consentToContact: EffectiveConsentValue | string | null;
  contactPaused: boolean;
}

/** The rules that refuse a call-back at any time, in the API's order: her "no" to contact, a pause. */
export function blockingRules(blocks: CallbackBlocks | null): Array<'consent-refused' | 'contact-paused'> {
  const out: Array<'consent-refused' | 'contact-paused'> = [];
  if (consentSaysNo(blocks?.consentToContact as EffectiveConsentValue | null)) out.push('consent-refused');
  if (blocks?.contactPaused) out.push('contact-paused');
  return out;
}

/**
 * The rules the API applies to a call-back time (plus: not in the past), in its order, and, like the API, none while
 * she says no to contact, while contact is paused after someone else answered, or while a police revision has
 * withdrawn a safe number the plan has not been reviewed against.
 */
export function callbackProblems(
  plan: Pick<SafeContactPlan, 'timeRule' | 'windows'>,
  calendar: HubCalendar,
  dueIso: string,
  now: number,
  revision: Pick<RevisedSafeContact, 'withdrawnNumbers'> | null = null,
  blocks: CallbackBlocks | null = null,
): CallbackRule[] {
  const out: CallbackRule[] = blockingRules(blocks);
  if (revision?.withdrawnNumbers.length) out.push('police-revised-contact');
  if (Date.parse(dueIso) < now - 60_000) out.push('in-the-past');
  const time = timeRuleProblem(plan, dueIso);
  if (time) out.push(time);
  if (isOutOfHours(dueIso, calendar)) out.push('outside-staffed-hours');
  return out;
}

/**
 * The next few times a call-back can be made: inside the safe times and staffed hours, on the quarter hour,
 * one per day (the first possible moment of each), for up to a week ahead.
 */
export function suggestCallbackTimes(
  plan: Pick<SafeContactPlan, 'timeRule' | 'windows'>,
  calendar: HubCalendar,
  now: number,
  count = 3,
  revision: Pick<RevisedSafeContact, 'withdrawnNumbers'> | null = null,
  blocks: CallbackBlocks | null = null,
): string[] {
  if ((plan.timeRule !== 'any' && plan.timeRule !== 'windows') || revision?.withdrawnNumbers.length) return [];
  if (blockingRules(blocks).length) return [];
  const out: string[] = [];
  const step = 15 * 60_000;
  let t = Math.ceil((now + 5 * 60_000) / step) * step;
  const end = now + 8 * 86_400_000;
  let lastDay = '';
  while (t < end && out.length < count) {
    const iso = new Date(t).toISOString();
    const day = isoToLondon(iso).date;
    if (day !== lastDay && callbackProblems(plan, calendar, iso, now).length === 0) {
      out.push(iso);
      lastDay = day;
    }
    t += step;
  }
  return out;
}
