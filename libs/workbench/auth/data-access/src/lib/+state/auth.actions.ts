import type { CurrentUser, MfaEnrolment } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const SignInPageActions = createActionGroup({
  source: 'Sign In Page',
  events: {
    'Sign In Submitted': props<{
      username: string;
      password: string;
      returnUrl: string | null;
      /** The authenticator's code, when the account has (or is enrolling) a second factor. */
      otp?: string;
      /** Finishes a required enrolment (from the mfa-enrolment-required answer). */
      enrolmentToken?: string;
      /** Replaces a one-time password (password-change-required). */
      newPassword?: string;
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
    /** `code` is the problem's stable code (mfa-required, mfa-enrolment-required, …): what the page asks for next. */
    'Sign In Failed': props<{ error: string; code?: string | null; enrolment?: MfaEnrolment | null }>(),
    'Session Found': props<{ user: CurrentUser }>(),
    'Session Not Found': emptyProps(),
    /** /auth/me could not be reached (no signal): the officer this device last confirmed, not yet verified (DeviceSession). */
    'Session Assumed Offline': props<{ user: CurrentUser }>(),
    'Signed Out': emptyProps(),
    /** An API call answered 401: the cookie expired or was revoked. */
    'Session Expired': emptyProps(),
  },
});
