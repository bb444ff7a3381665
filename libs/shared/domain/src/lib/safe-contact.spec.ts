import { describe, expect, it } from 'vitest';
import { canTransition, CASE_TRANSITIONS, isReopen, needsReason } from './lifecycle';
import { CASE_STATUSES } from './case';
import { suggestUnableToContact } from './needs';
import type { PoliceReport } from './report';
import {
  checkContact,
  inSafeWindow,
  nextSafeWindowStart,
  normalisePhone,
  phonesIn,
  isValidWindow,
  isSharedNumber,
  NON_OVERRIDABLE_RULES,
  bindingRules,
  type ContactViolation,
  planFromReport,
  policeRevision,
  policeSafeContact,
  policeSafeContactOfAll,
  revisedSafeContact,
  revisionHolds,
  settleSafeToTalk,
  victimNumber,
  keysMayMatch,
  phoneFieldHasNote,
  SAFE_PHONE_WITH_NOTE_LABEL,
  sameNumbers,
  type ContactContext,
  type SafeContactPlan,
} from './safe-contact';

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
  notes: null,
};
const OK_CTX: ContactContext = { consentToContact: 'given', paused: false, suspectNumbers: [] };
// Tuesday 24 Nov 2026, 10:30 GMT; Tuesday 7 Apr 2026, 10:30 BST = 09:30Z
const TUE_1030_GMT = '2026-11-24T10:30:00Z';

const rules = (plan: SafeContactPlan, req: Parameters<typeof checkContact>[1], ctx: ContactContext = OK_CTX) =>
  checkContact(plan, req, ctx).map((v) => v.rule);

