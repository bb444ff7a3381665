import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { LiveActions, LiveSocketActions, LiveSocketService } from '@lantern/workbench/data-access-live';
import {
  catchError,
  concat,
  debounceTime,
  EMPTY,
  expand,
  filter,
  interval,
  map,
  merge,
  mergeMap,
  Observable,
  of,
  switchMap,
  takeUntil,
  timer,
  withLatestFrom,
} from 'rxjs';
import { queueFeature } from './queue.feature';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import type { QueueFilters } from '@lantern/workbench/data-access-hub';
import { CasesApiService, QueuePageActions, QueueTimerActions } from '@lantern/workbench/data-access-hub';
import { QueueApiActions } from './queue.actions';

/** How long a new or changed row stays highlighted (the CSS animation is a little shorter). */
export const HIGHLIGHT_MS = 2_500;
/** Priority grows with time waiting and SLA clocks run: the queue is read again this often. */
export const QUEUE_REFRESH_MS = 60_000;
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

/** Every page of GET /cases, following nextCursor until the end. */
function loadAllPages(api: CasesApiService, filters: QueueFilters): Observable<Action> {
  return concat(
    of(QueueApiActions.snapshotLoadStarted()),
    api.page(null, filters).pipe(
      expand((page) => (page.nextCursor ? api.page(page.nextCursor, filters) : EMPTY)),
      map((page) =>
        QueueApiActions.pageLoaded({
          items: page.items,
          total: page.total,
          done: !page.nextCursor,
        }),
      ),
    ),
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

/** The reducer marks the snapshot `stale` whenever it must be (re)loaded; this effect does the loading. */
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
      ),
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      // Only while the queue page is open: the socket is shared with pages whose users may not read the queue
      // (a partner whose sign-in passed through /queue on its way to the portal). Opening the page loads it.
      filter(([, state]) => state.pageOpen && state.snapshot === 'stale'),
      switchMap(([, state]) => loadAllPages(api, state.filters)),
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
      map((action) =>
        action.type === LiveSocketActions.caseChanged.type ? [action.event.caseId] : action.response.events.map((e) => e.caseId),
      ),
      mergeMap((ids) => timer(HIGHLIGHT_MS).pipe(mergeMap(() => ids.map((caseId) => QueueTimerActions.highlightElapsed({ caseId }))))),
    ),
  { functional: true },
);

/** While the queue page is open, a quiet re-read every minute: priorities and SLA clocks move with time. */
export const refreshQueueTimer = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(QueuePageActions.opened),
      switchMap(() =>
        interval(QUEUE_REFRESH_MS).pipe(
          map(() => QueueTimerActions.refreshDue()),
          takeUntil(actions$.pipe(ofType(QueuePageActions.closed))),
        ),
      ),
    ),
  { functional: true },
);

/** Counts for the filter chips: on opening, every refresh, and after live changes (debounced). */
export const loadCounts = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    merge(
      actions$.pipe(ofType(QueuePageActions.opened, QueueTimerActions.refreshDue)),
      actions$.pipe(
        ofType(LiveSocketActions.caseChanged, LiveSocketActions.synced, LiveSocketActions.ready),
        debounceTime(COUNTS_DEBOUNCE_MS),
      ),
    ).pipe(
      withLatestFrom(store.select(queueFeature.selectPageOpen)),
      filter(([, open]) => open),
      switchMap(() =>
        api.counts().pipe(
          map((counts) => QueueApiActions.countsLoaded({ counts })),
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
  refreshQueueTimer,
  loadCounts,
};
