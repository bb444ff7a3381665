import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { ReferralsApiService } from '../referrals-api.service';
import { ReferralFormActions, ReferralsApiActions } from './referrals.actions';
import { referralsFeature } from './referrals.feature';
import { describeHttpError, httpStatus, problemDetails, describeProblem } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasePageActions } from '@lantern/workbench/data-access-hub';

const NOT_OFFERED = 'Referrals cannot be made from the workbench yet. Make them the usual way and record them in the case notes.';

/** The reasons a 422 gave (`reasons`, else none). */
export function refusalReasons(err: unknown): string[] {
  const problem = problemDetails(err) as { reasons?: unknown } | null;
  return Array.isArray(problem?.reasons) ? problem.reasons.filter((r): r is string => typeof r === 'string') : [];
}

/** Options and referrals: when the Referrals tab is shown, and again when the case changes. */
export const loadReferrals = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.tabShown, CaseApiActions.caseRefreshed, ReferralsApiActions.safeguardingBasisRecorded),
      withLatestFrom(store.select(referralsFeature.selectReferralsState)),
      filter(([a, state]) =>
        a.type === CasePageActions.tabShown.type
          ? a.tab === 'referrals'
          : a.type === ReferralsApiActions.safeguardingBasisRecorded.type
            ? state.caseId === a.caseId
            : state.caseId === a.detail.id && state.optionsStatus !== 'idle',
      ),
      map(([a]) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        merge(
          api.options(caseId).pipe(
            map((options) => ReferralsApiActions.optionsLoaded({ caseId, options })),
            catchError((err: unknown) =>
              of(
                ReferralsApiActions.optionsLoadFailed({
                  caseId,
                  error: describeHttpError(err, 'Suggested referrals could not be loaded.'),
                }),
              ),
            ),
          ),
          api.referrals(caseId).pipe(
            map((referrals) => ReferralsApiActions.referralsLoaded({ caseId, referrals })),
            catchError((err: unknown) => {
              const unavailable = httpStatus(err) === 404;
              return of(
                ReferralsApiActions.referralsLoadFailed({
                  caseId,
                  unavailable,
                  error: unavailable ? NOT_OFFERED : describeHttpError(err, 'Referrals made could not be loaded.'),
                }),
              );
            }),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** The lawful bases (configuration): once, when the Referrals tab is first shown. */
export const loadLawfulBases = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.tabShown),
      filter((a) => a.tab === 'referrals'),
      withLatestFrom(store.select(referralsFeature.selectLawfulBasesStatus)),
      filter(([, status]) => status !== 'loaded'),
      exhaustMap(() =>
        api.lawfulBases().pipe(
          map((bases) => ReferralsApiActions.lawfulBasesLoaded({ bases })),
          catchError((err: unknown) =>
            of(ReferralsApiActions.lawfulBasesLoadFailed({ error: describeHttpError(err, 'The lawful bases could not be loaded.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const sendReferral = createEffect(
  (actions$ = inject(Actions), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(ReferralFormActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.refer(caseId, request).pipe(
          map((referral) => ReferralsApiActions.referralSent({ caseId, referral })),
          catchError((err: unknown) => {
            const p = describeProblem(err, 'The referral was not sent.', 'Your role cannot make referrals.');
            const notOffered = httpStatus(err) === 404;
            return of(
              ReferralsApiActions.referralRefused({
                caseId,
                reasons: refusalReasons(err),
                ...p,
                error: notOffered ? NOT_OFFERED : p.error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

export const referralLifecycle = createEffect(
  (actions$ = inject(Actions), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(ReferralFormActions.lifecycleSubmitted),
      exhaustMap(({ caseId, referralId, action, reason }) =>
        api.act(referralId, action, reason ? { reason } : {}).pipe(
          map((referral) => ReferralsApiActions.lifecycleDone({ caseId, referral })),
          catchError((err: unknown) =>
            of(
              ReferralsApiActions.lifecycleFailed({
                caseId,
                referralId,
                error: describeProblem(err, 'The referral was not changed.', 'Your role cannot do this.').error,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** A team lead's lawful basis for sharing without consent; the options then reload (consent-blocked services may now fit). */
export const recordSafeguardingBasis = createEffect(
  (actions$ = inject(Actions), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(ReferralFormActions.safeguardingBasisSubmitted),
      exhaustMap(({ caseId, ground, reason }) =>
        api.recordSafeguardingBasis(caseId, { ground, reason }).pipe(
          map((basis) => ReferralsApiActions.safeguardingBasisRecorded({ caseId, basis })),
          catchError((err: unknown) =>
            of(
              ReferralsApiActions.safeguardingBasisFailed({
                caseId,
                ...describeProblem(err, 'The safeguarding basis was not recorded.', 'Only a team lead can record a safeguarding basis.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const referralsEffects = {
  loadReferrals,
  loadLawfulBases,
  sendReferral,
  referralLifecycle,
  recordSafeguardingBasis,
};
