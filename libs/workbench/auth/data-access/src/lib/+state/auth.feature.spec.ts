import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '@lantern/shared/domain';
import { AuthApiActions, AuthGuardActions, SignInPageActions } from './auth.actions';
import { afterSignInRefusal, authFeature, initialAuthState, selectCan, type SignInStep } from './auth.feature';

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

  describe('sign-in steps (second factor, one-time password)', () => {
    const enrolment = { secret: 'ABCDEFGHIJKLMNOP', otpauthUri: 'otpauth://totp/Lantern:a?secret=ABCDEFGHIJKLMNOP', enrolmentToken: 't.s' };
    it.each<[string, SignInStep, string | null, SignInStep, boolean]>([
      ['asked for a code', 'password', 'mfa-required', 'otp', false],
      ['asked to enrol', 'password', 'mfa-enrolment-required', 'enrol', false],
      ['asked for a new password', 'password', 'password-change-required', 'new-password', false],
      ['a wrong code keeps the code step', 'otp', 'mfa-invalid', 'otp', true],
      ['a wrong code while enrolling keeps the enrolment', 'enrol', 'mfa-invalid', 'enrol', true],
      ['a policy refusal keeps the new-password step', 'new-password', 'validation', 'new-password', true],
      ['a wait keeps the step', 'otp', 'rate-limited', 'otp', true],
      ['a wrong password starts over', 'otp', 'unauthenticated', 'password', true],
      ['an expired one-time password starts over', 'new-password', 'one-time-password-expired', 'password', true],
    ])('%s', (_name, from, code, to, showsError) => {
      const state = { ...initialAuthState, step: from, enrolment: from === 'enrol' ? enrolment : null };
      const next = afterSignInRefusal(state, code, 'the detail', code === 'mfa-enrolment-required' ? enrolment : null);
      expect(next.step).toBe(to);
      expect(next.error).toBe(showsError ? 'the detail' : null);
      expect(next.enrolment).toEqual(to === 'enrol' ? enrolment : null);
    });

    it('forgets the step and enrolment once signed in', () => {
      const enrolling = reduce(initialAuthState, AuthApiActions.signInFailed({ error: 'x', code: 'mfa-enrolment-required', enrolment }));
      expect(enrolling.step).toBe('enrol');
      expect(reduce(enrolling, AuthApiActions.signInSucceeded({ user, returnUrl: null }))).toMatchObject({
        step: 'password',
        enrolment: null,
      });
    });
  });
});
