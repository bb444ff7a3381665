import { inject } from '@angular/core';
import { describeProblem } from '@lantern/workbench/auth/data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { ChildrensServicesActions, ChildrensServicesApiActions } from './childrens-services.actions';

export const recordChildrensServicesDecision = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(ChildrensServicesActions.decisionSubmitted),
      exhaustMap(({ caseId, decision, reason, version }) =>
        api.recordChildrensServicesDecision(caseId, { decision, reason, version }).pipe(
          map((summary) => ChildrensServicesApiActions.decisionRecorded({ summary })),
          catchError((err: unknown) =>
            of(
              ChildrensServicesApiActions.decisionFailed({
                caseId,
                error: describeProblem(
                  err,
                  'The children’s services decision was not recorded.',
                  'Your role cannot record a children’s services decision.',
                ).error,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const childrensServicesEffects = { recordChildrensServicesDecision };
