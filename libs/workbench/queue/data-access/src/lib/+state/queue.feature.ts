import { compareTriageOrder, isInQueue, type CaseChangedEvent, type CaseCounts, type CaseSummary } from '@lantern/shared/domain';
import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { NO_FILTERS, QueueFilters, sameFilters, QueuePageActions, QueueTimerActions } from '@lantern/workbench/data-access-hub';
import { QueueApiActions } from './queue.actions';

/**
 * none: never loaded · stale: must be (re)loaded from HTTP · loading · loaded · error: the last load failed
 */
export type SnapshotStatus = 'none' | 'stale' | 'loading' | 'loaded' | 'error';

export type Highlight = 'new' | 'changed';

export interface QueueState extends EntityState<CaseSummary> {
  snapshot: SnapshotStatus;
  error: string | null;
  /**
   * The `seq` this store is known to be complete up to, or null when it is not anchored (a snapshot loaded
   * before the socket was ready). A reconnect syncs from here; without it, a reconnect reloads the snapshot.
   */
  lastSeq: number | null;
  /** While a snapshot loads: ids it has delivered so far, and ids live events touched meanwhile. */
  seen: Record<string, true>;
  touched: Record<string, true>;
  /** Rows to highlight briefly because a live event created or changed them. */
  highlights: Record<string, Highlight>;
  /** `total` of the last page loaded (the API's count when the snapshot was taken). */
  total: number | null;
  /** The case that most recently entered the queue live (it may be far below the visible rows). */
  lastArrival: string | null;
  /** The filters the snapshot is (being) loaded with; the URL is their source. */
  filters: QueueFilters;
  /** GET /cases/counts: open cases per filter, for the filter chips. */
  counts: CaseCounts | null;
  /** While the user points at or works in the table: the row order to keep (ids); null follows triage order. */
  heldOrder: string[] | null;
  /** The current (re)load is the quiet once-a-minute refresh: no progress bar, no error banner. */
  background: boolean;
  /** The queue page is on screen (timers and counts run only then). */
  pageOpen: boolean;
}

export const queueAdapter = createEntityAdapter<CaseSummary>({
  sortComparer: compareTriageOrder,
});

export const initialQueueState: QueueState = queueAdapter.getInitialState({
  snapshot: 'none',
  error: null,
  lastSeq: null,
  seen: {},
  touched: {},
  highlights: {},
  total: null,
  lastArrival: null,
  filters: NO_FILTERS,
  counts: null,
  heldOrder: null,
  background: false,
  pageOpen: false,
});

/** Replays are harmless: a case is only replaced by a strictly newer version of itself. */
export function isNewer(held: CaseSummary | undefined, incoming: CaseSummary): boolean {
  return !held || incoming.version > held.version;
}

/**
 * A snapshot row replaces what we hold unless we hold a newer version (from a live event). The same version
 * is taken too: priority and SLA state are computed when read, so a fresher read of it carries fresher ones.
 */
function upsertSnapshot(state: QueueState, cases: readonly CaseSummary[]): QueueState {
  const fresh = cases.filter((c) => {
    const held = state.entities[c.id];
    return !held || c.version >= held.version;
  });
  return fresh.length ? queueAdapter.setMany(fresh, state) : state;
}

/** Apply live events in order; an event for a version we already hold changes nothing. */
export function applyEvents(state: QueueState, events: readonly CaseChangedEvent[]): QueueState {
  let next = state;
  for (const event of events) {
    const incoming = event.case;
    const held = next.entities[incoming.id];
    if (next.lastSeq !== null && event.seq > next.lastSeq) next = { ...next, lastSeq: event.seq };
    if (!isNewer(held, incoming)) continue;
    next = queueAdapter.setOne(incoming, next);
    next = {
      ...next,
      highlights: {
        ...next.highlights,
        [incoming.id]: held ? 'changed' : 'new',
      },
      touched: next.snapshot === 'loading' ? { ...next.touched, [incoming.id]: true } : next.touched,
      lastArrival: !held && isInQueue(incoming) ? incoming.id : next.lastArrival,
    };
  }
  return next;
}

/** When the socket becomes ready: can we catch up with `sync`, or must we reload the snapshot? */
export function canResume(state: Pick<QueueState, 'snapshot' | 'lastSeq'>): boolean {
  return state.snapshot === 'loaded' && state.lastSeq !== null;
}

function omit<T>(record: Record<string, T>, keep: (id: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => keep(id)));
}

