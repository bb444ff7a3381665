import { OWN_CHANGE } from './case.feature';
import { inject } from '@angular/core';
import { describeProblem } from '@lantern/workbench/auth/data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { CaseApiActions, CasesApiService } from '@lantern/workbench/data-access-hub';
import { catchError, concatMap, EMPTY, exhaustMap, map, of } from 'rxjs';
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

/**
 * The decision lives on the case detail, not its summary: read the case again at once, so the box and the close dialog
 * show it without waiting for the live event (the version check dedupes the two).
 */
export const refreshAfterChildrensServicesDecision = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(ChildrensServicesApiActions.decisionRecorded),
      concatMap(({ summary }) =>
        api.get(summary.id).pipe(
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: OWN_CHANGE })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const childrensServicesEffects = { recordChildrensServicesDecision, refreshAfterChildrensServicesDecision };
