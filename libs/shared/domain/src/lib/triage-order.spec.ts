import { describe, expect, it } from 'vitest';
import type { CaseSummary } from './case';
import { casePriority } from './priority';
import type { PoliceReport, RiskGrade } from './report';
import { compareTriageOrder, reportFacts } from './triage-order';

const NOW = new Date('2026-11-23T12:00:00Z');

function row(
  id: string,
  grade: RiskGrade | null,
  children: boolean,
  receivedAt: string,
): Pick<CaseSummary, 'id' | 'priority' | 'receivedAt'> {
  return {
    id,
    receivedAt,
    priority: casePriority(
      {
        grade,
        maracReasons: [],
        strangulation: false,
        weapon: false,
        childrenInHousehold: children,
        childrenPresent: false,
        pregnant: false,
        repeatVictim: false,
        receivedAt,
        slaState: 'ok',
      },
      NOW,
    ),
  };
}

describe('triage order', () => {
  it('puts grade first, then children in the household, then the longest wait', () => {
    const rows = [
      row('a', 'standard', true, '2026-11-23T08:00:00Z'),
      row('b', 'high', false, '2026-11-23T10:00:00Z'),
      row('c', 'medium', true, '2026-11-23T11:00:00Z'),
      row('d', 'high', true, '2026-11-23T11:30:00Z'),
      row('e', 'high', false, '2026-11-23T09:00:00Z'),
      row('f', 'medium', false, '2026-11-23T07:00:00Z'),
    ];
    expect([...rows].sort(compareTriageOrder).map((r) => r.id)).toEqual(['d', 'e', 'b', 'c', 'f', 'a']);
  });

  it('breaks exact ties by the longer wait, then id, so the order is stable', () => {
    const a = row('a', 'high', false, '2026-11-23T10:00:00Z');
    const b = row('b', 'high', false, '2026-11-23T10:00:00Z');
    expect(compareTriageOrder(a, b)).toBeLessThan(0);
    expect(compareTriageOrder(b, a)).toBeGreaterThan(0);
  });
});

describe('reportFacts', () => {
  const base = {
    incident: { area: 'Watford and Three Rivers', occurredAt: '2026-11-23T09:00:00Z' },
    victim: {},
    officerRiskAssessment: { tool: 'dara', riskLevel: 'high' },
  } as unknown as PoliceReport;
  it.each([
    ['no children', undefined, 0, false],
    ['a child living elsewhere', [{ ageYears: 4, livesWithVictim: false }], 1, false],
    ['a child whose home is not stated counts as in the household', [{ ageYears: 4 }], 1, true],
    [
      'one of two at home',
      [
        { ageYears: 4, livesWithVictim: false },
        { ageYears: 9, livesWithVictim: true },
      ],
      2,
      true,
    ],
  ] as const)('%s', (_n, children, count, inHousehold) => {
    const facts = reportFacts({ ...base, children: children as PoliceReport['children'] });
    expect(facts).toMatchObject({ children: count, childrenInHousehold: inHousehold, officerGrade: 'high', officerTool: 'dara' });
  });

  it('reads strangulation, weapon and pregnancy from the incident, the victim or the police DASH', () => {
    expect(reportFacts({ ...base, incident: { ...base.incident, strangulation: true } })).toMatchObject({
      strangulation: true,
      weapon: false,
      pregnant: false,
    });
    const dash = {
      ...base,
      officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q16: 'yes', q18: 'yes', q9: 'yes' } },
    } as PoliceReport;
    expect(reportFacts(dash)).toMatchObject({ strangulation: true, weapon: true, pregnant: true });
  });
});
