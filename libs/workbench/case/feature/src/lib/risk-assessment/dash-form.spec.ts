import { can, DASH_QUESTIONS, DEFAULT_RISK_BANDS, type DashAnswers, type MaracContext } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import {
  buildAssessmentRequest,
  dashFormProblems,
  judgementOptions,
  openAnswersText,
  questionForPath,
  splitQuestions,
  summariseDash,
} from './dash-form';

const { ric, policeOnly } = splitQuestions(DASH_QUESTIONS);
const quiet: MaracContext = {
  incidentAt: '2026-11-20T22:00:00Z',
  previousIncidents12Months: 0,
  linkedIncidentsAt: [],
  lastMaracReferralAt: null,
};
const none = { grade: null, rationale: '' };

/** The first `yes` RIC questions answered Yes, the rest No. */
function answers(yes: number): DashAnswers {
  const out: DashAnswers = {};
  ric.forEach((q, i) => (out[q.key] = i < yes ? 'yes' : 'no'));
  return out;
}

describe('splitQuestions', () => {
  it('gives the 24 RIC questions in RIC order and police questions 10–12 apart', () => {
    expect(ric).toHaveLength(24);
    expect(ric.map((q) => q.ricNumber)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(policeOnly.map((q) => q.policeNumber)).toEqual([10, 11, 12]);
  });
});

describe('summariseDash (the live summary)', () => {
  it('needs MARAC exactly at the 14th yes (visible high risk), not at 13', () => {
    const at13 = summariseDash(answers(13), none, quiet, DEFAULT_RISK_BANDS, ric);
    expect(at13).toMatchObject({
      score: 13,
      max: 24,
      answered: 24,
      scoreGrade: 'medium',
      marac: { required: false, reasons: [] },
    });
    const at14 = summariseDash(answers(14), none, quiet, DEFAULT_RISK_BANDS, ric);
    expect(at14).toMatchObject({
      score: 14,
      grade: 'high',
      marac: { required: true, reasons: ['visible-high-risk'] },
    });
  });

  it('says when "not known" answers could reach the high band (13 yes and 1 not known), and not otherwise', () => {
    const a = answers(13);
    a[ric[23].key] = 'not-known';
    expect(summariseDash(a, none, quiet, DEFAULT_RISK_BANDS, ric)).toMatchObject({ score: 13, scoreGrade: 'medium', notKnownMayReach: 14 });
    // Not known never counts as yes, and 12 + 1 cannot reach 14; at 14 the band is reached already.
    const b = answers(12);
    b[ric[23].key] = 'not-known';
    expect(summariseDash(b, none, quiet, DEFAULT_RISK_BANDS, ric).notKnownMayReach).toBeNull();
    expect(summariseDash(answers(14), none, quiet, DEFAULT_RISK_BANDS, ric).notKnownMayReach).toBeNull();
    // Custom bands: high from 12.
    expect(summariseDash(b, none, quiet, { high: 12, medium: 8 }, ric).notKnownMayReach).toBeNull();
    // "Declined" is as open as "not known" (13 yes and 1 declined showed a settled medium).
    const d = answers(13);
    d[ric[23].key] = 'declined';
    expect(summariseDash(d, none, quiet, DEFAULT_RISK_BANDS, ric)).toMatchObject({
      notKnownMayReach: 14,
      openAnswersText: '1 answer is “Declined”: if it were',
    });
    expect(openAnswersText(2, 1)).toBe('3 answers are “Not known” or “Declined”: if they were');
    expect(openAnswersText(21, 0)).toBe('21 answers are “Not known”: if they were');
    const c = answers(11);
    c[ric[23].key] = 'not-known';
    expect(summariseDash(c, none, quiet, { high: 12, medium: 8 }, ric).notKnownMayReach).toBe(12);
  });

  it('never counts the police-only children questions', () => {
    const a = { ...answers(0), q10: 'yes', q11: 'yes', q12: 'yes' } as DashAnswers;
    expect(summariseDash(a, none, quiet, DEFAULT_RISK_BANDS, ric).score).toBe(0);
  });

  it('shows history reasons (potential escalation, repeat) before any answer', () => {
    const history: MaracContext = {
      ...quiet,
      previousIncidents12Months: 2,
      lastMaracReferralAt: '2026-06-01T10:00:00Z',
    };
    const s = summariseDash({}, none, history, DEFAULT_RISK_BANDS, ric);
    expect(s.answered).toBe(0);
    expect(s.marac).toEqual({
      required: true,
      reasons: ['potential-escalation', 'repeat'],
    });
  });

  it('applies a raising judgement at once, even before its rationale is written', () => {
    const s = summariseDash(answers(3), { grade: 'high', rationale: '' }, quiet, DEFAULT_RISK_BANDS, ric);
    expect(s).toMatchObject({
      scoreGrade: 'standard',
      grade: 'high',
      judgementLowers: false,
      marac: { required: true, reasons: ['professional-judgement'] },
    });
  });

  it('refuses a judgement that would lower the grade the score gives', () => {
    const s = summariseDash(answers(15), { grade: 'medium', rationale: 'She sounded calm' }, quiet, DEFAULT_RISK_BANDS, ric);
    expect(s).toMatchObject({ scoreGrade: 'high', grade: 'high', judgementLowers: true });
  });

  it('uses the hub’s bands', () => {
    const s = summariseDash(answers(12), none, quiet, { high: 12, medium: 8 }, ric);
    expect(s).toMatchObject({ grade: 'high', marac: { required: true } });
  });
});

describe('judgementOptions', () => {
  it('disables grades below the score’s grade, saying why', () => {
    const opts = judgementOptions('medium');
    expect(opts.map((o) => [o.grade, o.disabled])).toEqual([
      ['standard', true],
      ['medium', false],
      ['high', false],
    ]);
    expect(opts[0].label).toMatch(/not allowed/);
  });
});

describe('dashFormProblems', () => {
  it('lists unanswered questions by RIC number', () => {
    const a = answers(5);
    delete a[ric[6].key];
    const s = summariseDash(a, none, quiet, DEFAULT_RISK_BANDS, ric);
    const problems = dashFormProblems(a, none, s, ric);
    expect(problems).toEqual([{ target: ric[6].key, message: expect.stringContaining('Question 7') }]);
  });

  it('needs a rationale with a judgement, and refuses a lowering one', () => {
    const a = answers(15);
    const j = { grade: 'medium' as const, rationale: ' ' };
    const s = summariseDash(a, j, quiet, DEFAULT_RISK_BANDS, ric);
    expect(dashFormProblems(a, j, s, ric).map((p) => p.target)).toEqual(['judgement', 'rationale']);
    const ok = { grade: 'high' as const, rationale: 'Fear of escalation' };
    expect(dashFormProblems(a, ok, summariseDash(a, ok, quiet, DEFAULT_RISK_BANDS, ric), ric)).toEqual([]);
  });
  it('lets a professional judgement carry an incomplete checklist, and counts what is missing', () => {
    const a = answers(3);
    delete a[ric[0].key];
    a[ric[1].key] = 'not-known';
    a[ric[2].key] = 'declined';
    const j = { grade: 'high' as const, rationale: 'Could not finish the call' };
    const s = summariseDash(a, j, quiet, DEFAULT_RISK_BANDS, ric);
    expect(s.completeness).toEqual({ answered: 21, notKnown: 1, declined: 1, unanswered: 1, complete: false });
    expect(dashFormProblems(a, j, s, ric)).toEqual([]);
  });
  it('lets a checklist at visible high risk stay incomplete (nothing unanswered could change it), as the API does', () => {
    const a = answers(14);
    const gaps = ric.filter((q) => a[q.key] !== 'yes').slice(0, 3);
    for (const q of gaps) delete a[q.key];
    expect(dashFormProblems(a, none, summariseDash(a, none, quiet, DEFAULT_RISK_BANDS, ric), ric)).toEqual([]);
    const b = answers(13);
    delete b[ric.filter((q) => b[q.key] !== 'yes')[0].key];
    expect(dashFormProblems(b, none, summariseDash(b, none, quiet, DEFAULT_RISK_BANDS, ric), ric)).toHaveLength(1);
  });
});

describe('buildAssessmentRequest', () => {
  it('sends the answered questions, police-only ones included, and a trimmed judgement', () => {
    const a = { ...answers(2), q10: 'no' } as DashAnswers;
    const body = buildAssessmentRequest(a, { grade: 'high', rationale: '  Threats to the children  ' }, DASH_QUESTIONS);
    expect(Object.keys(body.answers)).toHaveLength(25);
    expect(body.answers['q10']).toBe('no');
    expect(body.judgement).toEqual({ grade: 'high', rationale: 'Threats to the children' });
    expect(buildAssessmentRequest(a, none, DASH_QUESTIONS).judgement).toBeUndefined();
  });

  it('sends where each answered question came from, and no source for an unanswered one', () => {
    const a = { q1: 'yes', q2: 'no' } as DashAnswers;
    const body = buildAssessmentRequest(a, none, DASH_QUESTIONS, { q1: 'police-prefill', q2: 'victim', q3: 'other-agency' });
    expect(body.sources).toEqual({ q1: 'police-prefill', q2: 'victim' });
    expect(buildAssessmentRequest(a, none, DASH_QUESTIONS).sources).toBeUndefined();
  });
});

describe('helpers', () => {
  it('maps a problem+json path to its question', () => {
    expect(questionForPath('/answers/q13', DASH_QUESTIONS)?.ricNumber).toBe(10);
    expect(questionForPath('/judgement/rationale', DASH_QUESTIONS)).toBeNull();
  });

  it('lets caseworkers and team leads assess, not auditors', () => {
    // The Risk tab offers the form to those the permission table lets work cases.
    expect(can(['caseworker'], 'case.work')).toBe(true);
    expect(can(['team-lead'], 'case.work')).toBe(true);
    expect(can(['auditor'], 'case.work')).toBe(false);
    expect(can(null, 'case.work')).toBe(false);
  });
});
