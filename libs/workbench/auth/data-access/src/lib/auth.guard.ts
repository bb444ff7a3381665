import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take, tap } from 'rxjs';
import { AuthGuardActions } from './+state/auth.actions';
import { authFeature, SessionStatus } from './+state/auth.feature';
import { ADMIN_HOME, DEFAULT_AFTER_SIGN_IN, PARTNER_HOME } from './return-url';

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

/** A partner agency's user (the partner portal), not hub staff. */
export function isPartnerUser(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.includes('partner');
}

/** Roles that read or work cases: anyone else has no use for the queue. */
const HUB_ROLES: readonly string[] = ['caseworker', 'team-lead', 'auditor'];

/** May manage the partner directory. */
export function isAdmin(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.includes('admin');
}

/** An admin with no casework role: the partner directory is their home, not the queue. */
export function isAdminOnly(roles: readonly string[] | null | undefined): boolean {
  return isAdmin(roles) && !roles?.some((r) => HUB_ROLES.includes(r));
}

/** Where a user belongs when the page asked for is not theirs. */
export function homeFor(roles: readonly string[] | null | undefined): string {
  return isPartnerUser(roles) ? PARTNER_HOME : isAdminOnly(roles) ? ADMIN_HOME : DEFAULT_AFTER_SIGN_IN;
}

/**
 * A route guard that lets the signed-in user through when `allowed(roles)`, and otherwise sends them to
 * `elsewhere(roles)` (by default their own home). Runs after authGuard.
 */
export function roleGuard(
  allowed: (roles: readonly string[] | null | undefined) => boolean,
  elsewhere: (roles: readonly string[] | null | undefined) => string = homeFor,
): CanActivateFn {
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

/**
 * Hub pages (queue, cases): a partner user goes to the partner portal instead, and an admin without a
 * casework role to the partner directory.
 */
export const hubGuard: CanActivateFn = roleGuard((roles) => !isPartnerUser(roles) && !isAdminOnly(roles));

/** Admin pages (the partner directory): admins only; anyone else goes to their own home. */
export const adminGuard: CanActivateFn = roleGuard(isAdmin);

/** The partner portal: partner users only; hub staff go to the queue. */
export const partnerGuard: CanActivateFn = roleGuard(isPartnerUser, () => DEFAULT_AFTER_SIGN_IN);

/** Roles that may read the outcomes dashboard (aggregate figures): team leads, admins and auditors. */
const OUTCOMES_ROLES: readonly string[] = ['team-lead', 'admin', 'auditor'];

export function mayReadOutcomes(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.some((r) => OUTCOMES_ROLES.includes(r));
}

/** The outcomes dashboard: team leads, admins and auditors; anyone else goes to their own home. */
export const outcomesGuard: CanActivateFn = roleGuard(mayReadOutcomes);
