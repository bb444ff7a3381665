import { HttpErrorResponse } from '@angular/common/http';
import type { CurrentUser } from '@lantern/shared/domain';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AuthApiService } from '../auth-api.service';
import { AuthApiActions } from './auth.actions';
import { sessionEndedOnSocket } from './auth.effects';

const user: CurrentUser = { id: 'u1', username: 'caseworker', displayName: 'Sam Carter', roles: ['caseworker'] };

/** Runs the effect over the given actions with /auth/me answering `me`; returns what it dispatched. */
async function run(actions: Action[], me: () => Observable<CurrentUser>): Promise<{ out: Action[]; calls: number }> {
  let calls = 0;
  const api = { me: () => (calls++, me()) } as unknown as AuthApiService;
  const effect = sessionEndedOnSocket as unknown as (actions$: Observable<Action>, api: AuthApiService) => Observable<Action>;
  const out = await firstValueFrom(effect(of(...actions), api).pipe(toArray()));
  return { out, calls };
}

describe('sessionEndedOnSocket', () => {
  it('leaves the session when the socket is refused as unauthenticated and /auth/me says 401', async () => {
    const { out, calls } = await run([LiveSocketActions.connectFailed({ message: 'unauthenticated' })], () =>
      throwError(() => new HttpErrorResponse({ status: 401 })),
    );
    expect(out).toEqual([AuthApiActions.sessionExpired()]);
    expect(calls).toBe(1);
  });

  it('stays signed in when /auth/me still answers, or fails for another reason', async () => {
    const refused = LiveSocketActions.connectFailed({ message: 'unauthenticated' });
    expect((await run([refused], () => of(user))).out).toEqual([]);
    expect((await run([refused], () => throwError(() => new HttpErrorResponse({ status: 503 })))).out).toEqual([]);
  });

  it('ignores other connection failures without asking the API', async () => {
    const { out, calls } = await run(
      [LiveSocketActions.connectFailed({ message: 'unavailable' }), LiveSocketActions.connectFailed({ message: 'xhr poll error' })],
      () => throwError(() => new HttpErrorResponse({ status: 401 })),
    );
    expect(out).toEqual([]);
    expect(calls).toBe(0);
  });
});
