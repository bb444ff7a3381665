import { DateTime } from 'luxon';
import type { Weekday } from './hub-calendar';
import { WEEKDAYS } from './hub-calendar';
import type { EffectiveConsentValue } from './consent';
import type { PoliceReport } from './report';
import { HUB_TIME_ZONE } from './hub-time-zone';

export const CONTACT_CHANNELS = ['call', 'sms', 'voicemail', 'email', 'letter', 'in-person'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Channels that go to a phone number. */
export const PHONE_CHANNELS: readonly ContactChannel[] = ['call', 'sms', 'voicemail'];

export interface SafeNumber {
  number: string;
  /** Whose phone it is. A suspect's number is never contacted. */
  owner: 'victim' | 'suspect' | 'other';
  /** Confirmed safe to use for the victim. */
  safe: boolean;
  /**
   * The victim's number, but the suspect may answer it (a shared or family phone). A call to it must record the
   * answer to "Is it safe to talk now?" first; SMS and voicemail never go to it. Only the victim's numbers can be
   * shared; absent (plans stored before it existed) means not shared.
   */
  shared?: boolean;
  label?: string;
}

/**
 * A time the victim said is safe, in the hub's wall-clock time (HUB_TIME_ZONE). `to` may be "24:00" (midnight).
 * A window whose `to` is earlier than its `from` crosses midnight (night workers): it opens on each of `days` at
 * `from` and closes at `to` on the next morning, so {days: [fri], from: "22:00", to: "02:00"} is Friday 22:00 to
 * Saturday 02:00.
 */
export interface SafeWindow {
  days: Weekday[];
  from: string;
  to: string;
}

export interface SafeContactPlan {
  numbers: SafeNumber[];
  emails: string[];
  windows: SafeWindow[];
  channels: ContactChannel[];
  codeWord: string | null;
  /** The officer's free text, kept beside the structured windows it was captured into. */
  safeTimesText: string | null;
  /**
   * How far the times are known: `any` (no restriction), `windows` (only inside `windows`), or `unknown` (the
   * officer wrote safe times that are not yet captured as windows: no attempt is safe until a caseworker does).
   */
  timeRule: 'any' | 'windows' | 'unknown';
  notes: string | null;
  /**
   * What the police report said of contacting her safely when a caseworker last saved the numbers and channels
   * (`PUT …/safe-contact`; set by the server, never by a request): a later police revision that changes it is
   * `revisedSafeContact` until the plan is saved again. A plan first saved by confirming its times (its numbers not
   * reviewed) keeps what every revision up to then said (policeSafeContactOfAll). Plans saved before session 39 were
   * given it by migration 1764650000000; one without it is compared with every earlier revision (fail safe).
   */
  policeContact?: PoliceSafeContact;
}

/** What a police report says of contacting the victim safely: the safe phone and whether texts and voicemail are. */
export interface PoliceSafeContact {
  phone: string | null;
  smsSafe: boolean;
  voicemailSafe: boolean;
}

/**
 * A police revision changed the safe-contact details since the plan was reviewed: what it was reviewed against
 * (`was`: what the police said when a caseworker last saved it; for a plan no caseworker has saved, everything the
 * earlier revisions said), what the police say now (`now`), and what is held (`police-revised-contact`, no override)
 * until the plan is saved again: each number the police gave as her safe phone and no longer do (`withdrawnNumbers`,
 * normalised: the suspect may have that phone now), and texts or voicemail they said were safe and no longer do
 * (`heldChannels`). A change that only allows more (another safe number, texts now safe) holds nothing: it is shown for
 * the caseworker to adopt.
 */
export interface RevisedSafeContact {
  was: PoliceSafeContact;
  now: PoliceSafeContact;
  withdrawnNumbers: string[];
  heldChannels: ContactChannel[];
}

/** What `report` says of contacting the victim safely (a field not given is not safe). */
export function policeSafeContact(report: PoliceReport): PoliceSafeContact {
  const sc = report.victim.safeContact;
  return { phone: sc?.phone?.trim() || null, smsSafe: sc?.smsSafe === true, voicemailSafe: sc?.voicemailSafe === true };
}

/**
 * What several reports said, as one: one report as it is; several as every safe number any of them gave (normalised,
 * sorted, " / "-separated: a field is never joined as written and read again, where "07700/900123" or an extension
 * would not survive), and texts or voicemail safe when any of them said so. What a plan that follows the report was
 * in effect reviewed against: it may have been acted on under any revision.
 */
export function policeSafeContactOfAll(all: readonly PoliceSafeContact[]): PoliceSafeContact {
  if (all.length === 1) return all[0];
  const keys = [...new Set(all.flatMap((p) => phoneKeysIn(p.phone ?? '')))].sort();
  return {
    phone: keys.length ? keys.join(' / ') : null,
    smsSafe: all.some((p) => p.smsSafe),
    voicemailSafe: all.some((p) => p.voicemailSafe),
  };
}

/** The change from `was` to `now` that a plan has not taken in (null when the numbers and channels agree). */
export function revisedSafeContact(was: PoliceSafeContact, now: PoliceSafeContact): RevisedSafeContact | null {
  const warned = warnsAboutPhone(now.phone) && !warnsAboutPhone(was.phone);
  if (!warned && sameNumbers(was.phone, now.phone) && was.smsSafe === now.smsSafe && was.voicemailSafe === now.voicemailSafe) return null;
  // A number the police now give with a warning beside it ("07700900123 SUSPECT HAS IT") is not given as safe: held
  // until the plan is reviewed, as a number no longer given is.
  const current = new Set(warned ? [] : phoneKeysIn(now.phone ?? ''));
  return {
    was,
    now,
    withdrawnNumbers: [...new Set(phoneKeysIn(was.phone ?? ''))].filter((k) => !current.has(k)),
    heldChannels: [
      ...(was.smsSafe && !now.smsSafe ? (['sms'] as const) : []),
      ...(was.voicemailSafe && !now.voicemailSafe ? (['voicemail'] as const) : []),
    ],
  };
}

/** Whether a written number (a plan's entry, a number dialled) holds a number a police revision withdrew. */
export function isWithdrawnNumber(written: string, revision: Pick<RevisedSafeContact, 'withdrawnNumbers'> | null | undefined): boolean {
  return !!revision?.withdrawnNumbers.length && phoneKeysIn(written).some((k) => revision.withdrawnNumbers.includes(k));
}

/** Whether a revision holds anything (a withdrawn number or channel), rather than only allowing more. */
export function revisionHolds(r: Pick<RevisedSafeContact, 'withdrawnNumbers' | 'heldChannels'> | null | undefined): boolean {
  return !!r && (r.withdrawnNumbers.length > 0 || r.heldChannels.length > 0);
}

/**
 * What the police changed since the plan was reviewed. `saved`: the plan a caseworker saved (null: the plan follows
 * the report); `revisions`: what each report revision said, oldest first, the current one last. A saved plan was
 * reviewed against its `policeContact`; one that follows the report (or a saved plan without it, fail safe) against
 * everything the earlier revisions said.
 */
export function policeRevision(
  saved: Pick<SafeContactPlan, 'policeContact'> | null,
  revisions: readonly PoliceSafeContact[],
): RevisedSafeContact | null {
  const now = revisions[revisions.length - 1];
  if (!now) return null;
  const was = saved?.policeContact ?? (revisions.length > 1 ? policeSafeContactOfAll(revisions.slice(0, -1)) : null);
  return was ? revisedSafeContact(was, now) : null;
}

/** Whether two phone fields hold the same numbers, however written ("07700 900123" and "+447700900123" do). */
export function sameNumbers(a: string | null, b: string | null): boolean {
  const keys = (phone: string | null) => [...new Set(phoneKeysIn(phone ?? ''))].sort().join(' ');
  return keys(a) === keys(b);
}

/**
 * Whether the police warn about their safe phone (revisedSafeContact): words that say whose it is or that it is not to
 * be used ("07700900123 SUSPECT HAS IT", "(his now)", "NOT SAFE", "old number"). Only warning words count: a note that
 * was there before, or words that combined revisions do not keep, are no change.
 */
function warnsAboutPhone(raw: string | null | undefined): boolean {
  return wordsBesideNumber(raw).some((w) => PHONE_WARNING_WORDS.has(w));
}

export const CONTACT_OUTCOMES = [
  'spoke-safe',
  'spoke-not-safe',
  'no-answer',
  'someone-else-answered',
  'voicemail-left',
  'wrong-number',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export type UnsafeContactRule =
  | 'consent-refused'
  | 'contact-paused'
  | 'channel-not-allowed'
  | 'suspect-number'
  | 'shared-number-channel'
  | 'shared-number-check'
  | 'number-not-on-plan'
  | 'email-not-on-plan'
  | 'safe-times-unconfirmed'
  | 'outside-safe-window'
  | 'police-revised-contact';

/** Why no time is safe while the plan's timeRule is `unknown` (contact attempts and call-backs say the same). */
export const SAFE_TIMES_UNCONFIRMED_MESSAGE = 'The victim’s safe times are not confirmed yet: confirm the suggested times or record them.';

export interface ContactViolation {
  rule: UnsafeContactRule;
  message: string;
}

/** Rules no override lets through: the fix is to record what the rule asks for, not to explain why it is missing. */
export const NON_OVERRIDABLE_RULES: readonly UnsafeContactRule[] = ['shared-number-check', 'police-revised-contact'];

/**
 * The rules among `violations` that an override by this person cannot let through: NON_OVERRIDABLE_RULES, and a
 * number known to be the suspect's unless the person may decide on contact safety (a team lead, `contact.resume`):
 * the police may have recorded a number wrongly, but a mistaken call to the suspect is the contact most likely to
 * get a victim hurt, so a caseworker asks their team lead.
 */
export function bindingRules(violations: readonly ContactViolation[], mayOverrideSuspectNumber: boolean): UnsafeContactRule[] {
  return violations
    .map((v) => v.rule)
    .filter((rule) => NON_OVERRIDABLE_RULES.includes(rule) || (rule === 'suspect-number' && !mayOverrideSuspectNumber));
}

export interface ContactRequest {
  channel: ContactChannel;
  to?: string;
  at: string;
  /** The answer to "Is it safe to talk now?" (true / false), or absent when it was not asked. */
  safeToTalk?: boolean | null;
  outcome?: ContactOutcome | null;
}

export interface ContactContext {
  /** Consent to contact in force: the latest hub record, else the police report's (consent.ts). */
  consentToContact: EffectiveConsentValue;
  /** Contact paused after "someone else answered", until a team lead resumes it. */
  paused: boolean;
  /** Numbers known to belong to the suspect (from the plan and elsewhere). */
  suspectNumbers: string[];
  /** What a police revision holds until the plan is saved again (RevisedSafeContact): numbers, channels. */
  revision?: Pick<RevisedSafeContact, 'withdrawnNumbers' | 'heldChannels'> | null;
}

/**
 * Outcomes a police revision's hold never refuses: they record that the call was not safe (someone else answered, a
 * wrong number, "not safe to talk"), and recording them only makes contact safer (someone else answering pauses it).
 */
const RECORDED_DESPITE_REVISION: readonly ContactOutcome[] = ['someone-else-answered', 'wrong-number', 'spoke-not-safe'];

/** Why no call-back may be scheduled while she says no to contact (the API's 422 unsafe-callback and the workbench). */
export const CALLBACK_CONSENT_REFUSED_MESSAGE = 'The victim refused or withdrew consent to contact: no call-back may be scheduled.';
/** Why no call-back may be scheduled while contact is paused after someone else answered. */
export const CALLBACK_CONTACT_PAUSED_MESSAGE =
  'Contact is paused after someone else answered: a team lead must resume it before a call-back is scheduled.';

/** Why a number or channel is held after a police revision (contact attempts, call-backs and the workbench). */
export const POLICE_REVISED_CONTACT_MESSAGE =
  'A police revision no longer gives this number or channel as safe: review the plan (Safe contact tab) and save it before contact this way.';

/**
 * A written phone number as UK national digits, the one way numbers are compared (a suspect's number, the victim's
 * safe one, search): digits only; a +44 / 0044 prefix, and the "(0)" often written after it, read as a leading 0
 * ("+44 (0)7700 900123" = "07700 900123": the "(0)" once made "007700900123", and a suspect's number written so was
 * not blocked); "44" + ten digits, and ten digits without their 0 (a spreadsheet dropped it), given the 0; another
 * country's "+" read as "00". Normalising a normalised number gives it back.
 * The SQL function `lantern_search_phone` is the same rule (apps/api/test/search.spec.ts holds them equal).
 */
export function normalisePhone(raw: string): string {
  let d = raw.replace(/[^0-9+]/g, '');
  if (d.startsWith('+44')) d = '0' + d.slice(3).replace(/^0/, '');
  else if (d.startsWith('0044')) d = '0' + d.slice(4).replace(/^0/, '');
  // Another country's number: "+353 87 123 4567" and "00353 87 123 4567" are one number, kept with the "00"
  // prefix (a UK number never starts 00). They were "353…" and "00353…", and a suspect's Irish or Polish number
  // written the other way blocked nothing (a safe-contact review, session 38). "00", not the bare digits: stored
  // keys are normalised again when compared, and "4512345678" (Denmark without its prefix) would then read as a UK
  // number missing its 0; a key that starts with 0 is read the same however often it is normalised.
  else if (d.startsWith('+')) d = '00' + d.slice(1);
  else if (/^44\d{10}$/.test(d)) d = '0' + d.slice(2);
  else if (/^[1-9]\d{9}$/.test(d)) d = '0' + d;
  return d.replace(/\+/g, '');
}

/** Characters a phone number may be written with: digits, spaces, + ( ) - . / */
export const PHONE_CHARS = /^[0-9\s+()\-./]+$/;

/** An extension written after a number ("01632 960000 ext 12"): not part of the number dialled or blocked. */
const EXTENSION = /\s*\b(?:ext|extn|extension|x)\.?\s*[0-9]{1,5}\s*$/i;

/**
 * Whether `written` is one whole number: a UK national number (0 and 9 or 10 more digits, once normalised) or another
 * country's (00, a country code, at most 15 digits in all: ITU-T E.164), with a "+" only at its start.
 */
function isWholeNumber(written: string): boolean {
  // A "+" only as its first character: "4567 +1" is the end of one number and the start of another.
  return /^\s*\+?[^+]*$/.test(written) && /^(?:0[1-9]\d{8,9}|00[1-9]\d{6,14})$/.test(normalisePhone(written));
}

/** More words than a few numbers are written with is not cut (the ways to cut grow fast with the words). */
const MAX_SPACED_WORDS = 16;

/**
 * A part written as whole numbers one after another with only spaces between them ("07700 900123 07700 900456"): the
 * numbers, when every way to cut it at its spaces into whole numbers gives the same numbers (a word beside a number
 * may go with either: "07700 900123 (mobile) 01632 960000"); else the part as it is. A part that is one whole number
 * is never cut ("07700 900 123" is one). Read as one string of 22 digits, the pair matched neither number, so a
 * suspect's number beside another was not blocked (a safe-contact review, session 38).
 */
function spacedNumbers(part: string): string[] {
  if (isWholeNumber(part)) return [part];
  const words = part.split(/\s+/);
  if (words.length < 2 || words.length > MAX_SPACED_WORDS) return [part];
  // The ways to cut words[from..] into whole numbers (each needs 9 digits or more, so there are few).
  const cuts = (from: number): string[][] =>
    from === words.length
      ? [[]]
      : words.slice(from).flatMap((_, i) => {
          const head = words.slice(from, from + i + 1).join(' ');
          return isWholeNumber(head) ? cuts(from + i + 1).map((rest) => [head, ...rest]) : [];
        });
  const ways = cuts(0);
  const keys = (way: string[]) => way.map(normalisePhone).join(' ');
  return ways.length && ways.every((way) => keys(way) === keys(ways[0])) ? ways[0] : [part];
}

/**
 * The numbers one phone field holds, as written (trimmed): a records system may put two in one field ("07700 900123 /
 * 01632 960000", "… or …", "07700 900123 07700 900456"), and read as one string of digits they would match neither, so
 * a suspect's numbers were not blocked. Split at / , ; & "or" "and", then a part that is whole numbers written one
 * after another with spaces between is cut between them (spacedNumbers); a part is a number with 7 digits or more;
 * when no part is, the whole field is one (an "07700/900123" is one number). The SQL function `lantern_phones_in` is
 * the same rule, normalised (apps/api/test/numbers-and-callbacks.spec.ts holds them equal).
 */
export function phonesIn(raw: string): string[] {
  const field = raw.replace(EXTENSION, '');
  const parts = field
    .split(/[/,;&]|\b(?:or|and)\b/i)
    .map((p) => p.trim())
    .filter((p) => normalisePhone(p).length >= 7)
    .flatMap(spacedNumbers);
  if (parts.length) return parts;
  return normalisePhone(field) ? [field.trim()] : [];
}

/** The numbers one field holds as comparison keys (phonesIn, each normalised): how a field is matched with a number. */
export function phoneKeysIn(raw: string): string[] {
  return phonesIn(raw).map(normalisePhone);
}

/**
 * Whether two keys may be one phone, for deciding that a number is the suspect's (fail safe): equal, or one holding
 * the other when the shorter has 7 digits or more. Digits of a note beside a number are read into its key
 * ("07700 900123 (2nd phone)" → 077009001232, "07700 900123 after 6pm" → 077009001236), and so are a stray "+0" or a
 * "44 (0)" ("+07700 900123" → 0007700900123); a second number after an extension joins the first. Compared equal only,
 * the suspect's phone written so blocked nothing, and her safe field written so while he held that phone was dialled
 * (a review of officers' phone fields, session 48). Never used to find a number safe: only to find it his.
 */
export function keysMayMatch(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 7 && longer.includes(shorter);
}

/** Whether any number in a written field may be the suspect's (`suspectKeys`: keys of his numbers, keysMayMatch). */
export function isSuspectNumber(written: string, suspectKeys: Iterable<string>): boolean {
  return keysMayBeHis(phoneKeysIn(written), suspectKeys);
}

/** Whether any of `keys` (phoneKeysIn of a field, or one normalised number) may be one of the suspect's (keysMayMatch). */
export function keysMayBeHis(keys: readonly string[], suspectKeys: Iterable<string>): boolean {
  const his = [...suspectKeys];
  return keys.some((k) => his.some((s) => keysMayMatch(k, s)));
}

/** Words beside a phone number that warn it is not hers or not to be used (warnsAboutPhone). */
const PHONE_WARNING_WORDS = new Set(
  'suspect susp his him he hes perp perpetrator offender ex husband boyfriend partner not dont never avoid unsafe old former previous stolen lost withdrawn blocked'.split(
    ' ',
  ),
);

/** Words a phone field may carry beside its numbers without changing what they are: labels and joiners. */
const PHONE_LABEL_WORDS = new Set(
  'mob mobile mobiles tel telephone phone phones home work landline land line number numbers num ext extn extension x or and safe main personal own new her hers victim vic ip s m t uk'.split(
    ' ',
  ),
);

/**
 * Whether a phone field says more than its numbers ("07700 900123 - DO NOT USE", "(his phone)", "after 6pm", "2nd
 * phone"): what the number is for is then not plain, so the police's safe phone written so is not taken as confirmed
 * safe, and a revision that adds such words is a change (planFromReport, sameNumbers).
 */
export function phoneFieldHasNote(raw: string | null | undefined): boolean {
  return wordsBesideNumber(raw).some((w) => !PHONE_LABEL_WORDS.has(w));
}

/** The words of a phone field (letters only, lower case): what phoneFieldHasNote and warnsAboutPhone read. */
function wordsBesideNumber(raw: string | null | undefined): string[] {
  return (
    String(raw ?? '')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  );
}

/**
 * The numbers one field holds, to list or pass on: the field as written when it is one number (an extension kept with
 * it: "01632 960000 ext 12" reaches her, not the switchboard), else each number on its own.
 */
export function phonesAsWritten(raw: string): string[] {
  const parts = phonesIn(raw);
  return parts.length === 1 ? [raw.trim()] : parts;
}

/**
 * What the plan says of `to` as the victim's number (compared normalised): whether any entry of it is confirmed
 * safe, and whether any marks it shared (one shared entry is enough: the suspect may answer). Null when it is not
 * a number of the victim's on the plan.
 */
export function victimNumber(plan: SafeContactPlan, to: string | null | undefined): { safe: boolean; shared: boolean } | null {
  const n = to ? normalisePhone(to) : '';
  if (!n) return null;
  // Safe only by an entry holding exactly this number (each number of an entry on its own: "07700 900123 / 01632
  // 960000" is two); shared by any entry that may hold it (keysMayMatch: "07700 900123 (2nd phone, he checks it)"
  // marked shared is this phone). Compared whole, an entry written with a second number, an extension or a note was
  // no entry of this number, and a text to a shared phone went through.
  const victims = plan.numbers.filter((x) => x.owner === 'victim').map((x) => ({ ...x, keys: phoneKeysIn(x.number) }));
  // An entry with words beside its number ("07700 900123 (not 07700 900456, his)") is matched whole only: a number named
  // in its note is not the safe one.
  const exact = victims.filter((x) => normalisePhone(x.number) === n || (!phoneFieldHasNote(x.number) && x.keys.includes(n)));
  const near = victims.filter((x) => x.keys.some((k) => keysMayMatch(k, n)));
  return exact.length || near.length ? { safe: exact.some((x) => x.safe), shared: near.some((x) => !!x.shared) } : null;
}

/** Whether `to` is a number of the victim's that the plan marks shared (the suspect may answer). */
export function isSharedNumber(plan: SafeContactPlan, to: string | null | undefined): boolean {
  return !!victimNumber(plan, to)?.shared;
}

/** Outcomes after which "Is it safe to talk now?" has an answer, by that answer. */
export const SAFE_TO_TALK_OUTCOMES: Readonly<Record<'yes' | 'no', readonly ContactOutcome[]>> = {
  yes: ['spoke-safe'],
  no: ['spoke-not-safe', 'someone-else-answered', 'wrong-number'],
};

/**
 * The outcome an attempt records, given the answer to "Is it safe to talk now?": "yes" is a safe conversation
 * (spoke-safe); "no" is spoke-not-safe unless the caseworker said someone else answered (which pauses contact) or
 * it was the wrong number. The answer only fits a call or a visit, and only an outcome where someone answered;
 * anything else is named as a field error.
 */
export function settleSafeToTalk(
  channel: ContactChannel,
  safeToTalk: boolean | null | undefined,
  outcome: ContactOutcome | null | undefined,
): { outcome: ContactOutcome | null; errors: Array<{ path: string; message: string }> } {
  if (safeToTalk === undefined || safeToTalk === null) return { outcome: outcome ?? null, errors: [] };
  if (channel !== 'call' && channel !== 'in-person')
    return { outcome: outcome ?? null, errors: [{ path: '/safeToTalk', message: 'is asked on a call or a visit only' }] };
  const fits = SAFE_TO_TALK_OUTCOMES[safeToTalk ? 'yes' : 'no'];
  if (outcome === undefined || outcome === null) return { outcome: fits[0], errors: [] };
  if (!fits.includes(outcome))
    return {
      outcome,
      errors: [{ path: '/outcome', message: `must be one of ${fits.join(', ')} when safeToTalk is ${safeToTalk}` }],
    };
  return { outcome, errors: [] };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isValidWindow(w: SafeWindow): boolean {
  return (
    Array.isArray(w.days) &&
    w.days.length > 0 &&
    w.days.every((d) => WEEKDAYS.includes(d)) &&
    HHMM.test(w.from) &&
    HHMM.test(w.to) &&
    w.from !== '24:00' &&
    w.from !== w.to &&
    !(w.to === '00:00')
  );
}

/** Whether the window runs past midnight into the next day. */
export function crossesMidnight(w: SafeWindow): boolean {
  return w.to < w.from;
}

/** Whether an instant falls inside any of the windows (the hub's wall-clock time, so DST-proof). */
export function inSafeWindow(at: string, windows: SafeWindow[], timeZone = HUB_TIME_ZONE): boolean {
  const t = DateTime.fromISO(at, { zone: 'utc' }).setZone(timeZone);
  const day = WEEKDAYS[t.weekday - 1];
  const yesterday = WEEKDAYS[(t.weekday + 5) % 7];
  const hhmm = t.toFormat('HH:mm');
  return windows.some((w) =>
    crossesMidnight(w)
      ? (w.days.includes(day) && hhmm >= w.from) || (w.days.includes(yesterday) && hhmm < w.to)
      : w.days.includes(day) && hhmm >= w.from && hhmm < w.to,
  );
}

/** The next moment (at or after `from`) inside a safe window, or null when the plan has none. */
export function nextSafeWindowStart(from: string, windows: SafeWindow[], timeZone = HUB_TIME_ZONE): string | null {
  if (windows.length === 0) return null;
  if (inSafeWindow(from, windows, timeZone)) return new Date(from).toISOString();
  const start = DateTime.fromISO(from, { zone: 'utc' }).setZone(timeZone);
  let best: DateTime | null = null;
  for (let i = 0; i < 8; i++) {
    const day = start.plus({ days: i }).startOf('day');
    const wd = WEEKDAYS[day.weekday - 1];
    for (const w of windows) {
      if (!w.days.includes(wd)) continue;
      const [h, m] = w.from.split(':').map(Number);
      const open = day.set({ hour: h, minute: m });
      if (open >= start && (!best || open < best)) best = open;
    }
    if (best) break;
  }
  return best ? (best.toUTC().toISO() as string) : null;
}

/**
 * What the plan's time rule says of an instant: nothing (safe), outside its confirmed windows, or unconfirmed. Only
 * "any" and confirmed windows make a time safe: any other rule (none, an old or mistyped value) is unconfirmed. The
 * one reading of the time rule, for contact attempts, call-backs and the workbench's call-back form.
 */
export function timeRuleProblem(
  plan: Pick<SafeContactPlan, 'timeRule' | 'windows'>,
  at: string,
): 'outside-safe-window' | 'safe-times-unconfirmed' | null {
  if (plan.timeRule === 'windows') return inSafeWindow(at, plan.windows) ? null : 'outside-safe-window';
  return plan.timeRule === 'any' ? null : 'safe-times-unconfirmed';
}

/**
 * Every rule a contact attempt breaks (empty = safe). An override with a written reason lets an attempt
 * through regardless; that decision belongs to the caller and is audited.
 */
export function checkContact(plan: SafeContactPlan, req: ContactRequest, ctx: ContactContext): ContactViolation[] {
  const v: ContactViolation[] = [];
  if (ctx.consentToContact === 'refused') {
    v.push({ rule: 'consent-refused', message: 'The victim refused contact from support services.' });
  } else if (ctx.consentToContact === 'withdrawn') {
    // Same rule as a refusal (it blocks the same way); the words say what happened.
    v.push({ rule: 'consent-refused', message: 'The victim withdrew their consent to contact from support services.' });
  }
  if (ctx.paused) {
    v.push({ rule: 'contact-paused', message: 'Contact is paused after someone else answered; a team lead must resume it.' });
  }
  // A call that left a voicemail was a call and a voicemail: the phone rang, and the suspect may hear the message.
  const voicemailLeft = req.channel === 'call' && req.outcome === 'voicemail-left';
  const channel: ContactChannel = voicemailLeft ? 'voicemail' : req.channel;
  const held = ctx.revision?.heldChannels ?? [];
  const heldNumber = PHONE_CHANNELS.includes(req.channel) && !!req.to && isWithdrawnNumber(req.to, ctx.revision);
  const heldChannel = held.includes(req.channel) || (voicemailLeft && held.includes('voicemail'));
  if ((heldNumber || heldChannel) && !(req.outcome && RECORDED_DESPITE_REVISION.includes(req.outcome))) {
    v.push({ rule: 'police-revised-contact', message: POLICE_REVISED_CONTACT_MESSAGE });
  }
  if (!plan.channels.includes(req.channel)) {
    v.push({ rule: 'channel-not-allowed', message: `${req.channel} is not a safe channel on the plan.` });
  } else if (voicemailLeft && !plan.channels.includes('voicemail')) {
    v.push({ rule: 'channel-not-allowed', message: 'A voicemail was left, and voicemail is not a safe channel on the plan.' });
  }
  if (PHONE_CHANNELS.includes(req.channel)) {
    // The number dialled, read as phonesIn reads a field (an extension is not part of it); more than one number in
    // it is none of the plan's, and any of them being the suspect's is the suspect's.
    const dialled = req.to ? phoneKeysIn(req.to) : [];
    const to = dialled.length === 1 ? dialled[0] : '';
    const suspect = new Set([
      ...ctx.suspectNumbers.flatMap(phoneKeysIn),
      ...plan.numbers.filter((n) => n.owner === 'suspect').flatMap((n) => phoneKeysIn(n.number)),
    ]);
    const victims = to ? victimNumber(plan, to) : null;
    if (keysMayBeHis(dialled, suspect)) {
      v.push({ rule: 'suspect-number', message: 'That number belongs to the suspect.' });
    } else if (!victims?.safe) {
      v.push({ rule: 'number-not-on-plan', message: 'Only a safe number of the victim on the plan may be used.' });
    } else if (victims.shared && channel !== 'call') {
      v.push({
        rule: 'shared-number-channel',
        message: 'That number is shared: the suspect may read a text or hear a voicemail. Only call it.',
      });
    } else if (victims.shared && (req.safeToTalk === undefined || req.safeToTalk === null) && req.outcome !== 'no-answer') {
      v.push({
        rule: 'shared-number-check',
        message: 'That number is shared: record the answer to “Is it safe to talk now?” (or that nobody answered).',
      });
    }
  }
  if (req.channel === 'email') {
    const to = (req.to ?? '').trim().toLowerCase();
    if (!to || !plan.emails.some((e) => e.trim().toLowerCase() === to)) {
      v.push({ rule: 'email-not-on-plan', message: 'Only a safe email address on the plan may be used.' });
    }
  }
  const time = timeRuleProblem(plan, req.at);
  if (time === 'outside-safe-window') v.push({ rule: time, message: 'That time is outside the victim’s safe times.' });
  else if (time) v.push({ rule: time, message: SAFE_TIMES_UNCONFIRMED_MESSAGE });
  return v;
}

/** The label of the police's safe phone on a plan when the field says more than the number (phoneFieldHasNote). */
export const SAFE_PHONE_WITH_NOTE_LABEL = 'Safe number (police report, with a note: read it and confirm)';
/** The label a police report's own victim phone starts with on a plan (planFromReport), while nobody has confirmed it. */
export const UNCONFIRMED_VICTIM_PHONE_LABEL = 'Victim phone (not confirmed safe)';
/** That number's label once the hub marks it safe (a plan saved with it safe keeps no "not confirmed" beside it). */
export const CONFIRMED_VICTIM_PHONE_LABEL = 'Victim phone (confirmed safe by the hub)';

/**
 * A new case's plan starts from the police report: the safe-contact phone is the victim's safe number,
 * `voicemailSafe` / `smsSafe` allow those channels; with no safeContact nothing is known to be safe yet.
 * The victim's own `phone` is recorded but not confirmed safe (it may be shared with the suspect). A number the
 * police know to be the suspect's (`suspect.phone`) goes on the plan as the suspect's, so checkContact refuses
 * any call or text to it, even when it is also the victim's phone (then it is shared: never safe).
 */
export function planFromReport(report: PoliceReport): SafeContactPlan {
  const sc = report.victim.safeContact;
  const numbers: SafeNumber[] = [];
  const channels: ContactChannel[] = [];
  // The safe phone field may hold two numbers ("07700 900123 or 01632 960000"): each is an entry of its own, so a part
  // that is the suspect's is never passed on as one safe field (it is listed below as the suspect's, and blocked).
  const suspectParts = phoneKeysIn(report.suspect?.phone ?? '');
  const safeParts = phonesAsWritten(sc?.phone ?? '').filter((p) => !isSuspectNumber(p, suspectParts));
  // A safe field that says more than its number ("07700 900123 - DO NOT USE", "(his phone)", "after 6pm") is listed
  // for a caseworker to confirm, not taken as safe: what the words mean is theirs to read.
  const noted = phoneFieldHasNote(sc?.phone);
  if (sc?.phone) {
    for (const number of safeParts)
      numbers.push(
        noted
          ? { number, owner: 'victim', safe: false, label: SAFE_PHONE_WITH_NOTE_LABEL }
          : { number, owner: 'victim', safe: true, label: 'Safe number (police report)' },
      );
    channels.push('call');
    if (sc.smsSafe) channels.push('sms');
    if (sc.voicemailSafe) channels.push('voicemail');
  }
  if (report.victim.phone && !safeParts.some((p) => normalisePhone(p) === normalisePhone(report.victim.phone ?? ''))) {
    numbers.push({ number: report.victim.phone, owner: 'victim', safe: false, label: UNCONFIRMED_VICTIM_PHONE_LABEL });
  }
  for (const number of phonesIn(report.suspect?.phone ?? '')) {
    numbers.push({ number, owner: 'suspect', safe: false, label: 'Suspect’s phone (police report): never contact' });
  }
  const text = sc?.safeTimes?.trim() || null;
  return {
    numbers,
    emails: [],
    windows: [],
    channels,
    codeWord: null,
    safeTimesText: text,
    // The officer's words are a suggestion (suggestSafeTimes), never a rule: until a caseworker confirms windows or
    // records "any time", no time is safe. No words at all is not "any time" either (nobody said so): the same,
    // unconfirmed. A first call before anyone knows the times is an override with a written reason, audited.
    timeRule: 'unknown',
    notes: sc?.notes ?? null,
  };
}
