import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  debounceTime,
  defer,
  exhaustMap,
  filter,
  forkJoin,
  from,
  interval,
  last,
  map,
  merge,
  mergeMap,
  of,
  startWith,
  switchMap,
  withLatestFrom,
} from 'rxjs';
import { TeamApiService } from '../team-api.service';
import { AVAILABILITY_LABELS } from '../team-view';
import {
  AlertApiActions,
  AlertTrayActions,
  AvailabilityApiActions,
  AvailabilityControlActions,
  WorkloadApiActions,
  WorkloadPageActions,
} from './team.actions';
import { workloadFeature } from './workload.feature';
import { authFeature, describeHttpError, httpStatus, problemDetails } from '@lantern/workbench/auth/data-access';
import { LiveActions, LiveSocketActions } from '@lantern/workbench/data-access-live';

/** Live events come in bursts (a claim is several changes): the board reads again once they settle. */
export const BOARD_DEBOUNCE_MS = 300;
export const ALERTS_DEBOUNCE_MS = 1_000;
export const ALERTS_REFRESH_MS = 60_000;
/** On shift changes with the clock: a caseworker's own status is read again this often. */
export const AVAILABILITY_REFRESH_MS = 5 * 60_000;

/** A refusal of an assignment, in words. */
export function describeAssignError(err: unknown, reference: string): string {
  const code = problemDetails(err)?.code;
  if (httpStatus(err) === 409 && (code === 'stale-version' || !code))
    return `${reference} changed meanwhile and was not moved; the board now shows the latest. Try again.`;
  return `${reference} was not moved: ${describeHttpError(err, 'the assignment failed.')}`;
}

/** The board and the alert tray need the live socket (opened once, shared with the queue). */
export const requestLiveUpdates = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(WorkloadPageActions.opened, AlertTrayActions.started),
      map(() => LiveActions.connectRequested()),
    ),
  { functional: true },
);

