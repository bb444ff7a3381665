import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { can } from '@lantern/shared/domain';
import { catchError, filter, map, of, switchMap } from 'rxjs';
import { describeHttpError } from '../http-error';
import { PreferencesApiService } from '../preferences-api.service';
import { AuthApiActions } from './auth.actions';
import { PreferencesActions, PreferencesApiActions } from './preferences.actions';

/**
 * Loaded once the API has confirmed the session (sign-in, or a page load with a live session), for those who work
 * the hub's queue (case.read): the preferences are the queue's columns and density. An officer's phone, a partner or
 * a force lead asks the hub for nothing it does not need.
 */
export const loadPreferences = createEffect(
  (actions$ = inject(Actions), api = inject(PreferencesApiService)) =>
    actions$.pipe(
      ofType(AuthApiActions.sessionFound, AuthApiActions.signInSucceeded),
      filter(({ user }) => can(user.roles, 'case.read')),
      switchMap(() =>
        api.load().pipe(
          map((preferences) => PreferencesApiActions.loaded({ preferences })),
          catchError((err: unknown) =>
            of(PreferencesApiActions.loadFailed({ error: describeHttpError(err, 'Your preferences could not be loaded.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** The latest change wins: a quicker second change cancels the first save. */
export const savePreferences = createEffect(
  (actions$ = inject(Actions), api = inject(PreferencesApiService)) =>
    actions$.pipe(
      ofType(PreferencesActions.changed),
      switchMap(({ preferences }) =>
        api.save(preferences).pipe(
          map((saved) => PreferencesApiActions.saved({ preferences: saved })),
          catchError((err: unknown) =>
            of(
              PreferencesApiActions.saveFailed({
                error: describeHttpError(err, 'Your preferences could not be saved; they apply on this page only.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const preferencesEffects = { loadPreferences, savePreferences };
