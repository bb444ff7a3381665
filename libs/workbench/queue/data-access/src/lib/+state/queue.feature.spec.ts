import { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { Subject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SUMMARY_CLOCK_RULES, type CaseChangedEvent, type CaseSummary, type RiskGrade } from '@lantern/shared/domain';
import type { CasePriority } from '@lantern/shared/domain';
import {
  canResume,
  countsTook,
  HEAD_REFRESH_TICKS,
  initialQueueState,
  queueAdapter,
  queueFeature,
  QueueState,
  replaceRows,
} from './queue.feature';
import { COUNTS_EVENTS_MAX } from './live-counts';
import {
  selectLastArrival,
  selectDisplayedRows,
  selectQueueCount,
  selectQueueLoading,
  selectQueueRows,
  selectQueueView,
  selectQueueWindow,
} from './queue.selectors';
import { LIVE_HIGHLIGHT_MS, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { expireHighlights } from './queue.effects';
import { authFeature, initialAuthState } from '@lantern/workbench/auth/data-access';
import { QueueApiActions } from './queue.actions';
import { QueuePageActions, QueueTimerActions, NO_FILTERS, QueueFilters } from '@lantern/workbench/data-access-hub';

const reduce = queueFeature.reducer;

/** A stand-in priority: grade, then children in the household (the real model is the API's). */
function testPriority(grade: RiskGrade | null, childrenInHousehold: boolean): CasePriority {
  const factors = [];
  if (grade) {
    const points = { high: 300, medium: 200, standard: 100 }[grade];
    factors.push({ factor: 'grade', points, label: `Risk grade: ${grade}` });
  }
  if (childrenInHousehold)
    factors.push({
      factor: 'children-in-household',
      points: 50,
      label: 'Children in the household',
    });
  return { score: factors.reduce((s, f) => s + f.points, 0), factors };
}

function summary(
  id: string,
  overrides: Partial<CaseSummary> & {
    grade?: RiskGrade | null;
    childrenInHousehold?: boolean;
  } = {},
): CaseSummary {
  const { grade = 'standard', childrenInHousehold = false, ...rest } = overrides;
  return {
    id,
    version: 1,
    status: 'new',
    reference: `HC/2026/${id}`,
    force: 'Hertfordshire Constabulary',
    receivedAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
    revision: 1,
    area: 'Watford and Three Rivers',
    victim: { personId: null, firstName: 'Sarah', lastName: 'Jones' },
    risk: {
      grade,
      score: null,
      source: 'officer',
      officerTool: 'dash',
      marac: { required: false, reasons: [] },
      policeGrade: null,
      policeScore: null,
      agreedWithPolice: null,
    },
    priority: testPriority(grade, childrenInHousehold),
    sla: {
      assignDueAt: null,
      firstContactDueAt: null,
      breached: false,
      state: 'ok',
      nextDueAt: null,
    },
    assignee: null,
    firstContactAt: null,
    outreachArea: { area: 'Watford and Three Rivers', source: 'victim-postcode', outOfCounty: false },
    flags: {
      children: childrenInHousehold ? 1 : 0,
      childrenInHousehold,
      repeatVictim: false,
      arrivedOutOfHours: false,
      contactPaused: false,
      childrenConflict: false,
      victimUnder18: false,
      victimUnder16: false,
      suspectUnder18: false,
      serialSuspect: false,
    },
    ...rest,
  };
}

function changed(seq: number, c: CaseSummary, change: CaseChangedEvent['change'] = 'updated'): CaseChangedEvent {
  return { seq, caseId: c.id, version: c.version, change, case: c };
}

function run(state: QueueState, ...actions: Parameters<typeof reduce>[1][]): QueueState {
  return actions.reduce(reduce, state);
}

const all = (state: QueueState) => Object.values(state.ids).map((id) => state.entities[id] as CaseSummary);
const rows = (state: QueueState, userId: string | null = null) => selectQueueRows.projector(all(state), state.filters, userId);
const shown = (state: QueueState) => selectQueueView.projector(rows(state), state.heldOrder);
const opened = (filters: QueueFilters = NO_FILTERS) => QueuePageActions.opened({ filters, userId: null });
const ids = (state: QueueState) => rows(state).map((c) => c.id);

/** A store that has loaded `cases` as its snapshot after the socket said `lastSeq`. */
function loaded(cases: CaseSummary[], lastSeq = 10): QueueState {
  return run(
    initialQueueState,
    LiveSocketActions.ready({ lastSeq }),
    QueueApiActions.snapshotLoadStarted(),
    QueueApiActions.pageLoaded({
      items: cases,
      total: cases.length,
      after: null,
      nextCursor: null,
    }),
  );
}

/** A store holding the head of a longer queue: `cases`, then more after `nextCursor` (`total` in all). */
function windowOf(cases: CaseSummary[], nextCursor: string, total = cases.length + 1, lastSeq = 10): QueueState {
  return run(
    initialQueueState,
    QueuePageActions.opened({ filters: NO_FILTERS, userId: null }),
    LiveSocketActions.ready({ lastSeq }),
    QueueApiActions.snapshotLoadStarted(),
    QueueApiActions.pageLoaded({ items: cases, total, after: null, nextCursor }),
  );
}

describe('queue reducer: applying live events', () => {
  it('upserts a case only when the event carries a newer version', () => {
    const v2 = summary('a', { version: 2, area: 'St Albans and Dacorum' });
    let state = loaded([v2]);

    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 1, area: 'Old' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('St Albans and Dacorum');

    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(12, summary('a', { version: 2, area: 'Same' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('St Albans and Dacorum');

    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(13, summary('a', { version: 3, area: 'Newer' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('Newer');
    expect(state.entities['a']?.version).toBe(3);
  });

  it('treats a replayed event as harmless', () => {
    const event = changed(11, summary('b', { version: 1 }), 'created');
    const once = reduce(loaded([]), LiveSocketActions.caseChanged({ event }));
    const twice = reduce(once, LiveSocketActions.caseChanged({ event }));
    expect(twice.entities).toEqual(once.entities);
    expect(twice.ids).toEqual(once.ids);
  });

  it('advances lastSeq and highlights new and changed rows', () => {
    let state = loaded([summary('a')], 10);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('n'), 'created'),
      }),
    );
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(12, summary('a', { version: 2 })),
      }),
    );
    expect(state.lastSeq).toBe(12);
    expect(state.highlights).toEqual({ n: 'new', a: 'changed' });
    state = reduce(state, QueueTimerActions.highlightElapsed({ caseId: 'n' }));
    expect(state.highlights).toEqual({ a: 'changed' });
  });

  it("ends a row's highlight LIVE_HIGHLIGHT_MS after its last live change, whether pushed or caught up", () => {
    vi.useFakeTimers();
    try {
      const source = new Subject<Action>();
      const out: Action[] = [];
      const sub = expireHighlights(new Actions(source)).subscribe((a) => out.push(a));
      source.next(LiveSocketActions.caseChanged({ event: changed(11, summary('a'), 'created') }));
      vi.advanceTimersByTime(1_000);
      // A catch-up after a reconnect brings the same case again, and another.
      source.next(
        LiveSocketActions.synced({
          response: { reset: false, lastSeq: 13, events: [changed(12, summary('a', { version: 2 })), changed(13, summary('b'))] },
        }),
      );
      vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS - 1);
      expect(out).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(out).toHaveLength(2);
      expect(out).toEqual(
        expect.arrayContaining([QueueTimerActions.highlightElapsed({ caseId: 'a' }), QueueTimerActions.highlightElapsed({ caseId: 'b' })]),
      );
      sub.unsubscribe();
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers the latest arrival and where it sits in the queue', () => {
    let state = loaded([summary('a', { grade: 'high' }), summary('b', { grade: 'standard' })]);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 2, grade: 'high' })),
      }),
    );
    expect(state.lastArrival).toBeNull();
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(12, summary('m', { grade: 'medium' }), 'created'),
      }),
    );
    expect(state.lastArrival).toBe('m');
    expect(selectLastArrival.projector(rows(state), state.lastArrival)?.index).toBe(1);
  });

  it('drops a case from the queue view when it is closed, without forgetting its version', () => {
    let state = loaded([summary('a'), summary('b')]);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 2, status: 'closed' })),
      }),
    );
    expect(ids(state)).toEqual(['b']);
    expect(selectQueueCount.projector(rows(state), state.nextCursor, state.total)).toBe(1);
    // A late replay of the open version must not resurrect it.
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(9, summary('a', { version: 1 })),
      }),
    );
    expect(ids(state)).toEqual(['b']);
  });

  it('drops a case restricted off this user’s list (case.removed), with its highlight and arrival', () => {
    let state = loaded([summary('a'), summary('b')]);
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('c'), 'created') }));
    expect(state.lastArrival).toBe('c');
    state = reduce(state, LiveSocketActions.caseRemoved({ event: { caseId: 'c' } }));
    expect(ids(state)).toEqual(['a', 'b']);
    expect(state.entities['c']).toBeUndefined();
    expect(state.highlights['c']).toBeUndefined();
    expect(state.lastArrival).toBeNull();
  });
});

