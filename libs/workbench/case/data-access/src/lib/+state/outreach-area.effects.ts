import { inject } from '@angular/core';
import { describeProblem } from '@lantern/workbench/auth/data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { OutreachAreaActions, OutreachAreaApiActions } from './outreach-area.actions';

export const correctOutreachArea = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(OutreachAreaActions.correctionSubmitted),
      exhaustMap(({ caseId, area, reason, version }) =>
        api.correctOutreachArea(caseId, { area, reason, version }).pipe(
          map((summary) => OutreachAreaApiActions.corrected({ summary })),
          catchError((err: unknown) =>
            of(
              OutreachAreaApiActions.correctionFailed({
                caseId,
                error: describeProblem(err, 'The outreach area was not changed.', 'Your role cannot correct the outreach area.').error,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const outreachAreaEffects = { correctOutreachArea };
