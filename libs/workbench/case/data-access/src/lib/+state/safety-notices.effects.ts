import { inject } from '@angular/core';
import { authFeature, AuthApiActions, describeHttpError, httpStatus } from '@lantern/workbench/auth/data-access';
import { isRecordedChange, LiveSocketActions } from '@lantern/workbench/data-access-live';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { auditTime, catchError, concat, EMPTY, filter, map, mergeMap, of, scan, switchMap, withLatestFrom } from 'rxjs';
import { CaseworkApiService } from '../casework-api.service';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';
import { safetyNoticesFeature } from './safety-notices.feature';

/**
 * The notices that waited, for those who hold cases (case.read): read once the API has confirmed the session (sign-in,
 * or a page load with a live one), each time the socket is ready (a reconnect: one told while it was down reached no
 * socket), when a case becomes theirs, and on "Try again". A sign-out cancels a read in flight: its answer is the
 * previous user's. A 401 is the session's end, said by the sign-in page, not here.
 */
export const loadSafetyNotices = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(
        AuthApiActions.sessionFound,
        AuthApiActions.signInSucceeded,
        LiveSocketActions.ready,
        SafetyNoticesActions.retryClicked,
        SafetyNoticesActions.rereadDue,
        AuthApiActions.signedOut,
        AuthApiActions.sessionExpired,
      ),
      withLatestFrom(store.select(authFeature.selectCanReadCases)),
      switchMap(([action, canRead]) =>
        action.type === AuthApiActions.signedOut.type || action.type === AuthApiActions.sessionExpired.type || !canRead
          ? EMPTY
          : concat(
              of(SafetyNoticesApiActions.loadStarted()),
              api.safetyNotices().pipe(
                map(({ items }) => SafetyNoticesApiActions.loaded({ items })),
                catchError((err: unknown) =>
                  httpStatus(err) === 401
                    ? EMPTY
                    : of(SafetyNoticesApiActions.loadFailed({ error: describeHttpError(err, 'Your safety notices could not be read.') })),
                ),
              ),
            ),
      ),
    ),
  { functional: true },
);

/**
 * A case that became the user's (claimed, Next case, or assigned to them by a team lead), seen in its live change:
 * a notice about it that waited for its earlier holder is now theirs; and one that left them (handed on, given back):
 * its bar goes, as it is the new holder's to act on. Kept per signed-in user: the cases seen held by
 * them (a case seen held by someone else, or by nobody, is forgotten, so the set is the user's cases). The first
 * 'updated' change seen of a case of theirs counts as becoming theirs (what it was before is not known here); the SLA
 * clock's announcements and recorded breaches, and reports, never move a case between holders. A burst is read once.
 */
export const rereadWhenHandedOn = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(LiveSocketActions.caseChanged),
      filter((action) => isRecordedChange(action)),
      withLatestFrom(store.select(authFeature.selectUserId), store.select(safetyNoticesFeature.selectBars)),
      scan(
        (acc, [{ event }, me, bars]) => {
          const mine = acc.me === me ? acc.mine : new Set<string>();
          const holder = event.case.assignee?.id ?? null;
          const isMine = me !== null && holder === me;
          // A case with a bar is the user's as far as this tab knows (held before the page loaded, say).
          const wasMine = mine.has(event.caseId) || bars.some((b) => b.caseId === event.caseId);
          // Became theirs (its notices are theirs now), or left them (a bar of it is no longer theirs to act on). Only
          // a change that can move a case between holders (a claim, an assignment, a release: 'updated') counts: a
          // recorded SLA breach or a report never does, and counted as "first seen" the breaches of an idle
          // caseworker's cases each read the notices again (the bench's idle queue made a request). They still
          // teach the set whose the case is.
          const moved = event.change === 'updated' && isMine !== wasMine;
          if (isMine) mine.add(event.caseId);
          else mine.delete(event.caseId);
          return { me, mine, moved };
        },
        { me: null as string | null, mine: new Set<string>(), moved: false },
      ),
      filter((acc) => acc.moved),
      auditTime(1_000),
      map(() => SafetyNoticesActions.rereadDue()),
    ),
  { functional: true },
);

/** Each dismissal recorded; one no longer the user's (404: handed on, closed) goes, with nothing recorded. */
export const dismissSafetyNotice = createEffect(
  (actions$ = inject(Actions), api = inject(CaseworkApiService)) =>
    actions$.pipe(
      ofType(SafetyNoticesActions.dismissClicked),
      mergeMap(({ key }) =>
        api.dismissSafetyNotice(key).pipe(
          map(() => SafetyNoticesApiActions.dismissed({ key })),
          catchError((err: unknown) =>
            of(
              httpStatus(err) === 404
                ? SafetyNoticesApiActions.dismissGone({ key })
                : SafetyNoticesApiActions.dismissFailed({ key, error: describeHttpError(err, 'The dismissal was not recorded.') }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const safetyNoticesEffects = { loadSafetyNotices, rereadWhenHandedOn, dismissSafetyNotice };