describe('queue reducer: triage order', () => {
  const t = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, minutes)).toISOString();

  it('sorts by grade, then children in the household, then longest waiting, then id', () => {
    const state = loaded([
      summary('std-old', { grade: 'standard', receivedAt: t(0) }),
      summary('high-new', { grade: 'high', receivedAt: t(50) }),
      summary('med-kids', {
        grade: 'medium',
        childrenInHousehold: true,
        receivedAt: t(40),
      }),
      summary('med-old', { grade: 'medium', receivedAt: t(10) }),
      summary('high-old', { grade: 'high', receivedAt: t(5) }),
      summary('ungraded', { grade: null, receivedAt: t(1) }),
      summary('med-old-b', { grade: 'medium', receivedAt: t(10) }),
    ]);
    expect(ids(state)).toEqual(['high-old', 'high-new', 'med-kids', 'med-old', 'med-old-b', 'std-old', 'ungraded']);
  });

  it('moves a row when a live change alters its priority', () => {
    let state = loaded([summary('a', { grade: 'high' }), summary('b', { grade: 'standard' })]);
    expect(ids(state)).toEqual(['a', 'b']);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(
          11,
          summary('b', {
            version: 2,
            grade: 'high',
            childrenInHousehold: true,
          }),
        ),
      }),
    );
    expect(ids(state)).toEqual(['b', 'a']);
  });
});

