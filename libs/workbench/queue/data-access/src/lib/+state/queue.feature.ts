import {
  countableChange,
  countsNeed,
  compareTriageOrder,
  isInQueue,
  nearBreachLimit,
  summaryAt,
  type CaseChangedEvent,
  type CaseCounts,
  type CaseSummary,
  type SummaryClockRules,
} from '@lantern/shared/domain';
import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import {
  matchesFilters,
  NO_FILTERS,
  QueueFilters,
  sameFilters,
  QueuePageActions,
  QueueTimerActions,
} from '@lantern/workbench/data-access-hub';
import { COUNTS_EVENTS_MAX, countsWith } from './live-counts';
import { QueueApiActions } from './queue.actions';

/**
 * The window's head (its first page): none: never loaded · stale: must be (re)loaded from HTTP · loading · loaded ·
 * error: the last load failed.
 *
 * The store holds a window of the queue, not the whole of it: the first page, then the next ones as the user scrolls
 * to them (keyset pages in the API's triage order). Live events change the rows held and add a case that ranks
 * within the window; a case ranked below it is read with its page. Each minute the rows held are re-scored locally
 * with the domain rule (summaryAt), so a queue that fits in the window asks the API nothing while idle.
 */
export type SnapshotStatus = 'none' | 'stale' | 'loading' | 'loaded' | 'error';

export type Highlight = 'new' | 'changed';

/** A window holding only the first pages of the queue reads its head again this many minute ticks after the last read. */
export const HEAD_REFRESH_TICKS = 15;
/** The most rows one read may ask for (GET /cases `limit`): a quiet refresh of a window up to this size reads all of it. */
export const QUEUE_READ_MAX = 500;
/** Cases let go that the store remembers (QueueState.gone). */
const GONE_KEPT = 2_000;

export interface QueueState extends EntityState<CaseSummary> {
  snapshot: SnapshotStatus;
  error: string | null;
  /**
   * The `seq` this store is known to be complete up to, or null when it is not anchored (a snapshot loaded
   * before the socket was ready). A reconnect syncs from here; without it, a reconnect reloads the snapshot.
   */
  lastSeq: number | null;
  /** While the window's head loads: ids live events touched meanwhile (kept even if the page does not carry them). */
  touched: Record<string, true>;
  /** Rows to highlight briefly because a live event created or changed them. */
  highlights: Record<string, Highlight>;
  /** Open cases the filters match, as the API last counted them (a page's `total`, or counts' `matching`). */
  total: number | null;
  /** The cursor after the last page held; null when the window holds the whole (filtered) queue, or nothing yet. */
  nextCursor: string | null;
  /** Minute ticks since the window's head was last read (QueueTimerActions.refreshDue). */
  ticksSinceHead: number;
  /** The cursor of the page being read as the user scrolls (null: none), and why the last such read failed. */
  loadingMore: string | null;
  moreError: string | null;
  /** The case that most recently entered the queue live (it may be far below the visible rows). */
  lastArrival: string | null;
  /** The filters the snapshot is (being) loaded with; the URL is their source. */
  filters: QueueFilters;
  /** The signed-in user (the "mine" filter), from QueuePageActions.opened. */
  userId: string | null;
  /**
   * Cases let go (they left the queue or its filters, or were restricted off this user's list) and the version held
   * then: an older version, from a replay or a page read before, does not bring one back. Cleared when a fresh head
   * replaces the window.
   */
  gone: Record<string, number>;
  /** Open cases per filter, for the filter chips: the last read (countsRead) with the countable changes since. */
  counts: CaseCounts | null;
  /** GET /cases/counts as last read, and the filters it was read with (`matching` is theirs). */
  countsRead: { counts: CaseCounts; filters: QueueFilters } | null;
  /**
   * Changes pushed live that counts can take without a read (live-counts.ts: a new case, a breach recorded), kept until
   * a read includes them (its seq); at most COUNTS_EVENTS_MAX, then the counts are read again.
   */
  countsChanges: CaseChangedEvent[];
  /** While the user points at or works in the table: the row order to keep (ids); null follows triage order. */
  heldOrder: string[] | null;
  /** The current (re)load is the quiet once-a-minute refresh: no progress bar, no error banner. */
  background: boolean;
  /**
   * Anchoring the head to the socket's seq. pending: the head being read was asked for before the socket was ready,
   * so it may miss a change made between its read and the seq the socket gave: it is shown when it lands, then read
   * again. reading: that re-read (quiet, but its failure is shown, since the rows held may then be behind).
   */
  anchor: 'none' | 'pending' | 'reading';
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
  touched: {},
  highlights: {},
  total: null,
  nextCursor: null,
  ticksSinceHead: 0,
  loadingMore: null,
  moreError: null,
  lastArrival: null,
  filters: NO_FILTERS,
  userId: null,
  gone: {},
  counts: null,
  countsRead: null,
  countsChanges: [],
  heldOrder: null,
  background: false,
  anchor: 'none',
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
    return held ? c.version >= held.version : !((state.gone[c.id] ?? -1) >= c.version);
  });
  return fresh.length ? replaceRows(state, fresh) : state;
}

