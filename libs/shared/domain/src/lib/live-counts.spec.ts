import { describe, expect, it } from 'vitest';
import { prng } from './seeded-random';
import type { CaseSummary } from './case';
import type { CaseChangedEvent } from './events';
import { countableChange, countsWithChanges, type CountsViewer } from './live-counts';
import type { RiskGrade } from './report';
import { slaBreachedAt, slaDue, slaStatus } from './sla';
import type { CaseCounts } from './triage';

const H = 3_600_000;
const ME = 'user-me';
const AREAS = ['Watford', 'Dacorum', 'Stevenage'];
const GRADES: Array<RiskGrade | null> = ['high', 'medium', 'standard', null];

/** A case as the model knows it: its facts and clocks, which only ever stop (done on time or late). */
interface ModelCase {
  id: string;
  receivedAt: number;
  grade: RiskGrade | null;
  area: string;
  marac: boolean;
  assignee: string | null;
  assignedAt: string | null;
  firstContactAt: string | null;
}

/** The summary of `c` as the API computes it at `at` (only the parts counts read). */
function summaryOf(c: ModelCase, at: number): CaseSummary {
  const due = slaDue(new Date(c.receivedAt), c.grade);
  const sla = slaStatus(due, { assignedAt: c.assignedAt, firstContactAt: c.firstContactAt }, new Date(at));
  return {
    id: c.id,
    version: 1,
    status: 'new',
    area: c.area,
    risk: { grade: c.grade, marac: { required: c.marac, reasons: [] } },
    sla,
    assignee: c.assignee ? { id: c.assignee, displayName: 'Someone' } : null,
  } as unknown as CaseSummary;
}

/** The counts GET /cases/counts gives at `at` (the API counts in SQL what slaStatus says at that instant). */
function countedAt(cases: readonly ModelCase[], at: number, viewer: CountsViewer, seq: number): CaseCounts {
  const counts: CaseCounts = {
    total: 0,
    byGrade: { high: 0, medium: 0, standard: 0, ungraded: 0 },
    byArea: {},
    marac: 0,
    unassigned: 0,
    mine: 0,
    breached: 0,
    matching: 0,
    asOf: new Date(at).toISOString(),
    seq,
  };
  for (const c of cases) {
    if (c.receivedAt > at) continue;
    const s = summaryOf(c, at);
    counts.total++;
    counts.byGrade[c.grade ?? 'ungraded']++;
    counts.byArea[c.area] = (counts.byArea[c.area] ?? 0) + 1;
    counts.marac += Number(c.marac);
    counts.unassigned += Number(!c.assignee);
    counts.mine += Number(c.assignee === ME);
    counts.breached += Number(s.sla.breached);
    counts.matching += Number(viewer.matches(s));
  }
  return counts;
}

/** A case received at `receivedAt`, its clocks stopped (or not) by `stoppedBy` at the latest. */
function randomCase(r: () => number, i: number, receivedAt: number, stoppedBy: number): ModelCase {
  const doneAt = (p: number) => {
    const at = receivedAt + Math.floor(r() * 30 * H);
    return r() < p && at <= stoppedBy ? new Date(at).toISOString() : null;
  };
  const assignedAt = doneAt(0.5);
  return {
    id: `case-${i}`,
    receivedAt,
    grade: GRADES[Math.floor(r() * GRADES.length)],
    area: AREAS[Math.floor(r() * AREAS.length)],
    marac: r() < 0.2,
    assignee: assignedAt ? (r() < 0.5 ? ME : 'user-other') : null,
    assignedAt,
    firstContactAt: assignedAt ? doneAt(0.5) : null,
  };
}

const VIEWERS: Array<[string, (c: CaseSummary) => boolean]> = [
  ['no filters', () => true],
  ['breached', (c) => c.sla.breached],
  ['high and breached', (c) => c.risk.grade === 'high' && c.sla.breached],
  ['Dacorum, unassigned', (c) => c.area === 'Dacorum' && !c.assignee],
];

describe('slaBreachedAt: whether a case counted as breached at an earlier instant, from its SLA facts now', () => {
  it('agrees with slaStatus at that instant with the clocks as they stood then, on random cases', () => {
    const r = prng(16);
    const t0 = Date.parse('2026-11-30T12:00:00Z');
    for (let i = 0; i < 2_000; i++) {
      const c = randomCase(r, i, t0 - Math.floor(r() * 72 * H), t0);
      const now = summaryOf(c, t0).sla;
      const earlier = t0 - Math.floor(r() * 80 * H);
      // The clocks at `earlier`: a clock done after it was still running then.
      const then = (at: string | null) => (at && Date.parse(at) <= earlier ? at : null);
      const due = slaDue(new Date(c.receivedAt), c.grade);
      const expected = slaStatus(due, { assignedAt: then(c.assignedAt), firstContactAt: then(c.firstContactAt) }, new Date(earlier));
      expect(slaBreachedAt(now, new Date(earlier)), `case ${i} at ${new Date(earlier).toISOString()}`).toBe(expected.breached);
    }
  });

  it('is undefined for a summary that does not say', () => {
    expect(slaBreachedAt({}, new Date())).toBeUndefined();
  });
});

