import {
  CONTACT_CHANNELS,
  isValidWindow,
  keysMayBeHis,
  phoneFieldHasNote,
  victimNumber,
  normalisePhone,
  phoneKeysIn,
  phonesAsWritten,
  PHONE_CHANNELS,
  revisionHolds,
  type ContactChannel,
  type RevisedSafeContact,
  type SafeContactPlan,
  type SafeWindow,
} from './safe-contact';
import { formatWindows } from './safe-times';

/** What a partner is told when the plan says any time is safe. */
export const SAFE_TIMES_ANY = 'Any time';

/**
 * What a partner is told while the hub has not confirmed the times (the officer's words are a suggestion, never a
 * rule, so they are not passed on as one).
 */
export const SAFE_TIMES_NOT_CONFIRMED = 'Not confirmed yet — ask the hub before contacting';

/** A contact channel in words, for partners, PDFs and the workbench alike. */
export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = {
  call: 'Phone call',
  sms: 'Text message (SMS)',
  voicemail: 'Voicemail',
  email: 'Email',
  letter: 'Letter',
  'in-person': 'In person',
};

/**
 * The victim's confirmed safe-contact plan as a partner gets it: only what is safe to use, the times in words, and
 * the code word only for services that contact the victim themselves.
 */
export interface PartnerSafeContact {
  /** The victim's own numbers confirmed safe; never a suspect's, an unconfirmed or a shared number. */
  numbers: string[];
  /** Safe email addresses, only when email is a safe channel. */
  emails: string[];
  /** `any`, `windows` (confirmed), or `unknown` (not confirmed: ask the hub). */
  timeRule: SafeContactPlan['timeRule'];
  /** The confirmed windows (empty unless timeRule is `windows`). */
  windows: SafeWindow[];
  /** The times in words: "Tue, Thu 10:00–12:00", "Any time", or SAFE_TIMES_NOT_CONFIRMED. */
  times: string;
  /** Safe channels; phone channels only with a safe number, email only with a safe address. */
  channels: ContactChannel[];
  /** Present only for services that contact the victim themselves (datasetScope(kind).codeWord); null when none is set. */
  codeWord?: string | null;
  /** When this plan was read from the case. */
  asOf: string;
  /**
   * True: the hub's current plan (the referral is open, so later changes reach the partner at once). False: the plan
   * as it was when the referral was sent (declined or closed referrals): it may be out of date.
   */
  current: boolean;
  /**
   * Present when the victim's consent to contact in force (the hub's record, or a later refusal given to the officer)
   * is `refused` or `withdrawn`: the partner must not contact them, and the plan carries no number, email or
   * channel to do it with. Only on the current plan (an open referral); cleared when the hub records consent again.
   */
  contactRefused?: 'refused' | 'withdrawn';
  /**
   * Present (true) while the hub has paused contact after someone else answered the victim's phone: the partner speaks
   * to the hub before any contact (the numbers stay: a team lead decides when it is safe to try again).
   */
  contactPaused?: true;
  /**
   * Present (true) while a police revision holds something the hub's plan gives (RevisedSafeContact: a number the
   * police no longer give as her safe phone, texts or voicemail no longer safe): it is left out, and the partner
   * speaks to the hub before any contact.
   */
  policeRevised?: true;
  /**
   * Present (true) on a declined or closed referral: the partner no longer works with her, so the plan carries no
   * number, email, channel or code word (UK GDPR Art. 5(1)(c), minimisation: a refuge that declined kept her safe
   * numbers and code word for good; a referral review, session 41). Speak to the hub before any contact.
   */
  referralEnded?: true;
  /**
   * Present (true) on a referral sent before a police revision named another person as the victim of its incident
   * (only a statutory referral outlives that: the others are withdrawn): the person it describes may not be the victim,
   * so the plan carries no number, email, channel or code word. Speak to the hub before any contact.
   */
  victimChanged?: true;
  /**
   * On an open referral's current plan: when the hub last changed the instructions its agency holds, after the
   * referral was sent (the agency was emailed `contact-changed`: docs/referrals.md). Absent when unchanged since.
   */
  changedAt?: string;
}

