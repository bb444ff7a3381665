import { inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { catchError, EMPTY, exhaustMap, filter, from, fromEvent, map, of, switchMap, tap, timeout, withLatestFrom } from 'rxjs';
import { AuthApiService } from '../auth-api.service';
import type { MfaEnrolment } from '@lantern/shared/domain';
import { describeHttpError, httpStatus, problemDetails } from '../http-error';
import { DeviceSession, SIGN_OUT_CLEANUP, SIGN_OUT_CLEANUP_TIMEOUT_MS } from '../device-session';
import { DOCUMENT_LOCATION } from '../location';
import { safeReturnUrl } from '../return-url';
import { AuthApiActions, AuthGuardActions, ShellActions, SignInPageActions } from './auth.actions';
import { authFeature } from './auth.feature';

/** The API could not be reached (no signal, or a proxy in front answering for an API that is down). */
export function isUnreachable(err: unknown): boolean {
  const status = httpStatus(err);
  return status === 0 || status === 502 || status === 503 || status === 504;
}

/**
 * The session check at start. Unreachable (the officer at a scene without signal, reloading the officer app): the
 * officer this device last confirmed, unverified (DeviceSession); anyone else is signed out as before.
 */
export const checkSession = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService), device = inject(DeviceSession)) =>
    actions$.pipe(
      ofType(AuthGuardActions.sessionCheckRequested),
      exhaustMap(() =>
        api.me().pipe(
          map((user) => AuthApiActions.sessionFound({ user })),
          catchError((err: unknown) => {
            const remembered = isUnreachable(err) ? device.recall() : null;
            if (remembered) return of(AuthApiActions.sessionAssumedOffline({ user: remembered }));
            if (httpStatus(err) === 401) device.forget();
            return of(AuthApiActions.sessionNotFound());
          }),
        ),
      ),
    ),
  { functional: true },
);

/** An officer's confirmed session is remembered on the device (DeviceSession); leaving it forgets it. */
export const rememberSession = createEffect(
  (actions$ = inject(Actions), device = inject(DeviceSession)) =>
    actions$.pipe(
      ofType(AuthApiActions.sessionFound, AuthApiActions.signInSucceeded, AuthApiActions.signedOut, AuthApiActions.sessionExpired),
      tap((action) => {
        if ('user' in action) device.remember(action.user);
        else device.forget();
      }),
    ),
  { functional: true, dispatch: false },
);

/** Signed in on the device's word: as soon as the signal is back, ask the API (a 401 then asks the officer to sign in again). */
export const verifyWhenOnline = createEffect(
  (store = inject(Store), api = inject(AuthApiService)) =>
    (typeof window === 'undefined' ? EMPTY : fromEvent(window, 'online')).pipe(
      withLatestFrom(store.select(authFeature.selectUnverified)),
      filter(([, unverified]) => unverified),
      exhaustMap(() =>
        api.me().pipe(
          map((user) => AuthApiActions.sessionFound({ user })),
          catchError((err: unknown) => (httpStatus(err) === 401 ? of(AuthApiActions.sessionExpired()) : EMPTY)),
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
  (actions$ = inject(Actions), api = inject(AuthApiService), cleanups = inject(SIGN_OUT_CLEANUP, { optional: true }) ?? []) =>
    actions$.pipe(
      ofType(ShellActions.signOutClicked),
      exhaustMap(() =>
        api.signOut().pipe(
          // The cookie may already be gone; either way this browser is signed out.
          catchError(() => of(null)),
          // What the device keeps for this user (the officer app's drafts) goes before the page does.
          switchMap(() =>
            from(Promise.allSettled(cleanups.map((clean) => clean()))).pipe(
              timeout({ first: SIGN_OUT_CLEANUP_TIMEOUT_MS, with: () => of(null) }),
            ),
          ),
          map(() => AuthApiActions.signedOut()),
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
  rememberSession,
  verifyWhenOnline,
  signIn,
  navigateAfterSignIn,
  signOut,
  leaveSession,
};
