import { OWN_CHANGE } from './case.feature';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { describeProblem } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasesApiService } from '@lantern/workbench/data-access-hub';
import { catchError, concatMap, EMPTY, exhaustMap, map, of } from 'rxjs';
import { ConsentApiService } from '../consent-api.service';
import { ConsentApiActions, ConsentDialogActions } from './consent.actions';

export const recordConsent = createEffect(
  (actions$ = inject(Actions), api = inject(ConsentApiService)) =>
    actions$.pipe(
      ofType(ConsentDialogActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.record(caseId, request).pipe(
          map((view) => ConsentApiActions.recorded({ caseId, view })),
          catchError((err: unknown) =>
            of(
              ConsentApiActions.recordFailed({
                caseId,
                ...describeProblem(err, 'The consent was not recorded.', 'Your role cannot record consent.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/**
 * After a record, read the case again at once (the live event says the same; the version check dedupes): the
 * case's consent, and with it the Referrals tab's options (they reload on CaseApiActions.caseRefreshed).
 */
export const refreshAfterConsent = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(ConsentApiActions.recorded),
      concatMap(({ caseId }) =>
        api.get(caseId).pipe(
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: OWN_CHANGE })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const consentEffects = { recordConsent, refreshAfterConsent };
