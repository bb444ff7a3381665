import { Injector, runInInjectionContext } from '@angular/core';
import { ActivatedRouteSnapshot, CanActivateFn, Router, RouterStateSnapshot } from '@angular/router';
import type { Role } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { firstValueFrom, isObservable, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { adminGuard, forceLeadGuard, homeFor, hubGuard, isHubUser, officerGuard, outcomesGuard, partnerGuard } from './auth.guard';
import { ADMIN_HOME, DEFAULT_AFTER_SIGN_IN, FORCE_HOME, OFFICER_HOME, PARTNER_HOME } from './return-url';

/** The guarded pages of app.routes.ts, by the guard that runs after authGuard. */
const PAGES: Record<string, CanActivateFn> = {
  '/queue': hubGuard,
  '/cases/c1': hubGuard,
  '/admin/partners': adminGuard,
  '/partner/referrals': partnerGuard,
  '/team/outcomes': outcomesGuard,
  '/officer': officerGuard,
  '/force': forceLeadGuard,
};

/** Runs the real guard against a signed-in user; `true`, or the URL it redirects to. */
async function decide(guard: CanActivateFn, roles: Role[]): Promise<true | string> {
  const injector = Injector.create({
    providers: [
      { provide: Store, useValue: { select: () => of({ id: 'u1', username: 'u', displayName: 'U', roles }) } },
      { provide: Router, useValue: { parseUrl: (url: string) => url } },
    ],
  });
  const result = runInInjectionContext(injector, () => guard({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot));
  return (isObservable(result) ? await firstValueFrom(result) : result) as true | string;
}

/** Follows the guards' redirects, as the router does, to the page the user finally sees. */
async function landing(url: string, roles: Role[]): Promise<string> {
  for (let hops = 0; hops < 4; hops++) {
    const decision = await decide(PAGES[url], roles);
    if (decision === true) return url;
    url = decision;
  }
  throw new Error(`redirect loop for ${roles.join('+')}`);
}

describe('where each user belongs', () => {
  it.each<[Role[], string, boolean]>([
    [['caseworker'], DEFAULT_AFTER_SIGN_IN, true],
    [['team-lead'], DEFAULT_AFTER_SIGN_IN, true],
    [['auditor'], DEFAULT_AFTER_SIGN_IN, true],
    [['admin'], ADMIN_HOME, false],
    [['admin', 'team-lead'], DEFAULT_AFTER_SIGN_IN, true],
    [['partner'], PARTNER_HOME, false],
    [['partner', 'caseworker'], PARTNER_HOME, false],
    [['officer'], OFFICER_HOME, false],
    [['force-lead'], FORCE_HOME, false],
    [['officer', 'caseworker'], DEFAULT_AFTER_SIGN_IN, true],
    [[], DEFAULT_AFTER_SIGN_IN, true],
  ])('%j → %s', (roles, home, hub) => {
    expect(homeFor(roles)).toBe(home);
    expect(isHubUser(roles)).toBe(hub);
  });
});

describe('which pages each user reaches (the route guards, redirects followed)', () => {
  const Q = '/queue';
  const C = '/cases/c1';
  const A = '/admin/partners';
  const P = '/partner/referrals';
  const O = '/team/outcomes';
  const OF = OFFICER_HOME;
  const F = FORCE_HOME;
  // Each row: the page each of [queue, case, partner directory, partner portal, outcomes, officer app, force dashboard] ends on.
  it.each<[Role[], string[]]>([
    [['caseworker'], [Q, C, Q, Q, Q, Q, Q]],
    [['team-lead'], [Q, C, Q, Q, O, Q, Q]],
    [['auditor'], [Q, C, Q, Q, O, Q, Q]],
    [['admin'], [A, A, A, A, O, A, A]],
    [
      ['admin', 'team-lead'],
      [Q, C, A, Q, O, Q, Q],
    ],
    [['partner'], [P, P, P, P, P, P, P]],
    [['officer'], [OF, OF, OF, OF, OF, OF, OF]],
    [['force-lead'], [F, F, F, F, F, F, F]],
    [[], [Q, C, Q, Q, Q, Q, Q]],
  ])('%j', async (roles, expected) => {
    const reached = [];
    for (const page of [Q, C, A, P, O, OF, F]) reached.push(await landing(page, roles));
    expect(reached).toEqual(expected);
  });
});
