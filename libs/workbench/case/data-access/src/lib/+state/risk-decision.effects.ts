import { OWN_CHANGE } from './case.feature';
import { inject } from '@angular/core';
import { describeHttpError, httpStatus, problemDetails } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasesApiService } from '@lantern/workbench/data-access-hub';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, EMPTY, exhaustMap, map, of } from 'rxjs';
import { AgreedWithPoliceApiActions, AgreedWithPoliceDialogActions } from './risk-decision.actions';

/** Records a team lead's "agreed with police" decision. */
export const agreeWithPolice = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(AgreedWithPoliceDialogActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.agreeWithPolice(caseId, request).pipe(
          map((summary) => AgreedWithPoliceApiActions.recorded({ caseId, summary })),
          catchError((err: unknown) => {
            const problem = problemDetails(err);
            const error =
              httpStatus(err) === 403
                ? 'Only a team lead can agree a lower grade with the police.'
                : (problem?.detail ?? describeHttpError(err, 'The decision could not be recorded.'));
            return of(
              AgreedWithPoliceApiActions.recordFailed({ caseId, error, code: problem?.code ?? null, fieldErrors: problem?.errors ?? [] }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

/** Once recorded, the case page reads the case again (grade, reasons and the decision itself). */
export const refreshAfterAgreement = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(AgreedWithPoliceApiActions.recorded),
      concatMap(({ caseId }) =>
        api.get(caseId).pipe(
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: OWN_CHANGE })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const riskDecisionEffects = { agreeWithPolice, refreshAfterAgreement };
