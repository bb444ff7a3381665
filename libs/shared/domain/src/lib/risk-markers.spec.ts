import { describe, expect, it } from 'vitest';
import { casePriority, DEFAULT_PRIORITY_WEIGHTS, type PriorityFacts } from './priority';
import type { DashAnswers, PoliceReport } from './report';
import { isSerialSuspect, riskMarkers, type SuspectLink } from './risk-markers';

const REPORT = {
  incident: { strangulation: false, weaponUsed: false },
  victim: { pregnant: false },
  officerRiskAssessment: { tool: 'dash', riskLevel: 'standard', dash: {} },
} as unknown as PoliceReport;

const withPolice = (dash: DashAnswers, incident: object = {}, victim: object = {}): PoliceReport =>
  ({
    ...REPORT,
    incident: { ...REPORT.incident, ...incident },
    victim: { ...REPORT.victim, ...victim },
    officerRiskAssessment: { tool: 'dash', riskLevel: 'standard', dash },
  }) as PoliceReport;

describe('riskMarkers', () => {
  it.each([
    ['separation', 'q6'],
    ['stalking', 'q8'],
    ['threatToKill', 'q17'],
    ['sexualAbuse', 'q19'],
    ['strangulation', 'q18'],
    ['weapon', 'q16'],
    ['pregnant', 'q9'],
  ] as const)('%s: from a police DASH "yes" to %s, or the hub’s latest "yes"', (marker, q) => {
    expect(riskMarkers(REPORT, null)[marker]).toBe(false);
    expect(riskMarkers(withPolice({ [q]: 'yes' }), null)[marker]).toBe(true);
    expect(riskMarkers(REPORT, { [q]: 'yes' })[marker]).toBe(true);
    for (const a of ['no', 'not-known', 'declined'] as const) expect(riskMarkers(REPORT, { [q]: a })[marker]).toBe(false);
    // A hub "no" does not erase what the police recorded.
    expect(riskMarkers(withPolice({ [q]: 'yes' }), { [q]: 'no' })[marker]).toBe(true);
  });

  it('incident fields count as before', () => {
    const m = riskMarkers(withPolice({}, { strangulation: true, weaponUsed: true }, { pregnant: true }), { q18: 'no' });
    expect(m).toMatchObject({ strangulation: true, weapon: true, pregnant: true, separation: false });
  });

  it('reads an answer stored with its provenance', () => {
    const answers = { q17: { answer: 'yes', source: 'victim' } } as unknown as DashAnswers;
    expect(riskMarkers(REPORT, answers).threatToKill).toBe(true);
  });
});

describe('priority factors from the markers', () => {
  const NOW = new Date('2026-11-23T12:00:00Z');
  const BASE: PriorityFacts = {
    grade: 'standard',
    maracReasons: [],
    strangulation: false,
    weapon: false,
    childrenInHousehold: false,
    childrenPresent: false,
    pregnant: false,
    repeatVictim: false,
    receivedAt: '2026-11-23T12:00:00Z',
    slaState: 'ok',
  };
  it.each([
    ['separation', 'separation', 'Separated or trying to separate (past year)'],
    ['stalking', 'stalking', 'Stalking or harassment'],
    ['threatToKill', 'threat-to-kill', 'Threats to kill'],
    ['sexualAbuse', 'sexual-abuse', 'Sexual abuse'],
  ] as const)('%s adds its configured, labelled points', (key, factor, label) => {
    const off = casePriority(BASE, NOW);
    const on = casePriority({ ...BASE, [key]: true }, NOW);
    expect(on.score - off.score).toBe(DEFAULT_PRIORITY_WEIGHTS[key]);
    expect(on.factors).toContainEqual({ factor, points: DEFAULT_PRIORITY_WEIGHTS[key], label });
    const custom = casePriority({ ...BASE, [key]: true }, NOW, { ...DEFAULT_PRIORITY_WEIGHTS, [key]: 7 });
    expect(custom.score - off.score).toBe(7);
    const zero = casePriority({ ...BASE, [key]: true }, NOW, { ...DEFAULT_PRIORITY_WEIGHTS, [key]: 0 });
    expect(zero.factors.map((f) => f.factor)).not.toContain(factor);
  });

  it('stand-alone markers weigh at least as much as a weapon, threats to kill as much as strangulation', () => {
    const w = DEFAULT_PRIORITY_WEIGHTS;
    expect(Math.min(w.separation, w.stalking, w.sexualAbuse)).toBeGreaterThanOrEqual(w.childrenInHousehold);
    expect(w.threatToKill).toBe(w.strangulation);
  });
});

describe('isSerialSuspect', () => {
  const own: SuspectLink = { caseId: 'a', suspectId: 's1', suspectPoliceId: 'S1', victimId: 'v1', force: 'F' };
  it.each([
    ['another victim, same suspect, same force', [{ ...own, caseId: 'b', victimId: 'v2' }], true],
    ['the same victim again (a repeat, not another victim)', [{ ...own, caseId: 'b' }], false],
    ['another victim, another suspect', [{ ...own, caseId: 'b', victimId: 'v2', suspectPoliceId: 'S2' }], false],
    ['another force with the same police id', [{ ...own, caseId: 'b', victimId: 'v2', force: 'G' }], false],
    ['only the case itself', [own], false],
    ['no other case', [], false],
  ] as const)('%s → %s', (_label, others, expected) => {
    expect(isSerialSuspect(own, others)).toBe(expected);
  });

  it('an unidentified suspect (no police person id) never links', () => {
    expect(isSerialSuspect({ ...own, suspectPoliceId: null }, [{ ...own, caseId: 'b', victimId: 'v2', suspectPoliceId: null }])).toBe(
      false,
    );
  });
});