/**
 * `queueAdapter.setMany` in one sorted merge: each row replaces the one held with its id (the last of a repeated id
 * wins, as with setMany). The sorted adapter's setMany merges each row into the whole list by itself: O(n²), about
 * 20,000 comparisons for a 200-row page (24 ms of main thread in a first load at 10,000 open, docs/performance.md);
 * removing the held ones, then adding all, sorts the page once and merges it once.
 */
export function replaceRows(state: QueueState, rows: readonly CaseSummary[]): QueueState {
  const byId = new Map<string, CaseSummary>();
  for (const c of rows) byId.set(c.id, c);
  const held = [...byId.keys()].filter((id) => id in state.entities);
  return queueAdapter.addMany([...byId.values()], held.length ? queueAdapter.removeMany(held, state) : state);
}

/** In the queue as this store holds it: open, and matching its filters (the API filtered the pages with the same rule). */
function inView(state: Pick<QueueState, 'filters' | 'userId'>, c: CaseSummary): boolean {
  return isInQueue(c) && matchesFilters(c, state.filters, state.userId);
}

/** The last row held, in triage order, that is in view: a case ranked below it belongs to a page not read yet. */
function windowEnd(state: QueueState): CaseSummary | null {
  for (let i = state.ids.length - 1; i >= 0; i--) {
    const c = state.entities[state.ids[i] as string];
    if (c && inView(state, c)) return c;
  }
  return null;
}

/** A page is being read: it may carry an older version of a case than a live event brings meanwhile. */
function reading(state: QueueState): boolean {
  return state.snapshot !== 'loaded' || state.loadingMore !== null;
}

/** Remembers that a case was let go at `version` (see QueueState.gone), keeping the record bounded. */
function letGo(gone: Record<string, number>, id: string, version: number): Record<string, number> {
  const kept = Object.keys(gone).length >= GONE_KEPT ? Object.fromEntries(Object.entries(gone).slice(GONE_KEPT / 2)) : gone;
  return { ...kept, [id]: Math.max(version, gone[id] ?? -1) };
}

/**
 * Whether a live case the store does not hold is taken in. While a page is being read, always (the page may carry an
 * older version of it, and the newer one must win). Otherwise when it is in view and belongs in the window: the
 * window holds the whole queue, or the case ranks above its last row. A case ranked below comes with its page.
 */
function takesIn(state: QueueState, incoming: CaseSummary): boolean {
  if (reading(state)) return true;
  if (!inView(state, incoming)) return false;
  if (state.nextCursor === null) return true;
  const end = windowEnd(state);
  return !end || compareTriageOrder(incoming, end) < 0;
}

