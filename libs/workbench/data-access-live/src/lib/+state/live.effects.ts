import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action } from '@ngrx/store';
import { exhaustMap, map } from 'rxjs';
import { LiveSocketEvent, LiveSocketService } from '../live-socket.service';
import { LiveActions, LiveSocketActions } from './live.actions';

export function toLiveAction(event: LiveSocketEvent): Action {
  switch (event.type) {
    case 'connecting':
      return LiveSocketActions.connecting();
    case 'ready':
      return LiveSocketActions.ready({ lastSeq: event.lastSeq });
    case 'disconnected':
      return LiveSocketActions.disconnected({ reason: event.reason });
    case 'connect-failed':
      return LiveSocketActions.connectFailed({ message: event.message });
    case 'case-changed':
      return LiveSocketActions.caseChanged({ event: event.event });
    case 'case-removed':
      return LiveSocketActions.caseRemoved({ event: event.event });
    case 'presence-changed':
      return LiveSocketActions.presenceChanged({ event: event.event });
    case 'referral-changed':
      return LiveSocketActions.referralChanged({ event: event.event });
    case 'staff-changed':
      return LiveSocketActions.staffChanged({ event: event.event });
    case 'risk-raised-by-police':
      return LiveSocketActions.riskRaisedByPolice({ event: event.event });
    case 'victim-changed-by-police':
      return LiveSocketActions.victimChangedByPolice({ event: event.event });
    case 'import-progress':
      return LiveSocketActions.importProgress({ event: event.event });
    case 'safety-notice-dismissed':
      return LiveSocketActions.safetyNoticeDismissed({ event: event.event });
  }
}

/** The first page that needs live data opens the socket; it then stays open for the session. */
export const connectSocket = createEffect(
  (actions$ = inject(Actions), socket = inject(LiveSocketService)) =>
    actions$.pipe(
      ofType(LiveActions.connectRequested),
      exhaustMap(() => socket.connect().pipe(map(toLiveAction))),
    ),
  { functional: true },
);

export const liveEffects = { connectSocket };
