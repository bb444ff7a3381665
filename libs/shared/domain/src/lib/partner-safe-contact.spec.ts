import { describe, expect, it } from 'vitest';
import type { ServiceKind } from './eligibility';
import {
  channelsInWords,
  unsafeMessagesInWords,
  partnerSafeContact,
  SAFE_TIMES_ANY,
  SAFE_TIMES_NOT_CONFIRMED,
  safeTimesInWords,
  victimChangedPlan,
  withRevisionHeld,
} from './partner-safe-contact';
import { datasetScope } from './referral';
import type { SafeContactPlan } from './safe-contact';

const PLAN: SafeContactPlan = {
  numbers: [
    { number: '07700 900123', owner: 'victim', safe: true },
    { number: '07700 900999', owner: 'victim', safe: false },
    { number: '07700 900666', owner: 'suspect', safe: false },
  ],
  emails: ['safe@example.org'],
  windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
  channels: ['call', 'sms', 'email'],
  codeWord: 'bluebell',
  safeTimesText: 'Tuesdays and Thursdays 10:00-12:00',
  timeRule: 'windows',
  notes: 'He checks her phone at night',
};
const OPTS = { codeWord: true, asOf: '2026-11-24T10:00:00.000Z', current: true };

describe('the safe times a partner is told', () => {
  it.each<[string, Pick<SafeContactPlan, 'timeRule' | 'windows'>, string]>([
    ['confirmed windows, in words', { timeRule: 'windows', windows: PLAN.windows }, 'Tue, Thu 10:00–12:00'],
    [
      'a window past midnight',
      { timeRule: 'windows', windows: [{ days: ['fri', 'sat'], from: '22:00', to: '02:00' }] },
      'Fri, Sat 22:00–02:00 (next day)',
    ],
    [
      'several windows',
      {
        timeRule: 'windows',
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:30', to: '14:30' },
          { days: ['sat', 'sun'], from: '18:00', to: '24:00' },
        ],
      },
      'Mon–Fri 09:30–14:30; Sat, Sun 18:00–midnight',
    ],
    ['any time', { timeRule: 'any', windows: [] }, SAFE_TIMES_ANY],
    ['any time ignores stray windows', { timeRule: 'any', windows: PLAN.windows }, SAFE_TIMES_ANY],
    ['not confirmed', { timeRule: 'unknown', windows: [] }, SAFE_TIMES_NOT_CONFIRMED],
    ['not confirmed, even with windows on the plan', { timeRule: 'unknown', windows: PLAN.windows }, SAFE_TIMES_NOT_CONFIRMED],
    ['windows promised but none there', { timeRule: 'windows', windows: [] }, SAFE_TIMES_NOT_CONFIRMED],
    [
      'a malformed window fails safe',
      { timeRule: 'windows', windows: [{ days: ['mon'], from: '10:00', to: '10:00' }] },
      SAFE_TIMES_NOT_CONFIRMED,
    ],
    ['a rule this code does not know fails safe', { timeRule: 'sometimes' as never, windows: PLAN.windows }, SAFE_TIMES_NOT_CONFIRMED],
  ])('%s', (_label, plan, words) => {
    const out = safeTimesInWords(plan);
    expect(out.times).toBe(words);
    expect(out.windows).toEqual(out.timeRule === 'windows' ? plan.windows : []);
  });

  it('says it plainly', () => {
    expect(SAFE_TIMES_NOT_CONFIRMED).toBe('Not confirmed yet — ask the hub before contacting');
    expect(SAFE_TIMES_ANY).toBe('Any time');
  });
});

