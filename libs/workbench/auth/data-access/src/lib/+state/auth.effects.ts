import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { catchError, EMPTY, exhaustMap, filter, map, of, tap } from 'rxjs';
import { AuthApiService } from '../auth-api.service';
import type { MfaEnrolment } from '@lantern/shared/domain';
import { describeHttpError, httpStatus, problemDetails } from '../http-error';
import { DOCUMENT_LOCATION } from '../location';
import { safeReturnUrl } from '../return-url';
import { AuthApiActions, AuthGuardActions, ShellActions, SignInPageActions } from './auth.actions';

export const checkSession = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(AuthGuardActions.sessionCheckRequested),
      exhaustMap(() =>
        api.me().pipe(
          map((user) => AuthApiActions.sessionFound({ user })),
          catchError(() => of(AuthApiActions.sessionNotFound())),
        ),
      ),
    ),
  { functional: true },
);

export const signIn = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(SignInPageActions.signInSubmitted),
      exhaustMap(({ username, password, returnUrl, otp, enrolmentToken, newPassword }) =>
        api
          .signIn({
            username,
            password,
            ...(otp ? { otp } : {}),
            ...(enrolmentToken ? { enrolmentToken } : {}),
            ...(newPassword ? { newPassword } : {}),
          })
          .pipe(
            map((user) => AuthApiActions.signInSucceeded({ user, returnUrl })),
            catchError((err: unknown) => {
              const problem = problemDetails(err) as { code?: string; enrolment?: MfaEnrolment } | null;
              return of(
                AuthApiActions.signInFailed({
                  error:
                    httpStatus(err) === 401
                      ? describeHttpError(err, 'Username or password is wrong')
                      : describeHttpError(err, 'Signing in failed. Try again.'),
                  code: problem?.code ?? null,
                  enrolment: problem?.enrolment ?? null,
                }),
              );
            }),
          ),
      ),
    ),
  { functional: true },
);

export const navigateAfterSignIn = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signInSucceeded),
      tap(({ returnUrl }) => void router.navigateByUrl(safeReturnUrl(returnUrl))),
    ),
  { functional: true, dispatch: false },
);

export const signOut = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(ShellActions.signOutClicked),
      exhaustMap(() =>
        api.signOut().pipe(
          map(() => AuthApiActions.signedOut()),
          // The cookie may already be gone; either way this browser is signed out.
          catchError(() => of(AuthApiActions.signedOut())),
        ),
      ),
    ),
  { functional: true },
);

/**
 * Leaving a session reloads the page at /sign-in rather than routing there: it drops every case held in
 * memory and closes the live socket, so the next person at this screen starts clean.
 */
export const leaveSession = createEffect(
  (actions$ = inject(Actions), router = inject(Router), location = inject(DOCUMENT_LOCATION)) =>
    actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthApiActions.sessionExpired),
      tap((action) => {
        const here = router.url;
        const query =
          action.type === AuthApiActions.sessionExpired.type && here && !here.startsWith('/sign-in')
            ? `?returnUrl=${encodeURIComponent(here)}`
            : '';
        location.assign(`/sign-in${query}`);
      }),
    ),
  { functional: true, dispatch: false },
);

/**
 * The live socket refused as `unauthenticated` (the server closed it at the idle or absolute timeout, or a
 * sign-out elsewhere, and the retry was turned away): if /auth/me agrees the session is over, leave it now rather
 * than at the next click, so an idle screen does not keep showing victims' names. Any other answer (the socket
 * raced a sign-in, the API is briefly down) leaves things as they are.
 */
export const sessionEndedOnSocket = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(LiveSocketActions.connectFailed),
      filter(({ message }) => message === 'unauthenticated'),
      exhaustMap(() =>
        api.me().pipe(
          exhaustMap(() => EMPTY),
          catchError((err: unknown) => (httpStatus(err) === 401 ? of(AuthApiActions.sessionExpired()) : EMPTY)),
        ),
      ),
    ),
  { functional: true },
);

export const authEffects = {
  sessionEndedOnSocket,
  checkSession,
  signIn,
  navigateAfterSignIn,
  signOut,
  leaveSession,
};
