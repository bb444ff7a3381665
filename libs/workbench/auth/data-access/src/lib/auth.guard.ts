import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { can, type Action, type Role } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { filter, map, take, tap } from 'rxjs';
import { AuthGuardActions } from './+state/auth.actions';
import { authFeature, SessionStatus } from './+state/auth.feature';
import { ADMIN_HOME, DEFAULT_AFTER_SIGN_IN, FORCE_HOME, OFFICER_HOME, PARTNER_HOME } from './return-url';

type Roles = readonly Role[] | null | undefined;

function settledStatus() {
  const store = inject(Store);
  return store.select(authFeature.selectStatus).pipe(
    tap((status) => {
      if (status === 'unknown') store.dispatch(AuthGuardActions.sessionCheckRequested());
    }),
    filter((status): status is Extract<SessionStatus, 'signed-in' | 'signed-out'> => status === 'signed-in' || status === 'signed-out'),
    take(1),
  );
}

/** Signed-in users only; anyone else goes to /sign-in and comes back here afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return settledStatus().pipe(
    map((status) =>
      status === 'signed-in'
        ? true
        : router.createUrlTree(['/sign-in'], {
            queryParams: { returnUrl: state.url },
          }),
    ),
  );
};

/** The sign-in page is for signed-out users; a signed-in user goes straight to the queue. */
export const signedOutGuard: CanActivateFn = () => {
  const router = inject(Router);
  return settledStatus().pipe(map((status) => (status === 'signed-out' ? true : router.parseUrl(DEFAULT_AFTER_SIGN_IN))));
};

/**
 * Where a user belongs, read from the permission table: a partner agency's user in the partner portal; someone
 * who manages the partner directory but reads no cases (an admin) in the directory; an officer on the referral form of
 * the officer app; a force lead on the force dashboard; everyone else in the queue.
 */
export function homeFor(roles: Roles): string {
  if (can(roles, 'partner-portal.use')) return PARTNER_HOME;
  if (can(roles, 'officer-referral.submit') && !can(roles, 'case.read')) return OFFICER_HOME;
  if (can(roles, 'force-dashboard.read') && !can(roles, 'case.read')) return FORCE_HOME;
  if (can(roles, 'partners.manage') && !can(roles, 'case.read')) return ADMIN_HOME;
  return DEFAULT_AFTER_SIGN_IN;
}

/** Hub pages (the queue, a case) are for those whose home they are: not partner-portal users, not admin-only users. */
export function isHubUser(roles: Roles): boolean {
  return homeFor(roles) === DEFAULT_AFTER_SIGN_IN;
}

/**
 * A route guard that lets the signed-in user through when `allowed(roles)`, and otherwise sends them to
 * `elsewhere(roles)` (by default their own home). Runs after authGuard.
 */
export function roleGuard(allowed: (roles: Roles) => boolean, elsewhere: (roles: Roles) => string = homeFor): CanActivateFn {
  return () => {
    const router = inject(Router);
    return inject(Store)
      .select(authFeature.selectUser)
      .pipe(
        take(1),
        map((user) => (allowed(user?.roles) ? true : router.parseUrl(elsewhere(user?.roles)))),
      );
  };
}

/** A route for those the permission table grants `action`; anyone else goes to their own home. Runs after authGuard. */
export function actionGuard(action: Action): CanActivateFn {
  return roleGuard((roles) => can(roles, action));
}

/** Hub pages (queue, cases): a partner user goes to the partner portal instead, an admin-only user to the partner directory. */
export const hubGuard: CanActivateFn = roleGuard(isHubUser);

/** The partner directory: those who manage it (admins). */
export const adminGuard: CanActivateFn = actionGuard('partners.manage');

/** Accounts and feed keys (/admin): admins. */
export const usersAdminGuard: CanActivateFn = actionGuard('users.manage');

/** The partner portal: partner users only; hub staff go to their own home. */
export const partnerGuard: CanActivateFn = actionGuard('partner-portal.use');

/** The officer app (the referral form and one's own referrals): officers. */
export const officerGuard: CanActivateFn = actionGuard('officer-referral.submit');

/** The force dashboard: force leads. */
export const forceLeadGuard: CanActivateFn = actionGuard('force-dashboard.read');

/** The outcomes dashboard (aggregate figures): team leads, admins and auditors. */
export const outcomesGuard: CanActivateFn = actionGuard('outcomes.read');
