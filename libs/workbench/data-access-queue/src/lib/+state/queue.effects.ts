import { inject } from '@angular/core';
import { describeHttpError } from '@lantern/workbench/data-access-auth';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  concat,
  EMPTY,
  exhaustMap,
  expand,
  filter,
  map,
  mergeMap,
  Observable,
  of,
  switchMap,
  timer,
  withLatestFrom,
} from 'rxjs';
import { CasesApiService } from '../cases-api.service';
import { QueueSocketEvent, QueueSocketService } from '../queue-socket.service';
import { CasePageActions } from './case.actions';
import {
  QueueApiActions,
  QueuePageActions,
  QueueSocketActions,
  QueueTimerActions,
} from './queue.actions';
import { queueFeature } from './queue.feature';

/** How long a new or changed row stays highlighted (the CSS animation is a little shorter). */
export const HIGHLIGHT_MS = 2_500;

function toAction(event: QueueSocketEvent): Action {
  switch (event.type) {
    case 'connecting':
      return QueueSocketActions.connecting();
    case 'ready':
      return QueueSocketActions.ready({ lastSeq: event.lastSeq });
    case 'disconnected':
      return QueueSocketActions.disconnected({ reason: event.reason });
    case 'connect-failed':
      return QueueSocketActions.connectFailed({ message: event.message });
    case 'case-changed':
      return QueueSocketActions.caseChanged({ event: event.event });
  }
}

/** The first page that needs live data opens the socket; it then stays open for the session. */
export const connectSocket = createEffect(
  (actions$ = inject(Actions), socket = inject(QueueSocketService)) =>
    actions$.pipe(
      ofType(QueuePageActions.opened, CasePageActions.opened),
      exhaustMap(() => socket.connect().pipe(map(toAction))),
    ),
  { functional: true },
);

/** Every page of GET /cases, following nextCursor until the end. */
function loadAllPages(api: CasesApiService): Observable<Action> {
  return concat(
    of(QueueApiActions.snapshotLoadStarted()),
    api.page(null).pipe(
      expand((page) => (page.nextCursor ? api.page(page.nextCursor) : EMPTY)),
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
  (
    actions$ = inject(Actions),
    store = inject(Store),
    api = inject(CasesApiService),
  ) =>
    actions$.pipe(
      ofType(
        QueuePageActions.opened,
        QueueSocketActions.ready,
        QueueSocketActions.synced,
        QueueSocketActions.syncFailed,
        QueuePageActions.retryClicked,
      ),
      withLatestFrom(store.select(queueFeature.selectSnapshot)),
      filter(([, snapshot]) => snapshot === 'stale'),
      switchMap(() => loadAllPages(api)),
    ),
  { functional: true },
);

/** After a reconnect, ask for what was missed since the last seq this store holds. */
export const syncAfterReconnect = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    socket = inject(QueueSocketService),
  ) =>
    actions$.pipe(
      ofType(QueueSocketActions.ready),
      withLatestFrom(store.select(queueFeature.selectQueueState)),
      filter(
        ([, state]) => state.snapshot === 'loaded' && state.lastSeq !== null,
      ),
      switchMap(([, state]) =>
        socket.sync({ afterSeq: state.lastSeq as number }).pipe(
          map((response) => QueueSocketActions.synced({ response })),
          catchError((err: unknown) =>
            of(
              QueueSocketActions.syncFailed({
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
      ofType(QueueSocketActions.caseChanged, QueueSocketActions.synced),
      map((action) =>
        action.type === QueueSocketActions.caseChanged.type
          ? [action.event.caseId]
          : action.response.events.map((e) => e.caseId),
      ),
      mergeMap((ids) =>
        timer(HIGHLIGHT_MS).pipe(
          mergeMap(() =>
            ids.map((caseId) => QueueTimerActions.highlightElapsed({ caseId })),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const queueEffects = {
  connectSocket,
  loadSnapshot,
  syncAfterReconnect,
  expireHighlights,
};
