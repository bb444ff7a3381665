import { describe, expect, it } from 'vitest';
import { prng } from './seeded-random';
import type { CaseSummary } from './case';
import { DEFAULT_HUB_CALENDAR, type HubCalendar } from './hub-calendar';
import { casePriority, DEFAULT_PRIORITY_WEIGHTS, type PriorityFacts } from './priority';
import type { RiskGrade } from './report';
import { DEFAULT_SLA_TARGETS, slaDue, slaStatus } from './sla';
import { summaryAt, type SummaryClockRules } from './summary-at';

interface RandomCase {
  facts: Omit<PriorityFacts, 'slaState'>;
  grade: RiskGrade | null;
  assignedAt: string | null;
  firstContactAt: string | null;
}

const H = 3_600_000;

/** The summary the API computes at `now` (case-read.ts toSummary: slaStatus, then casePriority with its state). */
function apiSummary(c: RandomCase, now: Date, rules: SummaryClockRules): CaseSummary {
  const due = slaDue(c.facts.receivedAt, c.grade, rules.slaTargets, rules.calendar);
  const sla = slaStatus(due, { assignedAt: c.assignedAt, firstContactAt: c.firstContactAt }, now, rules.slaTargets, rules.calendar);
  return {
    id: 'c',
    receivedAt: c.facts.receivedAt,
    sla: {
      assignDueAt: sla.assignDueAt,
      firstContactDueAt: sla.firstContactDueAt,
      breached: sla.breached,
      state: sla.state,
      nextDueAt: sla.nextDueAt,
    },
    priority: casePriority({ ...c.facts, slaState: sla.state }, now, rules.weights),
  } as CaseSummary;
}

function randomCase(r: () => number, t0: number): RandomCase {
  const grades: Array<RiskGrade | null> = ['high', 'medium', 'standard', null];
  const grade = grades[Math.floor(r() * grades.length)];
  // Received up to three days before t0, at any minute of the day or night (clocks start at the next opening).
  const received = t0 - Math.floor(r() * 72 * H);
  const receivedAt = new Date(received).toISOString();
  const done = (p: number) => (r() < p ? new Date(received + Math.floor(r() * 30 * H)).toISOString() : null);
  const assignedAt = done(0.5);
  return {
    grade,
    assignedAt: assignedAt && Date.parse(assignedAt) <= t0 ? assignedAt : null,
    firstContactAt: (() => {
      const at = assignedAt ? done(0.5) : null;
      return at && Date.parse(at) <= t0 ? at : null;
    })(),
    facts: {
      grade,
      maracReasons: r() < 0.2 ? ['visible-high-risk'] : [],
      strangulation: r() < 0.2,
      weapon: r() < 0.2,
      childrenInHousehold: r() < 0.3,
      childrenPresent: r() < 0.2,
      pregnant: r() < 0.1,
      repeatVictim: r() < 0.3,
      separation: r() < 0.3,
      stalking: r() < 0.2,
      threatToKill: r() < 0.1,
      sexualAbuse: r() < 0.1,
      victimUnder18: r() < 0.1,
      receivedAt,
    },
  };
}

const ROUND_THE_CLOCK: HubCalendar = {
  ...DEFAULT_HUB_CALENDAR,
  week: Object.fromEntries(
    Object.keys(DEFAULT_HUB_CALENDAR.week).map((d) => [d, { open: '00:00', close: '24:00' }]),
  ) as HubCalendar['week'],
  closures: [],
};

