import {
  checkContact,
  CONTACT_CHANNELS,
  isSharedNumber,
  isWithdrawnNumber,
  nextSafeWindowStart,
  isSuspectNumber,
  victimNumber,
  PHONE_CHANNELS,
  type EffectiveConsentValue,
  type ContactChannel,
  type ContactOutcome,
  type ContactViolation,
  type SafeContactPlan,
  type SafeContactView,
} from '@lantern/shared/domain';
import { contactChannelLabel, numberOwnerLabel } from '@lantern/workbench/ui';

export interface ChannelOption {
  channel: ContactChannel;
  label: string;
}

/** The plan's channels are the normal choices; the rest can only be used by overriding (never silently). */
export function channelOptions(plan: SafeContactPlan): {
  allowed: ChannelOption[];
  others: ChannelOption[];
} {
  const opt = (channel: ContactChannel) => ({
    channel,
    label: contactChannelLabel(channel),
  });
  return {
    allowed: CONTACT_CHANNELS.filter((c) => plan.channels.includes(c)).map(opt),
    others: CONTACT_CHANNELS.filter((c) => !plan.channels.includes(c)).map(opt),
  };
}

export interface ToOption {
  value: string;
  label: string;
}

/** Does this channel go to someone (a number or an address)? */
export function channelNeedsTo(channel: ContactChannel | null): boolean {
  return !!channel && (PHONE_CHANNELS.includes(channel) || channel === 'email');
}

/**
 * Where a phone channel or email may go. Normal choices: the victim's numbers confirmed safe (or the plan's
 * emails); a shared one only for a call. Others (override only): the victim's unconfirmed numbers, other people's,
 * and a shared number for SMS or voicemail. A suspect's number (on the plan, or known from `suspectNumbers`) is
 * never offered.
 */
export function toOptions(
  plan: SafeContactPlan,
  channel: ContactChannel | null,
  suspectNumbers: readonly string[] = [],
  revision: SafeContactView['revisedSafeContact'] = null,
): { safe: ToOption[]; others: ToOption[] } {
  if (channel === 'email') {
    return {
      safe: plan.emails.map((e) => ({ value: e, label: e })),
      others: [],
    };
  }
  if (!channel || !PHONE_CHANNELS.includes(channel)) return { safe: [], others: [] };
  const label = (n: SafeContactPlan['numbers'][number], note: string) => `${n.number} — ${n.label ?? numberOwnerLabel(n.owner)}${note}`;
  const usable = plan.numbers.filter((n) => n.owner !== 'suspect' && !isSuspectNumber(n.number, suspectNumbers));
  const textsShared = channel !== 'call';
  // A number a police revision withdrew is not offered as safe, whatever the plan says, until the plan is reviewed.
  const withdrawn = (n: SafeContactPlan['numbers'][number]) => isWithdrawnNumber(n.number, revision);
  // Shared as the contact rule sees it: this entry, or any other that may hold the same phone (victimNumber).
  const shared = (n: SafeContactPlan['numbers'][number]) => !!n.shared || !!victimNumber(plan, n.number)?.shared;
  const normal = (n: SafeContactPlan['numbers'][number]) => n.owner === 'victim' && n.safe && !(shared(n) && textsShared) && !withdrawn(n);
  return {
    safe: usable.filter(normal).map((n) => ({ value: n.number, label: label(n, shared(n) ? ' (shared: ask first)' : '') })),
    others: usable
      .filter((n) => !normal(n))
      .map((n) => ({
        value: n.number,
        label: label(
          n,
          withdrawn(n)
            ? ' (withdrawn by the police: review the plan)'
            : n.owner !== 'victim'
              ? ` (${numberOwnerLabel(n.owner).toLowerCase()})`
              : !n.safe
                ? ' (not confirmed safe)'
                : ' (shared: calls only)',
        ),
      })),
  };
}

export interface ContactDraft {
  channel: ContactChannel | null;
  to: string | null;
  /** The answer to "Is it safe to talk now?" (undefined or null: not asked). */
  safeToTalk?: boolean | null;
  outcome?: ContactOutcome | null;
}

/** A call to a number of the victim's that the suspect may answer: "Is it safe to talk now?" is asked first. */
export function asksSafeToTalk(plan: SafeContactPlan, draft: Pick<ContactDraft, 'channel' | 'to'>): boolean {
  return draft.channel === 'call' && isSharedNumber(plan, draft.to);
}

/** The same rules the API applies (checkContact), for the attempt as it would be made now. */
export function contactViolations(
  view: Pick<SafeContactView, 'plan' | 'consentToContact' | 'contactPaused'> &
    Partial<Pick<SafeContactView, 'suspectNumbers' | 'revisedSafeContact'>>,
  draft: ContactDraft,
  now: number,
): ContactViolation[] {
  if (!draft.channel) return [];
  return checkContact(
    view.plan,
    {
      channel: draft.channel,
      to: draft.to ?? undefined,
      at: new Date(now).toISOString(),
      safeToTalk: draft.safeToTalk ?? null,
      outcome: draft.outcome ?? null,
    },
    {
      consentToContact: view.consentToContact as EffectiveConsentValue,
      paused: view.contactPaused,
      suspectNumbers: view.suspectNumbers ?? [],
      revision: view.revisedSafeContact ?? null,
    },
  );
}

/** The next moment inside a safe window from `now` (null when any time is safe, or no time is known). */
export function nextSafeTime(plan: SafeContactPlan, now: number): string | null {
  return plan.timeRule === 'windows' ? nextSafeWindowStart(new Date(now).toISOString(), plan.windows) : null;
}

/** The choices a form starts with: the first allowed channel, and its first safe destination. */
export function defaultDraft(plan: SafeContactPlan, revision: SafeContactView['revisedSafeContact'] = null): ContactDraft {
  const channel = channelOptions(plan).allowed[0]?.channel ?? null;
  return { channel, to: toOptions(plan, channel, [], revision).safe[0]?.value ?? null };
}
