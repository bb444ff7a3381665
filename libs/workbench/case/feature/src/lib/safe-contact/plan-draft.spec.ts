import { describe, expect, it } from 'vitest';
import type { SafeContactPlan } from '@lantern/shared/domain';
import { draftFromPlan, draftProblems, planFromDraft } from './plan-draft';

const plan: SafeContactPlan = {
  numbers: [{ number: '07700 900777', owner: 'victim', safe: true, label: 'Safe number (police report)' }],
  emails: [],
  windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
  channels: ['call', 'sms'],
  codeWord: null,
  safeTimesText: 'Tuesdays and Thursdays 10:00-12:00',
  timeRule: 'windows',
  notes: null,
};

describe('plan draft', () => {
  it('round-trips a plan, leaving the time rule and the officer’s words to the server', () => {
    const { timeRule, safeTimesText, ...rest } = plan;
    void timeRule;
    void safeTimesText;
    expect(planFromDraft(draftFromPlan(plan), plan)).toEqual(rest);
  });

  it('never confirms times: an unconfirmed plan is saved with no time rule and no windows', () => {
    const unknown: SafeContactPlan = { ...plan, timeRule: 'unknown', windows: [] };
    const saved = planFromDraft(draftFromPlan(unknown), unknown);
    expect(saved.timeRule).toBeUndefined();
    expect(saved.windows).toEqual([]);
    expect(draftProblems(draftFromPlan(unknown))).toEqual([]);
  });

  it('sends the times as they are when saving, not as they were when the editor opened', () => {
    const draft = draftFromPlan({ ...plan, timeRule: 'unknown', windows: [] });
    expect(planFromDraft(draft, plan).windows).toEqual(plan.windows);
  });

  it('never saves a suspect’s number as safe, and trims what was typed', () => {
    const draft = draftFromPlan(plan);
    draft.numbers.push({ number: ' 07700 900666 ', owner: 'suspect', safe: true, label: ' ' });
    draft.codeWord = '  bluebell ';
    expect(draftProblems(draft).map((p) => p.target)).toEqual(['numbers.1.safe']);
    const saved = planFromDraft(draft, plan);
    expect(saved.numbers[1]).toEqual({ number: '07700 900666', owner: 'suspect', safe: false });
    expect(saved.codeWord).toBe('bluebell');
  });

  it('checks numbers and emails as the API does', () => {
    const draft = draftFromPlan(plan);
    draft.numbers.push({ number: 'call me', owner: 'victim', safe: true, label: '' });
    draft.emails.push('not-an-email');
    expect(draftProblems(draft).map((p) => p.target)).toEqual(['numbers.1.number', 'emails.0']);
  });
});