describe("a partner's view of the plan", () => {
  it('passes on only the victim’s confirmed numbers, the times in words, the channels and the code word', () => {
    expect(partnerSafeContact(PLAN, OPTS)).toEqual({
      numbers: ['07700 900123'],
      emails: ['safe@example.org'],
      timeRule: 'windows',
      windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
      times: 'Tue, Thu 10:00–12:00',
      channels: ['call', 'sms', 'email'],
      codeWord: 'bluebell',
      asOf: OPTS.asOf,
      current: true,
    });
  });

  it.each(['refused', 'withdrawn'] as const)('gives no way to contact a victim whose consent to contact is %s, and says so', (value) => {
    const p = partnerSafeContact(PLAN, { ...OPTS, contactRefused: value });
    expect(p).toMatchObject({ numbers: [], emails: [], channels: [], contactRefused: value, current: true });
    expect(p.codeWord).toBeUndefined();
    expect(JSON.stringify(p)).not.toMatch(/07700|safe@example|bluebell/);
    expect(partnerSafeContact(PLAN, OPTS).contactRefused).toBeUndefined();
  });

  it('never passes on the officer’s words or the plan’s notes', () => {
    const text = JSON.stringify(partnerSafeContact({ ...PLAN, timeRule: 'unknown', windows: [] }, OPTS));
    expect(text).not.toContain('Tuesdays');
    expect(text).not.toContain('checks her phone');
  });

  it('leaves out the code word for a service that does not need it, and says when none was agreed', () => {
    expect(partnerSafeContact(PLAN, { ...OPTS, codeWord: false })).not.toHaveProperty('codeWord');
    expect(partnerSafeContact({ ...PLAN, codeWord: '  ' }, OPTS).codeWord).toBeNull();
  });

  it('never passes on a number that is also a suspect’s, shared with one, unconfirmed or repeated', () => {
    const plan: SafeContactPlan = {
      ...PLAN,
      numbers: [
        { number: '07700 900123', owner: 'victim', safe: true },
        { number: '+44 7700 900123', owner: 'victim', safe: true },
        { number: '07700 900666', owner: 'victim', safe: true },
        { number: '07700 900666', owner: 'suspect', safe: false },
        { number: '07700 900444', owner: 'victim', safe: true },
        { number: '07700 900555', owner: 'other', safe: true },
        { number: '07700 900777', owner: 'victim', safe: true, shared: true },
      ],
    };
    expect(partnerSafeContact(plan, { ...OPTS, suspectNumbers: ['07700900444'] }).numbers).toEqual(['07700 900123']);
  });

  it('passes on each number of a two-number field on its own, leaving out the suspect’s (compared whole, it matched none)', () => {
    const plan: SafeContactPlan = {
      ...PLAN,
      numbers: [{ number: '07700 900123 or 01632 960000', owner: 'victim', safe: true }],
    };
    expect(partnerSafeContact(plan, { ...OPTS, suspectNumbers: ['01632 960000'] }).numbers).toEqual(['07700 900123']);
    expect(partnerSafeContact(plan, { ...OPTS, suspectNumbers: ['07700 900666 / 01632 960000'] }).numbers).toEqual(['07700 900123']);
    expect(partnerSafeContact(plan, OPTS).numbers).toEqual(['07700 900123', '01632 960000']);
    // One number is passed on as written, its extension with it.
    const one: SafeContactPlan = { ...PLAN, numbers: [{ number: '01632 960000 ext 12', owner: 'victim', safe: true }] };
    expect(partnerSafeContact(one, OPTS).numbers).toEqual(['01632 960000 ext 12']);
  });

  it('offers a phone channel only with a safe number, and email only with a safe address', () => {
    const noNumber = partnerSafeContact(
      { ...PLAN, numbers: [], emails: [], channels: ['call', 'sms', 'voicemail', 'email', 'letter'] },
      OPTS,
    );
    expect(noNumber.channels).toEqual(['letter']);
    expect(noNumber.emails).toEqual([]);
    expect(partnerSafeContact({ ...PLAN, channels: ['call'] }, OPTS).emails).toEqual([]);
  });

  it('leaves out what a police revision holds, and says to speak to the hub first', () => {
    const texts = partnerSafeContact(PLAN, { ...OPTS, revision: { withdrawnNumbers: [], heldChannels: ['sms'] } });
    expect(texts).toMatchObject({ numbers: ['07700 900123'], channels: ['call', 'email'], policeRevised: true });
    // The safe number withdrawn: it is not passed on, nor a phone channel without a number; email still is.
    const phone = partnerSafeContact(PLAN, { ...OPTS, revision: { withdrawnNumbers: ['07700900123'], heldChannels: [] } });
    expect(phone).toMatchObject({ numbers: [], emails: ['safe@example.org'], channels: ['email'], policeRevised: true });
    expect(JSON.stringify(phone)).not.toContain('07700');
    expect(partnerSafeContact(PLAN, { ...OPTS, revision: { withdrawnNumbers: [], heldChannels: [] } }).policeRevised).toBeUndefined();
    // The plan kept as sent (a declined referral) loses the same.
    const sent = partnerSafeContact(PLAN, OPTS);
    expect(withRevisionHeld(sent, { withdrawnNumbers: ['07700900123'], heldChannels: [] })).toMatchObject({
      numbers: [],
      policeRevised: true,
    });
    expect(withRevisionHeld(sent, null)).toBe(sent);
  });

  it('gives nothing to contact anyone with on a referral sent before the police named another victim', () => {
    const plan = victimChangedPlan(partnerSafeContact(PLAN, OPTS));
    expect(plan).toMatchObject({ numbers: [], emails: [], channels: [], windows: [], timeRule: 'unknown', victimChanged: true });
    expect(plan.times).toBe(SAFE_TIMES_NOT_CONFIRMED);
    expect(plan).not.toHaveProperty('codeWord');
    expect(JSON.stringify(plan)).not.toMatch(/07700|safe@example|bluebell/);
  });

  it('words the channels', () => {
    expect(channelsInWords(['call', 'sms', 'voicemail', 'in-person'])).toBe('Phone call, Text message (SMS), Voicemail, In person');
  });
});