/** The times of a plan in words, failing safe: anything not clearly confirmed reads as SAFE_TIMES_NOT_CONFIRMED. */
export function safeTimesInWords(plan: Pick<SafeContactPlan, 'timeRule' | 'windows'>): {
  timeRule: SafeContactPlan['timeRule'];
  windows: SafeWindow[];
  times: string;
} {
  if (plan.timeRule === 'any') return { timeRule: 'any', windows: [], times: SAFE_TIMES_ANY };
  const windows = Array.isArray(plan.windows) ? plan.windows : [];
  if (plan.timeRule === 'windows' && windows.length > 0 && windows.every(isValidWindow)) {
    const copy = windows.map((w) => ({ days: [...w.days], from: w.from, to: w.to }));
    return { timeRule: 'windows', windows: copy, times: formatWindows(copy) };
  }
  return { timeRule: 'unknown', windows: [], times: SAFE_TIMES_NOT_CONFIRMED };
}

/**
 * The partner's view of a plan. `suspectNumbers` are numbers known to be a suspect's from elsewhere (police reports
 * of every case of this victim or suspect, the hub's plans: `suspect_numbers`): a number that is also a suspect's is
 * never passed on, whatever the plan says; nor is a `shared` number (the suspect may answer it).
 */
export function partnerSafeContact(
  plan: SafeContactPlan,
  opts: {
    codeWord: boolean;
    suspectNumbers?: readonly string[];
    asOf: string;
    current: boolean;
    /** The consent to contact in force says no: no means of contact are passed on (fail safe), and the plan says why. */
    contactRefused?: 'refused' | 'withdrawn';
    /** What a police revision holds until the hub saves the plan again (policeRevision). */
    revision?: Pick<RevisedSafeContact, 'withdrawnNumbers' | 'heldChannels'> | null;
  },
): PartnerSafeContact {
  if (opts.contactRefused) {
    return withoutContactMeans(
      { numbers: [], emails: [], ...safeTimesInWords(plan), channels: [], asOf: opts.asOf, current: opts.current },
      opts.contactRefused,
    );
  }
  const suspect = new Set(
    [...(opts.suspectNumbers ?? []), ...plan.numbers.filter((n) => n.owner === 'suspect').map((n) => n.number)]
      .filter((n) => typeof n === 'string' && n.trim())
      .flatMap(phoneKeysIn),
  );
  const seen = new Set<string>();
  const numbers: string[] = [];
  for (const n of plan.numbers) {
    // `shared` (the victim's, but the suspect may answer) is not safe to hand to someone who has not heard the plan.
    if (n.owner !== 'victim' || n.safe !== true || n.shared === true) continue;
    // An entry with words beside its number ("07700 900123 (not 07700 900456, his)") is the hub's to read, never passed
    // on in parts (a number in its note would reach the agency as safe).
    if (phoneFieldHasNote(n.number)) continue;
    // Each number of the field on its own ("07700 900123 or 01632 960000" is two): a field is never passed on whole,
    // and a part that is the suspect's is left out (compared whole, the field matched no suspect number).
    for (const part of phonesAsWritten(n.number)) {
      const key = normalisePhone(part);
      // Nor a phone another entry marks shared (victimNumber: any entry that may hold it).
      if (!key || keysMayBeHis([key], suspect) || seen.has(key) || victimNumber(plan, part)?.shared) continue;
      seen.add(key);
      numbers.push(part);
    }
  }
  const known = (plan.channels ?? []).filter((c): c is ContactChannel => (CONTACT_CHANNELS as readonly string[]).includes(c));
  const emails = known.includes('email') ? [...new Set((plan.emails ?? []).map((e) => e.trim()).filter(Boolean))] : [];
  const channels = channelsWithMeans(known, numbers, emails);
  return withRevisionHeld(
    {
      numbers,
      emails,
      ...safeTimesInWords(plan),
      channels: [...new Set(channels)],
      ...(opts.codeWord ? { codeWord: plan.codeWord?.trim() || null } : {}),
      asOf: opts.asOf,
      current: opts.current,
    },
    opts.revision,
  );
}

