import { inject } from '@angular/core';
import type { FieldError } from '@lantern/shared/domain';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, switchMap, withLatestFrom } from 'rxjs';
import { PartnersApiService, withActive } from '../partners-api.service';
import { PartnerDirectoryApiActions, PartnerDirectoryPageActions } from './partner-directory.actions';
import { partnerDirectoryFeature } from './partner-directory.feature';
import { describeHttpError, problemDetails, describeProblem } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const STALE =
  'Someone else changed this service while you were editing it. Nothing was saved; the directory now shows their version: close this and edit it again.';
const DUPLICATE = 'A service with this key already exists. Choose another key.';

/** The field errors of a 400 problem (JSON Pointer `path` and `message`), else none. */
export function fieldErrors(err: unknown): FieldError[] {
  const errors = (problemDetails(err) as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors)
    ? errors.filter(
        (e): e is FieldError =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as FieldError).path === 'string' &&
          typeof (e as FieldError).message === 'string',
      )
    : [];
}

function saveProblem(err: unknown, fallback: string) {
  const p = describeProblem(err, fallback, 'Only an admin can change the partner directory.');
  const error = p.code === 'stale-version' ? STALE : p.code === 'duplicate-service' ? DUPLICATE : p.error;
  return { ...p, error, fieldErrors: fieldErrors(err) };
}

/** The admin page loads every service (inactive too); the Referrals tab loads the active ones once, for hours. */
export const loadPartnerDirectory = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(PartnersApiService)) =>
    actions$.pipe(
      ofType(
        PartnerDirectoryPageActions.opened,
        PartnerDirectoryPageActions.retryClicked,
        PartnerDirectoryApiActions.saveFailed,
        PartnerDirectoryApiActions.activeChangeFailed,
        CasePageActions.tabShown,
      ),
      withLatestFrom(store.select(partnerDirectoryFeature.selectPartnerDirectoryState)),
      filter(([a, state]) => {
        if (a.type === CasePageActions.tabShown.type) return a.tab === 'referrals' && !(state.status === 'loaded' && state.services.length);
        if (a.type === PartnerDirectoryApiActions.saveFailed.type || a.type === PartnerDirectoryApiActions.activeChangeFailed.type)
          return a.code === 'stale-version';
        return true;
      }),
      map(([a]) => a.type !== CasePageActions.tabShown.type),
      switchMap((includeInactive) =>
        api.list(includeInactive).pipe(
          map((services) => PartnerDirectoryApiActions.loaded({ services, includeInactive })),
          catchError((err: unknown) =>
            of(
              PartnerDirectoryApiActions.loadFailed({
                error: describeHttpError(err, 'The partner directory could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const savePartnerService = createEffect(
  (actions$ = inject(Actions), api = inject(PartnersApiService)) =>
    actions$.pipe(
      ofType(PartnerDirectoryPageActions.createSubmitted, PartnerDirectoryPageActions.updateSubmitted),
      exhaustMap((a) =>
        (a.type === PartnerDirectoryPageActions.createSubmitted.type ? api.create(a.body) : api.update(a.service, a.body)).pipe(
          map((record) => PartnerDirectoryApiActions.saved({ record })),
          catchError((err: unknown) => of(PartnerDirectoryApiActions.saveFailed(saveProblem(err, 'The service was not saved.')))),
        ),
      ),
    ),
  { functional: true },
);

export const togglePartnerService = createEffect(
  (actions$ = inject(Actions), api = inject(PartnersApiService)) =>
    actions$.pipe(
      ofType(PartnerDirectoryPageActions.activeToggled),
      exhaustMap(({ record, active }) =>
        api.update(record.service, withActive(record, active)).pipe(
          map((saved) => PartnerDirectoryApiActions.activeChanged({ record: saved })),
          catchError((err: unknown) => {
            const p = saveProblem(err, `${record.serviceName} was not changed.`);
            return of(
              PartnerDirectoryApiActions.activeChangeFailed({
                service: record.service,
                code: p.code,
                error:
                  p.code === 'stale-version'
                    ? `${record.serviceName} changed since the list was loaded; the list is now up to date. Try again.`
                    : p.error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

export const partnerDirectoryEffects = {
  loadPartnerDirectory,
  savePartnerService,
  togglePartnerService,
};