describe('queue reducer: snapshot, reconnect and sync', () => {
  it('loads the window’s head, and is loading until it arrives', () => {
    let state = run(initialQueueState, LiveSocketActions.ready({ lastSeq: 5 }));
    expect(state).toMatchObject({
      snapshot: 'stale',
      lastSeq: 5,
    });
    state = reduce(state, QueueApiActions.snapshotLoadStarted());
    expect(selectQueueLoading.projector(state.snapshot, false)).toBe(true);
    state = reduce(state, QueueApiActions.pageLoaded({ items: [summary('a'), summary('b')], total: 2, after: null, nextCursor: null }));
    expect(state.snapshot).toBe('loaded');
    expect(selectQueueLoading.projector(state.snapshot, false)).toBe(false);
    expect(ids(state).sort()).toEqual(['a', 'b']);
  });

  it('resumes with sync after a reconnect when it holds a snapshot and a seq', () => {
    let state = loaded([summary('a')], 10);
    expect(canResume(state)).toBe(true);
    state = run(state, LiveSocketActions.disconnected({ reason: 'transport close' }));
    state = reduce(state, LiveSocketActions.ready({ lastSeq: 20 }));
    expect(state).toMatchObject({
      snapshot: 'loaded',
      lastSeq: 10,
    });

    state = reduce(
      state,
      LiveSocketActions.synced({
        response: {
          reset: false,
          lastSeq: 20,
          events: [changed(14, summary('a', { version: 2 })), changed(19, summary('c'), 'created')],
        },
      }),
    );
    expect(state.lastSeq).toBe(20);
    expect(state.entities['a']?.version).toBe(2);
    expect(ids(state)).toContain('c');
  });

  it('marks the snapshot stale on a sync reset and replaces it on reload, keeping what changed live meanwhile', () => {
    let state = loaded([summary('a'), summary('gone'), summary('b')], 10);
    state = reduce(
      state,
      LiveSocketActions.synced({
        response: { reset: true, lastSeq: 500, events: [] },
      }),
    );
    expect(state).toMatchObject({ snapshot: 'stale', lastSeq: 500 });
    // The old rows stay on screen while the new snapshot loads.
    expect(ids(state)).toHaveLength(3);

    state = reduce(state, QueueApiActions.snapshotLoadStarted());
    // Arrives live during the reload; the snapshot was read before it existed.
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(501, summary('live'), 'created'),
      }),
    );
    state = reduce(
      state,
      QueueApiActions.pageLoaded({
        items: [summary('a', { version: 3 }), summary('b', { version: 1 })],
        total: 2,
        after: null,
        nextCursor: null,
      }),
    );
    expect(state.snapshot).toBe('loaded');
    expect(ids(state).sort()).toEqual(['a', 'b', 'live']);
    expect(state.entities['a']?.version).toBe(3);
    expect(state.lastSeq).toBe(501);
  });

  it('never lets an older snapshot row overwrite a newer live version', () => {
    let state = run(initialQueueState, LiveSocketActions.ready({ lastSeq: 1 }), QueueApiActions.snapshotLoadStarted());
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(2, summary('a', { version: 4, area: 'live' })),
      }),
    );
    state = reduce(
      state,
      QueueApiActions.pageLoaded({
        items: [summary('a', { version: 3, area: 'snap' })],
        total: 1,
        after: null,
        nextCursor: null,
      }),
    );
    expect(state.entities['a']).toMatchObject({ version: 4, area: 'live' });
  });

  it('shows a first snapshot at once, then reloads it from a known seq when the socket is ready', () => {
    let state = run(
      initialQueueState,
      opened(),
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({
        items: [summary('a')],
        total: 1,
        after: null,
        nextCursor: null,
      }),
    );
    expect(state).toMatchObject({ snapshot: 'loaded', lastSeq: null });
    expect(canResume(state)).toBe(false);
    // Opening the page again does not reload a snapshot it already has.
    expect(reduce(state, opened()).snapshot).toBe('loaded');
    state = reduce(state, LiveSocketActions.ready({ lastSeq: 42 }));
    // Read again from that seq, quietly: the rows stay on screen meanwhile.
    expect(state).toMatchObject({ snapshot: 'stale', lastSeq: 42, background: true, anchor: 'reading' });
    expect(selectQueueLoading.projector(state.snapshot, state.background)).toBe(false);
    expect(ids(state)).toEqual(['a']);
  });

  it('shows a head asked for before the socket was ready when it lands, then reads it again from the socket’s seq', () => {
    let state = run(initialQueueState, opened(), QueueApiActions.snapshotLoadStarted(), LiveSocketActions.ready({ lastSeq: 42 }));
    // The read in flight is not dropped …
    expect(state).toMatchObject({ snapshot: 'loading', lastSeq: 42, anchor: 'pending' });
    state = reduce(state, QueueApiActions.pageLoaded({ items: [summary('a'), summary('b')], total: 2, after: null, nextCursor: null }));
    // … its rows are shown, and the head is read again, anchored, without a progress bar.
    expect(ids(state).sort()).toEqual(['a', 'b']);
    expect(state).toMatchObject({ snapshot: 'stale', background: true, anchor: 'reading' });
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({ items: [summary('b')], total: 1, after: null, nextCursor: null }),
    );
    // The anchored read replaces the window (a case gone in between leaves it).
    expect(state).toMatchObject({ snapshot: 'loaded', anchor: 'none', lastSeq: 42 });
    expect(ids(state)).toEqual(['b']);
  });

  it('shows the failure of a quiet refresh the socket became ready during (the rows held may miss what changed)', () => {
    // A quiet refresh is in flight when the connection drops and comes back; then the refresh fails.
    let state = run(loaded([summary('a')], 10), LiveSocketActions.disconnected({ reason: 'transport close' }));
    state = { ...state, snapshot: 'stale', background: true };
    state = run(state, QueueApiActions.snapshotLoadStarted(), LiveSocketActions.ready({ lastSeq: 20 }));
    state = reduce(state, QueueApiActions.snapshotLoadFailed({ error: 'offline' }));
    expect(state).toMatchObject({ snapshot: 'error', error: 'offline', anchor: 'none' });
  });

  it('shows the failure of the anchoring re-read (the rows held may be behind), unlike a quiet refresh’s', () => {
    let state = run(
      initialQueueState,
      opened(),
      QueueApiActions.snapshotLoadStarted(),
      LiveSocketActions.ready({ lastSeq: 42 }),
      QueueApiActions.pageLoaded({ items: [summary('a')], total: 1, after: null, nextCursor: null }),
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.snapshotLoadFailed({ error: 'boom' }),
    );
    expect(state).toMatchObject({ snapshot: 'error', error: 'boom', anchor: 'none', background: false });
    expect(ids(state)).toEqual(['a']);
    state = run(state, QueuePageActions.retryClicked());
    expect(state.snapshot).toBe('stale');
  });

  it('reloads when a sync fails, and allows a retry after a failed load', () => {
    let state = reduce(loaded([summary('a')]), LiveSocketActions.syncFailed({ error: 'timeout' }));
    expect(state).toMatchObject({ snapshot: 'stale', lastSeq: null });
    state = run(state, QueueApiActions.snapshotLoadStarted(), QueueApiActions.snapshotLoadFailed({ error: 'boom' }));
    expect(state).toMatchObject({ snapshot: 'error', error: 'boom' });
    state = reduce(state, QueuePageActions.retryClicked());
    expect(state.snapshot).toBe('stale');
  });
});

