import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, EMPTY, exhaustMap, map, merge, mergeMap, of, switchMap } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { CaseworkApiActions } from './casework.actions';
import { CallbackFormActions, CallbackListActions, CallbacksApiActions } from './callbacks.actions';
import { describeHttpError, problemDetails, describeProblem, unsafeRules } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasePageActions, QueuePageActions, QueueTimerActions } from '@lantern/workbench/data-access-hub';

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

/** "Due now": when the queue opens, every minute while it is open, and after a call-back or attempt is recorded. */
export const loadDueCallbacks = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(
        QueuePageActions.opened,
        QueueTimerActions.refreshDue,
        CallbacksApiActions.callbackScheduled,
        CallbacksApiActions.callbackCancelled,
        CallbacksApiActions.callbackRescheduled,
        CaseworkApiActions.contactAttemptRecorded,
      ),
      switchMap(() =>
        api.dueCallbacks().pipe(
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
