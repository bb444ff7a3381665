import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { partnerReferralsFeature } from './partner-referrals.feature';
import { PartnerApiActions, PartnerPortalActions, PartnerTimerActions } from './partner-referrals.actions';
import { describeHttpError, describeProblem } from '@lantern/workbench/auth/data-access';
import { highlightsRunOut, LiveActions, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { PartnerReferralsApiService } from '../partner-referrals-api.service';

/**
 * The portal is live: opening it asks for the socket. Partner sockets get only `referral.changed`; the hub's
 * slices answer the socket only while their own pages are open, so a partner's browser asks for nothing hub-only.
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
  (actions$ = inject(Actions), store = inject(Store), api = inject(PartnerReferralsApiService)) =>
    merge(
      actions$.pipe(ofType(PartnerPortalActions.opened, PartnerPortalActions.retryClicked)),
      // The socket is shared with the hub's pages, and this route's effects exist as soon as its guard is asked,
      // even when it refuses (a hub user following a portal link): live events reload the list only once the
      // portal has been opened.
      actions$.pipe(
        ofType(LiveSocketActions.ready, LiveSocketActions.referralChanged),
        withLatestFrom(store.select(partnerReferralsFeature.selectStatus)),
        filter(([, status]) => status !== 'idle'),
      ),
    ).pipe(
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

/**
 * A live change's highlight ends LIVE_HIGHLIGHT_MS after the referral's last change, so a later change is highlighted again
 * (the id used to stay in the list, and its row's class with it, for as long as the page was open).
 */
export const expireChangedHighlights = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(LiveSocketActions.referralChanged),
      map(({ event }) => event.referralId),
      highlightsRunOut<string>(),
      map((referralId) => PartnerTimerActions.highlightElapsed({ referralId })),
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
                error: describeProblem(err, 'That did not go through. Try again.', 'Your role cannot do this.').error,
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
  expireChangedHighlights,
  partnerReferralAction,
};