describe('queue reducer: filters from the URL', () => {
  it('reloads the snapshot when the filters change, and shows only matching rows meanwhile', () => {
    let state = run(loaded([summary('h', { grade: 'high' }), summary('s', { grade: 'standard' })]), opened());
    expect(state.snapshot).toBe('loaded');
    const highOnly = { ...NO_FILTERS, grades: ['high' as const] };
    state = reduce(state, QueuePageActions.filtersChanged({ filters: highOnly }));
    expect(state).toMatchObject({ snapshot: 'stale', filters: highOnly });
    expect(ids(state)).toEqual(['h']);
    // The same filters again (Back and forth, a re-render) change nothing.
    expect(reduce(state, QueuePageActions.filtersChanged({ filters: { ...highOnly } }))).toBe(state);
  });

  it('lets a live change move a case into or out of a filtered queue', () => {
    let state = run(loaded([]), opened({ ...NO_FILTERS, marac: true }));
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('x', { grade: 'high' }), 'created'),
      }),
    );
    expect(ids(state)).toEqual([]);
    const marac = summary('x', { version: 2, grade: 'high' });
    marac.risk = {
      ...marac.risk,
      marac: { required: true, reasons: ['visible-high-risk'] },
    };
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(12, marac) }));
    expect(ids(state)).toEqual(['x']);
  });

  it('opens with the URL filters and loads again only if they differ from what it holds', () => {
    const mine = { ...NO_FILTERS, assignee: 'me' as const };
    let state = run(loaded([summary('a')]), opened(mine));
    expect(state).toMatchObject({ snapshot: 'stale', filters: mine, pageOpen: true });
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({ items: [], total: 0, after: null, nextCursor: null }),
      QueuePageActions.closed(),
    );
    expect(reduce(state, opened(mine)).snapshot).toBe('loaded');
  });
});

describe('queue reducer: the minute tick', () => {
  const received = Date.parse('2026-11-23T09:00:00Z');
  const tick = (at: number) => QueueTimerActions.refreshDue({ at, rules: DEFAULT_SUMMARY_CLOCK_RULES });

  it('re-scores a window that holds the whole queue and reads nothing', () => {
    const due = summary('due', { grade: 'standard' });
    due.sla = { ...due.sla, nextDueAt: '2026-11-23T10:00:00.000Z' };
    let state = run(loaded([summary('m', { grade: 'medium' }), due]), opened());
    expect(ids(state)).toEqual(['m', 'due']);
    // Nothing has moved yet (no waiting points this soon): the same state, so nothing re-renders.
    expect(reduce(state, tick(received + 1_000))).toBe(state);
    // Past its due time: breached, and it outranks the medium case (summaryAt, the domain's rule).
    state = reduce(state, tick(Date.parse('2026-11-23T10:00:01Z')));
    expect(state.snapshot).toBe('loaded');
    expect(state.entities['due']?.sla.state).toBe('breached');
    expect(ids(state)).toEqual(['due', 'm']);
  });

  it('reads the head quietly every quarter of an hour when the queue is longer than the window: no progress bar, and a failure keeps the rows', () => {
    let state = windowOf([summary('a')], 'after-a');
    for (let minute = 1; minute < HEAD_REFRESH_TICKS; minute++) state = reduce(state, tick(received));
    expect(state.snapshot).toBe('loaded');
    state = reduce(state, tick(received));
    expect(state).toMatchObject({ snapshot: 'stale', background: true });
    state = reduce(state, QueueApiActions.snapshotLoadStarted());
    expect(selectQueueLoading.projector(state.snapshot, state.background)).toBe(false);
    state = reduce(state, QueueApiActions.snapshotLoadFailed({ error: 'down' }));
    expect(state).toMatchObject({ snapshot: 'loaded', error: null, background: false });
    expect(ids(state)).toEqual(['a']);
  });

  it('takes fresher priorities of the same version from the quiet read, and keeps the rows scrolled to', () => {
    let state = run(
      windowOf([summary('a', { grade: 'high' }), summary('b', { grade: 'medium' })], 'after-b'),
      QueueApiActions.moreLoadStarted({ after: 'after-b' }),
      QueueApiActions.pageLoaded({ items: [summary('c', { grade: 'standard' })], total: 5, after: 'after-b', nextCursor: 'after-c' }),
      ...Array.from({ length: HEAD_REFRESH_TICKS }, () => tick(received)),
      QueueApiActions.snapshotLoadStarted(),
    );
    expect(state.background).toBe(true);
    const b = summary('b', { grade: 'medium' });
    b.priority = { score: 999, factors: [{ factor: 'sla-breached', points: 999, label: 'SLA breached' }] };
    state = reduce(
      state,
      QueueApiActions.pageLoaded({ items: [b, summary('a', { grade: 'high' })], total: 5, after: null, nextCursor: 'after-a2' }),
    );
    expect(ids(state)).toEqual(['b', 'a', 'c']);
    // The user had scrolled past the head: the next page still follows the last one held.
    expect(state.nextCursor).toBe('after-c');
  });

  it('reads nothing while the page is closed, and reads the window again quietly when it opens', () => {
    let state = run(windowOf([summary('a')], 'after-a'), QueuePageActions.closed());
    for (let minute = 0; minute <= HEAD_REFRESH_TICKS; minute++) state = reduce(state, tick(received));
    expect(state.snapshot).toBe('loaded');
    expect(reduce(state, opened())).toMatchObject({ snapshot: 'stale', background: true });
  });

  it('replaces the window (never quietly) on a sync reset, even with a quiet read pending', () => {
    let state = windowOf([summary('a')], 'after-a');
    for (let minute = 0; minute < HEAD_REFRESH_TICKS; minute++) state = reduce(state, tick(received));
    expect(state.background).toBe(true);
    state = reduce(state, LiveSocketActions.synced({ response: { reset: true, lastSeq: 99, events: [] } }));
    expect(state).toMatchObject({ snapshot: 'stale', background: false });
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({ items: [summary('b')], total: 1, after: null, nextCursor: null }),
    );
    expect(ids(state)).toEqual(['b']);
  });

  it('takes a case the SLA clock says has risen into the window, and fresher clocks for a row it holds', () => {
    let state = windowOf([summary('h', { grade: 'high' }), summary('m', { grade: 'medium' })], 'after-m', 10, 10);
    const risen = summary('s', { grade: 'standard' });
    risen.sla = { ...risen.sla, state: 'near' };
    risen.priority = { score: 250, factors: [{ factor: 'sla-near', points: 250, label: 'SLA near breach' }] };
    const clock = (c: CaseSummary): CaseChangedEvent => ({ seq: 0, caseId: c.id, version: c.version, change: 'clock', case: c });
    state = reduce(state, LiveSocketActions.caseChanged({ event: clock(risen) }));
    expect(ids(state)).toEqual(['h', 's', 'm']);
    // Not a change anyone made: no highlight or arrival, and the store's seq is its own.
    expect(state.highlights).toEqual({});
    expect(state.lastArrival).toBeNull();
    expect(state.lastSeq).toBe(10);
    // A case still below the window stays with its page.
    state = reduce(state, LiveSocketActions.caseChanged({ event: clock(summary('low', { grade: 'standard' })) }));
    expect(ids(state)).toEqual(['h', 's', 'm']);
    // The same version of a held row: its fresher clocks are taken. An older version is not.
    const m = { ...summary('m', { grade: 'medium' }), priority: { score: 900, factors: [] } };
    state = reduce(state, LiveSocketActions.caseChanged({ event: clock(m) }));
    expect(ids(state)).toEqual(['m', 'h', 's']);
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('h', { version: 2, grade: 'high' })) }));
    state = reduce(
      state,
      LiveSocketActions.caseChanged({ event: clock({ ...summary('h', { grade: 'standard' }), priority: { score: 1, factors: [] } }) }),
    );
    expect(state.entities['h']?.version).toBe(2);
    expect(state.entities['h']?.risk.grade).toBe('high');
  });
});

