import { CanActivateFn } from '@angular/router';
import { roleGuard } from '@lantern/workbench/auth/data-access';

/** Team leads only (the workload board); anyone else goes to their own home. Runs after authGuard. */
export const teamLeadGuard: CanActivateFn = roleGuard(isTeamLead);

export function isTeamLead(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.includes('team-lead');
}

/** Has a status of their own (Available, Busy, Away): caseworkers and team leads. */
export function hasAvailability(roles: readonly string[] | null | undefined): boolean {
  return !!roles?.some((r) => r === 'caseworker' || r === 'team-lead');
}