export const queueFeature = createFeature({
  name: 'queue',
  reducer: createReducer(
    initialQueueState,
    on(
      LiveSocketActions.ready,
      (state, { lastSeq }): QueueState =>
        canResume(state)
          ? state
          : // Everything after `lastSeq` will reach us live; a snapshot taken from now on covers the rest.
            { ...state, lastSeq, snapshot: 'stale' },
    ),
    // Show the queue at once rather than waiting for the socket. That first snapshot is not anchored to a seq
    // (lastSeq stays null), so when the socket becomes ready it is loaded again from a known point.
    on(
      QueuePageActions.opened,
      (state, { filters }): QueueState => ({
        ...state,
        pageOpen: true,
        heldOrder: null,
        filters,
        ...(state.snapshot === 'none' || !sameFilters(state.filters, filters) ? { snapshot: 'stale' as const, background: false } : {}),
      }),
    ),
    on(QueuePageActions.closed, (state): QueueState => ({ ...state, pageOpen: false, heldOrder: null })),
    on(
      QueuePageActions.filtersChanged,
      (state, { filters }): QueueState =>
        sameFilters(state.filters, filters)
          ? state
          : {
              ...state,
              filters,
              snapshot: state.snapshot === 'none' ? 'none' : 'stale',
              background: false,
              error: null,
            },
    ),
    on(
      QueueTimerActions.refreshDue,
      (state): QueueState => (state.pageOpen && state.snapshot === 'loaded' ? { ...state, snapshot: 'stale', background: true } : state),
    ),
    on(
      QueuePageActions.orderHoldStarted,
      (state): QueueState => (state.heldOrder ? state : { ...state, heldOrder: [...(state.ids as string[])] }),
    ),
    on(QueuePageActions.orderHoldReleased, (state): QueueState => (state.heldOrder ? { ...state, heldOrder: null } : state)),
    on(
      QueuePageActions.resortRequested,
      (state): QueueState => (state.heldOrder ? { ...state, heldOrder: [...(state.ids as string[])] } : state),
    ),
    on(QueueApiActions.countsLoaded, (state, { counts }): QueueState => ({ ...state, counts })),
    on(LiveSocketActions.caseChanged, (state, { event }) => applyEvents(state, [event])),
    // Restricted off this user's list: the case leaves the queue at once (the API now answers 404 for it).
    on(LiveSocketActions.caseRemoved, (state, { event }): QueueState => {
      const next = queueAdapter.removeOne(event.caseId, state);
      return {
        ...next,
        highlights: omit(next.highlights, (id) => id !== event.caseId),
        touched: omit(next.touched, (id) => id !== event.caseId),
        lastArrival: next.lastArrival === event.caseId ? null : next.lastArrival,
      };
    }),
    on(LiveSocketActions.synced, (state, { response }): QueueState => {
      if (response.reset) return { ...state, lastSeq: response.lastSeq, snapshot: 'stale' };
      const next = applyEvents(state, response.events);
      return {
        ...next,
        lastSeq: Math.max(next.lastSeq ?? response.lastSeq, response.lastSeq),
      };
    }),
    on(LiveSocketActions.syncFailed, (state): QueueState => ({ ...state, lastSeq: null, snapshot: 'stale' })),
    on(QueuePageActions.retryClicked, (state): QueueState => (state.snapshot === 'error' ? { ...state, snapshot: 'stale' } : state)),
    on(
      QueueApiActions.snapshotLoadStarted,
      (state): QueueState => ({
        ...state,
        snapshot: 'loading',
        error: null,
        seen: {},
        touched: {},
      }),
    ),
    on(QueueApiActions.pageLoaded, (state, { items, total, done }): QueueState => {
      let next = upsertSnapshot(state, items);
      const seen = { ...next.seen };
      for (const c of items) seen[c.id] = true;
      next = { ...next, seen, total };
      if (!done) return next;
      // A case neither in the snapshot nor touched live while it loaded has left the hub's view.
      const gone = (next.ids as string[]).filter((id) => !seen[id] && !next.touched[id]);
      next = queueAdapter.removeMany(gone, next);
      return {
        ...next,
        snapshot: 'loaded',
        background: false,
        // A held order taken before this (foreground) snapshot was of other rows: hold the new one instead.
        // A quiet refresh keeps the order the user is looking at.
        heldOrder: next.heldOrder && !next.background ? [...(next.ids as string[])] : next.heldOrder,
        seen: {},
        touched: {},
        highlights: gone.length ? omit(next.highlights, (id) => !!next.entities[id]) : next.highlights,
      };
    }),
    on(
      QueueApiActions.snapshotLoadFailed,
      (state, { error }): QueueState =>
        state.background
          ? // A quiet refresh that failed keeps what is on screen; the next one tries again.
            { ...state, snapshot: 'loaded', background: false, seen: {}, touched: {} }
          : {
              ...state,
              snapshot: 'error',
              error,
              seen: {},
              touched: {},
            },
    ),
    on(
      QueueTimerActions.highlightElapsed,
      (state, { caseId }): QueueState =>
        state.highlights[caseId]
          ? {
              ...state,
              highlights: omit(state.highlights, (id) => id !== caseId),
            }
          : state,
    ),
  ),
});
