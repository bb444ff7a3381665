import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '@lantern/shared/domain';
import { AuthApiActions, AuthGuardActions, SignInPageActions } from './auth.actions';
import { authFeature, initialAuthState, selectCan } from './auth.feature';

const user: CurrentUser = {
  id: 'u1',
  username: 'caseworker',
  displayName: 'Casey Worker',
  roles: ['caseworker'],
};
const reduce = authFeature.reducer;

describe('auth reducer', () => {
  it('checks the session once', () => {
    const checking = reduce(initialAuthState, AuthGuardActions.sessionCheckRequested());
    expect(checking.status).toBe('checking');
    const found = reduce(checking, AuthApiActions.sessionFound({ user }));
    expect(found).toMatchObject({ status: 'signed-in', user });
    expect(reduce(found, AuthGuardActions.sessionCheckRequested())).toBe(found);
  });

  it('keeps the error of a failed sign-in and clears it on the next try', () => {
    const pending = reduce(
      initialAuthState,
      SignInPageActions.signInSubmitted({
        username: 'a',
        password: 'b',
        returnUrl: null,
      }),
    );
    expect(pending.signingIn).toBe(true);
    const failed = reduce(pending, AuthApiActions.signInFailed({ error: 'Username or password is wrong' }));
    expect(failed).toMatchObject({
      signingIn: false,
      error: 'Username or password is wrong',
    });
    const retry = reduce(
      failed,
      SignInPageActions.signInSubmitted({
        username: 'a',
        password: 'c',
        returnUrl: null,
      }),
    );
    expect(retry.error).toBeNull();
  });

  it('forgets the user on sign-out and on an expired session', () => {
    const signedIn = reduce(initialAuthState, AuthApiActions.signInSucceeded({ user, returnUrl: null }));
    expect(authFeature.selectCanReadCases.projector(signedIn.user)).toBe(true);
    for (const action of [AuthApiActions.signedOut(), AuthApiActions.sessionExpired()]) {
      expect(reduce(signedIn, action)).toMatchObject({
        user: null,
        status: 'signed-out',
      });
    }
  });

  it('answers what the signed-in user may do from the permission table, and nothing once signed out', () => {
    const lead: CurrentUser = { ...user, roles: ['team-lead'] };
    expect(selectCan('team.manage').projector(lead)).toBe(true);
    expect(selectCan('team.manage').projector(user)).toBe(false);
    expect(selectCan('case.work').projector(user)).toBe(true);
    expect(selectCan('case.read').projector(null)).toBe(false);
  });
});
