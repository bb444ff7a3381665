import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concatMap, EMPTY, exhaustMap, filter, map, of, switchMap, withLatestFrom } from 'rxjs';
import { caseFeature, CaseState, OWN_CHANGE } from './case.feature';
import { describeHttpError, httpStatus, problemDetails } from '@lantern/workbench/auth/data-access';
import { LiveActions, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { RiskAssessmentActions } from './case.actions';
import { CaseApiActions, CasePageActions, CasesApiService } from '@lantern/workbench/data-access-hub';

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
                error: notFound ? 'There is no case with this link.' : describeHttpError(err, 'The case could not be loaded.'),
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

type LiveAction = ReturnType<typeof LiveSocketActions.caseChanged> | ReturnType<typeof LiveSocketActions.synced>;

/** Does this live action say the open case is now newer than what is on screen? Pure. */
export function changesOpenCase(action: LiveAction, state: CaseState): boolean {
  if (!state.caseId || !state.detail) return false;
  // Compared with the last full read: the reducer has already laid the event's summary over the page.
  const held = state.detailVersion ?? state.detail.version;
  if (action.type === LiveSocketActions.synced.type) {
    return action.response.reset || action.response.events.some((e) => e.caseId === state.caseId && e.version > held);
  }
  return action.event.caseId === state.caseId && action.event.version > held;
}

/** The case page is live too: when its case changes, fetch the detail again. */
export const refreshOpenCase = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(LiveSocketActions.caseChanged, LiveSocketActions.synced),
      withLatestFrom(store.select(caseFeature.selectCaseState)),
      filter(([action, state]) => changesOpenCase(action, state)),
      switchMap(([action, state]) =>
        api.get(state.caseId as string).pipe(
          // Whose change it was goes with it: the page does not announce the user's own (a catch-up does not say).
          map((detail) =>
            CaseApiActions.caseRefreshed({
              detail,
              by: action.type === LiveSocketActions.caseChanged.type ? (action.event.by ?? null) : null,
            }),
          ),
          // Keep showing what we have; the next change or visit tries again.
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

/** Problem codes the DASH form explains in its own words. */
const ASSESSMENT_PROBLEMS: Record<string, string> = {
  'judgement-lowers-grade': 'Professional judgement can raise the grade but never lower it below what the score gives.',
  'judgement-rationale-required': 'Write down why you are using professional judgement.',
  'stale-version':
    'The case changed while you were working on it, and the page now shows the latest. Your answers are kept: check them and save again.',
};

export const saveRiskAssessment = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(RiskAssessmentActions.submitted),
      exhaustMap(({ caseId, version, request }) =>
        api.saveRiskAssessment(caseId, request, version).pipe(
          map((result) => RiskAssessmentActions.saved({ caseId, result })),
          catchError((err: unknown) => {
            const problem = problemDetails(err);
            const code = problem?.code ?? null;
            const status = httpStatus(err);
            const error =
              (code && ASSESSMENT_PROBLEMS[code]) ||
              (status === 403 ? 'Your role cannot record risk assessments.' : describeHttpError(err, 'The assessment could not be saved.'));
            return of(
              RiskAssessmentActions.saveFailed({
                caseId,
                error,
                code,
                fieldErrors: problem?.errors ?? [],
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

/**
 * After a save, read the case again at once (the live event will say the same; the version check dedupes);
 * likewise after a refusal because the case had moved on, so the page shows what it moved on to.
 */
export const refreshAfterSave = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(RiskAssessmentActions.saved, RiskAssessmentActions.saveFailed),
      filter((a) => a.type === RiskAssessmentActions.saved.type || a.code === 'stale-version'),
      concatMap((a) =>
        api.get(a.caseId).pipe(
          // After the user's own save nothing is announced; after a refusal the case had moved on (someone else's change).
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: a.type === RiskAssessmentActions.saved.type ? OWN_CHANGE : null })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

/** A case page is live (changes, presence): opening one asks for the socket. */
export const requestLive = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(CasePageActions.opened),
      map(() => LiveActions.connectRequested()),
    ),
  { functional: true },
);

export const caseEffects = {
  requestLive,
  loadCase,
  refreshOpenCase,
  saveRiskAssessment,
  refreshAfterSave,
};
