import { Injector, runInInjectionContext } from '@angular/core';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot } from '@angular/router';
import type { Role } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { firstValueFrom, isObservable, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { teamLeadGuard } from './team-lead.guard';

/** Runs the real guard for a signed-in user: `true`, or the URL it sends them to. */
async function decide(roles: Role[]): Promise<true | string> {
  const injector = Injector.create({
    providers: [
      { provide: Store, useValue: { select: () => of({ id: 'u1', username: 'u', displayName: 'U', roles }) } },
      { provide: Router, useValue: { parseUrl: (url: string) => url } },
    ],
  });
  const result = runInInjectionContext(injector, () => teamLeadGuard({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot));
  return (isObservable(result) ? await firstValueFrom(result) : result) as true | string;
}

describe('the workload board guard', () => {
  it.each<[Role[], true | string]>([
    [['team-lead'], true],
    [['admin', 'team-lead'], true],
    [['caseworker'], '/queue'],
    [['auditor'], '/queue'],
    [['admin'], '/admin/partners'],
    [['partner'], '/partner/referrals'],
    [['officer'], '/officer'],
    [['force-lead'], '/force'],
  ])('%j → %s', async (roles, expected) => {
    expect(await decide(roles)).toBe(expected);
  });
});
