import {
  CONSENT_METHODS,
  HUB_CONSENT_VALUES,
  type ConsentMethod,
  type ConsentQuestion,
  type ConsentRecordMethod,
  type ConsentState,
  type ContactAttemptRecord,
  type ContactChannel,
  type EffectiveConsentValue,
  type HubConsentValue,
} from '@lantern/shared/domain';
import { formatLondonDateTime } from '@lantern/workbench/ui';

/** The two questions, as a caseworker asks them. */
export const CONSENT_QUESTION_LABELS: Record<ConsentQuestion, { label: string; ask: string }> = {
  contact: { label: 'Contact from support services', ask: 'May the hub and support services contact them?' },
  sharing: { label: 'Sharing their details with partners', ask: 'May we share their details with partner agencies to get them support?' },
};

export const CONSENT_VALUE_LABELS: Record<EffectiveConsentValue, string> = {
  given: 'Given',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  'not-asked': 'Not asked',
};

/** The choices of the dialog, with what each means. */
export const HUB_CONSENT_OPTIONS: ReadonlyArray<{ value: HubConsentValue; label: string; hint: string }> = HUB_CONSENT_VALUES.map(
  (value) => ({
    value,
    label: CONSENT_VALUE_LABELS[value],
    hint: value === 'given' ? 'They said yes' : value === 'refused' ? 'They said no' : 'They said yes before, and now say no',
  }),
);

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  phone: 'By phone',
  'in-person': 'In person',
  written: 'In writing (letter, email or text)',
  'officer-at-scene': 'Passed on by the officer at the scene',
};

/**
 * The same, as the end of a sentence ("…, by phone"); also how a stored record was heard, which may be a refusal told to
 * the police on another of the victim's cases (intake records it on each of her cases, with no recorder).
 */
export const CONSENT_METHOD_SHORT: Record<ConsentRecordMethod, string> = {
  phone: 'by phone',
  'in-person': 'in person',
  written: 'in writing',
  'officer-at-scene': 'passed on by the officer at the scene',
  'police-report': 'told to the police on another of their cases',
};

export const CONSENT_METHOD_OPTIONS = CONSENT_METHODS.map((value) => ({ value, label: CONSENT_METHOD_LABELS[value] }));

/**
 * "Recorded by Sam Carter, 24 Nov 2026 10:05, by phone", "Police report (what they told the officer)", or for a refusal
 * told to the police on another of her cases "Police report on another of their cases (what they told the officer), 24
 * Nov 2026 10:05" (when the hub received it).
 */
export function consentSource(s: ConsentState): string {
  if (s.source === 'police') return 'Police report (what they told the officer)';
  const when = s.at ? `, ${formatLondonDateTime(s.at)}` : '';
  // Recorded by no one: she told an officer on another of her cases (a police report), and it applies to this one.
  if (s.method === 'police-report') return `Police report on another of their cases (what they told the officer)${when}`;
  const how = s.method ? `, ${CONSENT_METHOD_SHORT[s.method]}` : '';
  return `Recorded by ${s.by?.displayName ?? 'the hub'}${when}${how}`;
}

/** The tone a value is shown in: no is a warning, yes is fine, not asked is neutral. */
export function consentTone(value: EffectiveConsentValue): 'yes' | 'no' | 'unknown' {
  return value === 'given' ? 'yes' : value === 'refused' || value === 'withdrawn' ? 'no' : 'unknown';
}

/**
 * A conversation in which consent can be asked: the victim spoke safely, or answered "Is it safe to talk now?" with
 * yes (on a shared number, before anything else was said).
 */
export function spokeSafely(a: Pick<ContactAttemptRecord, 'outcome' | 'safeToTalk'>): boolean {
  return a.outcome === 'spoke-safe' || a.safeToTalk === true;
}

/** How the hub most likely heard it, from the channel of the conversation. */
export function methodForChannel(channel: ContactChannel | null | undefined): ConsentMethod {
  return channel === 'in-person' ? 'in-person' : channel === 'email' || channel === 'letter' || channel === 'sms' ? 'written' : 'phone';
}

/** The dialog's draft: each question may be left as it is (null). */
export interface ConsentDraft {
  contact: HubConsentValue | null;
  sharing: HubConsentValue | null;
  method: ConsentMethod | null;
  note: string;
}

/** What is missing before the draft can be sent (empty = ready). */
export function consentDraftErrors(d: ConsentDraft): { answer?: string; method?: string } {
  return {
    ...(d.contact === null && d.sharing === null ? { answer: 'Record what they said about contact, sharing, or both.' } : {}),
    ...(d.method === null ? { method: 'Say how they told you.' } : {}),
  };
}

/** What the panel the dialog was opened from says afterwards ("" elsewhere, and while nothing happened). */
export function consentStatusFor(
  s: { from: string | null; recordedAt: string | null; pending: boolean; alsoRecordedOn?: number },
  from: 'contact' | 'referrals' | 'summary',
): string {
  if (s.from !== from || !s.recordedAt || s.pending) return '';
  const n = s.alsoRecordedOn ?? 0;
  // A "no" reaches every case of the victim's (the API records it there too): the caseworker is told where it went.
  return n
    ? `Consent recorded. The “no” is recorded on the victim’s ${n === 1 ? 'other case' : `${n} other cases`} too.`
    : 'Consent recorded.';
}
