import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import type { CaseChangedEvent, CaseSummary, SafetyNotices } from '@lantern/shared/domain';
import { authFeature, AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, NEVER, Observable, of, Subject, throwError, toArray } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { CaseworkApiService } from '../casework-api.service';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';
import { dismissSafetyNotice, loadSafetyNotices, rereadWhenHandedOn } from './safety-notices.effects';
import { safetyNoticesFeature } from './safety-notices.feature';

/** Runs an effect over `actions` (sent one after another, then complete) in a bare injector; what it emitted. */
function run(
  effect: () => Observable<Action>,
  actions: Action[],
  api: Partial<Record<'safetyNotices' | 'dismissSafetyNotice', ReturnType<typeof vi.fn>>>,
  user: { id: string; roles: string[] } | null = { id: 'u1', roles: ['caseworker'] },
  bars: ReadonlyArray<{ caseId: string }> = [],
): Promise<Action[]> {
  const actions$ = new Subject<Action>();
  const injector = Injector.create({
    providers: [
      provideMockActions(() => actions$),
      provideMockStore({
        selectors: [
          { selector: authFeature.selectCanReadCases, value: !!user && user.roles.includes('caseworker') },
          { selector: authFeature.selectUserId, value: user?.id ?? null },
          { selector: safetyNoticesFeature.selectBars, value: bars },
        ],
      }),
      { provide: CaseworkApiService, useValue: api },
    ],
  });
  const out = firstValueFrom(runInInjectionContext(injector, effect).pipe(toArray()));
  for (const a of actions) actions$.next(a);
  actions$.complete();
  return out;
}

const signedIn = AuthApiActions.sessionFound({ user: { id: 'u1', roles: ['caseworker'] } as never });
const changed = (caseId: string, assignee: string | null, change: CaseChangedEvent['change'] = 'updated') =>
  LiveSocketActions.caseChanged({
    event: { seq: 1, caseId, version: 1, change, case: { id: caseId, assignee: assignee ? { id: assignee } : null } as CaseSummary },
  });

describe('safety notices effects', () => {
  it('reads the notices that waited once the session is confirmed, saying when it starts', async () => {
    const safetyNotices = vi.fn(() => of({ items: [] } satisfies SafetyNotices));
    expect(await run(loadSafetyNotices, [signedIn], { safetyNotices })).toEqual([
      SafetyNoticesApiActions.loadStarted(),
      SafetyNoticesApiActions.loaded({ items: [] }),
    ]);
  });

  it('reads nothing for one who reads no cases (an officer, a partner)', async () => {
    const safetyNotices = vi.fn(() => of({ items: [] }));
    expect(await run(loadSafetyNotices, [signedIn], { safetyNotices }, { id: 'u9', roles: ['officer'] })).toEqual([]);
    expect(safetyNotices).not.toHaveBeenCalled();
  });

  it('drops a read still on its way at sign-out: its answer is the previous user’s', async () => {
    const safetyNotices = vi.fn(() => NEVER);
    expect(await run(loadSafetyNotices, [signedIn, AuthApiActions.signedOut()], { safetyNotices })).toEqual([
      SafetyNoticesApiActions.loadStarted(),
    ]);
  });

  it('says a failed read (for Try again), but not a 401: the session is over', async () => {
    const failing = (status: number) => vi.fn(() => throwError(() => new HttpErrorResponse({ status, error: {} })));
    const failed = await run(loadSafetyNotices, [signedIn], { safetyNotices: failing(503) });
    expect(failed[1].type).toBe(SafetyNoticesApiActions.loadFailed.type);
    expect(await run(loadSafetyNotices, [signedIn], { safetyNotices: failing(401) })).toEqual([SafetyNoticesApiActions.loadStarted()]);
  });

  it('lets a notice go with nothing recorded on a 404 (no longer theirs), and keeps it on another failure', async () => {
    const key = 'victim-changed|c1|2';
    const gone = vi.fn(() => throwError(() => new HttpErrorResponse({ status: 404, error: {} })));
    expect(await run(dismissSafetyNotice, [SafetyNoticesActions.dismissClicked({ key })], { dismissSafetyNotice: gone })).toEqual([
      SafetyNoticesApiActions.dismissGone({ key }),
    ]);
    const down = vi.fn(() => throwError(() => new HttpErrorResponse({ status: 0, error: {} })));
    const [failed] = await run(dismissSafetyNotice, [SafetyNoticesActions.dismissClicked({ key })], { dismissSafetyNotice: down });
    expect(failed).toMatchObject({ type: SafetyNoticesApiActions.dismissFailed.type, key });
  });

  it('reads again when a case becomes the user’s, once per burst; not for the clock, nor for others’ cases', async () => {
    vi.useFakeTimers();
    try {
      const reread = async (actions: Action[]) => {
        const out = run(rereadWhenHandedOn, actions, {});
        await vi.runAllTimersAsync();
        return out;
      };
      expect(await reread([changed('c1', 'u2'), changed('c1', 'u1'), changed('c1', 'u1'), changed('c3', 'u1')])).toEqual([
        SafetyNoticesActions.rereadDue(),
      ]);
      // The SLA clock's near-breach announcement is not a change; a case of someone else's is not the user's.
      expect(await reread([changed('c2', 'u1', 'clock')])).toEqual([]);
      // Nor is a recorded breach or a report: neither moves a case between holders (an idle queue reads nothing).
      expect(await reread([changed('c2', 'u1', 'breached'), changed('c4', 'u1', 'revised'), changed('c5', 'u1', 'created')])).toEqual([]);
      expect(await reread([changed('c2', 'u2'), changed('c2', null)])).toEqual([]);
      // A case held before the page loaded, known as theirs from a breach (not read for) or from its bar, then assigned
      // to someone else: read again (its bar goes).
      expect(await reread([changed('c6', 'u1', 'breached'), changed('c6', 'u2')])).toEqual([SafetyNoticesActions.rereadDue()]);
      const withBar = async (actions: Action[]) => {
        const out = run(rereadWhenHandedOn, actions, {}, { id: 'u1', roles: ['caseworker'] }, [{ caseId: 'c7' }]);
        await vi.runAllTimersAsync();
        return out;
      };
      expect(await withBar([changed('c7', 'u2')])).toEqual([SafetyNoticesActions.rereadDue()]);
      // Handed on: a case seen as the user's, then (seconds later) another's, is read again then too (its bar goes).
      const actions$ = new Subject<Action>();
      const injector = Injector.create({
        providers: [
          provideMockActions(() => actions$),
          provideMockStore({
            selectors: [
              { selector: authFeature.selectUserId, value: 'u1' },
              { selector: safetyNoticesFeature.selectBars, value: [] },
            ],
          }),
        ],
      });
      const out = firstValueFrom(runInInjectionContext(injector, rereadWhenHandedOn).pipe(toArray()));
      actions$.next(changed('c4', 'u1'));
      await vi.advanceTimersByTimeAsync(2_000);
      actions$.next(changed('c4', 'u1'));
      await vi.advanceTimersByTimeAsync(2_000);
      actions$.next(changed('c4', 'u2'));
      await vi.advanceTimersByTimeAsync(2_000);
      actions$.complete();
      expect(await out).toEqual([SafetyNoticesActions.rereadDue(), SafetyNoticesActions.rereadDue()]);
    } finally {
      vi.useRealTimers();
    }
  });
});
