import { CanActivateFn } from '@angular/router';
import { actionGuard } from '@lantern/workbench/auth/data-access';

/** The workload board: those who manage the team (team leads); anyone else goes to their own home. Runs after authGuard. */
export const teamLeadGuard: CanActivateFn = actionGuard('team.manage');
