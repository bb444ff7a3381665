import { describe, expect, it } from 'vitest';
import {
  agreementApplies,
  checkAgreedWithPolice,
  checklistCompleteness,
  combineRisk,
  higherGrade,
  missingRicAnswers,
  policeRaise,
  policeRisk,
  type PoliceRisk,
} from './police-risk';
import type { DashAnswers, RiskGrade } from './report';
import { assessRisk, RIC_QUESTIONS, type MaracContext } from './risk';

const CTX: MaracContext = {
  incidentAt: '2026-11-20T22:00:00Z',
  previousIncidents12Months: 0,
  linkedIncidentsAt: [],
  lastMaracReferralAt: null,
};

/** `n` RIC "yes", the rest "no"; police-only q10–q12 all "yes" (they must never count). */
function yes(n: number): DashAnswers {
  const a: DashAnswers = { q10: 'yes', q11: 'yes', q12: 'yes' };
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return a;
}

const ALL_NO = yes(0);

describe('the police grade', () => {
  it.each([
    // tool, officer grade, police DASH RIC yes-count, → police grade, score, reasons
    ['dash', 'standard', 13, 'medium', 13, []],
    ['dash', 'standard', 14, 'high', 14, ['visible-high-risk']],
    ['dash', 'medium', 9, 'medium', 9, []],
    ['dash', 'standard', 10, 'medium', 10, []],
    ['dash', 'high', 0, 'high', 0, ['police-high-risk']],
    ['dash', 'high', 24, 'high', 24, ['visible-high-risk', 'police-high-risk']],
    ['dara', 'high', null, 'high', null, ['police-high-risk']],
    ['dara', 'medium', null, 'medium', null, []],
    ['judgement', 'high', null, 'high', null, ['police-high-risk']],
    ['judgement', 'standard', null, 'standard', null, []],
  ] as const)('%s graded %s with %s RIC yes → %s', (tool, officer, n, grade, score, reasons) => {
    const p = policeRisk({ officerGrade: officer, tool, dash: n === null ? undefined : yes(n) });
    expect(p).toEqual({ grade, score, reasons });
  });

  it('counts only the 24 RIC questions: police q10–q12 never count', () => {
    const dash: DashAnswers = { ...yes(13), q10: 'yes', q11: 'yes', q12: 'yes' };
    expect(policeRisk({ officerGrade: 'standard', tool: 'dash', dash })).toMatchObject({ score: 13, grade: 'medium', reasons: [] });
  });

  it('takes the high band from configuration', () => {
    expect(policeRisk({ officerGrade: 'standard', tool: 'dash', dash: yes(12) }, { high: 12, medium: 8 })).toMatchObject({
      grade: 'high',
      reasons: ['visible-high-risk'],
    });
  });

  it('has no score without a police DASH, and no grade without any police assessment', () => {
    expect(policeRisk({ officerGrade: null, tool: null })).toEqual({ grade: null, score: null, reasons: [] });
    expect(policeRisk({ officerGrade: 'medium', tool: 'dash', dash: {} })).toEqual({ grade: 'medium', score: null, reasons: [] });
  });
});

const police = (grade: RiskGrade | null, reasons: PoliceRisk['reasons'] = []): PoliceRisk => ({ grade, score: null, reasons });

describe('the case grade: the higher of the hub and the police', () => {
  it.each([
    ['hub all-no on a police-high case', 'standard', police('high', ['police-high-risk']), null, 'high', ['police-high-risk']],
    ['hub high over police standard', 'high', police('standard'), null, 'high', []],
    ['no hub yet: police grade', null, police('medium'), null, 'medium', []],
    ['neither', null, police(null), null, null, []],
    [
      'agreed medium below police high',
      'standard',
      police('high', ['police-high-risk']),
      { grade: 'medium', policeGrade: 'high' },
      'medium',
      [],
    ],
    [
      'agreed standard, hub medium raises',
      'medium',
      police('high', ['police-high-risk']),
      { grade: 'standard', policeGrade: 'high' },
      'medium',
      [],
    ],
    [
      'police rose above the agreement',
      'standard',
      police('high', ['police-high-risk']),
      { grade: 'standard', policeGrade: 'medium' },
      'high',
      ['police-high-risk'],
    ],
    [
      // SafeLives: judgement may raise a 14+ DASH, never lower it; an agreement from before it reached 14 ends.
      'a police DASH of visible high risk is high whatever was agreed',
      'standard',
      police('high', ['visible-high-risk', 'police-high-risk']),
      { grade: 'medium', policeGrade: 'high' },
      'high',
      ['visible-high-risk', 'police-high-risk'],
    ],
  ] as const)('%s', (_, hub, p, agreement, grade, reasons) => {
    expect(combineRisk({ hubGrade: hub, police: p, agreement })).toMatchObject({ grade, reasons });
  });

  it("keeps the hub's own checklist reasons after an agreement", () => {
    const r = combineRisk({
      hubGrade: 'high',
      hubReasons: ['visible-high-risk'],
      police: police('high', ['police-high-risk']),
      agreement: { grade: 'medium', policeGrade: 'high' },
    });
    expect(r.reasons).toEqual(['visible-high-risk']);
    expect(r.grade).toBe('high');
  });

  it.each([
    [null, null, [], false],
    ['high', { policeGrade: 'high' }, ['police-high-risk'], true],
    ['medium', { policeGrade: 'high' }, [], true],
    ['high', { policeGrade: 'medium' }, ['police-high-risk'], false],
    [null, { policeGrade: 'medium' }, [], true],
    ['high', { policeGrade: 'high' }, ['visible-high-risk'], false],
    ['high', { policeGrade: 'high' }, null, true],
  ] as const)('police %s, agreement %j, police reasons %j applies: %s', (p, a, reasons, applies) => {
    expect(agreementApplies(p, a, reasons)).toBe(applies);
  });

  it('higherGrade treats null as no grade', () => {
    expect(higherGrade(null, 'standard')).toBe('standard');
    expect(higherGrade('medium', null)).toBe('medium');
    expect(higherGrade('high', 'medium')).toBe('high');
  });
});

