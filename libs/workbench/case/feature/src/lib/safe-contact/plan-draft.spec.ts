import { describe, expect, it } from 'vitest';
import type { SafeContactPlan } from '@lantern/shared/domain';
import { describeRevisedContact, draftFromPlan, draftProblems, planFromDraft } from './plan-draft';

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
    draft.numbers.push({ number: ' 07700 900666 ', owner: 'suspect', safe: true, shared: true, label: ' ' });
    draft.codeWord = '  bluebell ';
    expect(draftProblems(draft).map((p) => p.target)).toEqual(['numbers.1.safe']);
    const saved = planFromDraft(draft, plan);
    expect(saved.numbers[1]).toEqual({ number: '07700 900666', owner: 'suspect', safe: false });
    expect(saved.codeWord).toBe('bluebell');
  });

  it('checks numbers and emails as the API does', () => {
    const draft = draftFromPlan(plan);
    draft.numbers.push({ number: 'call me', owner: 'victim', safe: true, shared: false, label: '' });
    draft.emails.push('not-an-email');
    expect(draftProblems(draft).map((p) => p.target)).toEqual(['numbers.1.number', 'emails.0']);
  });

  it('keeps the shared flag for the victim’s numbers only', () => {
    const shared: SafeContactPlan = {
      ...plan,
      numbers: [...plan.numbers, { number: '07700 900778', owner: 'victim', safe: true, shared: true, label: 'Family landline' }],
    };
    expect(planFromDraft(draftFromPlan(shared), shared).numbers).toEqual(shared.numbers);
    const draft = draftFromPlan(shared);
    draft.numbers[1].owner = 'other';
    expect(planFromDraft(draft, shared).numbers[1]).toEqual({
      number: '07700 900778',
      owner: 'other',
      safe: true,
      label: 'Family landline',
    });
  });

  it('refuses a number known to be the suspect’s as safe or shared', () => {
    const draft = draftFromPlan(plan);
    draft.numbers.push({ number: '07700 900779', owner: 'victim', safe: false, shared: true, label: '' });
    expect(draftProblems(draft, ['07700900777', '07700900779']).map((p) => p.target)).toEqual(['numbers.0.safe', 'numbers.1.shared']);
    draft.numbers.push({ number: '+44 7700 900777', owner: 'suspect', safe: false, shared: false, label: '' });
    expect(draftProblems(draft).map((p) => p.target)).toEqual(['numbers.0.safe']);
  });
});

describe('a police revision of the safe-contact details, in words', () => {
  const was = { phone: '07700 900621', smsSafe: true, voicemailSafe: true };
  it('names each change and what it holds', () => {
    expect(
      describeRevisedContact({ was, now: { ...was, phone: '07700 900622' }, withdrawnNumbers: ['07700900621'], heldChannels: [] }),
    ).toEqual({
      changes: ['Safe phone: 07700 900621 → 07700 900622'],
      held: ['Calls, texts and voicemail to 07700 900621 are blocked'],
    });
    expect(
      describeRevisedContact({
        was,
        now: { phone: null, smsSafe: false, voicemailSafe: false },
        withdrawnNumbers: ['07700900621'],
        heldChannels: ['sms', 'voicemail'],
      }),
    ).toEqual({
      changes: ['Safe phone: 07700 900621 → none given', 'Texts: safe → not safe', 'Voicemail: safe → not safe'],
      held: ['Calls, texts and voicemail to 07700 900621 are blocked', 'Texts and voicemail are blocked'],
    });
    const two = { ...was, phone: '07700 900621 / 01632 960621' };
    expect(
      describeRevisedContact({ was: two, now: { ...was, phone: null }, withdrawnNumbers: ['07700900621', '01632960621'], heldChannels: [] })
        .held,
    ).toEqual(['Calls, texts and voicemail to 07700 900621 and 01632 960621 are blocked']);
  });

  it('says "is" of voicemail alone', () => {
    expect(
      describeRevisedContact({ was, now: { ...was, voicemailSafe: false }, withdrawnNumbers: [], heldChannels: ['voicemail'] }).held,
    ).toEqual(['Voicemail is blocked']);
  });

  it('holds nothing for a change that allows more, and does not call a number written another way a change', () => {
    const none = { phone: '+44 7700 900621', smsSafe: false, voicemailSafe: true };
    expect(describeRevisedContact({ was: none, now: { ...was }, withdrawnNumbers: [], heldChannels: [] })).toEqual({
      changes: ['Texts: not safe → safe'],
      held: [],
    });
  });
});