describe('queue reducer: a window of a long queue', () => {
  it('holds the head, reads the next page when asked, and drops a page read for a window since replaced', () => {
    let state = windowOf([summary('a', { grade: 'high' })], 'after-a', 3);
    expect(selectQueueWindow.projector(rows(state), state.nextCursor, state.loadingMore, state.moreError)).toEqual({
      held: 1,
      more: true,
      loadingMore: false,
      moreError: null,
    });
    expect(selectQueueCount.projector(rows(state), state.nextCursor, state.total)).toBe(3);
    state = reduce(state, QueueApiActions.moreLoadStarted({ after: 'after-a' }));
    state = reduce(
      state,
      QueueApiActions.pageLoaded({ items: [summary('b'), summary('c')], total: 3, after: 'after-a', nextCursor: null }),
    );
    expect(ids(state)).toEqual(['a', 'b', 'c']);
    expect(state).toMatchObject({ nextCursor: null, loadingMore: null });
    expect(selectQueueCount.projector(rows(state), state.nextCursor, state.total)).toBe(3);

    // A page asked for, then the filters change: the new head replaces the window, and the old page is dropped.
    state = run(windowOf([summary('a', { grade: 'high' })], 'after-a', 3), QueueApiActions.moreLoadStarted({ after: 'after-a' }));
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({ items: [summary('x')], total: 1, after: null, nextCursor: null }),
      QueueApiActions.pageLoaded({ items: [summary('b')], total: 3, after: 'after-a', nextCursor: null }),
    );
    expect(ids(state)).toEqual(['x']);
  });

  it('says why a page could not be read, and reads it again when asked', () => {
    let state = run(
      windowOf([summary('a')], 'after-a'),
      QueueApiActions.moreLoadStarted({ after: 'after-a' }),
      QueueApiActions.moreLoadFailed({ after: 'after-a', error: 'The API is not answering.' }),
    );
    expect(state).toMatchObject({ loadingMore: null, moreError: 'The API is not answering.', nextCursor: 'after-a' });
    state = reduce(state, QueueApiActions.moreLoadStarted({ after: 'after-a' }));
    expect(state.moreError).toBeNull();
  });

  it('takes in a live case that ranks within the window, and leaves one ranked below it to its page', () => {
    let state = windowOf([summary('h', { grade: 'high' }), summary('m', { grade: 'medium' })], 'after-m', 10);
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('s', { grade: 'standard' }), 'created') }));
    expect(ids(state)).toEqual(['h', 'm']);
    expect(state.lastSeq).toBe(11);
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(12, summary('h2', { grade: 'high' }), 'created') }));
    expect(ids(state)).toEqual(['h', 'h2', 'm']);
    expect(state.lastArrival).toBe('h2');
    // A held row that drops below the window's end stays held (it is still in the queue).
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(13, summary('h', { version: 2, grade: 'standard' })) }));
    expect(ids(state)).toEqual(['h2', 'm', 'h']);
  });

  it('lets a case that left the queue go, unless a page being read could bring back its older version', () => {
    let state = windowOf([summary('a'), summary('b')], 'after-b');
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('a', { version: 2, status: 'closed' })) }));
    expect(state.entities['a']).toBeUndefined();

    state = run(windowOf([summary('a'), summary('b')], 'after-b'), QueueApiActions.moreLoadStarted({ after: 'after-b' }));
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('c', { version: 2, status: 'closed' })) }));
    // Read before the close: the page still has c open. The closed version held meanwhile wins, then goes.
    state = reduce(
      state,
      QueueApiActions.pageLoaded({ items: [summary('c', { version: 1 })], total: 2, after: 'after-b', nextCursor: null }),
    );
    expect(ids(state)).toEqual(['a', 'b']);
    expect(state.entities['c']).toBeUndefined();
  });

  it('applies what a sync brings even when live events with higher seqs arrived first', () => {
    let state = loaded([summary('a')], 100);
    // Reconnected: live events reach the socket before the sync's answer.
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(112, summary('late', { grade: 'medium' }), 'created') }));
    state = reduce(
      state,
      LiveSocketActions.synced({
        response: {
          reset: false,
          lastSeq: 112,
          events: [
            changed(105, summary('missed', { grade: 'high' }), 'created'),
            changed(112, summary('late', { grade: 'medium' }), 'created'),
          ],
        },
      }),
    );
    expect(ids(state)).toEqual(['missed', 'late', 'a']);
  });

  it('does not let an older version bring back a case that left the queue, from a replay or a page read before', () => {
    let state = windowOf([summary('a'), summary('b')], 'after-b', 5, 10);
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(11, summary('a', { version: 2, status: 'closed' })) }));
    expect(ids(state)).toEqual(['b']);
    // The relay sends the open version again; then a page read before the close arrives.
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(9, summary('a', { version: 1 })) }));
    state = run(
      state,
      QueueApiActions.moreLoadStarted({ after: 'after-b' }),
      QueueApiActions.pageLoaded({ items: [summary('a', { version: 1 }), summary('c')], total: 5, after: 'after-b', nextCursor: null }),
    );
    expect(ids(state)).toEqual(['b', 'c']);
    // Restricted off this user's list while a page was being read: the page's copy of it stays out.
    state = run(state, QueueApiActions.snapshotLoadStarted(), LiveSocketActions.caseRemoved({ event: { caseId: 'c' } }));
    state = reduce(state, QueueApiActions.pageLoaded({ items: [summary('b'), summary('c')], total: 2, after: null, nextCursor: null }));
    expect(ids(state)).toEqual(['b']);
    // A newer version (reopened, or put back on the list) is taken.
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(20, summary('a', { version: 3 })) }));
    expect(ids(state)).toEqual(['a', 'b']);
  });

  it('takes in and keeps only cases its filters match', () => {
    let state = run(
      initialQueueState,
      QueuePageActions.opened({ filters: { ...NO_FILTERS, grades: ['high'] }, userId: 'u1' }),
      LiveSocketActions.ready({ lastSeq: 1 }),
    );
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({ items: [summary('h', { grade: 'high' })], total: 1, after: null, nextCursor: null }),
    );
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(2, summary('s', { grade: 'standard' }), 'created') }));
    expect(state.entities['s']).toBeUndefined();
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(3, summary('h', { version: 2, grade: 'medium' })) }));
    expect(state.entities['h']).toBeUndefined();
  });

  it('counts from the API while it holds part of the queue, for the filters it holds', () => {
    const counts = (matching: number) => ({
      total: 40,
      byGrade: { high: 0, medium: 0, standard: 40, ungraded: 0 },
      byArea: {},
      marac: 0,
      unassigned: 40,
      mine: 0,
      breached: 0,
      matching,
      asOf: '2026-11-23T10:00:00Z',
      seq: 10,
    });
    let state = windowOf([summary('a')], 'after-a', 30);
    state = reduce(state, QueueApiActions.countsLoaded({ counts: counts(31), filters: NO_FILTERS }));
    expect(selectQueueCount.projector(rows(state), state.nextCursor, state.total)).toBe(31);
    // Counts read for other filters (they changed while it was in flight) do not give this queue's count.
    state = reduce(state, QueueApiActions.countsLoaded({ counts: counts(5), filters: { ...NO_FILTERS, marac: true } }));
    expect(state.total).toBe(31);
  });

  it('adds a new case and a recorded breach pushed live to the counts held, once each, and nothing else', () => {
    const base = {
      total: 40,
      byGrade: { high: 5, medium: 10, standard: 25, ungraded: 0 },
      byArea: { 'Watford and Three Rivers': 40 },
      marac: 2,
      unassigned: 40,
      mine: 0,
      breached: 3,
      matching: 40,
      asOf: '2026-11-23T10:00:00Z',
      seq: 20,
    };
    const sla = (breachedFrom: string | null, breached = false) => ({
      assignDueAt: '2026-11-23T12:00:00Z',
      firstContactDueAt: '2026-11-24T09:00:00Z',
      breached,
      state: breached ? ('breached' as const) : ('ok' as const),
      nextDueAt: '2026-11-23T12:00:00Z',
      breachedFrom,
    });
    let state = windowOf([summary('a')], 'after-a', 40, 15);
    // A new case before the counts land (its seq is after the read's): kept, and added when they do.
    const early = summary('n1', { grade: 'high', sla: sla('2026-11-23T12:00:00Z') });
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(21, early, 'created') }));
    expect(state.counts).toBeNull();
    // One the read already includes (seq 19 ≤ 20): not added again.
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(19, summary('old', { sla: sla(null) }), 'created') }));
    state = reduce(state, QueueApiActions.countsLoaded({ counts: base, filters: NO_FILTERS }));
    expect(state.counts).toMatchObject({ total: 41, byGrade: { high: 6 }, unassigned: 41, breached: 3, matching: 41 });
    expect(state.total).toBe(41);
    // Replayed (same seq): counted once.
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(21, early, 'created') }));
    expect(state.counts?.total).toBe(41);
    // A breach recorded for a case not breached when counted: one more breached. One breached already then: none.
    const late = summary('b1', { version: 2, sla: sla('2026-11-23T11:00:00Z', true) });
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(22, late, 'breached') }));
    expect(state.counts?.breached).toBe(4);
    const counted = summary('b2', { version: 2, sla: sla('2026-11-23T09:00:00Z', true) });
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(23, counted, 'breached') }));
    expect(state.counts?.breached).toBe(4);
    // Recorded after the read's instant but before its snapshot (a seq the read includes): not in its counts, added.
    const between = summary('b3', { version: 2, sla: sla('2026-11-23T10:00:30Z', true) });
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(18, between, 'breached') }));
    expect(state.counts?.breached).toBe(5);
    expect(countsTook(state, changed(18, between, 'breached'))).toBe(true);
    // Any other change is not added (the counts are read again: queueEffects.loadCounts), nor one without breachedFrom.
    const before = state.counts;
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(24, summary('u', { sla: sla(null) }), 'updated') }));
    state = reduce(state, LiveSocketActions.caseChanged({ event: changed(25, summary('v'), 'created') }));
    expect(state.counts).toBe(before);
    expect(countsTook(state, changed(24, summary('u'), 'updated'))).toBe(false);
    expect(countsTook(state, changed(22, late, 'breached'))).toBe(true);
    expect(countsTook(state, changed(18, summary('x'), 'updated'))).toBe(true);
    // A new read lets go of the changes it includes and keeps the later ones.
    state = reduce(state, QueueApiActions.countsLoaded({ counts: { ...base, total: 42, matching: 42, seq: 22 }, filters: NO_FILTERS }));
    // Kept: the breaches the new read (same instant, 10:00) does not count as breached yet, whatever their seq; let go:
    // the new case of seq 21 (in the read) and seq 23's breach (counted as breached at 10:00 already).
    expect(state.countsChanges.map((e) => e.seq)).toEqual([22, 18]);
    expect(state.counts?.total).toBe(42);
    expect(state.total).toBe(42);
  });

  it('stops keeping changes for the counts past COUNTS_EVENTS_MAX, so that they are read again', () => {
    let state = windowOf([summary('a')], 'after-a', 40, 15);
    const sla = { ...summary('x').sla, breachedFrom: null };
    for (let i = 0; i < COUNTS_EVENTS_MAX + 3; i++)
      state = reduce(state, LiveSocketActions.caseChanged({ event: changed(100 + i, summary(`n${i}`, { sla }), 'created') }));
    expect(state.countsChanges).toHaveLength(COUNTS_EVENTS_MAX);
    expect(countsTook(state, changed(100 + COUNTS_EVENTS_MAX, summary(`n${COUNTS_EVENTS_MAX}`, { sla }), 'created'))).toBe(false);
  });
});

