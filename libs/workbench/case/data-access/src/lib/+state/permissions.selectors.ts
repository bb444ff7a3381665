import { can, type Action } from '@lantern/shared/domain';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { createSelector } from '@ngrx/store';

/** Whether the signed-in user may do `action` (the permission table in the shared domain decides). */
export const selectCan = (action: Action) => createSelector(authFeature.selectUser, (user) => can(user?.roles, action));