describe('summaryAt: a held summary re-scored later equals the API computing it then', () => {
  const rulesets: Array<[string, SummaryClockRules]> = [
    [
      'the default hub (08:00–20:00)',
      { weights: DEFAULT_PRIORITY_WEIGHTS, slaTargets: DEFAULT_SLA_TARGETS, calendar: DEFAULT_HUB_CALENDAR },
    ],
    ['a round-the-clock hub', { weights: DEFAULT_PRIORITY_WEIGHTS, slaTargets: DEFAULT_SLA_TARGETS, calendar: ROUND_THE_CLOCK }],
    [
      'other weights and a one-hour near-breach window',
      {
        weights: { ...DEFAULT_PRIORITY_WEIGHTS, waitingPerHour: 10, waitingCap: 200, slaNear: 25, slaBreached: 400 },
        slaTargets: { ...DEFAULT_SLA_TARGETS, nearBreachMinutes: 60 },
        calendar: DEFAULT_HUB_CALENDAR,
      },
    ],
  ];
  it.each(rulesets)('%s, 3,000 random cases and later instants', (_name, rules) => {
    const r = prng(20261203);
    // From a Friday evening across the weekend and a Monday: opening, closing, out of hours.
    const start = Date.parse('2026-11-27T16:00:00Z');
    for (let i = 0; i < 3_000; i++) {
      const t0 = start + Math.floor(r() * 80 * H);
      const c = randomCase(r, t0);
      const held = apiSummary(c, new Date(t0), rules);
      // A third of the instants sit on the edge of the next clock (a millisecond either side, or on it).
      const due = held.sla.nextDueAt === null ? null : Date.parse(held.sla.nextDueAt);
      const later =
        due !== null && due > t0 && r() < 0.33
          ? new Date(due + Math.floor(r() * 3) - 1)
          : new Date(t0 + Math.floor(r() * (r() < 0.5 ? 2 * H : 30 * H)));
      const expected = apiSummary(c, later, rules);
      const got = summaryAt(held, later, rules);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(
          `case ${i}: ${JSON.stringify({ c, t0: new Date(t0), later, got: got.priority, expected: expected.priority, gotSla: got.sla, expectedSla: expected.sla })}`,
        );
      }
    }
  });

  it('moves a case through near and breach as its clock runs, in hours and out', () => {
    const rules = { weights: DEFAULT_PRIORITY_WEIGHTS, slaTargets: DEFAULT_SLA_TARGETS, calendar: DEFAULT_HUB_CALENDAR };
    // High risk received Monday 10:00 London: assignment due 11:00.
    const c = randomCase(prng(1), Date.parse('2026-11-30T10:00:00Z'));
    const high: RandomCase = {
      ...c,
      grade: 'high',
      assignedAt: null,
      firstContactAt: null,
      facts: { ...c.facts, grade: 'high', receivedAt: '2026-11-30T10:00:00.000Z' },
    };
    const held = apiSummary(high, new Date('2026-11-30T10:00:00Z'), rules);
    expect(held.sla.state).toBe('ok');
    expect(summaryAt(held, new Date('2026-11-30T10:31:00Z'), rules).sla.state).toBe('near');
    const breached = summaryAt(held, new Date('2026-11-30T11:00:01Z'), rules);
    expect(breached.sla.state).toBe('breached');
    expect(breached.priority.factors.map((f) => f.factor)).toContain('sla-breached');
    expect(breached.priority.score - held.priority.score).toBe(
      DEFAULT_PRIORITY_WEIGHTS.slaBreached + DEFAULT_PRIORITY_WEIGHTS.waitingPerHour,
    );
  });

  it('never moves a case down when the clock it is given runs behind the API’s', () => {
    const rules = { weights: DEFAULT_PRIORITY_WEIGHTS, slaTargets: DEFAULT_SLA_TARGETS, calendar: DEFAULT_HUB_CALENDAR };
    const r = prng(3);
    for (let i = 0; i < 500; i++) {
      const t0 = Date.parse('2026-11-30T08:00:00Z') + Math.floor(r() * 40 * H);
      const held = apiSummary(randomCase(r, t0), new Date(t0), rules);
      const behind = summaryAt(held, new Date(t0 - Math.floor(r() * 3 * H)), rules);
      expect(behind.priority.score).toBeGreaterThanOrEqual(held.priority.score);
      expect(['ok', 'near', 'breached'].indexOf(behind.sla.state)).toBeGreaterThanOrEqual(
        ['ok', 'near', 'breached'].indexOf(held.sla.state),
      );
    }
  });

  it('returns the same object when nothing moved, so a store can skip the row', () => {
    const rules = { weights: DEFAULT_PRIORITY_WEIGHTS, slaTargets: DEFAULT_SLA_TARGETS, calendar: ROUND_THE_CLOCK };
    const c = randomCase(prng(2), Date.parse('2026-11-30T10:00:00Z'));
    const held = apiSummary(c, new Date('2026-11-30T10:00:00Z'), rules);
    expect(summaryAt(held, new Date('2026-11-30T10:00:00.500Z'), rules)).toBe(held);
  });
});