/** The board: on opening, after its own changes, and after live changes (debounced) while open. */
export const loadBoard = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(TeamApiService)) =>
    merge(
      actions$.pipe(
        ofType(
          WorkloadPageActions.opened,
          WorkloadPageActions.retryClicked,
          WorkloadPageActions.rotaSaved,
          WorkloadApiActions.assigned,
          WorkloadApiActions.assignFailed,
          WorkloadApiActions.acceptAllFinished,
        ),
      ),
      actions$.pipe(
        ofType(LiveSocketActions.caseChanged, LiveSocketActions.staffChanged, LiveSocketActions.synced, LiveSocketActions.ready),
        debounceTime(BOARD_DEBOUNCE_MS),
      ),
    ).pipe(
      withLatestFrom(store.select(workloadFeature.selectOpen)),
      filter(([, open]) => open),
      switchMap(() =>
        forkJoin({ rows: api.workload(), unassigned: api.unassigned(), suggestions: api.suggestions() }).pipe(
          map((board) => WorkloadApiActions.boardLoaded(board)),
          catchError((err: unknown) =>
            of(WorkloadApiActions.boardLoadFailed({ error: describeHttpError(err, 'The workload could not be loaded.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** An expanded person's open cases: when expanded, and again with every board reload. */
export const loadPersonCases = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(TeamApiService)) =>
    merge(
      actions$.pipe(
        ofType(WorkloadPageActions.personExpanded),
        map(({ userId }) => [userId]),
      ),
      actions$.pipe(
        ofType(WorkloadApiActions.boardLoaded),
        withLatestFrom(store.select(workloadFeature.selectExpanded)),
        map(([, expanded]) => expanded),
      ),
    ).pipe(
      mergeMap((ids) => from(ids)),
      mergeMap((userId) =>
        api.casesOf(userId).pipe(
          map(({ items }) => WorkloadApiActions.personCasesLoaded({ userId, cases: items })),
          catchError((err: unknown) =>
            of(WorkloadApiActions.personCasesLoadFailed({ userId, error: describeHttpError(err, 'Cases could not be loaded.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const reassign = createEffect(
  (actions$ = inject(Actions), api = inject(TeamApiService)) =>
    merge(
      actions$.pipe(
        ofType(WorkloadPageActions.reassignChosen),
        map(({ request }) => ({ ...request, suggested: false, undoing: false })),
      ),
      actions$.pipe(
        ofType(WorkloadPageActions.undoClicked),
        map(({ request }) => ({ ...request, version: undefined, suggested: false, undoing: true })),
      ),
      actions$.pipe(
        ofType(WorkloadPageActions.suggestionAccepted),
        map(({ suggestion, toName }) => ({
          caseId: suggestion.caseId,
          reference: suggestion.reference,
          toUserId: suggestion.toUserId,
          toName,
          version: undefined,
          fromUserId: suggestion.fromUserId,
          fromName: null,
          suggested: true,
          undoing: false,
        })),
      ),
    ).pipe(
      mergeMap((r) =>
        api.assign(r.caseId, r.toUserId, r.version).pipe(
          map(() =>
            WorkloadApiActions.assigned({
              caseId: r.caseId,
              message: r.undoing
                ? r.toUserId
                  ? `Undone: ${r.reference} given back to ${r.toName}.`
                  : `Undone: ${r.reference} is back in the unassigned queue.`
                : `${r.reference} given to ${r.toName}${r.suggested ? ' as suggested' : ''}.`,
              // The reverse move, offered for a few seconds (an undo is not itself undone).
              ...(r.undoing || r.fromUserId === undefined
                ? {}
                : {
                    undo: {
                      caseId: r.caseId,
                      reference: r.reference,
                      toUserId: r.fromUserId,
                      toName: r.fromName ?? (r.fromUserId ? 'the previous caseworker' : 'the queue'),
                    },
                  }),
            }),
          ),
          catchError((err: unknown) =>
            of(WorkloadApiActions.assignFailed({ caseId: r.caseId, error: describeAssignError(err, r.reference) })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** "Accept all": one assignment after another, stopping at the first refusal. */
export const acceptAll = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(TeamApiService)) =>
    actions$.pipe(
      ofType(WorkloadPageActions.acceptAllClicked),
      withLatestFrom(store.select(workloadFeature.selectSuggestions)),
      exhaustMap(([, suggestions]) => {
        const list = suggestions?.suggestions ?? [];
        let applied = 0;
        let current = '';
        return defer(() => from(list)).pipe(
          concatMap((s) => {
            current = s.reference;
            return api.assign(s.caseId, s.toUserId).pipe(map(() => (applied += 1)));
          }),
          last(undefined, 0),
          map(() =>
            WorkloadApiActions.acceptAllFinished({
              message: applied === 1 ? 'Accepted 1 suggestion.' : `Accepted all ${applied} suggestions.`,
            }),
          ),
          catchError((err: unknown) =>
            of(
              WorkloadApiActions.acceptAllFinished({
                message: `Stopped after ${applied} of ${list.length}: ${describeAssignError(err, current)}`,
              }),
            ),
          ),
        );
      }),
    ),
  { functional: true },
);

/** The signed-in caseworker's or team lead's own status: on showing the control, live, and every few minutes. */
export const loadAvailability = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(TeamApiService)) =>
    actions$.pipe(
      ofType(AvailabilityControlActions.opened),
      switchMap(() =>
        merge(
          interval(AVAILABILITY_REFRESH_MS),
          actions$.pipe(
            ofType(LiveSocketActions.staffChanged),
            withLatestFrom(store.select(authFeature.selectUser)),
            filter(([{ event }, user]) => event.userId === user?.id),
          ),
        ).pipe(
          startWith(null),
          switchMap(() =>
            api.myAvailability().pipe(
              map((status) => AvailabilityApiActions.loaded({ status })),
              catchError((err: unknown) =>
                of(AvailabilityApiActions.loadFailed({ error: describeHttpError(err, 'Your status could not be read.') })),
              ),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const saveAvailability = createEffect(
  (actions$ = inject(Actions), api = inject(TeamApiService)) =>
    actions$.pipe(
      ofType(AvailabilityControlActions.changed),
      concatMap(({ availability, previous }) =>
        api.setMyAvailability(availability).pipe(
          map((res) => AvailabilityApiActions.saved({ availability: res.availability })),
          catchError((err: unknown) =>
            of(
              AvailabilityApiActions.saveFailed({
                previous,
                error: `Your status was not changed to ${AVAILABILITY_LABELS[availability]}: ${describeHttpError(err)}`,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** A team lead acknowledges an alert with a note; the tray reads again afterwards. */
export const acknowledgeAlert = createEffect(
  (actions$ = inject(Actions), api = inject(TeamApiService)) =>
    actions$.pipe(
      ofType(AlertTrayActions.acknowledgeSubmitted),
      concatMap(({ alertKey, note }) =>
        api.acknowledgeAlert(alertKey, note).pipe(
          map(() => AlertApiActions.acknowledged({ alertKey })),
          catchError((err: unknown) =>
            of(
              httpStatus(err) === 404 || httpStatus(err) === 409
                ? // Gone meanwhile (another team lead acknowledged it, or it resolved itself): the tray reads again.
                  AlertApiActions.acknowledged({ alertKey })
                : AlertApiActions.acknowledgeFailed({ alertKey, error: describeHttpError(err, 'The alert was not acknowledged.') }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Team leads' alerts: now, every minute, and after live case changes (debounced). */
export const loadAlerts = createEffect(
  (actions$ = inject(Actions), api = inject(TeamApiService)) =>
    actions$.pipe(
      ofType(AlertTrayActions.started),
      switchMap(() =>
        merge(
          interval(ALERTS_REFRESH_MS),
          actions$.pipe(ofType(AlertTrayActions.refreshRequested, AlertApiActions.acknowledged)),
          actions$.pipe(ofType(LiveSocketActions.caseChanged, LiveSocketActions.synced), debounceTime(ALERTS_DEBOUNCE_MS)),
        ).pipe(
          startWith(null),
          switchMap(() =>
            api.alerts().pipe(
              map((alerts) => AlertApiActions.loaded({ alerts })),
              catchError((err: unknown) =>
                of(AlertApiActions.loadFailed({ error: describeHttpError(err, 'Alerts could not be loaded.') })),
              ),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const teamEffects = {
  requestLiveUpdates,
  loadBoard,
  loadPersonCases,
  reassign,
  acceptAll,
  loadAvailability,
  saveAvailability,
  loadAlerts,
  acknowledgeAlert,
};
