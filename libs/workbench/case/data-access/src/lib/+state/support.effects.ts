import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, exhaustMap, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { NeedsFormActions, SafetyPlanFormActions, SupportApiActions } from './support.actions';
import { supportFeature } from './support.feature';
import { describeHttpError, problemDetails, describeProblem } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasePageActions } from '@lantern/workbench/data-access-hub';

/** The needs assessment and safety plan: when the Support tab is shown, and again when the case changes. */
export const loadSupport = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.tabShown, CaseApiActions.caseRefreshed),
      withLatestFrom(store.select(supportFeature.selectSupportState)),
      filter(([a, state]) =>
        a.type === CasePageActions.tabShown.type ? a.tab === 'support' : state.caseId === a.detail.id && state.needsStatus === 'loaded',
      ),
      map(([a]) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        merge(
          api.needs(caseId).pipe(
            map((doc) => SupportApiActions.needsLoaded({ caseId, doc })),
            catchError((err: unknown) =>
              of(
                SupportApiActions.needsLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'The needs assessment could not be loaded.'),
                }),
              ),
            ),
          ),
          api.safetyPlan(caseId).pipe(
            map((doc) => SupportApiActions.safetyPlanLoaded({ caseId, doc })),
            catchError((err: unknown) =>
              of(
                SupportApiActions.safetyPlanLoadFailed({
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

const STALE_SUPPORT =
  'Someone else saved a newer version while you were editing. Your changes are kept here: the latest version is shown above them; check it and save again.';

export const saveNeeds = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(NeedsFormActions.submitted),
      exhaustMap(({ caseId, content, basedOnVersion }) =>
        api.saveNeeds(caseId, content, basedOnVersion).pipe(
          map((doc) => SupportApiActions.needsSaved({ caseId, doc })),
          catchError((err: unknown) => {
            const p = describeProblem(err, 'The needs assessment was not saved.', 'Your role cannot change the needs assessment.');
            return of(
              SupportApiActions.needsSaveFailed({
                caseId,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...p,
                error: p.code === 'stale-version' ? STALE_SUPPORT : p.error,
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
          map((doc) => SupportApiActions.safetyPlanSaved({ caseId, doc })),
          catchError((err: unknown) => {
            const p = describeProblem(err, 'The safety plan was not saved.', 'Your role cannot change the safety plan.');
            return of(
              SupportApiActions.safetyPlanSaveFailed({
                caseId,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...p,
                error: p.code === 'stale-version' ? STALE_SUPPORT : p.error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

/** After a refusal for staleness, read the document again so the latest version is on screen. */
export const reloadStaleSupport = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SupportApiActions.needsSaveFailed, SupportApiActions.safetyPlanSaveFailed),
      filter((a) => a.code === 'stale-version'),
      switchMap((a) =>
        a.type === SupportApiActions.needsSaveFailed.type
          ? api.needs(a.caseId).pipe(
              map((doc) => SupportApiActions.needsLoaded({ caseId: a.caseId, doc })),
              catchError(() => EMPTY),
            )
          : api.safetyPlan(a.caseId).pipe(
              map((doc) => SupportApiActions.safetyPlanLoaded({ caseId: a.caseId, doc })),
              catchError(() => EMPTY),
            ),
      ),
    ),
  { functional: true },
);

export const supportEffects = {
  loadSupport,
  saveNeeds,
  saveSafetyPlan,
  reloadStaleSupport,
};
