import { can, canReadCases, type Action, type CurrentUser } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { AuthApiActions, AuthGuardActions, SignInPageActions } from './auth.actions';

/** unknown: not asked yet · checking: GET /auth/me in flight · signed-in · signed-out */
export type SessionStatus = 'unknown' | 'checking' | 'signed-in' | 'signed-out';

export interface AuthState {
  user: CurrentUser | null;
  status: SessionStatus;
  signingIn: boolean;
  error: string | null;
}

export const initialAuthState: AuthState = {
  user: null,
  status: 'unknown',
  signingIn: false,
  error: null,
};

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
    on(AuthApiActions.sessionFound, (state, { user }): AuthState => ({ ...state, user, status: 'signed-in' })),
    on(AuthApiActions.sessionNotFound, signedOut),
    on(SignInPageActions.signInSubmitted, (state): AuthState => ({ ...state, signingIn: true, error: null })),
    on(
      AuthApiActions.signInSucceeded,
      (_state, { user }): AuthState => ({
        user,
        status: 'signed-in',
        signingIn: false,
        error: null,
      }),
    ),
    on(AuthApiActions.signInFailed, (state, { error }): AuthState => ({ ...state, signingIn: false, error })),
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, signedOut),
  ),
  extraSelectors: ({ selectUser, selectStatus }) => ({
    selectIsSignedIn: createSelector(selectStatus, (status) => status === 'signed-in'),
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
