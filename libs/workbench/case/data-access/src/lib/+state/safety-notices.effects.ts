import { inject } from '@angular/core';
import { authFeature, AuthApiActions, describeHttpError, httpStatus } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, filter, map, mergeMap, of, switchMap, withLatestFrom } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';

/**
 * The notices that waited: read once the API has confirmed the session (sign-in, or a page load with a live one), and
 * again each time the socket is ready (a reconnect: one told while it was down reached no socket), for those who hold
 * cases (case.read).
 */
export const loadSafetyNotices = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(AuthApiActions.sessionFound, AuthApiActions.signInSucceeded, LiveSocketActions.ready),
      withLatestFrom(store.select(authFeature.selectCanReadCases)),
      filter(([, canRead]) => canRead),
      switchMap(() =>
        api.safetyNotices().pipe(
          map(({ items }) => SafetyNoticesApiActions.loaded({ items })),
          catchError((err: unknown) =>
            of(SafetyNoticesApiActions.loadFailed({ error: describeHttpError(err, 'Your safety notices could not be read.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Each dismissal recorded; one no longer the user's (404: handed on, closed) simply goes. */
export const dismissSafetyNotice = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SafetyNoticesActions.dismissClicked),
      mergeMap(({ key }) =>
        api.dismissSafetyNotice(key).pipe(
          map(() => SafetyNoticesApiActions.dismissed({ key })),
          catchError((err: unknown) =>
            of(
              httpStatus(err) === 404
                ? SafetyNoticesApiActions.dismissed({ key })
                : SafetyNoticesApiActions.dismissFailed({ key, error: describeHttpError(err, 'The dismissal was not recorded.') }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const safetyNoticesEffects = { loadSafetyNotices, dismissSafetyNotice };
