import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import type { CaseSummary, SatisfactionRequest, SatisfactionSurvey } from '@lantern/shared/domain';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Observable, of, ReplaySubject, throwError, toArray } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { CaseApiActions } from '@lantern/workbench/data-access-hub';
import { CaseworkApiService } from '../casework-api.service';
import { caseFeature } from './case.feature';
import { CaseworkApiActions } from './casework.actions';
import { CloseCaseDialogActions, SatisfactionApiActions } from './closure.actions';
import { checkSurvey, closeCase, recordSatisfactionSurvey } from './closure.effects';
import { closureFeature, initialClosureState } from './closure.feature';

const summary = { id: 'c1', version: 4, status: 'closed' } as CaseSummary;
const survey: SatisfactionRequest = { score: 4, feltSafer: 'yes' };
const submitted = (withSurvey: boolean) =>
  CloseCaseDialogActions.closeSubmitted({
    caseId: 'c1',
    status: 'closed',
    version: 3,
    reason: 'Support in place',
    closureReason: 'support-completed',
    survey: withSurvey ? survey : null,
  });
const problem = (status: number, code: string) =>
  new HttpErrorResponse({ status, error: { title: 'Conflict', detail: 'The case changed.', code } });

function run(
  effect: () => Observable<Action>,
  action: Action,
  api: Partial<Record<'setStatus' | 'recordSatisfaction' | 'satisfaction', ReturnType<typeof vi.fn>>>,
  roles: string[] = ['caseworker'],
): Promise<Action[]> {
  const actions$ = new ReplaySubject<Action>(1);
  // A bare injector (no TestBed): these tests run in node, without a DOM for a test platform.
  const injector = Injector.create({
    providers: [
      provideMockActions(() => actions$),
      provideMockStore({
        selectors: [
          { selector: caseFeature.selectDetail, value: null },
          { selector: authFeature.selectUser, value: { id: 'u1', displayName: 'Sam Carter', roles } },
        ],
      }),
      { provide: CaseworkApiService, useValue: api },
    ],
  });
  actions$.next(action);
  actions$.complete();
  return firstValueFrom(runInInjectionContext(injector, effect).pipe(toArray()));
}

describe('close-case effects', () => {
  it('closes the case and only then posts the survey', async () => {
    const setStatus = vi.fn(() => of(summary));
    const recordSatisfaction = vi.fn(() => of({} as SatisfactionSurvey));
    const out = await run(closeCase, submitted(true), { setStatus, recordSatisfaction });
    expect(setStatus).toHaveBeenCalledWith('c1', 'closed', 'Support in place', 3, 'support-completed', undefined);
    expect(recordSatisfaction).toHaveBeenCalledWith('c1', survey);
    expect(out).toEqual([CaseworkApiActions.statusChanged({ summary }), SatisfactionApiActions.surveyRecorded({ caseId: 'c1' })]);
  });

  it('posts no survey when none was given', async () => {
    const recordSatisfaction = vi.fn();
    const out = await run(closeCase, submitted(false), { setStatus: vi.fn(() => of(summary)), recordSatisfaction });
    expect(recordSatisfaction).not.toHaveBeenCalled();
    expect(out).toEqual([CaseworkApiActions.statusChanged({ summary })]);
  });

  it('posts no survey when the case could not be closed, and says why with the API’s code', async () => {
    const recordSatisfaction = vi.fn();
    const out = await run(closeCase, submitted(true), {
      setStatus: vi.fn(() => throwError(() => problem(409, 'stale-version'))),
      recordSatisfaction,
    });
    expect(recordSatisfaction).not.toHaveBeenCalled();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: CaseworkApiActions.statusChangeFailed.type, caseId: 'c1', code: 'stale-version' });
  });

  it('reports a survey that failed after the case closed', async () => {
    const out = await run(closeCase, submitted(true), {
      setStatus: vi.fn(() => of(summary)),
      recordSatisfaction: vi.fn(() => throwError(() => problem(500, 'internal'))),
    });
    expect(out[0]).toEqual(CaseworkApiActions.statusChanged({ summary }));
    expect(out[1]).toMatchObject({ type: SatisfactionApiActions.surveyRecordFailed.type, caseId: 'c1' });
  });

  it('posts the survey alone on a closed case', async () => {
    const recordSatisfaction = vi.fn(() => of({} as SatisfactionSurvey));
    const out = await run(recordSatisfactionSurvey, CloseCaseDialogActions.surveySubmitted({ caseId: 'c1', survey }), {
      recordSatisfaction,
    });
    expect(recordSatisfaction).toHaveBeenCalledWith('c1', survey);
    expect(out).toEqual([SatisfactionApiActions.surveyRecorded({ caseId: 'c1' })]);
  });
});

