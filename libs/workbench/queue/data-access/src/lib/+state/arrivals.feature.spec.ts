import { describe, expect, it } from 'vitest';
import type { CaseChangedEvent, CaseSummary, CurrentUser, MaracReason, RiskGrade } from '@lantern/shared/domain';
import { AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { ArrivalsPanelActions, ArrivalsStorageActions } from './arrivals.actions';
import {
  ACKNOWLEDGED_KEPT,
  arrivalsFeature,
  initialArrivalsState,
  isUrgentArrival,
  toArrival,
  type ArrivalsState,
} from './arrivals.feature';

const reduce = arrivalsFeature.reducer;
const run = (state: ArrivalsState, ...actions: Parameters<typeof reduce>[1][]) => actions.reduce(reduce, state);

const POINTS: Record<RiskGrade, number> = { high: 300, medium: 200, standard: 100 };

function summary(
  id: string,
  grade: RiskGrade | null,
  opts: { marac?: boolean; receivedAt?: string; status?: CaseSummary['status'] } = {},
): CaseSummary {
  const marac = opts.marac ?? false;
  const score = (grade ? POINTS[grade] : 0) + (marac ? 50 : 0);
  return {
    id,
    version: 1,
    status: opts.status ?? 'new',
    reference: `HC/2026/${id}`,
    force: 'Hertfordshire Constabulary',
    receivedAt: opts.receivedAt ?? '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
    revision: 1,
    area: 'Watford and Three Rivers',
    victim: { personId: null, firstName: 'Sarah', lastName: 'Jones' },
    risk: {
      grade,
      score: null,
      source: 'officer',
      officerTool: 'dash',
      marac: { required: marac, reasons: marac ? (['visible-high-risk'] as MaracReason[]) : [] },
      policeGrade: grade,
      policeScore: null,
      agreedWithPolice: null,
    },
    priority: { score, factors: [] },
    sla: { assignDueAt: null, firstContactDueAt: null, breached: false, state: 'ok', nextDueAt: null },
    assignee: null,
    firstContactAt: null,
    outreachArea: { area: 'Watford and Three Rivers', source: 'victim-postcode', outOfCounty: false },
    flags: {
      children: 0,
      childrenInHousehold: false,
      repeatVictim: false,
      arrivedOutOfHours: false,
      contactPaused: false,
      childrenConflict: false,
      victimUnder18: false,
      victimUnder16: false,
      suspectUnder18: false,
      serialSuspect: false,
    },
  };
}

let seq = 0;
const event = (c: CaseSummary, change: CaseChangedEvent['change'] = 'created'): CaseChangedEvent => ({
  seq: ++seq,
  caseId: c.id,
  version: c.version,
  change,
  case: c,
});
const arrived = (c: CaseSummary, change: CaseChangedEvent['change'] = 'created') =>
  LiveSocketActions.caseChanged({ event: event(c, change) });
const user = (id: string): CurrentUser => ({ id, username: id, displayName: id, roles: ['caseworker'] });
const signedIn = run(
  initialArrivalsState,
  AuthApiActions.sessionFound({ user: user('u1') }),
  ArrivalsStorageActions.restored({ userId: 'u1', items: [], acknowledged: [] }),
);

const listed = (s: ArrivalsState) => arrivalsFeature.selectArrivals.projector(s).map((a) => a.caseId);
const count = (s: ArrivalsState) => arrivalsFeature.selectArrivalCount.projector(s);
const routine = (s: ArrivalsState) => arrivalsFeature.selectRoutineArrival.projector(s.routine, s);

describe('arrivals', () => {
  it('keeps a high-risk arrival listed after a routine one arrives (the bug: the banner was overwritten)', () => {
    const s = run(signedIn, arrived(summary('h1', 'high')), arrived(summary('r1', 'standard')), arrived(summary('r2', 'medium')));
    expect(listed(s)).toEqual(['h1']);
    expect(count(s)).toBe(1);
    expect(routine(s)?.caseId).toBe('r2');
    expect(s.latestUrgent).toBe('h1');
  });

  it.each<[string, RiskGrade | null, boolean, boolean]>([
    ['high', 'high', false, true],
    ['MARAC at medium', 'medium', true, true],
    ['medium', 'medium', false, false],
    ['standard', 'standard', false, false],
    ['not graded', null, false, false],
  ])('lists a %s arrival: %s', (_label, grade, marac, urgent) => {
    const c = summary('x', grade, { marac });
    expect(isUrgentArrival(c)).toBe(urgent);
    expect(listed(run(signedIn, arrived(c)))).toEqual(urgent ? ['x'] : []);
  });

  it('orders the list most urgent first by the queue rule (priority, then the longer wait)', () => {
    const s = run(
      signedIn,
      arrived(summary('late-high', 'high', { receivedAt: '2026-11-23T10:00:00Z' })),
      arrived(summary('marac-medium', 'medium', { marac: true })),
      arrived(summary('early-high', 'high', { receivedAt: '2026-11-23T08:00:00Z' })),
      arrived(summary('high-marac', 'high', { marac: true })),
    );
    expect(listed(s)).toEqual(['high-marac', 'early-high', 'late-high', 'marac-medium']);
    expect(count(s)).toBe(4);
  });

  it('lists only new cases in the queue: an update, a revision or a closed case is not an arrival', () => {
    const s = run(
      signedIn,
      arrived(summary('u', 'high'), 'updated'),
      arrived(summary('v', 'high'), 'revised'),
      arrived(summary('c', 'high', { status: 'closed' })),
    );
    expect(listed(s)).toEqual([]);
    expect(s.urgentCount).toBe(0);
  });

  it('refreshes a listed arrival from later events (claimed by someone: the list says so)', () => {
    const c = summary('h1', 'high');
    const claimed = { ...c, version: 2, status: 'triage' as const, assignee: { id: 'u2', displayName: 'Sam Patel' } };
    const s = run(signedIn, arrived(c), arrived(claimed, 'updated'));
    expect(arrivalsFeature.selectArrivals.projector(s)[0].assignee?.displayName).toBe('Sam Patel');
    expect(s.urgentCount).toBe(1);
  });

  it('acknowledging one, or all, clears them; a replayed "created" event never brings one back', () => {
    const h1 = summary('h1', 'high');
    const h2 = summary('h2', 'high', { marac: true });
    const h3 = summary('h3', 'high');
    let s = run(signedIn, arrived(h1), arrived(h2), arrived(h3));
    s = run(s, ArrivalsPanelActions.acknowledged({ caseId: 'h2' }));
    expect(listed(s)).toEqual(['h1', 'h3']);
    s = run(s, ArrivalsPanelActions.opened({ caseId: 'h1' }));
    expect(listed(s)).toEqual(['h3']);
    s = run(s, ArrivalsPanelActions.allAcknowledged());
    expect(listed(s)).toEqual([]);
    expect(count(s)).toBe(0);
    // The reconnect's catch-up replays what it had: nothing comes back.
    s = run(s, LiveSocketActions.synced({ response: { reset: false, lastSeq: 99, events: [event(h1), event(h2), event(h3)] } }));
    expect(listed(s)).toEqual([]);
    expect(s.acknowledged).toEqual(['h2', 'h1', 'h3']);
  });

  it('takes arrivals missed while disconnected from the catch-up, and drops a case restricted off the list', () => {
    let s = run(signedIn, LiveSocketActions.synced({ response: { reset: false, lastSeq: 5, events: [event(summary('h1', 'high'))] } }));
    expect(listed(s)).toEqual(['h1']);
    s = run(s, LiveSocketActions.caseRemoved({ event: { caseId: 'h1' } }));
    expect(listed(s)).toEqual([]);
    expect(s.latestUrgent).toBeNull();
  });

  it('remembers a bounded number of acknowledgements', () => {
    let s = signedIn;
    for (let i = 0; i < ACKNOWLEDGED_KEPT + 10; i++)
      s = run(s, arrived(summary(`c${i}`, 'high')), ArrivalsPanelActions.acknowledged({ caseId: `c${i}` }));
    expect(s.acknowledged).toHaveLength(ACKNOWLEDGED_KEPT);
    expect(s.acknowledged.at(-1)).toBe(`c${ACKNOWLEDGED_KEPT + 9}`);
  });

  it('restores what the tab kept across a reload, without what was acknowledged since, and without alerting again', () => {
    const kept = [toArrival(summary('h1', 'high')), toArrival(summary('h2', 'high'))];
    const s = run(
      signedIn,
      arrived(summary('h3', 'high')),
      ArrivalsPanelActions.acknowledged({ caseId: 'h3' }),
      ArrivalsStorageActions.restored({ userId: 'u1', items: kept, acknowledged: ['h2'] }),
    );
    expect(listed(s)).toEqual(['h1']);
    expect(s.urgentCount).toBe(1);
    expect(arrivalsFeature.selectStored.projector(s, arrivalsFeature.selectArrivals.projector(s))).toEqual({
      userId: 'u1',
      items: [kept[0]],
      acknowledged: ['h2', 'h3'],
    });
  });

  it('stores nothing until what the tab held has been read back', () => {
    const fresh = run(initialArrivalsState, AuthApiActions.sessionFound({ user: user('u1') }));
    expect(arrivalsFeature.selectStored.projector(fresh, [])).toBeNull();
  });

  it('starts clean for another user, and on sign-out; stores nothing before the user is known', () => {
    const s = run(signedIn, arrived(summary('h1', 'high')));
    expect(listed(run(s, AuthApiActions.sessionFound({ user: user('u1') })))).toEqual(['h1']);
    expect(listed(run(s, AuthApiActions.signInSucceeded({ user: user('u2'), returnUrl: null })))).toEqual([]);
    const out = run(s, AuthApiActions.signedOut());
    expect(out).toEqual(initialArrivalsState);
    expect(arrivalsFeature.selectStored.projector(out, [])).toBeNull();
  });

  it('keeps no victim detail (the list is stored in sessionStorage)', () => {
    const s = run(signedIn, arrived(summary('h1', 'high')));
    expect(JSON.stringify(arrivalsFeature.selectStored.projector(s, arrivalsFeature.selectArrivals.projector(s)))).not.toMatch(
      /Sarah|Jones|Watford/,
    );
  });
});