describe('agreed with police (downgrade)', () => {
  const paths = (grade: RiskGrade, reason: string, p: PoliceRisk, hub: RiskGrade | null = null) =>
    checkAgreedWithPolice({ grade, reason }, p, hub).map((e) => e.path);

  it.each([
    ['medium below police high', 'medium', 'Spoke to the OIC', police('high'), null, []],
    ['standard below police medium', 'standard', 'Agreed with DS', police('medium'), null, []],
    ['same as police', 'high', 'x', police('high'), null, ['/grade']],
    ['above police', 'high', 'x', police('medium'), null, ['/grade']],
    ['no police grade', 'standard', 'x', police(null), null, ['/grade']],
    ['blank reason', 'medium', '   ', police('high'), null, ['/reason']],
    ['below the hub grade', 'standard', 'x', police('high'), 'medium', ['/grade']],
    ['same as the hub grade', 'medium', 'x', police('high'), 'medium', []],
    ['below a police DASH of visible high risk', 'medium', 'Spoke to the OIC', police('high', ['visible-high-risk']), null, ['/grade']],
  ] as const)('%s', (_, grade, reason, p, hub, expected) => {
    expect(paths(grade, reason, p, hub)).toEqual(expected);
  });
});

describe('a police revision that raises the grade', () => {
  it.each([
    // case grade before, after; police grade before, after → raise?
    ['medium', 'high', 'medium', 'high', { from: 'medium', to: 'high' }],
    ['high', 'high', 'medium', 'high', null],
    ['medium', 'medium', 'high', 'high', null],
    ['standard', 'medium', null, 'medium', { from: 'standard', to: 'medium' }],
    ['high', 'high', 'high', 'high', null],
    ['medium', 'medium', 'standard', 'medium', null],
  ] as const)('case %s→%s, police %s→%s', (before, after, prevPolice, p, expected) => {
    expect(policeRaise(before, after, prevPolice, p)).toEqual(expected);
  });
});

describe('checklist completeness', () => {
  it('partitions the 24 RIC questions; police q10–q12 are not counted', () => {
    const a: DashAnswers = { ...yes(0), q1: 'yes', q2: 'not-known', q3: 'declined', q10: 'yes' };
    delete a.q27;
    expect(checklistCompleteness(a)).toEqual({ answered: 21, notKnown: 1, declined: 1, unanswered: 1, complete: false });
    expect(missingRicAnswers(a)).toEqual(['q27']);
  });

  it('is complete with "not known" and "declined" as answers', () => {
    const a: DashAnswers = {};
    RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i % 2 ? 'not-known' : 'declined'));
    expect(checklistCompleteness(a)).toMatchObject({ answered: 0, unanswered: 0, complete: true });
    expect(missingRicAnswers(a)).toEqual([]);
  });

  it('names every unanswered question of an empty checklist, without q10–q12', () => {
    const missing = missingRicAnswers({});
    expect(missing).toHaveLength(24);
    expect(missing).not.toContain('q10');
    expect(checklistCompleteness({})).toEqual({ answered: 0, notKnown: 0, declined: 0, unanswered: 24, complete: false });
  });
});

describe('hub all-no on a police-high case', () => {
  it('the hub score is standard, the case stays high with police-high-risk', () => {
    const hub = assessRisk(ALL_NO, null, CTX);
    expect(hub).toMatchObject({ score: 0, grade: 'standard', marac: { required: false } });
    const p = policeRisk({ officerGrade: 'high', tool: 'dara' });
    expect(combineRisk({ hubGrade: hub.grade, hubReasons: hub.marac.reasons, police: p, agreement: null })).toEqual({
      grade: 'high',
      reasons: ['police-high-risk'],
      agreementApplies: false,
    });
  });
});
