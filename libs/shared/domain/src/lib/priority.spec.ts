import { describe, expect, it } from 'vitest';
import { casePriority, DEFAULT_PRIORITY_WEIGHTS, type PriorityFacts } from './priority';

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

const score = (over: Partial<PriorityFacts>) => casePriority({ ...BASE, ...over }, NOW).score;

describe('priority', () => {
  it('is the sum of its explained factors', () => {
    const p = casePriority(
      { ...BASE, grade: 'high', strangulation: true, childrenInHousehold: true, receivedAt: '2026-11-23T09:00:00Z' },
      NOW,
    );
    expect(p.factors.map((f) => f.factor)).toEqual(['grade', 'strangulation', 'children-in-household', 'waiting']);
    expect(p.score).toBe(p.factors.reduce((s, f) => s + f.points, 0));
    expect(p.factors.find((f) => f.factor === 'waiting')?.points).toBe(3 * DEFAULT_PRIORITY_WEIGHTS.waitingPerHour);
  });

  it.each([
    ['high over medium over standard', { grade: 'high' }, { grade: 'medium' }],
    ['MARAC medium over plain high', { grade: 'medium', maracReasons: ['potential-escalation'] }, { grade: 'high' }],
    ['strangulation raises', { strangulation: true }, {}],
    ['a weapon raises', { weapon: true }, {}],
    ['children in the household raise', { childrenInHousehold: true }, {}],
    ['children present raise', { childrenPresent: true }, {}],
    ['pregnancy raises', { pregnant: true }, {}],
    ['a repeat victim rises', { repeatVictim: true }, {}],
    ['a breach outranks a near breach', { slaState: 'breached' }, { slaState: 'near' }],
    ['near breach outranks ok', { slaState: 'near' }, {}],
    ['a longer wait rises', { receivedAt: '2026-11-23T06:00:00Z' }, {}],
    [
      'a breached standard case overtakes a fresh medium one',
      { slaState: 'breached', receivedAt: '2026-11-22T12:00:00Z' },
      { grade: 'medium' },
    ],
  ] as Array<[string, Partial<PriorityFacts>, Partial<PriorityFacts>]>)('%s', (_n, higher, lower) => {
    expect(score(higher)).toBeGreaterThan(score(lower));
  });

  it('caps the waiting points so age alone never beats a high grade', () => {
    expect(score({ receivedAt: '2026-10-01T00:00:00Z' })).toBeLessThan(score({ grade: 'high' }));
  });
});