describe('safe contact rules', () => {
  it.each([
    ['a call to the safe number in the window', { channel: 'call', to: '07700 900123', at: TUE_1030_GMT }, []],
    ['the same number written +44', { channel: 'call', to: '+44 7700 900123', at: TUE_1030_GMT }, []],
    ['voicemail is not an allowed channel', { channel: 'voicemail', to: '07700 900123', at: TUE_1030_GMT }, ['channel-not-allowed']],
    ['a letter is not allowed', { channel: 'letter', at: TUE_1030_GMT }, ['channel-not-allowed']],
    ['a number not on the plan', { channel: 'call', to: '07700 900000', at: TUE_1030_GMT }, ['number-not-on-plan']],
    ['the victim’s number that is not confirmed safe', { channel: 'sms', to: '07700 900999', at: TUE_1030_GMT }, ['number-not-on-plan']],
    ['no number at all', { channel: 'call', at: TUE_1030_GMT }, ['number-not-on-plan']],
    ['the suspect’s number', { channel: 'call', to: '07700900666', at: TUE_1030_GMT }, ['suspect-number']],
    ['a Wednesday', { channel: 'call', to: '07700 900123', at: '2026-11-25T10:30:00Z' }, ['outside-safe-window']],
    ['12:00 is the end of the window', { channel: 'call', to: '07700 900123', at: '2026-11-24T12:00:00Z' }, ['outside-safe-window']],
    ['BST: 09:30Z is 10:30 London, inside', { channel: 'call', to: '07700 900123', at: '2026-04-07T09:30:00Z' }, []],
    ['BST: 11:30Z is 12:30 London, outside', { channel: 'call', to: '07700 900123', at: '2026-04-07T11:30:00Z' }, ['outside-safe-window']],
    ['GMT: 11:30Z is 11:30 London, inside', { channel: 'call', to: '07700 900123', at: '2026-11-24T11:30:00Z' }, []],
    ['email to the safe address', { channel: 'email', to: 'SAFE@example.org', at: TUE_1030_GMT }, []],
    ['email elsewhere', { channel: 'email', to: 'other@example.org', at: TUE_1030_GMT }, ['email-not-on-plan']],
    // Session 38 (a safe-contact review): an extension or a second number in `to` hid the suspect's number (only
    // "number-not-on-plan" was raised, which a caseworker may override); a call that left a voicemail is a voicemail.
    ['the suspect’s number with an extension', { channel: 'call', to: '07700 900666 ext 1', at: TUE_1030_GMT }, ['suspect-number']],
    ['two numbers, one the suspect’s', { channel: 'call', to: '07700 900123 / 07700 900666', at: TUE_1030_GMT }, ['suspect-number']],
    [
      'two of the victim’s numbers in one',
      { channel: 'call', to: '07700 900123 or 07700 900999', at: TUE_1030_GMT },
      ['number-not-on-plan'],
    ],
    ['the safe number with an extension', { channel: 'call', to: '07700 900123 x 12', at: TUE_1030_GMT }, []],
    [
      'a call that left a voicemail where voicemail is not safe',
      { channel: 'call', to: '07700 900123', at: TUE_1030_GMT, outcome: 'voicemail-left' },
      ['channel-not-allowed'],
    ],
  ] as const)('%s', (_n, req, expected) => {
    expect(rules(PLAN, req)).toEqual(expected);
  });

  it('refuses any contact when consent was refused, and while contact is paused', () => {
    const req = { channel: 'call', to: '07700 900123', at: TUE_1030_GMT } as const;
    expect(rules(PLAN, req, { ...OK_CTX, consentToContact: 'refused' })).toEqual(['consent-refused']);
    expect(rules(PLAN, req, { ...OK_CTX, paused: true })).toEqual(['contact-paused']);
    expect(rules(PLAN, req, { ...OK_CTX, consentToContact: 'not-asked' })).toEqual([]);
    // Withdrawn (a hub record) blocks like a refusal, and says what happened.
    expect(rules(PLAN, req, { ...OK_CTX, consentToContact: 'withdrawn' })).toEqual(['consent-refused']);
    expect(checkContact(PLAN, req, { ...OK_CTX, consentToContact: 'withdrawn' })[0].message).toMatch(/withdrew their consent to contact/);
  });

  it('treats a number known elsewhere as the suspect’s', () => {
    const plan = { ...PLAN, numbers: [...PLAN.numbers, { number: '07700 900555', owner: 'victim' as const, safe: true }] };
    expect(
      rules(plan, { channel: 'call', to: '07700 900555', at: TUE_1030_GMT }, { ...OK_CTX, suspectNumbers: ['+447700900555'] }),
    ).toEqual(['suspect-number']);
  });

  it('blocks every time while written safe times are not yet confirmed', () => {
    const plan: SafeContactPlan = { ...PLAN, channels: ['call', 'sms', 'voicemail'], windows: [], timeRule: 'unknown' };
    for (const channel of ['call', 'sms', 'voicemail'] as const) {
      expect(checkContact(plan, { channel, to: '07700 900123', at: TUE_1030_GMT }, OK_CTX)).toEqual([
        {
          rule: 'safe-times-unconfirmed',
          message: 'The victim’s safe times are not confirmed yet: confirm the suggested times or record them.',
        },
      ]);
    }
    expect(rules({ ...plan, timeRule: 'any' }, { channel: 'call', to: '07700 900123', at: '2026-11-25T03:00:00Z' })).toEqual([]);
    // A rule it does not know (missing, mistyped in an old plan) is unconfirmed, never "any time".
    for (const timeRule of [undefined, 'anytime', ''])
      expect(rules({ ...plan, timeRule } as unknown as SafeContactPlan, { channel: 'call', to: '07700 900123', at: TUE_1030_GMT })).toEqual(
        ['safe-times-unconfirmed'],
      );
  });

  it('finds the next safe window, across the clocks going forward', () => {
    expect(nextSafeWindowStart('2026-11-24T12:30:00Z', PLAN.windows)).toBe('2026-11-26T10:00:00.000Z');
    expect(nextSafeWindowStart('2026-11-24T10:30:00Z', PLAN.windows)).toBe('2026-11-24T10:30:00.000Z');
    // Sat 28 Mar 2026 → Tue 31 Mar 10:00 BST = 09:00Z
    expect(nextSafeWindowStart('2026-03-28T12:00:00Z', PLAN.windows)).toBe('2026-03-31T09:00:00.000Z');
    expect(inSafeWindow('2026-03-31T09:00:00Z', PLAN.windows)).toBe(true);
  });

  it.each([
    ['07700 900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+44 (0)7700 900123', '07700900123'],
    ['+44 (0) 7700 900123', '07700900123'],
    ['0044 (0)7700 900123', '07700900123'],
    ['0044 7700 900123', '07700900123'],
    ['447700900123', '07700900123'],
    ['7700900123', '07700900123'],
    ['(01632) 960 000', '01632960000'],
  ])('normalises %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });
});

describe('normalisePhone: one key per number, however often it is read', () => {
  it('reads another country’s "+" as "00", and gives a normalised number back unchanged', () => {
    const written = [
      '+353 87 123 4567',
      '00353 87 123 4567',
      '+45 12 34 56 78',
      '0045 12 34 56 78',
      '+44 (0)7700 900123',
      '7700900123',
      '447700900123',
      '999',
    ];
    expect(normalisePhone('+353 87 123 4567')).toBe('00353871234567');
    expect(normalisePhone('00353 87 123 4567')).toBe('00353871234567');
    // Denmark without its prefix would read as a UK number missing its 0 ("04512345678") on a second pass.
    expect(normalisePhone('0045 12 34 56 78')).toBe('004512345678');
    for (const w of written) expect(normalisePhone(normalisePhone(w)), w).toBe(normalisePhone(w));
  });
});

describe('a police revision of the safe-contact details since the plan was reviewed', () => {
  const was = { phone: '07700 900123', smsSafe: true, voicemailSafe: true };
  it.each([
    ['nothing changed', was, null],
    ['the same phone written another way', { ...was, phone: '+44 7700 900123' }, null],
    [
      'another safe phone: the old one withdrawn',
      { ...was, phone: '07700 900124' },
      { withdrawnNumbers: ['07700900123'], heldChannels: [] },
    ],
    ['no safe phone given any more', { ...was, phone: null }, { withdrawnNumbers: ['07700900123'], heldChannels: [] }],
    [
      'a second number added: nothing withdrawn',
      { ...was, phone: '07700 900123 / 01632 960000' },
      { withdrawnNumbers: [], heldChannels: [] },
    ],
    ['texts no longer safe', { ...was, smsSafe: false }, { withdrawnNumbers: [], heldChannels: ['sms'] }],
    ['voicemail no longer safe', { ...was, voicemailSafe: false }, { withdrawnNumbers: [], heldChannels: ['voicemail'] }],
  ] as const)('%s', (_, now, held) => {
    const r = revisedSafeContact(was, now);
    expect(r && { withdrawnNumbers: r.withdrawnNumbers, heldChannels: r.heldChannels }).toEqual(held);
  });

  it('holds nothing for a change that only allows more, but still reports it', () => {
    const none = { phone: null, smsSafe: false, voicemailSafe: false };
    const r = revisedSafeContact(none, { phone: '07700 900123', smsSafe: true, voicemailSafe: false });
    expect(r).toEqual({
      was: none,
      now: { phone: '07700 900123', smsSafe: true, voicemailSafe: false },
      withdrawnNumbers: [],
      heldChannels: [],
    });
    expect(revisionHolds(r)).toBe(false);
  });

  it('compares a saved plan with what it was saved against, and one that follows the report with every earlier revision', () => {
    const r1 = { phone: '07700 900121', smsSafe: true, voicemailSafe: false };
    const r2 = { phone: '07700 900122', smsSafe: true, voicemailSafe: false };
    const r3 = { phone: '07700 900123', smsSafe: false, voicemailSafe: false };
    // Following the report: numbers any earlier revision gave, and texts any said were safe.
    expect(policeRevision(null, [r1, r2, r3])).toMatchObject({
      was: { phone: '07700900121 / 07700900122', smsSafe: true },
      withdrawnNumbers: ['07700900121', '07700900122'],
      heldChannels: ['sms'],
    });
    expect(policeRevision(null, [r3])).toBeNull();
    expect(policeRevision(null, [])).toBeNull();
    // Saved against r2: only what changed since.
    expect(policeRevision({ policeContact: r2 }, [r1, r2, r3])).toMatchObject({ withdrawnNumbers: ['07700900122'], heldChannels: ['sms'] });
    expect(policeRevision({ policeContact: r3 }, [r1, r2, r3])).toBeNull();
    expect(policeSafeContactOfAll([])).toEqual({ phone: null, smsSafe: false, voicemailSafe: false });
    expect(policeSafeContactOfAll([r1])).toBe(r1);
  });

  it('keeps every number of several revisions, however each was written ("07700/900123", an extension)', () => {
    const slash = { phone: '07700/900123', smsSafe: false, voicemailSafe: false };
    const ext = { phone: '01632 960000 ext 12', smsSafe: false, voicemailSafe: false };
    const later = { phone: '01632 960000 x12', smsSafe: false, voicemailSafe: false };
    expect(policeSafeContactOfAll([slash, ext, later]).phone).toBe('01632960000 / 07700900123');
    // The extension written another way is not a withdrawal; the slashed number is.
    expect(policeRevision(null, [slash, ext, later])?.withdrawnNumbers).toEqual(['07700900123']);
    expect(policeRevision(null, [ext, later])).toBeNull();
  });

  it('reads a report’s safe-contact details (a field not given is not safe)', () => {
    const report = { victim: { safeContact: { phone: ' 07700 900123 ', smsSafe: true } } } as unknown as PoliceReport;
    expect(policeSafeContact(report)).toEqual({ phone: '07700 900123', smsSafe: true, voicemailSafe: false });
    expect(policeSafeContact({ victim: {} } as unknown as PoliceReport)).toEqual({ phone: null, smsSafe: false, voicemailSafe: false });
  });

  it('refuses a withdrawn number or held channel, with nothing an override can let through; the rest go on', () => {
    const plan = { ...PLAN, numbers: [...PLAN.numbers, { number: '07700 900124', owner: 'victim' as const, safe: true }] };
    const ctx: ContactContext = { ...OK_CTX, revision: { withdrawnNumbers: ['07700900123'], heldChannels: ['sms'] } };
    const call = (to: string) => ({ channel: 'call', to, at: TUE_1030_GMT }) as const;
    expect(rules(plan, call('+44 7700 900123'), ctx)).toEqual(['police-revised-contact']);
    expect(rules(plan, call('07700 900124'), ctx)).toEqual([]);
    expect(rules(plan, { ...call('07700 900124'), channel: 'sms' }, ctx)).toEqual(['police-revised-contact']);
    expect(rules(plan, { channel: 'email', to: 'safe@example.org', at: TUE_1030_GMT }, ctx)).toEqual([]);
    // A call that left a voicemail is a voicemail too.
    const voicemail = { ...plan, channels: [...plan.channels, 'voicemail' as const] };
    const held = { ...ctx, revision: { withdrawnNumbers: [], heldChannels: ['voicemail' as const] } };
    expect(rules(voicemail, { ...call('07700 900124'), outcome: 'voicemail-left' }, held)).toEqual(['police-revised-contact']);
    expect(bindingRules(checkContact(plan, call('07700 900123'), ctx), true)).toEqual(['police-revised-contact']);
  });

  it.each(['someone-else-answered', 'wrong-number', 'spoke-not-safe'] as const)(
    'always records a call to a withdrawn number that ended %s (it records that it was not safe)',
    (outcome) => {
      const ctx: ContactContext = { ...OK_CTX, revision: { withdrawnNumbers: ['07700900123'], heldChannels: [] } };
      expect(rules(PLAN, { channel: 'call', to: '07700 900123', at: TUE_1030_GMT, outcome }, ctx)).toEqual([]);
      expect(rules(PLAN, { channel: 'call', to: '07700 900123', at: TUE_1030_GMT, outcome: 'spoke-safe' }, ctx)).toEqual([
        'police-revised-contact',
      ]);
    },
  );
});

describe('phonesIn: the numbers one phone field holds', () => {
  it.each([
    ['07700 900123', ['07700 900123']],
    ['07700 900123 / 01632 960000', ['07700 900123', '01632 960000']],
    ['07700 900123 or 07700 900124', ['07700 900123', '07700 900124']],
    ['Mobile 07700 900123 and home 01632 960000', ['Mobile 07700 900123', 'home 01632 960000']],
    ['07700/900123', ['07700/900123']],
    ['01632 960000, ext 12', ['01632 960000']],
    ['01632 960000 ext 12', ['01632 960000']],
    ['01632 960000 x123', ['01632 960000']],
    ['+44 (0)7700 900123', ['+44 (0)7700 900123']],
    ['N/A', []],
    ['  ', []],
    // Whole numbers written one after another with spaces: cut where exactly one cut gives whole numbers.
    ['07700 900123 07700 900456', ['07700 900123', '07700 900456']],
    ['07700900123 01632960000', ['07700900123', '01632960000']],
    ['07700 900 123 07700 900 456', ['07700 900 123', '07700 900 456']],
    ['+44 7700 900123 +44 7700 900456', ['+44 7700 900123', '+44 7700 900456']],
    ['07700 900123 07700 900456 01632 960000', ['07700 900123', '07700 900456', '01632 960000']],
    ['Mobile 07700 900123 07700 900456 / 01632 960001', ['Mobile 07700 900123', '07700 900456', '01632 960001']],
    ['+353 87 123 4567 07700 900123', ['+353 87 123 4567', '07700 900123']],
    // A "+" starts a number: "…4567 +1" is not one (US numbers of ten digits would otherwise read as UK ones).
    ['+1 5551234567 +1 5559876543', ['+1 5551234567', '+1 5559876543']],
    ['+91 98765 43210 +91 98765 43211', ['+91 98765 43210', '+91 98765 43211']],
    ['07700 900123 (mobile) 01632 960000 (home)', ['07700 900123', '(mobile) 01632 960000 (home)']],
    // One whole number, however it is spaced, is never cut.
    ['07700 900 123', ['07700 900 123']],
    ['0044 7700 900123', ['0044 7700 900123']],
    ['00353 87 123 4567', ['00353 87 123 4567']],
    // Not whole numbers either way: left as written (a typo's extra digits are not guessed at).
    ['07700 9001234 07700 900456', ['07700 9001234 07700 900456']],
    // Two ways to cut into other numbers ("0163296000" + "0 1632960000", or "0163296000 0" + "1632960000"): left.
    ['0163296000 0 1632960000', ['0163296000 0 1632960000']],
  ])('%j → %j', (raw, expected) => {
    expect(phonesIn(raw)).toEqual(expected);
  });
});

describe('shared numbers: the victim’s, but the suspect may answer', () => {
  const plan: SafeContactPlan = {
    ...PLAN,
    numbers: [...PLAN.numbers, { number: '07700 900444', owner: 'victim', safe: true, shared: true }],
    channels: ['call', 'sms', 'voicemail'],
  };
  const at = TUE_1030_GMT;

  it.each([
    ['a call that records “safe to talk: yes”', { channel: 'call', to: '07700 900444', at, safeToTalk: true, outcome: 'spoke-safe' }, []],
    ['a call that records “no”', { channel: 'call', to: '+447700900444', at, safeToTalk: false, outcome: 'spoke-not-safe' }, []],
    ['a call nobody answered (nothing to ask)', { channel: 'call', to: '07700 900444', at, outcome: 'no-answer' }, []],
    ['a call without the answer', { channel: 'call', to: '07700 900444', at, outcome: 'spoke-safe' }, ['shared-number-check']],
    ['a call with no outcome yet', { channel: 'call', to: '07700 900444', at }, ['shared-number-check']],
    [
      'someone else answered, not asked',
      { channel: 'call', to: '07700 900444', at, outcome: 'someone-else-answered' },
      ['shared-number-check'],
    ],
    ['an SMS', { channel: 'sms', to: '07700 900444', at }, ['shared-number-channel']],
    ['a voicemail, even “safe to talk”', { channel: 'voicemail', to: '07700 900444', at, safeToTalk: true }, ['shared-number-channel']],
    ['an SMS to the victim’s own safe number', { channel: 'sms', to: '07700 900123', at }, []],
    ['a call to an unshared safe number needs no answer', { channel: 'call', to: '07700 900123', at }, []],
  ] as const)('%s', (_n, req, expected) => {
    expect(rules(plan, req)).toEqual(expected);
  });

  it('is never enough to make a number safe: an unconfirmed shared number is still not on the plan', () => {
    const unconfirmed: SafeContactPlan = { ...PLAN, numbers: [{ number: '07700 900444', owner: 'victim', safe: false, shared: true }] };
    expect(rules(unconfirmed, { channel: 'call', to: '07700 900444', at, safeToTalk: true })).toEqual(['number-not-on-plan']);
  });

  it('loses to the suspect: a shared number also known as the suspect’s is refused as the suspect’s', () => {
    expect(
      rules(plan, { channel: 'call', to: '07700 900444', at, safeToTalk: true }, { ...OK_CTX, suspectNumbers: ['07700900444'] }),
    ).toEqual(['suspect-number']);
  });

  it('reads old plans (no flag) as not shared, and one shared entry marks the number shared', () => {
    expect(isSharedNumber(PLAN, '07700 900123')).toBe(false);
    const twice: SafeContactPlan = {
      ...PLAN,
      numbers: [
        { number: '07700 900123', owner: 'victim', safe: true },
        { number: '+44 7700 900123', owner: 'victim', safe: false, shared: true },
      ],
    };
    expect(victimNumber(twice, '07700900123')).toEqual({ safe: true, shared: true });
    expect(victimNumber(twice, '07700 900666')).toBeNull();
  });

  it('lets no override past a missing answer or an unreviewed police revision, and only a team lead’s past a suspect’s number', () => {
    expect(NON_OVERRIDABLE_RULES).toEqual(['shared-number-check', 'police-revised-contact']);
    const v = (rule: ContactViolation['rule']): ContactViolation => ({ rule, message: rule });
    const both = [v('suspect-number'), v('outside-safe-window')];
    expect(bindingRules(both, false)).toEqual(['suspect-number']);
    expect(bindingRules(both, true)).toEqual([]);
    expect(bindingRules([v('shared-number-check'), v('suspect-number')], true)).toEqual(['shared-number-check']);
    expect(bindingRules([v('consent-refused')], false)).toEqual([]);
  });
});

describe('“Is it safe to talk now?” settles the outcome', () => {
  it.each([
    ['yes, no outcome given', 'call', true, undefined, 'spoke-safe', []],
    ['no, no outcome given', 'call', false, undefined, 'spoke-not-safe', []],
    ['no: someone else answered', 'call', false, 'someone-else-answered', 'someone-else-answered', []],
    ['no: wrong number', 'call', false, 'wrong-number', 'wrong-number', []],
    ['yes but “not safe”', 'call', true, 'spoke-not-safe', 'spoke-not-safe', ['/outcome']],
    ['no but “spoke safely”', 'call', false, 'spoke-safe', 'spoke-safe', ['/outcome']],
    ['an answer but nobody answered', 'call', true, 'no-answer', 'no-answer', ['/outcome']],
    ['not asked', 'call', undefined, 'no-answer', 'no-answer', []],
    ['not asked, null', 'call', null, null, null, []],
    ['in person', 'in-person', true, undefined, 'spoke-safe', []],
    ['an SMS cannot be asked', 'sms', true, undefined, null, ['/safeToTalk']],
  ] as const)('%s', (_n, channel, safeToTalk, outcome, settled, paths) => {
    const r = settleSafeToTalk(channel, safeToTalk, outcome);
    expect(r.outcome).toBe(settled);
    expect(r.errors.map((e) => e.path)).toEqual(paths);
  });
});

describe('windows past midnight (night workers)', () => {
  const night = [{ days: ['fri'], from: '22:00', to: '02:00' }] as SafeContactPlan['windows'];
  it.each([
    ['Friday 23:00 GMT is inside', '2026-11-27T23:00:00Z', true],
    ['Saturday 01:30 GMT is inside (the Friday window runs on)', '2026-11-28T01:30:00Z', true],
    ['Saturday 02:00 GMT is the end', '2026-11-28T02:00:00Z', false],
    ['Friday 21:59 GMT is before it opens', '2026-11-27T21:59:00Z', false],
    ['Saturday 23:00 is not a Friday', '2026-11-28T23:00:00Z', false],
    ['Friday 00:30 belongs to Thursday night, not Friday', '2026-11-27T00:30:00Z', false],
  ])('%s', (_n, at, inside) => {
    expect(inSafeWindow(at, night)).toBe(inside);
  });
  it('opens next on Friday at 22:00', () => {
    expect(nextSafeWindowStart('2026-11-25T12:00:00Z', night)).toBe('2026-11-27T22:00:00.000Z');
  });
  it('a window may cross midnight but never be empty or start at 24:00', () => {
    expect(isValidWindow({ days: ['fri'], from: '22:00', to: '02:00' })).toBe(true);
    expect(isValidWindow({ days: ['fri'], from: '22:00', to: '22:00' })).toBe(false);
    expect(isValidWindow({ days: ['fri'], from: '24:00', to: '02:00' })).toBe(false);
    expect(isValidWindow({ days: ['fri'], from: '18:00', to: '24:00' })).toBe(true);
  });
});

describe('a number written with a note, a stray prefix or a second number is still the suspect’s (session 48)', () => {
  const withTimes = (plan: SafeContactPlan): SafeContactPlan => ({ ...plan, timeRule: 'any' });
  const report = (safe: string, suspect: string) =>
    ({
      victim: { firstName: 'A', lastName: 'B', safeContact: { phone: safe, smsSafe: true, voicemailSafe: true } },
      suspect: { firstName: 'C', lastName: 'D', phone: suspect },
    }) as unknown as PoliceReport;
  it.each([
    '07700 900123 (2nd phone)',
    '2nd mob 07700 900123',
    '07700 900123 after 6pm',
    '07700 900123 (since 2024)',
    '44 (0)7700 900123',
    '+07700 900123',
    '07700 900123 ext 2 / 07700 900456',
  ])('his field %j blocks a call, a text and a voicemail to 07700 900123', (his) => {
    for (const channel of ['call', 'sms', 'voicemail'] as const)
      expect(rules(withTimes(planFromReport(report('07700 900123', his))), { channel, to: '07700 900123', at: TUE_1030_GMT })).toContain(
        'suspect-number',
      );
    // Through the context too (suspect numbers another report or plan of hers gave).
    expect(
      rules(withTimes(PLAN), { channel: 'call', to: '07700 900123', at: TUE_1030_GMT }, { ...OK_CTX, suspectNumbers: [his] }),
    ).toContain('suspect-number');
  });

  it('her safe field written with a note while he holds the number: never safe, and dialling it as written is refused', () => {
    const plan = withTimes(planFromReport(report('07700 900123 after 6pm', '07700 900123')));
    expect(plan.numbers.filter((n) => n.owner === 'victim' && n.safe)).toEqual([]);
    expect(rules(plan, { channel: 'call', to: '07700 900123 after 6pm', at: TUE_1030_GMT })).toContain('suspect-number');
  });

  it('a safe field that says more than its number is listed for a caseworker to confirm, not taken as safe', () => {
    for (const field of ['07700900123 - DO NOT USE', '07700900123 (his phone)', 'NOT 07700 900123', '07700 900123 (2nd phone)']) {
      expect(phoneFieldHasNote(field)).toBe(true);
      const plan = withTimes(planFromReport(report(field, '07700 900999')));
      expect(plan.numbers[0]).toMatchObject({ owner: 'victim', safe: false, label: SAFE_PHONE_WITH_NOTE_LABEL });
      expect(rules(plan, { channel: 'sms', to: field, at: TUE_1030_GMT })).toContain('number-not-on-plan');
    }
    for (const field of ['07700 900123', 'Mob: 07700 900123', '07700 900123 (mobile)', 'tel 01632 960000 ext 12']) {
      expect(phoneFieldHasNote(field)).toBe(false);
      expect(planFromReport(report(field, '07700 900999')).numbers[0]).toMatchObject({ owner: 'victim', safe: true });
    }
  });

  it('a police revision that adds words to her safe number holds it until the plan is reviewed', () => {
    const r = revisedSafeContact(
      { phone: '07700 900123', smsSafe: true, voicemailSafe: false },
      { phone: '07700900123 SUSPECT HAS IT', smsSafe: true, voicemailSafe: false },
    );
    expect(r?.withdrawnNumbers).toEqual(['07700900123']);
    expect(sameNumbers('07700 900123', '+44 7700 900123')).toBe(true);
    expect(
      revisedSafeContact(
        { phone: '07700 900123', smsSafe: true, voicemailSafe: false },
        { phone: '07700900123 (his now)', smsSafe: true, voicemailSafe: false },
      )?.withdrawnNumbers,
    ).toEqual(['07700900123']);
    // A note the earlier revisions carried too, or one that is no warning, is no change (combined revisions keep
    // numbers only: policeSafeContactOfAll).
    const sister = { phone: "07700 900123 (sister's phone)", smsSafe: true, voicemailSafe: false };
    expect(policeRevision(null, [sister, sister, sister])).toBeNull();
    expect(revisedSafeContact(sister, sister)).toBeNull();
    expect(revisedSafeContact({ ...sister, phone: '07700900123 NOT SAFE' }, { ...sister, phone: '07700900123 NOT SAFE' })).toBeNull();
  });

  it('a number named in the note of an old safe entry is not the safe one', () => {
    const plan: SafeContactPlan = {
      ...PLAN,
      timeRule: 'any',
      numbers: [{ number: '07700 900123 (not 07700 900456, his)', owner: 'victim', safe: true }],
    };
    expect(victimNumber(plan, '07700 900456')?.safe ?? false).toBe(false);
    expect(rules(plan, { channel: 'sms', to: '07700 900456', at: TUE_1030_GMT })).toContain('number-not-on-plan');
  });

  it('a phone marked shared is seen however its entry is written', () => {
    for (const entry of ['07700 900123 / 01923 123456', '07700 900123 ext 2', '07700 900123 (2nd phone, he checks it)']) {
      const plan: SafeContactPlan = {
        ...PLAN,
        timeRule: 'any',
        numbers: [
          { number: '07700 900123', owner: 'victim', safe: true },
          { number: entry, owner: 'victim', safe: false, shared: true },
        ],
      };
      expect(victimNumber(plan, '07700 900123')).toEqual({ safe: true, shared: true });
      expect(rules(plan, { channel: 'sms', to: '07700 900123', at: TUE_1030_GMT })).toContain('shared-number-channel');
    }
  });

  it('keysMayMatch: equal, or one holding the other from 7 digits; never two numbers a digit apart', () => {
    expect(keysMayMatch('07700900123', '077009001232')).toBe(true);
    expect(keysMayMatch('4960000', '01614960000')).toBe(true);
    expect(keysMayMatch('07700900123', '07700900124')).toBe(false);
    expect(keysMayMatch('123456', '0123456789')).toBe(false);
    expect(keysMayMatch('', '07700900123')).toBe(false);
  });
});

describe('plan from the police report', () => {
  const report = (safeContact?: object) =>
    ({
      victim: { firstName: 'A', lastName: 'B', phone: '07700 900111', ...(safeContact ? { safeContact } : {}) },
    }) as unknown as PoliceReport;

  it('no safeContact: nothing is known to be safe', () => {
    const plan = planFromReport(report());
    expect(plan.channels).toEqual([]);
    expect(plan.numbers).toEqual([{ number: '07700 900111', owner: 'victim', safe: false, label: expect.any(String) }]);
  });

  it('the safe phone is the safe number; smsSafe and voicemailSafe allow those channels', () => {
    const plan = planFromReport(
      report({ phone: '07700 900222', smsSafe: true, voicemailSafe: false, safeTimes: 'weekdays 09:30-14:30 only' }),
    );
    expect(plan.channels).toEqual(['call', 'sms']);
    expect(plan.numbers[0]).toMatchObject({ number: '07700 900222', owner: 'victim', safe: true });
  });

  it('the officer’s safe times are a suggestion: no time is safe until a caseworker confirms them', () => {
    const plan = planFromReport(report({ phone: '07700 900222', safeTimes: 'weekdays 09:30-14:30 only' }));
    expect(plan).toMatchObject({ timeRule: 'unknown', windows: [], safeTimesText: 'weekdays 09:30-14:30 only' });
    expect(rules(plan, { channel: 'call', to: '07700 900222', at: TUE_1030_GMT })).toEqual(['safe-times-unconfirmed']);
    expect(planFromReport(report({ phone: '07700 900222', safeTimes: 'any time' })).timeRule).toBe('unknown');
    // No times from the officer is not "any time": nobody said so, so nothing is safe until a caseworker records it.
    expect(planFromReport(report({ phone: '07700 900222' })).timeRule).toBe('unknown');
  });

  it('puts the suspect’s known phone on the plan as the suspect’s, so contact to it is refused', () => {
    const withSuspect = (phone: string) =>
      ({
        ...report({ phone: '07700 900222', smsSafe: true }),
        suspect: { firstName: 'C', phone },
      }) as unknown as PoliceReport;
    const plan = planFromReport(withSuspect('07700 900666'));
    expect(plan.numbers.filter((n) => n.owner === 'suspect')).toEqual([
      { number: '07700 900666', owner: 'suspect', safe: false, label: expect.any(String) },
    ]);
    expect(rules(plan, { channel: 'call', to: '+44 7700 900666', at: TUE_1030_GMT })).toContain('suspect-number');
    // The victim's safe number is refused only for want of confirmed times, as every number is until then.
    expect(rules(plan, { channel: 'sms', to: '07700 900222', at: TUE_1030_GMT })).toEqual(['safe-times-unconfirmed']);
    expect(rules({ ...plan, timeRule: 'any' }, { channel: 'sms', to: '07700 900222', at: TUE_1030_GMT })).toEqual([]);
    // The victim's phone turns out to be the suspect's too: shared, so never called.
    const shared = planFromReport(withSuspect('07700 900111'));
    expect(rules(shared, { channel: 'call', to: '07700 900111', at: TUE_1030_GMT })).toContain('suspect-number');
    expect(planFromReport(withSuspect('  ')).numbers.some((n) => n.owner === 'suspect')).toBe(false);
  });

  it('checks a call that left a voicemail as both: where calls are not safe it is refused though voicemail is', () => {
    const plan: SafeContactPlan = { ...PLAN, channels: ['sms', 'voicemail'] };
    expect(rules(plan, { channel: 'call', to: '07700 900123', at: TUE_1030_GMT, outcome: 'voicemail-left' })).toEqual([
      'channel-not-allowed',
    ]);
    expect(
      rules(
        { ...PLAN, channels: ['call', 'voicemail'] },
        { channel: 'call', to: '07700 900123', at: TUE_1030_GMT, outcome: 'voicemail-left' },
      ),
    ).toEqual([]);
  });

  it('keeps a single safe number as written, its extension with it', () => {
    const plan = planFromReport(report({ phone: '01632 960000 ext 12' }));
    expect(plan.numbers.filter((n) => n.safe).map((n) => n.number)).toEqual(['01632 960000 ext 12']);
  });

  it('lists each number of a two-number safe phone on its own, and never one that is the suspect’s as safe', () => {
    const r = {
      ...report({ phone: '07700 900222 or 07700 900666' }),
      suspect: { firstName: 'C', phone: '07700 900666' },
    } as unknown as PoliceReport;
    const plan = planFromReport(r);
    expect(plan.numbers.filter((n) => n.owner === 'victim' && n.safe).map((n) => n.number)).toEqual(['07700 900222']);
    expect(rules({ ...plan, timeRule: 'any' }, { channel: 'call', to: '07700 900666', at: TUE_1030_GMT })).toContain('suspect-number');
    expect(rules({ ...plan, timeRule: 'any' }, { channel: 'call', to: '07700 900222', at: TUE_1030_GMT })).toEqual([]);
  });
});

describe('case lifecycle', () => {
  it('has a row for every status', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
  });
  it.each([
    ['new', 'triage', true],
    ['triage', 'contacting', true],
    ['contacting', 'assessment', true],
    ['assessment', 'support', true],
    ['support', 'closed', true],
    ['contacting', 'unable-to-contact', true],
    ['contacting', 'declined', true],
    ['new', 'support', false],
    ['closed', 'support', false],
    ['closed', 'triage', true],
    ['unable-to-contact', 'triage', true],
    ['declined', 'contacting', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });
  it('needs a reason to close or reopen', () => {
    expect(needsReason('support', 'closed')).toBe(true);
    expect(isReopen('closed', 'triage')).toBe(true);
    expect(needsReason('new', 'triage')).toBe(false);
  });
});

describe('suggest unable-to-contact', () => {
  const a = (outcome: string, attemptedAt: string) => ({ outcome, attemptedAt });
  it.each([
    ['two failures', [a('no-answer', '2026-11-23T10:00:00Z'), a('no-answer', '2026-11-24T10:00:00Z')], false],
    [
      'three failures on one day',
      [a('no-answer', '2026-11-23T09:00:00Z'), a('no-answer', '2026-11-23T12:00:00Z'), a('voicemail-left', '2026-11-23T15:00:00Z')],
      false,
    ],
    [
      'three failures over two days',
      [a('no-answer', '2026-11-23T09:00:00Z'), a('wrong-number', '2026-11-23T12:00:00Z'), a('no-answer', '2026-11-24T15:00:00Z')],
      true,
    ],
    [
      '23:30Z in BST is the next London day',
      [a('no-answer', '2026-06-10T22:30:00Z'), a('no-answer', '2026-06-10T23:30:00Z'), a('no-answer', '2026-06-10T12:00:00Z')],
      true,
    ],
    [
      'a safe conversation ends it',
      [
        a('no-answer', '2026-11-23T09:00:00Z'),
        a('no-answer', '2026-11-24T09:00:00Z'),
        a('no-answer', '2026-11-25T09:00:00Z'),
        a('spoke-safe', '2026-11-26T09:00:00Z'),
      ],
      false,
    ],
    [
      'someone else answering is not a plain failure',
      [a('someone-else-answered', '2026-11-23T09:00:00Z'), a('no-answer', '2026-11-24T09:00:00Z'), a('no-answer', '2026-11-24T12:00:00Z')],
      false,
    ],
  ])('%s', (_n, attempts, suggest) => {
    expect(suggestUnableToContact(attempts).suggest).toBe(suggest);
  });
});
