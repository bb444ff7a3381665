import type { CurrentUser } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const SignInPageActions = createActionGroup({
  source: 'Sign In Page',
  events: {
    'Sign In Submitted': props<{
      username: string;
      password: string;
      returnUrl: string | null;
    }>(),
  },
});

export const ShellActions = createActionGroup({
  source: 'Shell',
  events: {
    'Sign Out Clicked': emptyProps(),
  },
});

export const AuthGuardActions = createActionGroup({
  source: 'Auth Guard',
  events: {
    'Session Check Requested': emptyProps(),
  },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth Api',
  events: {
    'Sign In Succeeded': props<{
      user: CurrentUser;
      returnUrl: string | null;
    }>(),
    'Sign In Failed': props<{ error: string }>(),
    'Session Found': props<{ user: CurrentUser }>(),
    'Session Not Found': emptyProps(),
    'Signed Out': emptyProps(),
    /** An API call answered 401: the cookie expired or was revoked. */
    'Session Expired': emptyProps(),
  },
});