describe('the survey check', () => {
  const loaded = (status: string) => CaseApiActions.caseLoaded({ detail: { ...summary, status } as never });

  it('says a closed case lacks its survey when the API answers 404', async () => {
    const satisfaction = vi.fn(() => throwError(() => problem(404, 'not-found')));
    const out = await run(checkSurvey, loaded('unable-to-contact'), { satisfaction });
    expect(satisfaction).toHaveBeenCalledWith('c1');
    expect(out).toEqual([SatisfactionApiActions.surveyChecked({ caseId: 'c1', recorded: false })]);
  });

  it('asks nothing for an open case, or for a user who does not work cases', async () => {
    const satisfaction = vi.fn(() => of({} as SatisfactionSurvey));
    expect(await run(checkSurvey, loaded('triage'), { satisfaction })).toEqual([]);
    expect(await run(checkSurvey, loaded('closed'), { satisfaction }, ['auditor'])).toEqual([]);
    expect(satisfaction).not.toHaveBeenCalled();
  });
});

describe('close-case dialog state', () => {
  const reduce = closureFeature.reducer;
  const opened = reduce(initialClosureState, CloseCaseDialogActions.opened({ caseId: 'c1', mode: 'close' }));

  it('goes from closing to saving the survey to done', () => {
    let state = reduce(opened, submitted(true));
    expect(state.phase).toBe('closing');
    state = reduce(state, CaseworkApiActions.statusChanged({ summary }));
    expect(state).toMatchObject({ phase: 'saving-survey', closed: true });
    state = reduce(state, SatisfactionApiActions.surveyRecorded({ caseId: 'c1' }));
    expect(state).toMatchObject({ phase: 'done', surveySaved: true, surveyRecorded: { caseId: 'c1', recorded: true } });
  });

  it('gets out of the way when the case moved on, and stays open on any other refusal', () => {
    const closing = reduce(opened, submitted(false));
    const failed = (code: string) => CaseworkApiActions.statusChangeFailed({ caseId: 'c1', before: null, error: 'Refused.', code });
    expect(reduce(closing, failed('illegal-transition')).phase).toBe('moved-on');
    expect(reduce(closing, failed('stale-version')).phase).toBe('moved-on');
    expect(reduce(closing, failed('validation-failed'))).toMatchObject({ phase: 'editing', error: 'The case was not closed. Refused.' });
  });

  it('keeps the case closed after the survey failed, so a retry posts only the survey', () => {
    let state = reduce(reduce(opened, submitted(true)), CaseworkApiActions.statusChanged({ summary }));
    state = reduce(state, SatisfactionApiActions.surveyRecordFailed({ caseId: 'c1', error: 'Try again.' }));
    expect(state).toMatchObject({ phase: 'survey-failed', closed: true, error: 'Try again.' });
  });

  it('keeps a recorded survey recorded when an older check answers late', () => {
    let state = reduce(opened, SatisfactionApiActions.surveyChecked({ caseId: 'c1', recorded: false }));
    state = reduce(state, SatisfactionApiActions.surveyRecorded({ caseId: 'c1' }));
    state = reduce(state, SatisfactionApiActions.surveyChecked({ caseId: 'c1', recorded: false }));
    expect(state.surveyRecorded).toEqual({ caseId: 'c1', recorded: true });
  });
});
