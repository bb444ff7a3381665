import { HttpErrorResponse } from '@angular/common/http';
import type { CurrentUser } from '@lantern/shared/domain';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AuthApiService } from '../auth-api.service';
import type { DeviceSession } from '../device-session';
import { AuthApiActions, AuthGuardActions } from './auth.actions';
import { checkSession } from './auth.effects';

const officer: CurrentUser = { id: 'o1', username: 'officer', displayName: 'PC Casey Lane', roles: ['officer'], force: 'F' };

/** The session check with /auth/me answering `me` and the device remembering `remembered`. */
async function run(me: () => Observable<CurrentUser>, remembered: CurrentUser | null) {
  const forgot: boolean[] = [];
  const device = { recall: () => remembered, forget: () => forgot.push(true) } as unknown as DeviceSession;
  const api = { me } as unknown as AuthApiService;
  const effect = checkSession as unknown as (a: Observable<Action>, api: AuthApiService, d: DeviceSession) => Observable<Action>;
  const out = await firstValueFrom(effect(of(AuthGuardActions.sessionCheckRequested()), api, device).pipe(toArray()));
  return { out, forgot: forgot.length > 0 };
}

describe('checkSession', () => {
  it('signed in when the API says so', async () => {
    expect((await run(() => of(officer), null)).out).toEqual([AuthApiActions.sessionFound({ user: officer })]);
  });

  it.each([0, 502, 503, 504])('unreachable (%s): the officer this device remembers, unverified', async (status) => {
    const { out } = await run(() => throwError(() => new HttpErrorResponse({ status })), officer);
    expect(out).toEqual([AuthApiActions.sessionAssumedOffline({ user: officer })]);
  });

  it('unreachable with nobody remembered: signed out', async () => {
    const { out } = await run(() => throwError(() => new HttpErrorResponse({ status: 0 })), null);
    expect(out).toEqual([AuthApiActions.sessionNotFound()]);
  });

  it('a 401 is never taken for no signal: signed out, and the device forgets the officer', async () => {
    const { out, forgot } = await run(() => throwError(() => new HttpErrorResponse({ status: 401 })), officer);
    expect(out).toEqual([AuthApiActions.sessionNotFound()]);
    expect(forgot).toBe(true);
  });

  it('a 500 is not "offline" either', async () => {
    const { out } = await run(() => throwError(() => new HttpErrorResponse({ status: 500 })), officer);
    expect(out).toEqual([AuthApiActions.sessionNotFound()]);
  });
});
