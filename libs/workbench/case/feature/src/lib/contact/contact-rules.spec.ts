import { describe, expect, it } from 'vitest';
import type { SafeContactPlan } from '@lantern/shared/domain';
import { asksSafeToTalk, channelNeedsTo, channelOptions, contactViolations, defaultDraft, nextSafeTime, toOptions } from './contact-rules';

const plan: SafeContactPlan = {
  numbers: [
    { number: '07700 900777', owner: 'victim', safe: true, label: 'Safe number (police report)' },
    { number: '07700 900111', owner: 'victim', safe: false },
    { number: '07700 900666', owner: 'suspect', safe: false },
    { number: '07700 900222', owner: 'other', safe: false, label: 'Sister' },
  ],
  emails: ['victim@example.org'],
  windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
  channels: ['call', 'sms'],
  codeWord: 'bluebell',
  safeTimesText: 'Tuesdays and Thursdays 10:00-12:00',
  timeRule: 'windows',
  notes: null,
};
const view = { plan, consentToContact: 'given' as const, contactPaused: false };
const WED_1030 = Date.parse('2026-11-25T10:30:00Z');
const THU_1030 = Date.parse('2026-11-26T10:30:00Z');

describe('channel and destination choices', () => {
  it('offers the plan’s channels as normal choices and the rest for overrides only', () => {
    const { allowed, others } = channelOptions(plan);
    expect(allowed.map((o) => o.channel)).toEqual(['call', 'sms']);
    expect(others.map((o) => o.channel)).toEqual(['voicemail', 'email', 'letter', 'in-person']);
  });

  it('offers safe victim numbers normally, never a suspect’s number', () => {
    const { safe, others } = toOptions(plan, 'call');
    expect(safe.map((o) => o.value)).toEqual(['07700 900777']);
    expect(others.map((o) => o.value)).toEqual(['07700 900111', '07700 900222']);
    expect([...safe, ...others].some((o) => o.value === '07700 900666')).toBe(false);
    expect(others[0].label).toMatch(/not confirmed safe/);
    expect(toOptions(plan, 'email').safe.map((o) => o.value)).toEqual(['victim@example.org']);
    expect(toOptions(plan, 'letter')).toEqual({ safe: [], others: [] });
    expect(channelNeedsTo('letter')).toBe(false);
    expect(channelNeedsTo('sms')).toBe(true);
  });

  it('starts from the first allowed channel and its safe number', () => {
    expect(defaultDraft(plan)).toEqual({ channel: 'call', to: '07700 900777' });
    expect(defaultDraft({ ...plan, channels: [] })).toEqual({ channel: null, to: null });
  });
});

describe('shared numbers and numbers known as the suspect’s', () => {
  const shared: SafeContactPlan = {
    ...plan,
    numbers: [...plan.numbers, { number: '07700 900333', owner: 'victim', safe: true, shared: true, label: 'Family landline' }],
  };

  it('offers a shared number for a call (ask first), and for texts only as an override', () => {
    expect(toOptions(shared, 'call').safe.map((o) => o.label)).toEqual([
      '07700 900777 — Safe number (police report)',
      '07700 900333 — Family landline (shared: ask first)',
    ]);
    expect(toOptions(shared, 'sms').safe.map((o) => o.value)).toEqual(['07700 900777']);
    expect(toOptions(shared, 'sms').others.map((o) => o.label)).toContain('07700 900333 — Family landline (shared: calls only)');
    expect(asksSafeToTalk(shared, { channel: 'call', to: '+44 7700 900333' })).toBe(true);
    expect(asksSafeToTalk(shared, { channel: 'call', to: '07700 900777' })).toBe(false);
    expect(asksSafeToTalk(shared, { channel: 'sms', to: '07700 900333' })).toBe(false);
  });

  it('needs the answer on a shared number, and refuses texts to it', () => {
    const v = { ...view, plan: shared };
    const rules = (draft: Parameters<typeof contactViolations>[1]) => contactViolations(v, draft, THU_1030).map((x) => x.rule);
    expect(rules({ channel: 'call', to: '07700 900333' })).toEqual(['shared-number-check']);
    expect(rules({ channel: 'call', to: '07700 900333', safeToTalk: false, outcome: 'spoke-not-safe' })).toEqual([]);
    expect(rules({ channel: 'call', to: '07700 900333', outcome: 'no-answer' })).toEqual([]);
    expect(rules({ channel: 'sms', to: '07700 900333' })).toEqual(['shared-number-channel']);
  });

  it('never offers a number known elsewhere as the suspect’s, and names the rule', () => {
    expect(toOptions(plan, 'call', ['07700900777']).safe).toEqual([]);
    expect(
      contactViolations({ ...view, suspectNumbers: ['07700900777'] }, { channel: 'call', to: '07700 900777' }, THU_1030).map((x) => x.rule),
    ).toEqual(['suspect-number']);
  });
});

describe('contactViolations (the API’s rules, checked before sending)', () => {
  it('is clear inside a safe window, on a safe number, by an allowed channel', () => {
    expect(contactViolations(view, { channel: 'call', to: '07700 900777' }, THU_1030)).toEqual([]);
  });

  it('names each rule broken', () => {
    expect(contactViolations(view, { channel: 'call', to: '07700 900777' }, WED_1030).map((v) => v.rule)).toEqual(['outside-safe-window']);
    expect(contactViolations(view, { channel: 'voicemail', to: '07700 900111' }, THU_1030).map((v) => v.rule)).toEqual([
      'channel-not-allowed',
      'number-not-on-plan',
    ]);
    expect(contactViolations(view, { channel: 'call', to: '+44 7700 900666' }, THU_1030).map((v) => v.rule)).toEqual(['suspect-number']);
    expect(
      contactViolations(
        { ...view, contactPaused: true, consentToContact: 'refused' },
        { channel: 'call', to: '07700 900777' },
        THU_1030,
      ).map((v) => v.rule),
    ).toEqual(['consent-refused', 'contact-paused']);
    expect(
      contactViolations({ ...view, plan: { ...plan, timeRule: 'unknown' } }, { channel: 'call', to: '07700 900777' }, THU_1030)[0],
    ).toMatchObject({
      rule: 'safe-times-unconfirmed',
      message: 'The victim’s safe times are not confirmed yet: confirm the suggested times or record them.',
    });
  });

  it('says when the next safe time is', () => {
    expect(nextSafeTime(plan, WED_1030)).toBe('2026-11-26T10:00:00.000Z');
    expect(nextSafeTime({ ...plan, timeRule: 'any' }, WED_1030)).toBeNull();
  });
});
