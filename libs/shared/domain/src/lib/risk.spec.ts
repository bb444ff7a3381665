import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DashAnswers } from './report';
import {
  assessRisk,
  DASH_QUESTIONS,
  ESCALATION_INCIDENTS,
  gradeForScore,
  historyReasons,
  incidentsIn12Months,
  escalationNotRuledOut,
  prefillFromPolice,
  ricScore,
  RIC_QUESTIONS,
  repeatReferral,
  RiskJudgementError,
  checkMaracRules,
  DEFAULT_MARAC_RULES,
  withinMonths,
  type MaracContext,
} from './risk';

const CTX: MaracContext = {
  incidentAt: '2026-11-20T22:00:00Z',
  previousIncidents12Months: 0,
  linkedIncidentsAt: [],
  lastMaracReferralAt: null,
};

/** `n` RIC "yes" answers, the rest "no"; the police-only questions 10–12 all "yes" (they must never count). */
function yes(n: number): DashAnswers {
  const a: DashAnswers = { q10: 'yes', q11: 'yes', q12: 'yes' };
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return a;
}

describe('the question catalogue', () => {
  it('has 27 police questions and 24 RIC questions numbered 1–24 without police 10–12', () => {
    expect(DASH_QUESTIONS).toHaveLength(27);
    expect(RIC_QUESTIONS).toHaveLength(24);
    expect(RIC_QUESTIONS.map((q) => q.ricNumber)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(DASH_QUESTIONS.filter((q) => q.ricNumber === null).map((q) => q.policeNumber)).toEqual([10, 11, 12]);
    expect(DASH_QUESTIONS.find((q) => q.key === 'q13')?.ricNumber).toBe(10);
    expect(DASH_QUESTIONS.find((q) => q.key === 'q27')?.ricNumber).toBe(24);
    expect(new Set(DASH_QUESTIONS.map((q) => q.id)).size).toBe(27);
  });
});

describe('score and bands', () => {
  it.each([
    [0, 'standard'],
    [9, 'standard'],
    [10, 'medium'],
    [13, 'medium'],
    [14, 'high'],
    [24, 'high'],
  ] as const)('%i yes → %s', (n, grade) => {
    expect(ricScore(yes(n))).toBe(n);
    expect(assessRisk(yes(n), null, CTX)).toMatchObject({ score: n, scoreGrade: grade, grade });
  });

  it('counts only "yes": not known and declined score nothing', () => {
    expect(ricScore({ q1: 'yes', q2: 'not-known', q3: 'declined', q4: 'no', q10: 'yes' })).toBe(1);
  });

  it('takes bands from configuration', () => {
    expect(gradeForScore(12, { high: 12, medium: 8 })).toBe('high');
    expect(gradeForScore(7, { high: 12, medium: 8 })).toBe('standard');
    expect(gradeForScore(8, { high: 12, medium: 8 })).toBe('medium');
  });

  it('pre-fills the hub checklist from the police DASH where the keys match', () => {
    expect(prefillFromPolice({ q1: 'yes', q10: 'no', q27: 'declined' })).toEqual({ q1: 'yes', q10: 'no', q27: 'declined' });
    expect(prefillFromPolice(undefined)).toEqual({});
  });
});

describe('professional judgement', () => {
  it('may raise a grade, with a rationale; raised to high it is a MARAC reason', () => {
    const r = assessRisk(yes(5), { grade: 'high', rationale: 'Escalating threats to kill' }, CTX);
    expect(r).toMatchObject({
      score: 5,
      scoreGrade: 'standard',
      grade: 'high',
      marac: { required: true, reasons: ['professional-judgement'] },
    });
  });

  it('raised to medium only: the grade rises, no MARAC reason', () => {
    const r = assessRisk(yes(5), { grade: 'medium', rationale: 'Isolated' }, CTX);
    expect(r).toMatchObject({ grade: 'medium', marac: { required: false, reasons: [] } });
  });

  it('equal to the score grade changes nothing', () => {
    expect(assessRisk(yes(14), { grade: 'high', rationale: 'Agree' }, CTX).marac.reasons).toEqual(['visible-high-risk']);
  });

  it.each([
    [14, 'medium'],
    [14, 'standard'],
    [10, 'standard'],
  ] as const)('never lowers: score %i with judgement %s is refused', (n, grade) => {
    expect(() => assessRisk(yes(n), { grade, rationale: 'Victim minimises' }, CTX)).toThrowError(RiskJudgementError);
    try {
      assessRisk(yes(n), { grade, rationale: 'x' }, CTX);
    } catch (e) {
      expect((e as RiskJudgementError).code).toBe('judgement-lowers-grade');
    }
  });

  it('needs a written rationale', () => {
    expect(() => assessRisk(yes(2), { grade: 'high', rationale: '   ' }, CTX)).toThrowError(/rationale/);
  });
});

describe('MARAC criteria', () => {
  it('none', () => {
    expect(assessRisk(yes(13), null, CTX).marac).toEqual({ required: false, reasons: [] });
  });

  it('visible high risk alone, at 14', () => {
    expect(assessRisk(yes(14), null, CTX).marac).toEqual({ required: true, reasons: ['visible-high-risk'] });
  });

  it.each([
    ['2 previous incidents + this one', { previousIncidents12Months: 2 }, true],
    ['1 previous incident + this one', { previousIncidents12Months: 1 }, false],
    ['two linked cases in the last year', { linkedIncidentsAt: ['2026-03-01T10:00:00Z', '2026-09-01T10:00:00Z'] }, true],
    ['one linked case in the year, one older', { linkedIncidentsAt: ['2025-10-01T10:00:00Z', '2026-09-01T10:00:00Z'] }, false],
    [
      'police count and linked cases overlap: the larger counts',
      { previousIncidents12Months: 1, linkedIncidentsAt: ['2026-09-01T10:00:00Z'] },
      false,
    ],
  ])('potential escalation alone: %s', (_n, over, expected) => {
    const r = assessRisk(yes(3), null, { ...CTX, ...over });
    expect(r.marac.reasons.includes('potential-escalation')).toBe(expected);
    expect(r.marac.required).toBe(expected);
  });

  // Contract of 2026-12-01: previousIncidents12Months counts the incidents *before* this one, so this incident is
  // added: with the threshold at 3, two earlier incidents are enough.
  it.each([
    // previous, linked hub cases in the year, incidents counted, potential escalation
    [0, 0, 1, false],
    [1, 0, 2, false],
    [2, 0, 3, true],
    [3, 0, 4, true],
    [0, 1, 2, false],
    [0, 2, 3, true],
    [1, 1, 2, false],
    [1, 2, 3, true],
    [2, 1, 3, true],
  ])('%i previous (police) and %i linked → %i incidents in 12 months, escalation %s', (previous, linked, counted, escalation) => {
    const ctx = {
      ...CTX,
      previousIncidents12Months: previous,
      linkedIncidentsAt: ['2026-10-01T10:00:00Z', '2026-06-01T10:00:00Z'].slice(0, linked),
    };
    expect(incidentsIn12Months(ctx)).toBe(counted);
    expect(counted >= ESCALATION_INCIDENTS).toBe(escalation);
    expect(historyReasons(ctx).includes('potential-escalation')).toBe(escalation);
  });

  it('leaves potential escalation open when the police left their count out, until the hub’s own history meets it', () => {
    const ctx = { ...CTX, previousIncidents12Months: 0, linkedIncidentsAt: ['2026-10-01T10:00:00Z'] };
    expect(escalationNotRuledOut(ctx, false)).toBe(true);
    // Given (even as 0), or the window shorter than the police count's 12 months: nothing open.
    expect(escalationNotRuledOut(ctx, true)).toBe(false);
    expect(escalationNotRuledOut(ctx, false, { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 6 })).toBe(false);
    // The hub's own cases already make three: the criterion is met, not open.
    expect(escalationNotRuledOut({ ...ctx, linkedIncidentsAt: ['2026-10-01T10:00:00Z', '2026-06-01T10:00:00Z'] }, false)).toBe(false);
  });

  it.each([
    ['11 months after the last MARAC referral', '2025-12-20T10:00:00Z', true],
    ['13 months after', '2025-10-10T10:00:00Z', false],
    ['no referral ever', null, false],
  ])('repeat alone: %s', (_n, at, expected) => {
    const r = assessRisk(yes(3), null, { ...CTX, lastMaracReferralAt: at });
    expect(r.marac.reasons).toEqual(expected ? ['repeat'] : []);
  });

  it('all four together, in a stable order', () => {
    const r = assessRisk(
      yes(16),
      { grade: 'high', rationale: 'Agree' },
      { ...CTX, previousIncidents12Months: 4, lastMaracReferralAt: '2026-06-01T00:00:00Z' },
    );
    expect(r.marac.reasons).toEqual(['visible-high-risk', 'potential-escalation', 'repeat']);
    const raised = assessRisk(
      yes(6),
      { grade: 'high', rationale: 'Threats to kill' },
      { ...CTX, previousIncidents12Months: 4, lastMaracReferralAt: '2026-06-01T00:00:00Z' },
    );
    expect(raised.marac.reasons).toEqual(['professional-judgement', 'potential-escalation', 'repeat']);
  });
});

describe('"within N months" (London calendar months)', () => {
  it.each([
    // earlier, later, months, within
    ['2025-11-20T10:00:00Z', '2026-11-20T10:00:00Z', 12, true], // exactly 12 months: inside
    ['2025-11-20T10:00:00Z', '2026-11-20T23:30:00Z', 12, true], // same London date, later in the day: still inside
    ['2025-11-20T10:00:00Z', '2026-11-21T10:00:00Z', 12, false], // 12 months and a day: outside
    ['2025-11-20T10:00:00Z', '2026-11-20T23:59:59Z', 12, true],
    // 23:30 UTC on 20 Jun is 00:30 on 21 Jun in London (BST): the London date decides.
    ['2025-06-20T10:00:00Z', '2026-06-20T23:30:00Z', 12, false],
    ['2025-06-20T23:30:00Z', '2026-06-21T10:00:00Z', 12, true],
    // the month's last day when it has no such date
    ['2024-02-29T12:00:00Z', '2025-02-28T12:00:00Z', 12, true],
    ['2024-02-29T12:00:00Z', '2025-03-01T12:00:00Z', 12, false],
    ['2025-08-31T12:00:00Z', '2026-02-28T12:00:00Z', 6, true],
    ['2025-08-31T12:00:00Z', '2026-03-01T12:00:00Z', 6, false],
    ['2026-05-01T12:00:00Z', '2026-11-01T12:00:00Z', 6, true],
    ['2026-05-01T12:00:00Z', '2026-11-02T12:00:00Z', 6, false],
    // later before earlier is never within
    ['2026-05-01T12:00:00Z', '2026-04-30T12:00:00Z', 12, false],
  ])('%s → %s within %i months: %s', (earlier, later, months, expected) => {
    expect(withinMonths(earlier, later, months)).toBe(expected);
  });

  it('gives what London start-of-day instants a month apart give, on 20,000 random pairs (DST, month ends, midnights)', () => {
    // The definition, spelled the slow way (a zone look-up per call): the remembered calendar dates must agree.
    const byInstants = (earlier: string, later: string, months: number) =>
      Date.parse(later) >= Date.parse(earlier) &&
      DateTime.fromISO(later, { zone: 'Europe/London' }).startOf('day') <=
        DateTime.fromISO(earlier, { zone: 'Europe/London' }).startOf('day').plus({ months });
    let seed = 16;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.parse('2023-01-01T00:00:00Z');
    // Half-hour steps over four years, so London midnights, DST changes and month ends are hit often.
    const instant = () => new Date(from + Math.floor(random() * 4 * 365 * 48) * 1_800_000).toISOString();
    let within = 0;
    for (let i = 0; i < 20_000; i++) {
      const earlier = instant();
      const months = [1, 3, 6, 12, 18][Math.floor(random() * 5)];
      // Mostly within two days of the edge (where a wrong zone or clamp shows), else anywhere.
      const edge = DateTime.fromISO(earlier).plus({ months }).toMillis();
      const later = random() < 0.8 ? new Date(edge + Math.floor((random() - 0.5) * 4 * 48) * 1_800_000).toISOString() : instant();
      const expected = byInstants(earlier, later, months);
      if (withinMonths(earlier, later, months) !== expected)
        expect({ earlier, later, months, within: !expected }).toEqual({ earlier, later, months, within: expected });
      if (expected) within++;
    }
    expect(within).toBeGreaterThan(2_000); // both answers were exercised
  });
});

describe('repeat: a new incident, same victim and perpetrator, within the window after a recorded referral', () => {
  const at = (iso: string, p: string | null) => ({ referredAt: iso, perpetratorPersonId: p, caseId: 'c' });
  const ctx = (over: Partial<MaracContext>): MaracContext => ({ ...CTX, incidentAt: '2026-11-20T22:00:00Z', ...over });
  it.each([
    // name, referrals, perpetrator of this incident, repeat
    ['same perpetrator, 5 months after', [at('2026-06-20T10:00:00Z', 'S1')], 'S1', true],
    ['another perpetrator', [at('2026-06-20T10:00:00Z', 'S1')], 'S2', false],
    [
      'another perpetrator, but an older referral about this one still in the window',
      [at('2026-06-20T10:00:00Z', 'S1'), at('2026-01-10T10:00:00Z', 'S2')],
      'S2',
      true,
    ],
    ['this incident has no identified suspect (fail-safe: counts)', [at('2026-06-20T10:00:00Z', 'S1')], null, true],
    ['the referral named no perpetrator (fail-safe: counts)', [at('2026-06-20T10:00:00Z', null)], 'S2', true],
    ['exactly 12 months after (London date)', [at('2025-11-20T09:00:00Z', 'S1')], 'S1', true],
    ['12 months and a day after', [at('2025-11-19T09:00:00Z', 'S1')], 'S1', false],
    ['referral recorded after this incident (not a new incident)', [at('2026-11-21T10:00:00Z', 'S1')], 'S1', false],
    ['a criterion met but never referred', [], 'S1', false],
  ] as const)('%s', (_name, referrals, perpetrator, expected) => {
    const c = ctx({ maracReferrals: [...referrals], perpetratorPersonId: perpetrator });
    expect(!!repeatReferral(c)).toBe(expected);
    expect(historyReasons(c).includes('repeat')).toBe(expected);
  });

  it('follows the configured repeat window', () => {
    const c = ctx({ maracReferrals: [at('2026-03-20T10:00:00Z', 'S1')], perpetratorPersonId: 'S1' });
    expect(historyReasons(c, { ...DEFAULT_MARAC_RULES, repeatWindowMonths: 6 })).toEqual([]);
    expect(historyReasons(c, { ...DEFAULT_MARAC_RULES, repeatWindowMonths: 8 })).toEqual(['repeat']);
    // The rules may travel with the context (the API sends its configuration to the workbench that way).
    expect(historyReasons({ ...c, rules: { ...DEFAULT_MARAC_RULES, repeatWindowMonths: 6 } })).toEqual([]);
  });
});

describe('potential escalation, configurable', () => {
  const incidentAt = '2026-11-20T22:00:00Z';
  it.each([
    // rules, police previous (12 months), dated earlier hub incidents, escalation
    ['3 in 12: 2 prior (police)', DEFAULT_MARAC_RULES, 2, [], true],
    ['3 in 12: 1 prior (police)', DEFAULT_MARAC_RULES, 1, [], false],
    ['3 in 12: 2 prior hub incidents', DEFAULT_MARAC_RULES, 0, ['2026-02-01T10:00:00Z', '2026-10-01T10:00:00Z'], true],
    [
      '3 in 12: one prior incident exactly 12 months before counts',
      DEFAULT_MARAC_RULES,
      0,
      ['2025-11-20T10:00:00Z', '2026-10-01T10:00:00Z'],
      true,
    ],
    [
      '3 in 12: one prior incident 12 months and a day before does not',
      DEFAULT_MARAC_RULES,
      0,
      ['2025-11-19T10:00:00Z', '2026-10-01T10:00:00Z'],
      false,
    ],
    ['4 in 12: 2 prior', { ...DEFAULT_MARAC_RULES, escalationIncidents: 4 }, 2, [], false],
    ['4 in 12: 3 prior', { ...DEFAULT_MARAC_RULES, escalationIncidents: 4 }, 3, [], true],
    // Kent: 3 in 6 months. The police 12-month count cannot be split by date, so only dated incidents count.
    [
      '3 in 6: 2 prior in 6 months',
      { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 6 },
      0,
      ['2026-06-01T10:00:00Z', '2026-10-01T10:00:00Z'],
      true,
    ],
    [
      '3 in 6: exactly 6 months before counts',
      { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 6 },
      0,
      ['2026-05-20T10:00:00Z', '2026-10-01T10:00:00Z'],
      true,
    ],
    [
      '3 in 6: one of them 7 months before',
      { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 6 },
      0,
      ['2026-04-15T10:00:00Z', '2026-10-01T10:00:00Z'],
      false,
    ],
    ['3 in 6: a police count of 5 in 12 months alone', { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 6 }, 5, [], false],
    ['3 in 18: police 2 in 12 still counts', { ...DEFAULT_MARAC_RULES, escalationWindowMonths: 18 }, 2, [], true],
  ] as const)('%s → %s', (_name, rules, previous, linked, expected) => {
    const ctx: MaracContext = { ...CTX, incidentAt, previousIncidents12Months: previous, linkedIncidentsAt: [...linked] };
    expect(historyReasons(ctx, rules).includes('potential-escalation')).toBe(expected);
    expect(assessRisk(yes(0), null, ctx, undefined, rules).marac.reasons.includes('potential-escalation')).toBe(expected);
  });

  it('validates the configuration', () => {
    expect(checkMaracRules(DEFAULT_MARAC_RULES)).toEqual([]);
    expect(checkMaracRules({ escalationIncidents: 3, escalationWindowMonths: 6, repeatWindowMonths: 12 })).toEqual([]);
    expect(checkMaracRules({ escalationIncidents: 1, escalationWindowMonths: 0, repeatWindowMonths: 1.5, other: 1 })).toEqual([
      'marac.escalationIncidents must be an integer from 2 to 20',
      'marac.escalationWindowMonths must be an integer from 1 to 36',
      'marac.repeatWindowMonths must be an integer from 1 to 36',
      'marac.other is not a MARAC rule',
    ]);
    expect(checkMaracRules([])).toEqual(['marac must be an object']);
  });
});
