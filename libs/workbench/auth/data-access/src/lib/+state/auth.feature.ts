import { can, canReadCases, type Action, type CurrentUser, type MfaEnrolment } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { AuthApiActions, AuthGuardActions, SignInPageActions } from './auth.actions';

/** unknown: not asked yet · checking: GET /auth/me in flight · signed-in · signed-out */
export type SessionStatus = 'unknown' | 'checking' | 'signed-in' | 'signed-out';

/**
 * What the sign-in form asks for: the password; then, as the API answers, a code from the authenticator (otp), the
 * set-up of an authenticator (enrol), or a new password in place of a one-time one (new-password).
 */
export type SignInStep = 'password' | 'otp' | 'enrol' | 'new-password';

export interface AuthState {
  user: CurrentUser | null;
  status: SessionStatus;
  signingIn: boolean;
  error: string | null;
  step: SignInStep;
  /** The secret to load into an authenticator, while enrolling at sign-in. */
  enrolment: MfaEnrolment | null;
  /** Signed in on the device's word only (offline, DeviceSession): the API has not confirmed it since this load. */
  unverified: boolean;
}

export const initialAuthState: AuthState = {
  user: null,
  status: 'unknown',
  signingIn: false,
  error: null,
  step: 'password',
  enrolment: null,
  unverified: false,
};

/** The problem codes that ask for one more thing rather than refuse (no error shown: the form asks for it). */
const STEP_OF_CODE: Record<string, SignInStep> = {
  'mfa-required': 'otp',
  'mfa-enrolment-required': 'enrol',
  'password-change-required': 'new-password',
};

/** The sign-in form after a refusal: which step it is at, the enrolment it shows, and the error, if any. */
export function afterSignInRefusal(
  state: AuthState,
  code: string | null | undefined,
  error: string,
  enrolment?: MfaEnrolment | null,
): AuthState {
  const asked = code ? STEP_OF_CODE[code] : undefined;
  // A wrong password starts over; a wrong code, a policy refusal or a wait keeps the step the user is at.
  const step = asked ?? (code === 'unauthenticated' || code === 'one-time-password-expired' ? 'password' : state.step);
  return {
    ...state,
    signingIn: false,
    step,
    enrolment: step === 'enrol' ? (enrolment ?? state.enrolment) : null,
    error: asked ? null : error,
  };
}

const signedOut = (): AuthState => ({
  ...initialAuthState,
  status: 'signed-out',
});

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(
      AuthGuardActions.sessionCheckRequested,
      (state): AuthState => (state.status === 'unknown' ? { ...state, status: 'checking' } : state),
    ),
    on(AuthApiActions.sessionFound, (state, { user }): AuthState => ({ ...state, user, status: 'signed-in', unverified: false })),
    on(AuthApiActions.sessionAssumedOffline, (state, { user }): AuthState => ({ ...state, user, status: 'signed-in', unverified: true })),
    on(AuthApiActions.sessionNotFound, signedOut),
    on(SignInPageActions.signInSubmitted, (state): AuthState => ({ ...state, signingIn: true, error: null })),
    on(
      AuthApiActions.signInSucceeded,
      (_state, { user }): AuthState => ({
        ...initialAuthState,
        user,
        status: 'signed-in',
        signingIn: false,
        error: null,
      }),
    ),
    on(AuthApiActions.signInFailed, (state, { error, code, enrolment }): AuthState => afterSignInRefusal(state, code, error, enrolment)),
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, signedOut),
  ),
  extraSelectors: ({ selectUser, selectStatus }) => ({
    selectIsSignedIn: createSelector(selectStatus, (status) => status === 'signed-in'),
    /** The signed-in user's id, null while signed out. */
    selectUserId: createSelector(selectUser, (user) => user?.id ?? null),
    selectCanReadCases: createSelector(selectUser, (user) => (user ? canReadCases(user.roles) : false)),
  }),
});

/**
 * Whether the signed-in user may do `action`, by the permission table the API's guards read too; false while
 * signed out. Show or hide an action with it (`store.selectSignal(selectCan('team.manage'))`), never with role names.
 */
export function selectCan(action: Action) {
  return createSelector(authFeature.selectUser, (user) => can(user?.roles, action));
}
