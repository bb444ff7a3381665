import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, auditTime, EMPTY, exhaustMap, filter, map, merge, mergeMap, of, switchMap, timer, withLatestFrom } from 'rxjs';
import { mayChangeCallbacks, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { CaseworkApiService } from '../casework-api.service';
import { CaseworkApiActions } from './casework.actions';
import { CallbackFormActions, CallbackListActions, CallbacksApiActions } from './callbacks.actions';
import { callbacksFeature } from './callbacks.feature';

/** The call-backs held for "Due now": the next twelve hours' (a staffed day), read again an hour before they run out. */
export const DUE_CALLBACKS_AHEAD_MINUTES = 12 * 60;
/** Live changes come in bursts; the call-backs are read once the burst settles. */
export const DUE_CALLBACKS_DEBOUNCE_MS = 1_000;
import { describeHttpError, problemDetails, describeProblem, selectCan, unsafeRules } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasePageActions, QueuePageActions } from '@lantern/workbench/data-access-hub';

function caseIdOf(a: ReturnType<typeof CasePageActions.opened> | ReturnType<typeof CaseApiActions.caseRefreshed>): string {
  return 'caseId' in a ? a.caseId : a.detail.id;
}

/** The case's call-backs and its contact summary: on opening it, and whenever it changed. */
export const loadCallbacks = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.opened, CaseApiActions.caseRefreshed),
      map(caseIdOf),
      switchMap((caseId) =>
        merge(
          api.callbacks(caseId).pipe(
            map((callbacks) => CallbacksApiActions.callbacksLoaded({ caseId, callbacks })),
            catchError((err: unknown) =>
              of(
                CallbacksApiActions.callbacksLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'Call-backs could not be loaded.'),
                }),
              ),
            ),
          ),
          api.contactSummary(caseId).pipe(
            map((summary) => CallbacksApiActions.contactSummaryLoaded({ caseId, summary })),
            catchError(() => EMPTY),
          ),
        ),
      ),
    ),
  { functional: true },
);

/**
 * The call-backs this user has coming: those due in the next DUE_CALLBACKS_AHEAD_MINUTES (and any overdue). The queue
 * shows each as it comes within 15 minutes (selectDueAt), so time alone needs no request. Read when the queue opens,
 * after this user schedules, moves or cancels one or records an attempt, after live case changes (every change to a
 * call-back changes its case's version, so someone else's change arrives as one; debounced), and before the hours
 * held run out.
 */
export const loadDueCallbacks = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    merge(
      actions$.pipe(
        ofType(
          QueuePageActions.opened,
          CallbacksApiActions.callbackScheduled,
          CallbacksApiActions.callbackCancelled,
          CallbacksApiActions.callbackRescheduled,
          CaseworkApiActions.contactAttemptRecorded,
        ),
      ),
      actions$.pipe(
        ofType(LiveSocketActions.caseChanged, LiveSocketActions.caseRemoved, LiveSocketActions.synced, LiveSocketActions.ready),
        // The SLA clock's announcements, a new case and a recorded breach change no call-back.
        filter(mayChangeCallbacks),
        // At most once a second, and at the latest a second after a change, however steadily changes arrive.
        auditTime(DUE_CALLBACKS_DEBOUNCE_MS),
        withLatestFrom(store.select(callbacksFeature.selectDueWatched)),
        filter(([, watched]) => watched),
      ),
      actions$.pipe(
        ofType(CallbacksApiActions.dueCallbacksLoaded, CallbacksApiActions.dueCallbacksLoadFailed),
        switchMap(() => timer((DUE_CALLBACKS_AHEAD_MINUTES - 60) * 60_000)),
        withLatestFrom(store.select(callbacksFeature.selectDueWatched)),
        filter(([, watched]) => watched),
      ),
    ).pipe(
      // Only someone who works cases has call-backs (GET /callbacks/due needs case.work): an auditor's or a force
      // lead's queue asks for none, rather than being refused.
      withLatestFrom(store.select(selectCan('case.work'))),
      filter(([, works]) => works),
      switchMap(() =>
        api.dueCallbacks(DUE_CALLBACKS_AHEAD_MINUTES).pipe(
          map((callbacks) => CallbacksApiActions.dueCallbacksLoaded({ callbacks })),
          catchError((err: unknown) =>
            of(
              CallbacksApiActions.dueCallbacksLoadFailed({
                error: describeHttpError(err, 'Call-backs due could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const scheduleCallback = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CallbackFormActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.scheduleCallback(caseId, request).pipe(
          map((callback) => CallbacksApiActions.callbackScheduled({ caseId, callback })),
          catchError((err: unknown) =>
            of(
              CallbacksApiActions.callbackRefused({
                caseId,
                rules: unsafeRules(err),
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...describeProblem(err, 'The call-back was not scheduled.', 'Your role cannot schedule call-backs.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

function changeFailed(callbackId: string, err: unknown) {
  return CallbacksApiActions.callbackChangeFailed({
    callbackId,
    rules: unsafeRules(err),
    ...describeProblem(err, 'The call-back was not changed.', 'Your role cannot change call-backs.'),
  });
}

export const cancelCallback = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CallbackListActions.cancelConfirmed),
      mergeMap(({ callbackId, reason }) =>
        api.cancelCallback(callbackId, reason).pipe(
          map((callback) => CallbacksApiActions.callbackCancelled({ callback })),
          catchError((err: unknown) => of(changeFailed(callbackId, err))),
        ),
      ),
    ),
  { functional: true },
);

export const rescheduleCallback = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CallbackListActions.rescheduleConfirmed),
      mergeMap(({ callbackId, dueAt }) =>
        api.rescheduleCallback(callbackId, dueAt).pipe(
          map((callback) => CallbacksApiActions.callbackRescheduled({ callback })),
          catchError((err: unknown) => of(changeFailed(callbackId, err))),
        ),
      ),
    ),
  { functional: true },
);

export const callbacksEffects = {
  loadCallbacks,
  loadDueCallbacks,
  scheduleCallback,
  cancelCallback,
  rescheduleCallback,
};
