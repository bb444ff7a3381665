import { describe, expect, it } from 'vitest';
import { consentDraftErrors, consentSource, consentStatusFor, consentTone, methodForChannel, spokeSafely } from './consent-rules';

describe('consent words', () => {
  it('says where the value in force came from', () => {
    expect(consentSource({ value: 'refused', source: 'police', method: null, by: null, at: null })).toBe(
      'Police report (what they told the officer)',
    );
    expect(
      consentSource({
        value: 'given',
        source: 'hub',
        method: 'phone',
        by: { id: 'u1', displayName: 'Sam Carter' },
        at: '2026-11-24T10:05:00.000Z',
      }),
    ).toMatch(/^Recorded by Sam Carter, .*10:05, by phone$/);
    // A refusal told to the police on another of her cases: recorded by no one at the hub.
    expect(consentSource({ value: 'refused', source: 'hub', method: 'police-report', by: null, at: '2026-11-24T10:05:00.000Z' })).toMatch(
      /^Police report on another of their cases \(what they told the officer\), .*10:05$/,
    );
  });

  it.each([
    ['given', 'yes'],
    ['refused', 'no'],
    ['withdrawn', 'no'],
    ['not-asked', 'unknown'],
  ] as const)('%s is shown as %s', (value, tone) => {
    expect(consentTone(value)).toBe(tone);
  });

  it.each([
    ['call', 'phone'],
    ['voicemail', 'phone'],
    ['in-person', 'in-person'],
    ['email', 'written'],
    [null, 'phone'],
  ] as const)('a conversation by %s is recorded as %s', (channel, method) => {
    expect(methodForChannel(channel)).toBe(method);
  });

  it('needs an answer to at least one question, and how it was heard', () => {
    expect(consentDraftErrors({ contact: null, sharing: null, method: null, note: '' })).toEqual({
      answer: 'Record what they said about contact, sharing, or both.',
      method: 'Say how they told you.',
    });
    expect(consentDraftErrors({ contact: null, sharing: 'withdrawn', method: 'phone', note: '' })).toEqual({});
  });

  it.each([
    [{ outcome: 'spoke-safe', safeToTalk: null }, true],
    [{ outcome: 'spoke-safe', safeToTalk: true }, true],
    // "Is it safe to talk now?" answered yes on a shared number: the moment to ask about consent too.
    [{ outcome: null, safeToTalk: true }, true],
    [{ outcome: 'spoke-not-safe', safeToTalk: false }, false],
    [{ outcome: 'someone-else-answered', safeToTalk: false }, false],
    [{ outcome: 'no-answer', safeToTalk: null }, false],
    [{ outcome: null, safeToTalk: null }, false],
  ] as const)('asks about consent after %o: %s', (a, expected) => {
    expect(spokeSafely(a)).toBe(expected);
  });
});

describe('consentStatusFor', () => {
  const done = { from: 'contact', recordedAt: '2026-12-06T10:00:00Z', pending: false };
  it('says it was recorded only on the panel it was asked from, once it went through', () => {
    expect(consentStatusFor(done, 'contact')).toBe('Consent recorded.');
    expect(consentStatusFor(done, 'summary')).toBe('');
    expect(consentStatusFor({ ...done, pending: true }, 'contact')).toBe('');
  });
  it('names how many other cases of the victim a "no" reached', () => {
    expect(consentStatusFor({ ...done, alsoRecordedOn: 1 }, 'contact')).toBe(
      'Consent recorded. The “no” is recorded on the victim’s other case too.',
    );
    expect(consentStatusFor({ ...done, alsoRecordedOn: 3 }, 'contact')).toBe(
      'Consent recorded. The “no” is recorded on the victim’s 3 other cases too.',
    );
  });
});