/**
 * A partner's plan without what a police revision holds (policeRevision): no number the police no longer give as
 * safe, no texts or voicemail they no longer say are safe (nor a phone channel left without a number), and
 * `policeRevised` to say why. For the current plan of an open referral and the plan kept as sent alike.
 */
export function withRevisionHeld(
  sc: PartnerSafeContact,
  revision: Pick<RevisedSafeContact, 'withdrawnNumbers' | 'heldChannels'> | null | undefined,
): PartnerSafeContact {
  if (!revisionHolds(revision)) return sc;
  const withdrawn = new Set(revision?.withdrawnNumbers);
  const numbers = sc.numbers.filter((n) => !phoneKeysIn(n).some((k) => withdrawn.has(k)));
  const channels = channelsWithMeans(
    sc.channels.filter((c) => !revision?.heldChannels.includes(c)),
    numbers,
    sc.emails,
  );
  return { ...sc, numbers, channels, policeRevised: true };
}

/** The channels a partner can use with what it is given: a phone channel needs a number, email an address. */
function channelsWithMeans(channels: readonly ContactChannel[], numbers: readonly string[], emails: readonly string[]): ContactChannel[] {
  return channels.filter((c) => (PHONE_CHANNELS.includes(c) ? numbers.length > 0 : c === 'email' ? emails.length > 0 : true));
}

/**
 * A plan a partner may no longer use to reach the victim (her consent to contact in force is refused or withdrawn):
 * no number, email, channel or code word, and why. For the current plan of an open referral and for the plan kept
 * as sent on a declined or closed one alike.
 */
export function withoutContactMeans(sc: PartnerSafeContact, contactRefused: 'refused' | 'withdrawn'): PartnerSafeContact {
  return { ...noMeansOfContact(sc), contactRefused };
}

/** The plan with no number, email, channel or code word: nothing to contact her with. */
function noMeansOfContact(sc: PartnerSafeContact): PartnerSafeContact {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { codeWord, ...rest } = sc;
  return { ...rest, numbers: [], emails: [], channels: [] };
}

/**
 * What a partner with a safe number must not do with it, in words: "Do not leave a voicemail. Do not send a text
 * message." for each of voicemail and texts the plan does not give as safe; null when both are safe, or there is no
 * number to use. Said outright beside the safe channels (SafeLives' referral guidance: say whether messages may be
 * left), since a list of what is safe reads as a suggestion to a worker whose habit is to leave a message (a
 * referral review, session 41).
 */
export function unsafeMessagesInWords(sc: Pick<PartnerSafeContact, 'numbers' | 'channels'>): string | null {
  if (!sc.numbers.length) return null;
  const out: string[] = [];
  if (!sc.channels.includes('voicemail')) out.push('Do not leave a voicemail.');
  if (!sc.channels.includes('sms')) out.push('Do not send a text message.');
  return out.length ? out.join(' ') : null;
}

/** The plan of a declined or closed referral: nothing to contact her with, and why (`referralEnded`). */
export function endedReferralPlan(sc: PartnerSafeContact): PartnerSafeContact {
  return { ...noMeansOfContact(sc), referralEnded: true };
}

/**
 * A referral sent before a police revision named another victim: nothing to contact anyone with, and no times either
 * (they were the earlier person's): victimChanged.
 */
export function victimChangedPlan(sc: PartnerSafeContact): PartnerSafeContact {
  return { ...noMeansOfContact(sc), timeRule: 'unknown', windows: [], times: SAFE_TIMES_NOT_CONFIRMED, victimChanged: true };
}

/** Channels in words, ", "-separated ("Phone call, Text message (SMS)"). */
export function channelsInWords(channels: readonly string[]): string {
  return channels.map((c) => CONTACT_CHANNEL_LABELS[c as ContactChannel] ?? c).join(', ');
}
