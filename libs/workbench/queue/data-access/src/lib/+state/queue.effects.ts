import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { isRecordedChange, highlightsRunOut, LiveActions, LiveSocketActions, LiveSocketService } from '@lantern/workbench/data-access-live';
import { catchError, concat, auditTime, exhaustMap, filter, map, merge, mergeMap, Observable, of, switchMap, withLatestFrom } from 'rxjs';
import { countsTook, QUEUE_READ_MAX, queueFeature } from './queue.feature';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import type { QueueFilters } from '@lantern/workbench/data-access-hub';
import { CasesApiService, QUEUE_PAGE_SIZE, QueuePageActions, QueueTimerActions } from '@lantern/workbench/data-access-hub';
import { QueueApiActions } from './queue.actions';

/**
 * A fresh window's first read: half a page, still more than a tall screen's rows and the viewport's buffer and the
 * queue page's read-ahead (so it does not at once ask for the next page), sooner read, sent and shown.
 */
export const QUEUE_FIRST_READ = 100;
/** Live events come in bursts; counts are asked for once the burst settles. */
export const COUNTS_DEBOUNCE_MS = 1_000;

/** The queue is live: opening it asks for the socket (data-access-live opens it once per session). */
export const requestLive = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(QueuePageActions.opened),
      map(() => LiveActions.connectRequested()),
    ),
  { functional: true },
);

/** The window's head: the first `limit` rows of GET /cases in triage order. */
function loadHead(api: CasesApiService, filters: QueueFilters, limit: number): Observable<Action> {
  return concat(
    of(QueueApiActions.snapshotLoadStarted()),
    api
      .page(null, filters, limit)
      .pipe(map((page) => QueueApiActions.pageLoaded({ items: page.items, total: page.total, after: null, nextCursor: page.nextCursor }))),
  ).pipe(
    catchError((err: unknown) =>
      of(
        QueueApiActions.snapshotLoadFailed({
          error: describeHttpError(err, 'The queue could not be loaded.'),
        }),
      ),
    ),
  );
}

/** The reducer marks the window `stale` whenever its head must be (re)read; this effect reads it. */
export const loadSnapshot = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(
        QueuePageActions.opened,
        LiveSocketActions.ready,
        LiveSocketActions.synced,
        LiveSocketActions.syncFailed,
        QueuePageActions.retryClicked,
        QueuePageActions.filtersChanged,
        QueueTimerActions.refreshDue,
        // A head asked for before the socket was ready is read again once it lands (QueueState.anchor).
        QueueApiActions.pageLoaded,
      ),
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      // Only while the queue page is open: the socket is shared with pages whose users may not read the queue
      // (a partner whose sign-in passed through /queue on its way to the portal). Opening the page loads it.
      filter(([, state]) => state.pageOpen && state.snapshot === 'stale'),
      // A fresh window reads QUEUE_FIRST_READ rows (the next page comes as the user scrolls; a first load's quiet
      // re-read, anchoring it to the socket's seq, reads a whole page); a quiet refresh reads as many rows as the
      // window holds (up to QUEUE_READ_MAX), so a case that rose into any of them is there.
      switchMap(([, state]) =>
        loadHead(
          api,
          state.filters,
          state.background ? Math.min(QUEUE_READ_MAX, Math.max(QUEUE_PAGE_SIZE, state.ids.length)) : QUEUE_FIRST_READ,
        ),
      ),
    ),
  { functional: true },
);

/**
 * The next page, when the user nears the last row held. One at a time; a page asked for after the window was
 * replaced is dropped by the reducer (it compares the cursor).
 */
export const loadMore = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(QueuePageActions.moreRequested),
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      filter(([, s]) => s.pageOpen && s.snapshot === 'loaded' && s.nextCursor !== null && s.loadingMore === null),
      exhaustMap(([, s]) => {
        const after = s.nextCursor as string;
        return concat(
          of(QueueApiActions.moreLoadStarted({ after })),
          api.page(after, s.filters).pipe(
            map((page) => QueueApiActions.pageLoaded({ items: page.items, total: page.total, after, nextCursor: page.nextCursor })),
            catchError((err: unknown) =>
              of(QueueApiActions.moreLoadFailed({ after, error: describeHttpError(err, 'More cases could not be loaded.') })),
            ),
          ),
        );
      }),
    ),
  { functional: true },
);

