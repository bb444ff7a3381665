import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_CALENDAR, type SafeContactPlan } from '@lantern/shared/domain';
import { callbackProblems, isoToLondon, londonToIso, suggestCallbackTimes } from './callback-rules';

const plan: Pick<SafeContactPlan, 'timeRule' | 'windows'> = {
  timeRule: 'windows',
  windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
};
const cal = DEFAULT_HUB_CALENDAR;
const WED_1030 = Date.parse('2026-11-25T10:30:00Z');

describe('call-back times', () => {
  it('reads London wall-clock times, across the clocks changing', () => {
    expect(londonToIso('2026-11-26', '10:15')).toBe('2026-11-26T10:15:00Z');
    expect(londonToIso('2026-07-02', '10:15')).toBe('2026-07-02T09:15:00Z');
    expect(londonToIso('2026-11-26', '25:00')).toBeNull();
    expect(isoToLondon('2026-07-02T09:15:00Z')).toEqual({ date: '2026-07-02', time: '10:15' });
  });

  it('applies the API’s rules: safe times and staffed hours (and not in the past)', () => {
    expect(callbackProblems(plan, cal, '2026-11-26T10:15:00Z', WED_1030)).toEqual([]);
    expect(callbackProblems(plan, cal, '2026-11-25T11:00:00Z', WED_1030)).toEqual(['outside-safe-window']);
    expect(callbackProblems({ timeRule: 'any', windows: [] }, cal, '2026-11-26T21:00:00Z', WED_1030)).toEqual(['outside-staffed-hours']);
    expect(callbackProblems(plan, cal, '2026-11-24T10:15:00Z', WED_1030)).toEqual(['in-the-past']);
    expect(callbackProblems({ timeRule: 'unknown', windows: [] }, cal, '2026-11-26T10:15:00Z', WED_1030)).toEqual([
      'safe-times-unconfirmed',
    ]);
  });

  it('refuses, as the API does, while she says no to contact or contact is paused, and suggests no time', () => {
    const due = '2026-11-26T10:15:00Z';
    expect(callbackProblems(plan, cal, due, WED_1030, null, { consentToContact: 'withdrawn', contactPaused: false })).toEqual([
      'consent-refused',
    ]);
    expect(callbackProblems(plan, cal, due, WED_1030, null, { consentToContact: 'given', contactPaused: true })).toEqual([
      'contact-paused',
    ]);
    expect(callbackProblems(plan, cal, due, WED_1030, null, { consentToContact: 'given', contactPaused: false })).toEqual([]);
    expect(suggestCallbackTimes(plan, cal, WED_1030, 3, null, { consentToContact: 'refused', contactPaused: false })).toEqual([]);
    expect(suggestCallbackTimes(plan, cal, WED_1030, 3, null, { consentToContact: 'not-asked', contactPaused: true })).toEqual([]);
    expect(suggestCallbackTimes(plan, cal, WED_1030, 3, null, { consentToContact: 'not-asked', contactPaused: false })).not.toEqual([]);
  });

  it('suggests the first possible moment of the next safe days', () => {
    expect(suggestCallbackTimes(plan, cal, WED_1030)).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
      '2026-12-03T10:00:00.000Z',
    ]);
    expect(suggestCallbackTimes({ timeRule: 'unknown', windows: [] }, cal, WED_1030)).toEqual([]);
    // A rule it does not know is unconfirmed, as the API reads it: never "any time".
    const odd = { timeRule: 'anytime', windows: [] } as unknown as Pick<SafeContactPlan, 'timeRule' | 'windows'>;
    expect(suggestCallbackTimes(odd, cal, WED_1030)).toEqual([]);
    expect(callbackProblems(odd, cal, '2026-11-26T10:15:00Z', WED_1030)).toEqual(['safe-times-unconfirmed']);
  });

  it('refuses and suggests nothing while a police revision has withdrawn a safe number, as the API does', () => {
    const revision = { withdrawnNumbers: ['07700900123'] };
    expect(callbackProblems(plan, cal, '2026-11-26T10:15:00Z', WED_1030, revision)).toEqual(['police-revised-contact']);
    expect(suggestCallbackTimes(plan, cal, WED_1030, 3, revision)).toEqual([]);
    expect(callbackProblems(plan, cal, '2026-11-26T10:15:00Z', WED_1030, { withdrawnNumbers: [] })).toEqual([]);
  });
});
