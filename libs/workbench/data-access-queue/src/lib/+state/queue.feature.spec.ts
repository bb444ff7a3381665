import { describe, expect, it } from 'vitest';
import type {
  CaseChangedEvent,
  CaseSummary,
  RiskGrade,
} from '@lantern/shared/domain';
import { interimPriority } from '@lantern/shared/domain';
import {
  QueueApiActions,
  QueuePageActions,
  QueueSocketActions,
  QueueTimerActions,
} from './queue.actions';
import {
  canResume,
  initialQueueState,
  queueFeature,
  QueueState,
} from './queue.feature';
import {
  selectLastArrival,
  selectQueueCount,
  selectQueueLoading,
  selectQueueRows,
} from './queue.selectors';

const reduce = queueFeature.reducer;

function summary(
  id: string,
  overrides: Partial<CaseSummary> & {
    grade?: RiskGrade | null;
    childrenInHousehold?: boolean;
  } = {},
): CaseSummary {
  const {
    grade = 'standard',
    childrenInHousehold = false,
    ...rest
  } = overrides;
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
    },
    priority: interimPriority({ grade, childrenInHousehold }),
    sla: { assignDueAt: null, firstContactDueAt: null, breached: false },
    assignee: null,
    flags: {
      children: childrenInHousehold ? 1 : 0,
      childrenInHousehold,
      repeatVictim: false,
    },
    ...rest,
  };
}

function changed(
  seq: number,
  c: CaseSummary,
  change: CaseChangedEvent['change'] = 'updated',
): CaseChangedEvent {
  return { seq, caseId: c.id, version: c.version, change, case: c };
}

function run(
  state: QueueState,
  ...actions: Parameters<typeof reduce>[1][]
): QueueState {
  return actions.reduce(reduce, state);
}

const rows = (state: QueueState) =>
  selectQueueRows.projector(
    Object.values(state.ids).map((id) => state.entities[id] as CaseSummary),
  );
const ids = (state: QueueState) => rows(state).map((c) => c.id);

/** A store that has loaded `cases` as its snapshot after the socket said `lastSeq`. */
function loaded(cases: CaseSummary[], lastSeq = 10): QueueState {
  return run(
    initialQueueState,
    QueueSocketActions.ready({ lastSeq }),
    QueueApiActions.snapshotLoadStarted(),
    QueueApiActions.pageLoaded({
      items: cases,
      total: cases.length,
      done: true,
    }),
  );
}

describe('queue reducer: applying live events', () => {
  it('upserts a case only when the event carries a newer version', () => {
    const v2 = summary('a', { version: 2, area: 'St Albans and Dacorum' });
    let state = loaded([v2]);

    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 1, area: 'Old' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('St Albans and Dacorum');

    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(12, summary('a', { version: 2, area: 'Same' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('St Albans and Dacorum');

    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(13, summary('a', { version: 3, area: 'Newer' })),
      }),
    );
    expect(state.entities['a']?.area).toBe('Newer');
    expect(state.entities['a']?.version).toBe(3);
  });

  it('treats a replayed event as harmless', () => {
    const event = changed(11, summary('b', { version: 1 }), 'created');
    const once = reduce(loaded([]), QueueSocketActions.caseChanged({ event }));
    const twice = reduce(once, QueueSocketActions.caseChanged({ event }));
    expect(twice.entities).toEqual(once.entities);
    expect(twice.ids).toEqual(once.ids);
  });

  it('advances lastSeq and highlights new and changed rows', () => {
    let state = loaded([summary('a')], 10);
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(11, summary('n'), 'created'),
      }),
    );
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(12, summary('a', { version: 2 })),
      }),
    );
    expect(state.lastSeq).toBe(12);
    expect(state.highlights).toEqual({ n: 'new', a: 'changed' });
    state = reduce(state, QueueTimerActions.highlightElapsed({ caseId: 'n' }));
    expect(state.highlights).toEqual({ a: 'changed' });
  });

  it('remembers the latest arrival and where it sits in the queue', () => {
    let state = loaded([
      summary('a', { grade: 'high' }),
      summary('b', { grade: 'standard' }),
    ]);
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 2, grade: 'high' })),
      }),
    );
    expect(state.lastArrival).toBeNull();
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(12, summary('m', { grade: 'medium' }), 'created'),
      }),
    );
    expect(state.lastArrival).toBe('m');
    expect(
      selectLastArrival.projector(rows(state), state.lastArrival)?.index,
    ).toBe(1);
  });

  it('drops a case from the queue view when it is closed, without forgetting its version', () => {
    let state = loaded([summary('a'), summary('b')]);
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(11, summary('a', { version: 2, status: 'closed' })),
      }),
    );
    expect(ids(state)).toEqual(['b']);
    expect(selectQueueCount.projector(rows(state))).toBe(1);
    // A late replay of the open version must not resurrect it.
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(9, summary('a', { version: 1 })),
      }),
    );
    expect(ids(state)).toEqual(['b']);
  });
});