describe('which partners get the code word', () => {
  it.each<[ServiceKind, boolean]>([
    ['idva', true],
    ['outreach', true],
    ['refuge', true],
    ['emotional-support', true],
    ['male-victims', true],
    ['legal-advice', false],
    ['childrens-services', false],
  ])('%s: %s', (kind, codeWord) => {
    expect(datasetScope(kind).codeWord).toBe(codeWord);
  });
});

describe('unsafeMessagesInWords', () => {
  it('says outright which messages must not be left on a safe number', () => {
    expect(unsafeMessagesInWords({ numbers: ['07700 900123'], channels: ['call'] })).toBe(
      'Do not leave a voicemail. Do not send a text message.',
    );
    expect(unsafeMessagesInWords({ numbers: ['07700 900123'], channels: ['call', 'sms'] })).toBe('Do not leave a voicemail.');
    expect(unsafeMessagesInWords({ numbers: ['07700 900123'], channels: ['call', 'voicemail'] })).toBe('Do not send a text message.');
    expect(unsafeMessagesInWords({ numbers: ['07700 900123'], channels: ['call', 'sms', 'voicemail'] })).toBeNull();
    // No number to use: nothing to say about messages (the plan says to ask the hub).
    expect(unsafeMessagesInWords({ numbers: [], channels: [] })).toBeNull();
  });
});

describe('partnerSafeContact: a phone the plan may mark shared, or a safe entry with a note, is not passed on (session 48)', () => {
  it('leaves out a safe number another entry marks shared however written, and an entry with words beside its number', () => {
    const plan: SafeContactPlan = {
      ...PLAN,
      numbers: [
        { number: '07700 900123', owner: 'victim', safe: true },
        { number: '07700 900123 (2nd phone, he checks it)', owner: 'victim', safe: false, shared: true },
        { number: '07700 900777 (not 07700 900456, his)', owner: 'victim', safe: true },
        { number: '01632 960000', owner: 'victim', safe: true },
      ],
      channels: ['call'],
    };
    expect(partnerSafeContact(plan, OPTS).numbers).toEqual(['01632 960000']);
  });
});
