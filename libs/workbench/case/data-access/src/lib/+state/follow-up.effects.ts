import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, exhaustMap, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { CaseworkApiActions } from './casework.actions';
import { CallbackFormActions, FollowUpApiActions, NeedsFormActions, SafetyPlanFormActions } from './follow-up.actions';
import { followUpFeature } from './follow-up.feature';
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
            map((callbacks) => FollowUpApiActions.callbacksLoaded({ caseId, callbacks })),
            catchError((err: unknown) =>
              of(
                FollowUpApiActions.callbacksLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'Call-backs could not be loaded.'),
                }),
              ),
            ),
          ),
          api.contactSummary(caseId).pipe(
            map((summary) => FollowUpApiActions.contactSummaryLoaded({ caseId, summary })),
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
        FollowUpApiActions.callbackScheduled,
        CaseworkApiActions.contactAttemptRecorded,
      ),
      switchMap(() =>
        api.dueCallbacks().pipe(
          map((callbacks) => FollowUpApiActions.dueCallbacksLoaded({ callbacks })),
          catchError((err: unknown) =>
            of(
              FollowUpApiActions.dueCallbacksLoadFailed({
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
          map((callback) => FollowUpApiActions.callbackScheduled({ caseId, callback })),
          catchError((err: unknown) =>
            of(
              FollowUpApiActions.callbackRefused({
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

/** The needs assessment and safety plan: when the Support tab is shown, and again when the case changes. */
export const loadSupportDocuments = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.tabShown, CaseApiActions.caseRefreshed),
      withLatestFrom(store.select(followUpFeature.selectFollowUpState)),
      filter(([a, state]) =>
        a.type === CasePageActions.tabShown.type ? a.tab === 'support' : state.caseId === a.detail.id && state.needsStatus === 'loaded',
      ),
      map(([a]) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        merge(
          api.needs(caseId).pipe(
            map((doc) => FollowUpApiActions.needsLoaded({ caseId, doc })),
            catchError((err: unknown) =>
              of(
                FollowUpApiActions.needsLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'The needs assessment could not be loaded.'),
                }),
              ),
            ),
          ),
          api.safetyPlan(caseId).pipe(
            map((doc) => FollowUpApiActions.safetyPlanLoaded({ caseId, doc })),
            catchError((err: unknown) =>
              of(
                FollowUpApiActions.safetyPlanLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'The safety plan could not be loaded.'),
                }),
              ),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

const STALE_DOCUMENT =
  'Someone else saved a newer version while you were editing. Your changes are kept here: the latest version is shown above them; check it and save again.';

export const saveNeeds = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(NeedsFormActions.submitted),
      exhaustMap(({ caseId, content, basedOnVersion }) =>
        api.saveNeeds(caseId, content, basedOnVersion).pipe(
          map((doc) => FollowUpApiActions.needsSaved({ caseId, doc })),
          catchError((err: unknown) => {
            const p = describeProblem(err, 'The needs assessment was not saved.', 'Your role cannot change the needs assessment.');
            return of(
              FollowUpApiActions.needsSaveFailed({
                caseId,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...p,
                error: p.code === 'stale-version' ? STALE_DOCUMENT : p.error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

export const saveSafetyPlan = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SafetyPlanFormActions.submitted),
      exhaustMap(({ caseId, content, basedOnVersion }) =>
        api.saveSafetyPlan(caseId, content, basedOnVersion).pipe(
          map((doc) => FollowUpApiActions.safetyPlanSaved({ caseId, doc })),
          catchError((err: unknown) => {
            const p = describeProblem(err, 'The safety plan was not saved.', 'Your role cannot change the safety plan.');
            return of(
              FollowUpApiActions.safetyPlanSaveFailed({
                caseId,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...p,
                error: p.code === 'stale-version' ? STALE_DOCUMENT : p.error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

/** After a refusal for staleness, read the document again so the latest version is on screen. */
export const reloadStaleDocument = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(FollowUpApiActions.needsSaveFailed, FollowUpApiActions.safetyPlanSaveFailed),
      filter((a) => a.code === 'stale-version'),
      switchMap((a) =>
        a.type === FollowUpApiActions.needsSaveFailed.type
          ? api.needs(a.caseId).pipe(
              map((doc) => FollowUpApiActions.needsLoaded({ caseId: a.caseId, doc })),
              catchError(() => EMPTY),
            )
          : api.safetyPlan(a.caseId).pipe(
              map((doc) => FollowUpApiActions.safetyPlanLoaded({ caseId: a.caseId, doc })),
              catchError(() => EMPTY),
            ),
      ),
    ),
  { functional: true },
);

export const followUpEffects = {
  loadCallbacks,
  loadDueCallbacks,
  scheduleCallback,
  loadSupportDocuments,
  saveNeeds,
  saveSafetyPlan,
  reloadStaleDocument,
};