describe('queue reducer: holding the order while the user is in the table', () => {
  function moveUp(state: QueueState, id: string, seq: number): QueueState {
    const held = state.entities[id] as CaseSummary;
    return reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(seq, summary(id, { version: held.version + 1, grade: 'high', area: 'Moved' })),
      }),
    );
  }

  it('keeps rows in place (with their new contents) and says the order changed', () => {
    let state = run(
      loaded([summary('a', { grade: 'high' }), summary('b', { grade: 'medium' }), summary('c', { grade: 'standard' })]),
      opened(),
      QueuePageActions.orderHoldStarted(),
    );
    state = moveUp(state, 'c', 11);
    expect(ids(state)).toEqual(['a', 'c', 'b']);
    const view = shown(state);
    expect(view.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(view.rows[2].area).toBe('Moved');
    expect(view.orderChanged).toBe(true);
  });

  it('puts rows that arrive while held at the bottom', () => {
    let state = run(loaded([summary('a', { grade: 'medium' })]), opened(), QueuePageActions.orderHoldStarted());
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(11, summary('n', { grade: 'high' }), 'created'),
      }),
    );
    expect(shown(state).rows.map((r) => r.id)).toEqual(['a', 'n']);
    expect(shown(state).orderChanged).toBe(true);
  });

  it('re-sorts on request while still held, and when the user leaves', () => {
    let state = run(
      loaded([summary('a', { grade: 'high' }), summary('b', { grade: 'medium' })]),
      opened(),
      QueuePageActions.orderHoldStarted(),
    );
    state = moveUp(state, 'b', 11);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(12, { ...summary('b', { version: 3, grade: 'high' }), priority: { score: 1000, factors: [] } }),
      }),
    );
    expect(shown(state).rows.map((r) => r.id)).toEqual(['a', 'b']);
    state = reduce(state, QueuePageActions.resortRequested());
    expect(shown(state)).toMatchObject({ orderChanged: false });
    expect(shown(state).rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(state.heldOrder).not.toBeNull();
    state = reduce(state, QueuePageActions.orderHoldReleased());
    expect(state.heldOrder).toBeNull();
    // Starting a hold twice keeps the first order.
    const held = run(state, QueuePageActions.orderHoldStarted());
    expect(reduce(held, QueuePageActions.orderHoldStarted())).toBe(held);
  });

  it('is not held without a hold, and a re-sort request then does nothing', () => {
    const state = run(loaded([summary('a')]), opened());
    expect(shown(state).orderChanged).toBe(false);
    expect(reduce(state, QueuePageActions.resortRequested())).toBe(state);
  });

  it('holds the rows of a snapshot that loads while the pointer already rests on the table', () => {
    let state = run(
      initialQueueState,
      opened(),
      QueuePageActions.orderHoldStarted(),
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({
        items: [summary('s', { grade: 'standard' }), summary('h', { grade: 'high' })],
        total: 2,
        after: null,
        nextCursor: null,
      }),
    );
    expect(state.heldOrder).toEqual(['h', 's']);
    state = reduce(
      state,
      LiveSocketActions.caseChanged({
        event: changed(1, summary('n', { grade: 'high', receivedAt: '2026-11-23T08:00:00Z' }), 'created'),
      }),
    );
    expect(shown(state).rows.map((r) => r.id)).toEqual(['h', 's', 'n']);
  });

  it('keeps the held order through a quiet refresh', () => {
    let state = run(
      windowOf([summary('a', { grade: 'high' }), summary('b', { grade: 'medium' })], 'after-b'),
      opened(),
      QueuePageActions.orderHoldStarted(),
      ...Array.from({ length: HEAD_REFRESH_TICKS }, () =>
        QueueTimerActions.refreshDue({ at: Date.parse('2026-11-23T09:00:00Z'), rules: DEFAULT_SUMMARY_CLOCK_RULES }),
      ),
      QueueApiActions.snapshotLoadStarted(),
    );
    const b = summary('b', { grade: 'medium' });
    b.priority = { score: 999, factors: [] };
    state = reduce(
      state,
      QueueApiActions.pageLoaded({ items: [b, summary('a', { grade: 'high' })], total: 2, after: null, nextCursor: null }),
    );
    expect(shown(state)).toMatchObject({ orderChanged: true });
    expect(shown(state).rows.map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('queue selectors: the rows are rebuilt when a case is, not on every action', () => {
  // A new rows array re-renders the table and re-checks every row drawn: a live event for a case outside the
  // window, a highlight running out or new counts must leave the rows as they were (the same array). The adapter's
  // selectors memoise on ids and entities, so this holds as long as every selector on the way keeps memoising.
  const root = (queue: QueueState) => ({ [queueFeature.name]: queue, [authFeature.name]: initialAuthState });

  it('keeps the same rows when only the seq, a highlight or the counts change, and rebuilds them for a case taken in', () => {
    const first = windowOf([summary('a', { grade: 'high' }), summary('b')], 'cursor-b', 50, 10);
    const before = selectDisplayedRows(root(first));
    expect(before.map((r) => r.id)).toEqual(['a', 'b']);

    // Ranked below the window's last row (standard, received later): not taken in; only the seq moves.
    const below = run(
      first,
      LiveSocketActions.caseChanged({ event: changed(11, summary('z', { receivedAt: '2026-11-23T10:00:00Z' }), 'created') }),
    );
    expect(below).not.toBe(first);
    expect(below.lastSeq).toBe(11);
    expect(selectDisplayedRows(root(below))).toBe(before);

    const counted = run(
      below,
      QueueApiActions.countsLoaded({
        counts: {
          total: 50,
          byGrade: { high: 1, medium: 0, standard: 49, ungraded: 0 },
          byArea: { 'Watford and Three Rivers': 50 },
          marac: 0,
          unassigned: 50,
          mine: 0,
          breached: 0,
          matching: 50,
          asOf: '2026-11-23T10:00:00Z',
          seq: 11,
        },
        filters: NO_FILTERS,
      }),
    );
    expect(counted).not.toBe(below);
    expect(selectDisplayedRows(root(counted))).toBe(before);

    // Ranked above the last row: taken in, so the rows are new.
    const above = run(
      counted,
      LiveSocketActions.caseChanged({ event: changed(12, summary('h', { grade: 'high', receivedAt: '2026-11-23T08:00:00Z' }), 'created') }),
    );
    const after = selectDisplayedRows(root(above));
    expect(after).not.toBe(before);
    expect(after.map((r) => r.id)).toEqual(['h', 'a', 'b']);

    // Its highlight running out changes the highlights only: the rows stay.
    const calm = run(above, QueueTimerActions.highlightElapsed({ caseId: 'h' }));
    expect(calm.highlights).toEqual({});
    expect(selectDisplayedRows(root(calm))).toBe(after);
  });
});

describe('replaceRows: setMany in one sorted merge', () => {
  /** mulberry32: a small deterministic generator (32-bit integer arithmetic), the same cases on every run. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const grades: Array<RiskGrade | null> = ['high', 'medium', 'standard', null];

  it('leaves the same rows in the same order as the adapter’s setMany, on random windows and pages', () => {
    const next = random(7);
    const pick = (n: number) => Math.floor(next() * n);
    const randomCase = (id: string) =>
      summary(id, {
        grade: grades[pick(4)],
        childrenInHousehold: next() < 0.3,
        version: 1 + pick(3),
        // Equal scores and equal arrival times are common: the id decides those.
        receivedAt: `2026-11-23T0${pick(3)}:00:00Z`,
      });
    for (let round = 0; round < 200; round++) {
      const held = new Map(Array.from({ length: pick(40) }, () => randomCase(`c${pick(60)}`)).map((c) => [c.id, c]));
      const state = queueAdapter.setAll([...held.values()], initialQueueState);
      // A page: rows held and new ones, an id now and then twice (the last one wins, as with setMany).
      const page = Array.from({ length: pick(40) }, () => randomCase(`c${pick(60)}`));
      const expected = queueAdapter.setMany(page, state);
      const actual = replaceRows(state, page);
      expect(actual.ids).toEqual(expected.ids);
      expect(actual.entities).toEqual(expected.entities);
    }
  });
});
