import { inject } from '@angular/core';
import {
  describeHttpError,
  httpStatus,
} from '@lantern/workbench/data-access-auth';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  EMPTY,
  filter,
  map,
  of,
  switchMap,
  withLatestFrom,
} from 'rxjs';
import { CasesApiService } from '../cases-api.service';
import { CaseApiActions, CasePageActions } from './case.actions';
import { caseFeature, CaseState } from './case.feature';
import { QueueSocketActions } from './queue.actions';

export const loadCase = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.opened),
      switchMap(({ caseId }) =>
        api.get(caseId).pipe(
          map((detail) => CaseApiActions.caseLoaded({ detail })),
          catchError((err: unknown) => {
            const notFound = httpStatus(err) === 404;
            return of(
              CaseApiActions.caseLoadFailed({
                caseId,
                notFound,
                error: notFound
                  ? 'There is no case with this link.'
                  : describeHttpError(err, 'The case could not be loaded.'),
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

type LiveAction =
  | ReturnType<typeof QueueSocketActions.caseChanged>
  | ReturnType<typeof QueueSocketActions.synced>;

/** Does this live action say the open case is now newer than what is on screen? Pure. */
export function changesOpenCase(action: LiveAction, state: CaseState): boolean {
  if (!state.caseId || !state.detail) return false;
  const held = state.detail.version;
  if (action.type === QueueSocketActions.synced.type) {
    return (
      action.response.reset ||
      action.response.events.some(
        (e) => e.caseId === state.caseId && e.version > held,
      )
    );
  }
  return action.event.caseId === state.caseId && action.event.version > held;
}

/** The case page is live too: when its case changes, fetch the detail again. */
export const refreshOpenCase = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    api = inject(CasesApiService),
  ) =>
    actions$.pipe(
      ofType(QueueSocketActions.caseChanged, QueueSocketActions.synced),
      withLatestFrom(store.select(caseFeature.selectCaseState)),
      filter(([action, state]) => changesOpenCase(action, state)),
      switchMap(([, state]) =>
        api.get(state.caseId as string).pipe(
          map((detail) => CaseApiActions.caseRefreshed({ detail })),
          // Keep showing what we have; the next change or visit tries again.
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const caseEffects = { loadCase, refreshOpenCase };
