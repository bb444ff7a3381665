import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { authFeature, homeFor } from '@lantern/workbench/data-access-auth';
import { Store } from '@ngrx/store';
import { map, take } from 'rxjs';

/** Team leads only (the workload board); anyone else goes to their own home. Runs after authGuard. */
export const teamLeadGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(Store)
    .select(authFeature.selectUser)
    .pipe(
      take(1),
      map((user) => (isTeamLead(user?.roles) ? true : router.parseUrl(homeFor(user?.roles)))),
    );
};

export function isTeamLead(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.includes('team-lead');
}

/** Has a status of their own (Available, Busy, Away): caseworkers and team leads. */
export function hasAvailability(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.some((r) => r === 'caseworker' || r === 'team-lead');
}
