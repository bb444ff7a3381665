import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { CaseSummary } from '@lantern/shared/domain';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, exhaustMap, filter, map, mergeMap, of, switchMap, tap, withLatestFrom } from 'rxjs';
import { caseMovedOn } from '../case-moved-on';
import { CaseworkApiService } from '../casework-api.service';
import { caseFeature } from './case.feature';
import { caseworkFeature } from './casework.feature';
import {
  CaseHeaderActions,
  CaseworkApiActions,
  ContactAttemptFormActions,
  KeyboardShortcutActions,
  SafeContactEditorActions,
  SafeTimesPanelActions,
} from './casework.actions';
import { describeHttpError, httpStatus, problemDetails, describeProblem, unsafeRules } from '@lantern/workbench/auth/data-access';
import { CaseApiActions, CasePageActions, CasesApiService, QueuePageActions } from '@lantern/workbench/data-access-hub';

/** The safe-contact plan and the contact attempts: on opening a case, and whenever it changed. */
export const loadSafeContact = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.opened, CaseApiActions.caseRefreshed),
      map((a) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        api.safeContact(caseId).pipe(
          map((view) => CaseworkApiActions.safeContactLoaded({ caseId, view })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.safeContactLoadFailed({
                caseId,
                error: describeHttpError(err, 'The safe-contact plan could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const loadContactAttempts = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.opened, CaseApiActions.caseRefreshed),
      map((a) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        api.contactAttempts(caseId).pipe(
          map((attempts) => CaseworkApiActions.contactAttemptsLoaded({ caseId, attempts })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.contactAttemptsLoadFailed({
                caseId,
                error: describeHttpError(err, 'Contact attempts could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** The history is read when its tab is shown, on request, and again when the case changes while it is loaded. */
export const loadHistory = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.tabShown, CasePageActions.historyRefreshClicked, CaseApiActions.caseRefreshed),
      withLatestFrom(store.select(caseworkFeature.selectCaseworkState)),
      filter(([a, state]) =>
        a.type === CaseApiActions.caseRefreshed.type
          ? state.historyStatus === 'loaded' && state.caseId === a.detail.id
          : a.type === CasePageActions.tabShown.type
            ? a.tab === 'history'
            : true,
      ),
      map(([a]) => ('caseId' in a ? a.caseId : a.detail.id)),
      switchMap((caseId) =>
        api.history(caseId).pipe(
          map((entries) => CaseworkApiActions.historyLoaded({ caseId, entries })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.historyLoadFailed({
                caseId,
                error: describeHttpError(err, 'The history could not be loaded.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const claimCase = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.claimClicked),
      exhaustMap(({ caseId }) =>
        api.claim(caseId).pipe(
          map((summary) => CaseworkApiActions.claimSucceeded({ summary })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.claimFailed({
                caseId,
                ...describeProblem(err, 'The case could not be claimed.', 'Your role cannot claim cases.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const releaseCase = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CaseHeaderActions.giveBackConfirmed),
      exhaustMap(({ caseId, version }) =>
        api.release(caseId, version).pipe(
          map((summary) => CaseworkApiActions.released({ summary })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.releaseFailed({
                caseId,
                ...describeProblem(err, 'The case could not be given back.', 'Your role cannot give cases back.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** "Next case" from the queue, the case page or the N key: claim the top unassigned case and go to it. */
export const nextCase = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(QueuePageActions.nextCaseClicked, CasePageActions.nextCaseClicked, KeyboardShortcutActions.nextCasePressed),
      exhaustMap(() =>
        api.next().pipe(
          map((summary) => CaseworkApiActions.nextCaseClaimed({ summary })),
          catchError((err: unknown) => {
            const none = httpStatus(err) === 404;
            return of(
              CaseworkApiActions.nextCaseFailed({
                none,
                error: none
                  ? 'No unassigned case is waiting.'
                  : describeProblem(err, 'The next case could not be claimed.', 'Your role cannot claim cases.').error,
              }),
            );
          }),
        ),
      ),
    ),
  { functional: true },
);

export const openNextCase = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(CaseworkApiActions.nextCaseClaimed),
      tap(({ summary }) => void router.navigate(['/cases', summary.id])),
    ),
  { functional: true, dispatch: false },
);

export const assignCase = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.assignChosen),
      withLatestFrom(store.select(caseFeature.selectDetail)),
      exhaustMap(([{ caseId, userId, version }, detail]) =>
        api.assign(caseId, userId, version).pipe(
          map((summary) => CaseworkApiActions.assigned({ summary })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.assignFailed({
                caseId,
                before: detail as CaseSummary | null,
                ...describeProblem(err, 'The case could not be assigned.', 'Only team leads assign cases.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const changeStatus = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.statusChangeConfirmed),
      withLatestFrom(store.select(caseFeature.selectDetail)),
      exhaustMap(([{ caseId, status, reason, version, closureReason }, detail]) =>
        api.setStatus(caseId, status, reason, version, closureReason).pipe(
          map((summary) => CaseworkApiActions.statusChanged({ summary })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.statusChangeFailed({
                caseId,
                before: detail as CaseSummary | null,
                ...describeProblem(err, 'The status could not be changed.', 'Your role cannot change a case’s status.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Team leads' assign menu: the list is read each time the menu opens, so it is current. */
export const loadAssignableUsers = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CaseHeaderActions.assignMenuOpened),
      switchMap(() =>
        api.assignableUsers().pipe(
          map((users) => CaseworkApiActions.assignableUsersLoaded({ users })),
          catchError(() => of(CaseworkApiActions.assignableUsersLoaded({ users: [] }))),
        ),
      ),
    ),
  { functional: true },
);

export const resumeContact = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(CasePageActions.contactResumeConfirmed),
      exhaustMap(({ caseId, reason }) =>
        api.resumeContact(caseId, reason).pipe(
          map((summary) => CaseworkApiActions.contactResumed({ summary })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.contactResumeFailed({
                caseId,
                ...describeProblem(err, 'Contact could not be resumed.', 'Only team leads resume contact.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const saveSafeContact = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SafeContactEditorActions.submitted),
      withLatestFrom(store.select(caseFeature.selectDetail)),
      exhaustMap(([{ caseId, plan, version }, detail]) =>
        api.saveSafeContact(caseId, plan, version).pipe(
          map((view) => CaseworkApiActions.safeContactSaved({ caseId, view })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.safeContactSaveFailed({
                caseId,
                before: detail as CaseSummary | null,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...describeProblem(err, 'The safe-contact plan could not be saved.', 'Your role cannot change the safe-contact plan.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const confirmSafeTimes = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SafeTimesPanelActions.confirmed),
      withLatestFrom(store.select(caseFeature.selectDetail)),
      exhaustMap(([{ caseId, request, version }, detail]) =>
        api.confirmSafeTimes(caseId, { ...request, version }).pipe(
          map((view) => CaseworkApiActions.safeTimesConfirmed({ caseId, view })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.safeTimesConfirmFailed({
                caseId,
                before: detail as CaseSummary | null,
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...describeProblem(err, 'The safe times were not confirmed.', 'Your role cannot confirm the safe times.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const recordContactAttempt = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(ContactAttemptFormActions.submitted),
      exhaustMap(({ caseId, request }) =>
        api.recordContactAttempt(caseId, request).pipe(
          map((attempt) => CaseworkApiActions.contactAttemptRecorded({ caseId, attempt })),
          catchError((err: unknown) =>
            of(
              CaseworkApiActions.contactAttemptRefused({
                caseId,
                rules: unsafeRules(err),
                fieldErrors: problemDetails(err)?.errors ?? [],
                ...describeProblem(err, 'The contact attempt was not recorded.', 'Your role cannot record contact attempts.'),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Refused because the case moved on (or someone claimed it first): read it again so the page shows why. */
export const refreshAfterConflict = createEffect(
  (actions$ = inject(Actions), api = inject(CasesApiService)) =>
    actions$.pipe(
      ofType(
        CaseworkApiActions.claimFailed,
        CaseworkApiActions.releaseFailed,
        CaseworkApiActions.assignFailed,
        CaseworkApiActions.statusChangeFailed,
        CaseworkApiActions.safeContactSaveFailed,
        CaseworkApiActions.safeTimesConfirmFailed,
        CaseworkApiActions.contactResumeFailed,
      ),
      filter((a) => caseMovedOn(a.code)),
      mergeMap(({ caseId }) =>
        api.get(caseId).pipe(
          // Someone else's change made this write fail: announced.
          map((detail) => CaseApiActions.caseRefreshed({ detail, by: null })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const caseworkEffects = {
  loadSafeContact,
  loadContactAttempts,
  loadHistory,
  claimCase,
  releaseCase,
  nextCase,
  openNextCase,
  assignCase,
  loadAssignableUsers,
  changeStatus,
  resumeContact,
  saveSafeContact,
  confirmSafeTimes,
  recordContactAttempt,
  refreshAfterConflict,
};