describe('queue reducer: triage order', () => {
  const t = (minutes: number) =>
    new Date(Date.UTC(2026, 10, 23, 9, minutes)).toISOString();

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
    expect(ids(state)).toEqual([
      'high-old',
      'high-new',
      'med-kids',
      'med-old',
      'med-old-b',
      'std-old',
      'ungraded',
    ]);
  });

  it('moves a row when a live change alters its priority', () => {
    let state = loaded([
      summary('a', { grade: 'high' }),
      summary('b', { grade: 'standard' }),
    ]);
    expect(ids(state)).toEqual(['a', 'b']);
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
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
  it('loads page by page and is loading until the last page', () => {
    let state = run(
      initialQueueState,
      QueueSocketActions.ready({ lastSeq: 5 }),
    );
    expect(state).toMatchObject({
      snapshot: 'stale',
      lastSeq: 5,
      connection: 'live',
    });
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({
        items: [summary('a')],
        total: 2,
        done: false,
      }),
    );
    expect(selectQueueLoading.projector(state.snapshot)).toBe(true);
    expect(ids(state)).toEqual(['a']);
    state = reduce(
      state,
      QueueApiActions.pageLoaded({
        items: [summary('b')],
        total: 2,
        done: true,
      }),
    );
    expect(state.snapshot).toBe('loaded');
    expect(selectQueueLoading.projector(state.snapshot)).toBe(false);
    expect(ids(state).sort()).toEqual(['a', 'b']);
  });

  it('resumes with sync after a reconnect when it holds a snapshot and a seq', () => {
    let state = loaded([summary('a')], 10);
    expect(canResume(state)).toBe(true);
    state = run(
      state,
      QueueSocketActions.disconnected({ reason: 'transport close' }),
    );
    expect(state.connection).toBe('reconnecting');
    state = reduce(state, QueueSocketActions.ready({ lastSeq: 20 }));
    expect(state).toMatchObject({
      connection: 'live',
      snapshot: 'loaded',
      lastSeq: 10,
    });

    state = reduce(
      state,
      QueueSocketActions.synced({
        response: {
          reset: false,
          lastSeq: 20,
          events: [
            changed(14, summary('a', { version: 2 })),
            changed(19, summary('c'), 'created'),
          ],
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
      QueueSocketActions.synced({
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
      QueueSocketActions.caseChanged({
        event: changed(501, summary('live'), 'created'),
      }),
    );
    state = run(
      state,
      QueueApiActions.pageLoaded({
        items: [summary('a', { version: 3 })],
        total: 2,
        done: false,
      }),
      QueueApiActions.pageLoaded({
        items: [summary('b', { version: 1 })],
        total: 2,
        done: true,
      }),
    );
    expect(state.snapshot).toBe('loaded');
    expect(ids(state).sort()).toEqual(['a', 'b', 'live']);
    expect(state.entities['a']?.version).toBe(3);
    expect(state.lastSeq).toBe(501);
  });

  it('never lets an older snapshot row overwrite a newer live version', () => {
    let state = run(
      initialQueueState,
      QueueSocketActions.ready({ lastSeq: 1 }),
      QueueApiActions.snapshotLoadStarted(),
    );
    state = reduce(
      state,
      QueueSocketActions.caseChanged({
        event: changed(2, summary('a', { version: 4, area: 'live' })),
      }),
    );
    state = reduce(
      state,
      QueueApiActions.pageLoaded({
        items: [summary('a', { version: 3, area: 'snap' })],
        total: 1,
        done: true,
      }),
    );
    expect(state.entities['a']).toMatchObject({ version: 4, area: 'live' });
  });

  it('shows a first snapshot at once, then reloads it from a known seq when the socket is ready', () => {
    let state = run(
      initialQueueState,
      QueuePageActions.opened(),
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.pageLoaded({
        items: [summary('a')],
        total: 1,
        done: true,
      }),
    );
    expect(state).toMatchObject({ snapshot: 'loaded', lastSeq: null });
    expect(canResume(state)).toBe(false);
    // Opening the page again does not reload a snapshot it already has.
    expect(reduce(state, QueuePageActions.opened()).snapshot).toBe('loaded');
    state = reduce(state, QueueSocketActions.ready({ lastSeq: 42 }));
    expect(state).toMatchObject({ snapshot: 'stale', lastSeq: 42 });
  });

  it('reloads when a sync fails, and allows a retry after a failed load', () => {
    let state = reduce(
      loaded([summary('a')]),
      QueueSocketActions.syncFailed({ error: 'timeout' }),
    );
    expect(state).toMatchObject({ snapshot: 'stale', lastSeq: null });
    state = run(
      state,
      QueueApiActions.snapshotLoadStarted(),
      QueueApiActions.snapshotLoadFailed({ error: 'boom' }),
    );
    expect(state).toMatchObject({ snapshot: 'error', error: 'boom' });
    state = reduce(state, QueuePageActions.retryClicked());
    expect(state.snapshot).toBe('stale');
  });
});
