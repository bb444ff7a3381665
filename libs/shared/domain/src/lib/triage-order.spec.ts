import { describe, expect, it } from 'vitest';
import type { CaseSummary } from './case';
import { compareTriageOrder, interimPriority, reportFacts } from './triage-order';
import type { PoliceReport, RiskGrade } from './report';

function row(id: string, grade: RiskGrade | null, children: boolean, receivedAt: string): Pick<CaseSummary, 'id' | 'priority' | 'receivedAt'> {
  return { id, receivedAt, priority: interimPriority({ grade, childrenInHousehold: children }) };
}

describe('interim triage order', () => {
  it('puts grade first, then children in the household, then the longest wait', () => {
    const rows = [
      row('a', 'standard', true, '2026-11-23T08:00:00Z'),
      row('b', 'high', false, '2026-11-23T10:00:00Z'),
      row('c', 'medium', true, '2026-11-23T11:00:00Z'),
      row('d', 'high', true, '2026-11-23T12:00:00Z'),
      row('e', 'high', false, '2026-11-23T09:00:00Z'),
      row('f', 'medium', false, '2026-11-23T07:00:00Z'),
      row('g', null, true, '2026-11-23T06:00:00Z'),
    ];
    expect([...rows].sort(compareTriageOrder).map((r) => r.id)).toEqual(['d', 'e', 'b', 'c', 'f', 'a', 'g']);
  });

  it('breaks exact ties by id so the order is stable', () => {
    const a = row('a', 'high', false, '2026-11-23T10:00:00Z');
    const b = row('b', 'high', false, '2026-11-23T10:00:00Z');
    expect(compareTriageOrder(a, b)).toBeLessThan(0);
    expect(compareTriageOrder(b, a)).toBeGreaterThan(0);
  });

  it('explains the score with its factors', () => {
    const p = interimPriority({ grade: 'medium', childrenInHousehold: true });
    expect(p.factors.map((f) => f.factor)).toEqual(['grade', 'children-in-household']);
    expect(p.score).toBe(p.factors.reduce((s, f) => s + f.points, 0));
  });
});

describe('reportFacts', () => {
  const base = { incident: { area: 'Watford and Three Rivers' }, officerRiskAssessment: { tool: 'dara', riskLevel: 'high' } } as unknown as PoliceReport;
  it.each([
    ['no children', undefined, 0, false],
    ['a child living elsewhere', [{ ageYears: 4, livesWithVictim: false }], 1, false],
    ['a child whose home is not stated counts as in the household', [{ ageYears: 4 }], 1, true],
    ['one of two at home', [{ ageYears: 4, livesWithVictim: false }, { ageYears: 9, livesWithVictim: true }], 2, true],
  ] as const)('%s', (_n, children, count, inHousehold) => {
    const facts = reportFacts({ ...base, children: children as PoliceReport['children'] });
    expect(facts).toMatchObject({ children: count, childrenInHousehold: inHousehold, officerGrade: 'high', officerTool: 'dara' });
  });
});