/** Apply live events in order; an event for a version we already hold changes nothing. */
export function applyEvents(state: QueueState, events: readonly CaseChangedEvent[]): QueueState {
  let next = state;
  for (const event of events) {
    const incoming = event.case;
    const held = next.entities[incoming.id];
    if (event.change === 'clock') {
      next = applyClock(next, incoming);
      continue;
    }
    if (next.lastSeq !== null && event.seq > next.lastSeq) next = { ...next, lastSeq: event.seq };
    // Applied only when newer than what is held, or than the version a case was let go at: a replay (sync after
    // live events, the relay, another instance's order) changes nothing.
    if (!isNewer(held, incoming)) continue;
    if (!held && (next.gone[incoming.id] ?? -1) >= incoming.version) continue;
    if (!held && !takesIn(next, incoming)) continue;
    if (held && !inView(next, incoming) && !reading(next)) {
      // Left the queue or its filters (closed, claimed by someone else under "Unassigned"): let it go, remembering
      // the version so an older one cannot bring it back.
      next = queueAdapter.removeOne(incoming.id, next);
      next = {
        ...next,
        gone: letGo(next.gone, incoming.id, incoming.version),
        highlights: omit(next.highlights, (id) => id !== incoming.id),
        lastArrival: next.lastArrival === incoming.id ? null : next.lastArrival,
      };
      continue;
    }
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

/**
 * The SLA clock says a case came near breach (its version unchanged; a breach is recorded and comes as 'updated'): a
 * row held takes the fresher summary (the minute's re-scoring would have got there too), and a case below the rows
 * held is taken in if it now ranks among them. Not a change anyone made: no highlight, no arrival, and `seq` (0) is
 * not the store's.
 */
function applyClock(state: QueueState, incoming: CaseSummary): QueueState {
  const held = state.entities[incoming.id];
  if (held ? incoming.version < held.version : !takesIn(state, incoming)) return state;
  return queueAdapter.setOne(incoming, state);
}

/** The rows held, re-scored at `at` (only time has passed: summaryAt); rows whose score and SLA did not move stay as they are. */
export function rescore(state: QueueState, at: number, rules: SummaryClockRules): QueueState {
  const now = new Date(at);
  const nearLimit = nearBreachLimit(now, rules.slaTargets, rules.calendar).getTime();
  const moved: CaseSummary[] = [];
  for (const id of state.ids as string[]) {
    const c = state.entities[id];
    if (!c || !isInQueue(c)) continue;
    const later = summaryAt(c, now, rules, nearLimit);
    if (later !== c) moved.push(later);
  }
  return moved.length ? replaceRows(state, moved) : state;
}

/** The head of the window was read: it replaces the window (or, read quietly, refreshes it in place). */
function headLoaded(state: QueueState, items: readonly CaseSummary[], total: number, nextCursor: string | null): QueueState {
  let next = upsertSnapshot(state, items);
  const seen: Record<string, true> = {};
  for (const c of items) seen[c.id] = true;
  // A fresh window is this read and what changed live while it was made. A quiet refresh reads as many rows as the
  // window holds (up to QUEUE_READ_MAX) and then does the same; past that it keeps the rows further down the user has
  // scrolled to (a row the read did not reach may have fallen below it, not left).
  const heldInView = (state.ids as string[]).filter((id) => inView(state, state.entities[id] as CaseSummary)).length;
  // The read that anchors the window to the socket's seq replaces it whole: a row it did not reach (past
  // QUEUE_READ_MAX) was read before that seq, so it may be behind.
  const replace = !state.background || state.anchor === 'reading' || nextCursor === null || items.length >= heldInView;
  // Rows out of view were kept only so this read could not bring back an older version of them: let them go now.
  let gone = next.gone;
  const out = (next.ids as string[]).filter((id) => {
    const c = next.entities[id] as CaseSummary;
    if (inView(next, c)) return replace && !seen[id] && !next.touched[id];
    gone = letGo(gone, id, c.version);
    return true;
  });
  next = queueAdapter.removeMany(out, next);
  return {
    ...next,
    gone,
    total,
    nextCursor: replace ? nextCursor : (state.nextCursor ?? nextCursor),
    ticksSinceHead: 0,
    loadingMore: null,
    moreError: null,
    snapshot: 'loaded',
    background: false,
    // A held order taken before this (foreground) snapshot was of other rows: hold the new one instead.
    // A quiet refresh keeps the order the user is looking at.
    heldOrder: next.heldOrder && !state.background ? [...(next.ids as string[])] : next.heldOrder,
    touched: {},
    highlights: out.length ? omit(next.highlights, (id) => !!next.entities[id]) : next.highlights,
  };
}

/**
 * A change the counts can take (live-counts.ts) is kept for them: added to the counts read, or to the next read if
 * it is not in it. Past COUNTS_EVENTS_MAX kept, none is (queueEffects.loadCounts reads the counts again).
 */
function takeCountable(state: QueueState, event: CaseChangedEvent): QueueState {
  if (!countableChange(event) || countsTook(state, event) || state.countsChanges.length >= COUNTS_EVENTS_MAX) return state;
  return withCounts({ ...state, countsChanges: [...state.countsChanges, event] });
}

/**
 * Whether the counts held include this change (kept for them, or already in the read): if not, they are read again.
 * Any change with a seq the read includes is in it, but a recorded breach (countsNeed).
 */
export function countsTook(state: Pick<QueueState, 'countsRead' | 'countsChanges'>, event: CaseChangedEvent): boolean {
  if (state.countsChanges.some((e) => e.seq === event.seq)) return true;
  if (!state.countsRead) return false;
  return countableChange(event) ? !countsNeed(state.countsRead.counts, event) : event.seq <= state.countsRead.counts.seq;
}

/** `counts` (and the window's `total`, for the same filters) from the read and the changes kept since. */
function withCounts(state: QueueState): QueueState {
  const read = state.countsRead;
  if (!read) return state;
  const counts = countsWith(read.counts, state.countsChanges, read.filters, state.userId);
  return { ...state, counts, total: sameFilters(read.filters, state.filters) ? counts.matching : state.total };
}

/** A window holding only part of the queue, on screen and loaded, is read again quietly (queueEffects.loadSnapshot). */
function readQuietly(state: QueueState): QueueState {
  return state.pageOpen && state.snapshot === 'loaded' && state.nextCursor !== null
    ? { ...state, snapshot: 'stale', background: true }
    : state;
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
    on(LiveSocketActions.ready, (state, { lastSeq }): QueueState => {
      if (canResume(state)) return state;
      // Everything after `lastSeq` will reach us live; a head read from now on covers the rest. One already being
      // read is let land (the first rows show a round trip sooner) and then read again; one already shown is read
      // again quietly (replaced whole: headLoaded).
      if (state.snapshot === 'loading') return { ...state, lastSeq, anchor: 'pending' };
      if (state.snapshot === 'loaded') return { ...state, lastSeq, snapshot: 'stale', background: true, anchor: 'reading' };
      return { ...state, lastSeq, snapshot: 'stale', background: false, anchor: 'none' };
    }),
    // Show the queue at once rather than waiting for the socket. That first snapshot is not anchored to a seq
    // (lastSeq stays null), so when the socket becomes ready it is loaded again from a known point.
    on(
      QueuePageActions.opened,
      (state, { filters, userId }): QueueState => ({
        ...state,
        pageOpen: true,
        heldOrder: null,
        filters,
        userId,
        ...(state.snapshot === 'none' || !sameFilters(state.filters, filters)
          ? { snapshot: 'stale' as const, background: false }
          : // Back to a window holding part of the queue: its head may be old (no tick ran while the page was closed).
            state.snapshot === 'loaded' && state.nextCursor !== null
            ? { snapshot: 'stale' as const, background: true }
            : {}),
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
    on(QueueTimerActions.refreshDue, (state, { at, rules }): QueueState => {
      const rescored = rescore(state, at, rules);
      if (state.nextCursor === null) return rescored;
      const next = { ...rescored, ticksSinceHead: state.ticksSinceHead + 1 };
      // A window holding the whole queue is now exact. One holding only its first pages hears live of a case rising
      // into it by its SLA (near: the SLA clock; a breach is recorded, SlaWatchService); rising by waiting time alone
      // (6 points an hour past capped rows), it is caught by reading the window again every HEAD_REFRESH_TICKS minutes.
      return next.ticksSinceHead >= HEAD_REFRESH_TICKS ? readQuietly(next) : next;
    }),
    on(
      QueuePageActions.orderHoldStarted,
      (state): QueueState => (state.heldOrder ? state : { ...state, heldOrder: [...(state.ids as string[])] }),
    ),
    on(QueuePageActions.orderHoldReleased, (state): QueueState => (state.heldOrder ? { ...state, heldOrder: null } : state)),
    on(
      QueuePageActions.resortRequested,
      (state): QueueState => (state.heldOrder ? { ...state, heldOrder: [...(state.ids as string[])] } : state),
    ),
    on(QueueApiActions.countsLoaded, (state, { counts, filters }): QueueState => {
      // The changes this read includes are let go; the others are added to it.
      const countsChanges = state.countsChanges.filter((e) => countsNeed(counts, e));
      return withCounts({ ...state, countsRead: { counts, filters }, countsChanges });
    }),
    on(LiveSocketActions.caseChanged, (state, { event }) => applyEvents(takeCountable(state, event), [event])),
    // Restricted off this user's list: the case leaves the queue at once (the API now answers 404 for it).
    on(LiveSocketActions.caseRemoved, (state, { event }): QueueState => {
      const held = state.entities[event.caseId];
      const next = queueAdapter.removeOne(event.caseId, state);
      return {
        ...next,
        // A page read before the restriction may still carry the version held now: it must not bring the case back.
        gone: held ? letGo(next.gone, held.id, held.version) : next.gone,
        highlights: omit(next.highlights, (id) => id !== event.caseId),
        touched: omit(next.touched, (id) => id !== event.caseId),
        lastArrival: next.lastArrival === event.caseId ? null : next.lastArrival,
      };
    }),
    on(LiveSocketActions.synced, (state, { response }): QueueState => {
      // A reset replaces the window (it may hold a case since hidden from this user), never quietly.
      if (response.reset) return { ...state, lastSeq: response.lastSeq, snapshot: 'stale', background: false };
      const next = applyEvents(state, response.events);
      const caughtUp = { ...next, lastSeq: Math.max(next.lastSeq ?? response.lastSeq, response.lastSeq) };
      // The SLA clock's announcements are not replayed: a window holding part of the queue reads itself again quietly.
      return readQuietly(caughtUp);
    }),
    on(LiveSocketActions.syncFailed, (state): QueueState => ({ ...state, lastSeq: null, snapshot: 'stale', background: false })),
    on(QueuePageActions.retryClicked, (state): QueueState => (state.snapshot === 'error' ? { ...state, snapshot: 'stale' } : state)),
    on(
      QueueApiActions.snapshotLoadStarted,
      (state): QueueState => ({
        ...state,
        snapshot: 'loading',
        error: null,
        // A page being read as the user scrolled belongs to the window this read replaces.
        loadingMore: null,
        touched: {},
      }),
    ),
    on(QueueApiActions.pageLoaded, (state, { items, total, after, nextCursor }): QueueState => {
      if (after === null) {
        const head = headLoaded(state, items, total, nextCursor);
        // Asked for before the socket was ready: shown now, read again quietly from the socket's seq.
        return state.anchor === 'pending'
          ? { ...head, snapshot: 'stale', background: true, anchor: 'reading' }
          : { ...head, anchor: 'none' };
      }
      // A page read as the user scrolled, unless the window was replaced while it was read.
      if (after !== state.loadingMore) return state;
      const next = upsertSnapshot(state, items);
      let gone = next.gone;
      const out = (next.ids as string[]).filter((id) => {
        const c = next.entities[id] as CaseSummary;
        if (inView(next, c)) return false;
        gone = letGo(gone, id, c.version);
        return true;
      });
      return { ...queueAdapter.removeMany(out, next), gone, total, nextCursor, loadingMore: null, moreError: null };
    }),
    on(QueueApiActions.moreLoadStarted, (state, { after }): QueueState => ({ ...state, loadingMore: after, moreError: null })),
    on(
      QueueApiActions.moreLoadFailed,
      (state, { after, error }): QueueState => (after === state.loadingMore ? { ...state, loadingMore: null, moreError: error } : state),
    ),
    on(
      QueueApiActions.snapshotLoadFailed,
      (state, { error }): QueueState =>
        state.background && state.anchor === 'none'
          ? // A quiet refresh that failed keeps what is on screen; the next one tries again. Not one the socket's
            // ready came during or asked for: the rows held may then miss what changed meanwhile, so it is shown.
            { ...state, snapshot: 'loaded', background: false, touched: {} }
          : {
              ...state,
              snapshot: 'error',
              error,
              touched: {},
              background: false,
              // Any read from here on (the retry) starts after the socket was ready.
              anchor: 'none',
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
