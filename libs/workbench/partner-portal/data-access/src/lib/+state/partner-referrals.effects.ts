import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, filter, map, of, switchMap } from 'rxjs';
import {
  PartnerApiActions,
  PartnerPortalActions,
} from './partner-referrals.actions';
import { describeHttpError, describeProblem } from '@lantern/workbench/auth/data-access';
import { LiveActions, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { PartnerReferralsApiService } from '../partner-referrals-api.service';

/**
 * The portal is live: opening it asks for the socket. Partner sockets get only `referral.changed`; nothing
 * hub-only (queue snapshot, counts, presence) is provided on the partner routes, so nothing hub-only is asked for.
 */
export const requestLive = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(PartnerPortalActions.opened),
      map(() => LiveActions.connectRequested()),
    ),
  { functional: true },
);

/** The list: on opening, on retry, after a (re)connect and whenever one of the agency's referrals changes. */
export const loadPartnerReferrals = createEffect(
  (actions$ = inject(Actions), api = inject(PartnerReferralsApiService)) =>
    actions$.pipe(
      ofType(
        PartnerPortalActions.opened,
        PartnerPortalActions.retryClicked,
        LiveSocketActions.ready,
        LiveSocketActions.referralChanged,
      ),
      switchMap(() =>
        api.list().pipe(
          map((referrals) => PartnerApiActions.referralsLoaded({ referrals })),
          catchError((err: unknown) =>
            of(
              PartnerApiActions.referralsLoadFailed({
                error: describeHttpError(err, 'Referrals could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const partnerReferralAction = createEffect(
  (actions$ = inject(Actions), api = inject(PartnerReferralsApiService)) =>
    actions$.pipe(
      ofType(PartnerPortalActions.actionSubmitted),
      filter(({ referralId }) => !!referralId),
      exhaustMap(({ referralId, action, body }) =>
        api.act(referralId, action, body).pipe(
          map((referral) => PartnerApiActions.actionSucceeded({ action, referral })),
          catchError((err: unknown) =>
            of(
              PartnerApiActions.actionFailed({
                referralId,
                action,
                error: describeProblem(
                  err,
                  'That did not go through. Try again.',
                  'Your role cannot do this.',
                ).error,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const partnerReferralsEffects = {
  requestLive,
  loadPartnerReferrals,
  partnerReferralAction,
};