/** After a reconnect, ask for what was missed since the last seq this store holds. */
export const syncAfterReconnect = createEffect(
  (actions$ = inject(Actions), store = inject(Store), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(LiveSocketActions.ready),
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      filter(([, state]) => state.snapshot === 'loaded' && state.lastSeq !== null),
      switchMap(([, state]) =>
        socket.sync({ afterSeq: state.lastSeq as number }).pipe(
          map((response) => LiveSocketActions.synced({ response })),
          catchError((err: unknown) =>
            of(
              LiveSocketActions.syncFailed({
                error: err instanceof Error ? err.message : 'Sync failed',
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const expireHighlights = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(LiveSocketActions.caseChanged, LiveSocketActions.synced),
      mergeMap((action) =>
        action.type === LiveSocketActions.caseChanged.type ? [action.event.caseId] : action.response.events.map((e) => e.caseId),
      ),
      highlightsRunOut<string>(),
      map((caseId) => QueueTimerActions.highlightElapsed({ caseId })),
    ),
  { functional: true },
);

/**
 * Counts for the filter chips and the queue's own count (`matching`, for its filters): on opening, when the filters
 * change, and after live changes (debounced). Time changes them only when a clock runs out, and that breach is
 * recorded and pushed as a change (SlaWatchService), so an idle queue asks nothing until something happens.
 */
export const loadCounts = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    merge(
      // With the window's head, not beside it: the first rows are not kept waiting by a second read at page open.
      actions$.pipe(
        ofType(QueueApiActions.pageLoaded),
        filter((a) => a.after === null),
      ),
      // New filters: their counts at once (the chips must not keep the old filters' counts should the read fail).
      actions$.pipe(ofType(QueuePageActions.filtersChanged)),
      // Back on a page whose window needs no read: counts only.
      actions$.pipe(
        ofType(QueuePageActions.opened),
        withLatestFrom(store.select(queueFeature.selectSnapshot)),
        filter(([, snapshot]) => snapshot === 'loaded'),
      ),
      actions$.pipe(
        ofType(LiveSocketActions.caseChanged, LiveSocketActions.caseRemoved, LiveSocketActions.synced, LiveSocketActions.ready),
        // Coming near breach (the SLA clock) changes no count; a breach is recorded and comes as a change.
        filter(isRecordedChange),
        // A new case or a recorded breach is added to the counts held (live-counts.ts, by the reducer): no read.
        withLatestFrom(store.select(queueFeature.selectQueueState)),
        filter(([action, state]) => {
          if (action.type === LiveSocketActions.caseChanged.type)
            return !countsTook(state, (action as ReturnType<typeof LiveSocketActions.caseChanged>).event);
          // The socket is ready from `lastSeq` on: counts read at that seq or later miss nothing it will not bring.
          if (action.type === LiveSocketActions.ready.type)
            return !state.countsRead || state.countsRead.counts.seq < (action as ReturnType<typeof LiveSocketActions.ready>).lastSeq;
          return true;
        }),
        // At most once a second, and at the latest a second after a change, however steadily changes arrive.
        auditTime(COUNTS_DEBOUNCE_MS),
      ),
    ).pipe(
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      filter(([, state]) => state.pageOpen),
      switchMap(([, { filters }]) =>
        api.counts(filters).pipe(
          map((counts) => QueueApiActions.countsLoaded({ counts, filters })),
          catchError((err: unknown) =>
            of(
              QueueApiActions.countsLoadFailed({
                error: describeHttpError(err, 'Counts could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const queueEffects = {
  requestLive,
  loadSnapshot,
  syncAfterReconnect,
  expireHighlights,
  loadMore,
  loadCounts,
};
