import { inject } from '@angular/core';
import { describeHttpError } from '@lantern/workbench/data-access-auth';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, filter, map, mergeMap, of, switchMap } from 'rxjs';
import { QueueSocketService } from '../queue-socket.service';
import { ReferralsApiService } from '../referrals-api.service';
import { describeProblem } from './casework.effects';
import {
  PartnerApiActions,
  PartnerPortalActions,
  PartnerSocketActions,
} from './partner-referrals.actions';

/**
 * The partner portal opens its own live connection: partner sockets get only `referral.changed`, and nothing
 * hub-only (queue snapshot, counts, presence) is asked for, since a partner would get a 403.
 */
export const connectPartnerSocket = createEffect(
  (actions$ = inject(Actions), socket = inject(QueueSocketService)) =>
    actions$.pipe(
      ofType(PartnerPortalActions.opened),
      exhaustMap(() =>
        socket.connect().pipe(
          mergeMap((event) =>
            event.type === 'referral-changed'
              ? [PartnerSocketActions.referralChanged({ event: event.event })]
              : event.type === 'ready'
                ? [PartnerSocketActions.ready()]
                : [],
          ),
        ),
      ),
    ),
  { functional: true },
);

/** The list: on opening, on retry, after a (re)connect and whenever one of the agency's referrals changes. */
export const loadPartnerReferrals = createEffect(
  (actions$ = inject(Actions), api = inject(ReferralsApiService)) =>
    actions$.pipe(
      ofType(
        PartnerPortalActions.opened,
        PartnerPortalActions.retryClicked,
        PartnerSocketActions.ready,
        PartnerSocketActions.referralChanged,
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
  (actions$ = inject(Actions), api = inject(ReferralsApiService)) =>
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
  connectPartnerSocket,
  loadPartnerReferrals,
  partnerReferralAction,
};
