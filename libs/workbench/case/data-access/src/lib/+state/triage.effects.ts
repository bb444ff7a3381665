import { inject } from '@angular/core';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, withLatestFrom } from 'rxjs';
import { TriageConfigActions } from './triage.actions';
import { triageConfigFeature } from './triage.feature';
import { CasePageActions, QueuePageActions, CasesApiService } from '@lantern/workbench/data-access-hub';

/** The hub's triage rules (questions, bands, SLA targets, calendar), once per session. */
export const loadTriageConfig = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(QueuePageActions.opened, CasePageActions.opened),
      withLatestFrom(store.select(triageConfigFeature.selectStatus)),
      filter(([, status]) => status !== 'loaded'),
      exhaustMap(() =>
        api.triageConfig().pipe(
          map((config) => TriageConfigActions.loaded({ config })),
          catchError((err: unknown) =>
            of(
              TriageConfigActions.loadFailed({
                error: describeHttpError(err, 'Triage rules could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const triageEffects = { loadTriageConfig };
