import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concat, EMPTY, filter, map, Observable, switchMap, tap, withLatestFrom } from 'rxjs';
import type { PresenceChangedEvent } from '@lantern/shared/domain';
import { PresenceSocketActions } from './casework.actions';
import { presenceFeature } from './presence.feature';
import { LiveSocketActions, LiveSocketService } from '@lantern/workbench/data-access-live';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

/**
 * Say which case this user has open when they open it, and again after every (re)connect: the server forgets a
 * socket's presence when it disconnects. The section being edited is sent again too.
 */
export const openPresence = createEffect(
  (actions$ = inject(Actions), store = inject(Store), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(CasePageActions.opened, LiveSocketActions.ready),
      withLatestFrom(store.select(presenceFeature.selectMine)),
      filter(([, mine]) => !!mine),
      switchMap(([, mine]) => {
        const { caseId, section } = mine as NonNullable<typeof mine>;
        const steps: Observable<PresenceChangedEvent>[] = [socket.presenceOpen(caseId)];
        if (section) steps.push(socket.presenceEditing(caseId, section));
        return concat(...steps).pipe(
          map((event) => PresenceSocketActions.changed({ event })),
          // Not connected yet: the `ready` that follows the connection sends it.
          catchError(() => EMPTY),
        );
      }),
    ),
  { functional: true },
);

export const leavePresence = createEffect(
  (actions$ = inject(Actions), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(CasePageActions.closed),
      tap(({ caseId }) => socket.presenceLeave(caseId)),
    ),
  { functional: true, dispatch: false },
);

export const editingPresence = createEffect(
  (actions$ = inject(Actions), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(CasePageActions.sectionEditingChanged),
      switchMap(({ caseId, section }) =>
        socket.presenceEditing(caseId, section).pipe(
          map((event) => PresenceSocketActions.changed({ event })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

/** A fresh (or reconnected) socket asks who has which case open, so the queue shows earlier viewers too. */
export const presenceSnapshot = createEffect(
  (actions$ = inject(Actions), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(LiveSocketActions.ready),
      switchMap(() =>
        socket.presenceList().pipe(
          map((events) => PresenceSocketActions.snapshotReceived({ events })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const presenceEffects = { openPresence, leavePresence, editingPresence, presenceSnapshot };