describe('countsWithChanges: the counts read plus new cases and recorded breaches equal the counts read later', () => {
  for (const [name, matches] of VIEWERS) {
    it(`with ${name}`, () => {
      const viewer: CountsViewer = { userId: ME, matches };
      for (let round = 0; round < 40; round++) {
        const r = prng(1000 + round);
        const t0 = Date.parse('2026-11-30T09:00:00Z') + Math.floor(r() * 24 * H);
        // The counts are read at t0; the SLA watch runs at t0 (before the read) and at t1; new cases arrive between.
        const t1 = t0 + Math.floor(r() * 30 * H);
        const old = Array.from({ length: 60 }, (_, i) => randomCase(r, i, t0 - Math.floor(r() * 72 * H), t0));
        const fresh = Array.from({ length: 15 }, (_, i) => randomCase(r, 100 + i, t0 + 1 + Math.floor(r() * (t1 - t0)), t0));
        // Cases that arrive after t0 have no clock stopped (stopping one is an 'updated', read again): reset them.
        for (const c of fresh) Object.assign(c, { assignee: null, assignedAt: null, firstContactAt: null });
        const base = countedAt(old, t0, viewer, 40);
        let seq = 40;
        const events: CaseChangedEvent[] = [];
        const event = (c: ModelCase, change: CaseChangedEvent['change'], at: number): CaseChangedEvent => ({
          seq: ++seq,
          caseId: c.id,
          version: 1,
          change,
          case: summaryOf(c, at),
        });
        for (const c of [...fresh].sort((a, b) => a.receivedAt - b.receivedAt)) events.push(event(c, 'created', c.receivedAt));
        // The watch records a breach once per case (sla_breached_at): at t0 for a clock running past due then (before
        // the read), else at t1.
        const runningPastDue = (c: ModelCase, at: number) => {
          const s = summaryOf(c, at).sla;
          return s.nextDueAt !== null && at > Date.parse(s.nextDueAt);
        };
        // The API takes `asOf` (t0) before its snapshot: a breach the watch records in between (at w) is in the read's
        // seq but not in its counts. Such events come with seqs the read includes (below 40).
        const w = t0 + Math.floor(r() * 10 * 60_000);
        let early = 12; // 13 to 39: below the read's 40, and not the replayed 12 below
        for (const c of [...old, ...fresh]) {
          const recordedAtT0 = c.receivedAt <= t0 && runningPastDue(c, t0);
          if (recordedAtT0) continue;
          if (c.receivedAt <= t0 && runningPastDue(c, w)) events.push({ ...event(c, 'breached', w), seq: ++early });
          else if (runningPastDue(c, t1)) events.push(event(c, 'breached', t1));
        }
        expect(early).toBeLessThan(40);
        // A replay of an event (same seq) and a change the read already had change nothing.
        if (events.length) events.push(events[0]);
        events.push({ ...event(old[0], 'created', t0), seq: 12 });
        const expected = countedAt([...old, ...fresh], t1, viewer, 0);
        const got = countsWithChanges(base, events, viewer);
        expect({ ...got, asOf: null, seq: null }, `round ${round}`).toEqual({ ...expected, asOf: null, seq: null });
        expect(got.seq).toBe(40);
      }
    });
  }

  it('takes only new cases and recorded breaches of open cases, from summaries that carry breachedFrom', () => {
    const c = summaryOf(randomCase(prng(3), 1, Date.parse('2026-11-30T09:00:00Z'), 0), Date.parse('2026-11-30T10:00:00Z'));
    const e = (change: CaseChangedEvent['change'], over: Partial<CaseSummary> = {}): CaseChangedEvent => ({
      seq: 1,
      caseId: c.id,
      version: 2,
      change,
      case: { ...c, ...over },
    });
    expect(countableChange(e('created'))).toBe(true);
    expect(countableChange(e('breached'))).toBe(true);
    for (const change of ['updated', 'revised', 'clock'] as const) expect(countableChange(e(change)), change).toBe(false);
    expect(countableChange(e('created', { status: 'closed' }))).toBe(false);
    const { breachedFrom: _omitted, ...older } = c.sla;
    expect(countableChange(e('breached', { sla: older }))).toBe(false);
  });
});
