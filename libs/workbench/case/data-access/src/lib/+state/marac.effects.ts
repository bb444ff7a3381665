import { OWN_CHANGE } from './case.feature';
import { inject } from '@angular/core';
import { describeProblem, problemDetails } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasesApiService } from '@lantern/workbench/data-access-hub';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, EMPTY, exhaustMap, map, of } from 'rxjs';
import { MaracApiService } from '../marac-api.service';
import { MaracReferralActions } from './marac.actions';

export const recordMaracReferral = createEffect(
  (actions$ = inject(Actions), api = inject(MaracApiService)) =>
    actions$.pipe(
      ofType(MaracReferralActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.record(caseId, request).pipe(
          map((referral) => MaracReferralActions.recorded({ caseId, referral })),
          catchError((err: unknown) =>
            of(
              MaracReferralActions.recordFailed({
                caseId,
                ...describeProblem(err, 'The MARAC referral was not recorded.', 'Your role cannot record MARAC referrals.'),
                fieldErrors: problemDetails(err)?.errors ?? [],
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** After recording, read the case again (its MARAC reasons and records); the live event says the same. */
export const refreshAfterMaracReferral = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(MaracReferralActions.recorded),
      concatMap(({ caseId }) =>
        api.get(caseId).pipe(
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: OWN_CHANGE })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const maracEffects = { recordMaracReferral, refreshAfterMaracReferral };
