import { inject } from '@angular/core';
import { CLOSING_STATUSES, can, type CaseSummary, type SatisfactionRequest } from '@lantern/shared/domain';
import { authFeature, describeHttpError, describeProblem, httpStatus } from '@lantern/workbench/auth/data-access';
import { CaseApiActions } from '@lantern/workbench/data-access-hub';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concat, EMPTY, exhaustMap, filter, map, mergeMap, Observable, of, switchMap, withLatestFrom } from 'rxjs';
import type { Action } from '@ngrx/store';
import { CaseworkApiService } from '../casework-api.service';
import { caseFeature } from './case.feature';
import { CaseworkApiActions } from './casework.actions';
import { CloseCaseDialogActions, SatisfactionApiActions } from './closure.actions';

function recordSurvey(api: CaseworkApiService, caseId: string, survey: SatisfactionRequest): Observable<Action> {
  return api.recordSatisfaction(caseId, survey).pipe(
    map(() => SatisfactionApiActions.surveyRecorded({ caseId })),
    catchError((err: unknown) => of(SatisfactionApiActions.surveyRecordFailed({ caseId, error: describeHttpError(err, 'Try again.') }))),
  );
}

/** Close the case, then (only once it has closed) post the victim's survey if one was given. */
export const closeCase = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CloseCaseDialogActions.closeSubmitted),
      withLatestFrom(store.select(caseFeature.selectDetail)),
      exhaustMap(([{ caseId, status, reason, version, closureReason, survey, overrideReason }, detail]) =>
        api.setStatus(caseId, status, reason, version, closureReason, overrideReason).pipe(
          mergeMap((summary) => {
            const closed = of(CaseworkApiActions.statusChanged({ summary }));
            return survey ? concat(closed, recordSurvey(api, caseId, survey)) : closed;
          }),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.statusChangeFailed({
                caseId,
                before: detail as CaseSummary | null,
                ...describeProblem(err, 'The status could not be changed.', 'Your role cannot change a case’s status.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const recordSatisfactionSurvey = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CloseCaseDialogActions.surveySubmitted),
      exhaustMap(({ caseId, survey }) => recordSurvey(api, caseId, survey)),
    ),
  { functional: true },
);

/** A closed case without its satisfaction survey offers "Record satisfaction survey" to those who work cases. */
export const checkSurvey = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CaseApiActions.caseLoaded, CaseApiActions.caseRefreshed, CaseworkApiActions.statusChanged),
      map((a) => ('detail' in a ? a.detail : a.summary)),
      withLatestFrom(store.select(authFeature.selectUser)),
      filter(([c, user]) => CLOSING_STATUSES.includes(c.status) && can(user?.roles, 'case.work')),
      switchMap(([c]) =>
        api.satisfaction(c.id).pipe(
          map(() => SatisfactionApiActions.surveyChecked({ caseId: c.id, recorded: true })),
          catchError((err: unknown) =>
            httpStatus(err) === 404 ? of(SatisfactionApiActions.surveyChecked({ caseId: c.id, recorded: false })) : EMPTY,
          ),
        ),
      ),
    ),
  { functional: true },
);

export const closureEffects = { closeCase, recordSatisfactionSurvey, checkSurvey };
