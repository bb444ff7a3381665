import { inject } from '@angular/core';
import { authFeature, describeHttpError, httpStatus, problemDetails } from '@lantern/workbench/auth/data-access';
import type { ProblemDetails } from '@lantern/shared/domain';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  EMPTY,
  exhaustMap,
  filter,
  firstValueFrom,
  from,
  fromEvent,
  interval,
  map,
  Observable,
  of,
  switchMap,
  withLatestFrom,
} from 'rxjs';
import { newDraft, type DraftError } from '../officer-draft';
import { OfficerApiService } from '../officer-api.service';
import { OfficerDevice } from '../officer-device';
import { newOfficerReference } from '../reference';
import {
  OfficerApiActions,
  OfficerDeviceActions,
  OfficerFormActions,
  OfficerNetworkActions,
  OfficerReferralsPageActions,
} from './officer.actions';
import { officerFeature } from './officer.feature';

/** While a report waits, sending is tried again this often (as well as on the `online` event). */
export const RETRY_EVERY_MS = 30_000;

const STORAGE_ERROR = 'This phone could not store the referral. Keep this page open until it is sent.';

function userId(store: Store): Observable<string> {
  return store.select(authFeature.selectUser).pipe(
    map((u) => u?.id ?? null),
    filter((id): id is string => !!id),
  );
}

/**
 * Opening the form (where an officer's app starts): drafts untouched for a day are deleted first (expireDrafts), then
 * the officer's draft from the device (a fresh one, with a new reference, when there is none) and what waits to be
 * sent, with when each was queued (the form warns about any waiting over a day).
 */
export const loadDevice = createEffect(
  (actions$ = inject(Actions), store = inject(Store), device = inject(OfficerDevice)) =>
    actions$.pipe(
      ofType(OfficerFormActions.opened),
      withLatestFrom(userId(store)),
      exhaustMap(([, uid]) =>
        from(
          (async () => {
            await device.expireDrafts().catch(() => 0);
            const waiting = await device.pending(uid);
            const pending = waiting.map((p) => p.reference);
            const queuedAt = Object.fromEntries(waiting.map((p) => [p.reference, p.queuedAt]));
            let draft = await device.draft(uid);
            if (!draft) {
              draft = newDraft(newOfficerReference(), new Date());
              await device.saveDraft(uid, draft);
            }
            return OfficerDeviceActions.loaded({ draft, pending, queuedAt });
          })(),
        ).pipe(
          catchError(() =>
            of(
              OfficerDeviceActions.loaded({ draft: newDraft(newOfficerReference(), new Date()), pending: [], queuedAt: {} }),
              OfficerDeviceActions.storageFailed({ error: STORAGE_ERROR }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Every change, sealed on the device in order (never a draft that was already submitted or received). */
export const saveDraft = createEffect(
  (actions$ = inject(Actions), store = inject(Store), device = inject(OfficerDevice)) =>
    actions$.pipe(
      ofType(OfficerFormActions.draftChanged),
      withLatestFrom(userId(store), store.select(officerFeature.selectPending), store.select(officerFeature.selectReceipt)),
      filter(([{ draft }, , pending, receipt]) => !pending.includes(draft.reference) && receipt?.reference !== draft.reference),
      concatMap(([{ draft }, uid]) =>
        from(device.saveDraft(uid, draft)).pipe(
          switchMap(() => EMPTY),
          catchError(() => of(OfficerDeviceActions.storageFailed({ error: STORAGE_ERROR }))),
        ),
      ),
    ),
  { functional: true },
);

/** Submit: the draft (with its sentAt) and the prepared report are sealed on the device before anything is sent. */
export const queueReport = createEffect(
  (actions$ = inject(Actions), store = inject(Store), device = inject(OfficerDevice)) =>
    actions$.pipe(
      ofType(OfficerFormActions.submitted),
      withLatestFrom(userId(store)),
      concatMap(([{ draft, report }, uid]) => {
        const queuedAt = new Date().toISOString();
        return from(
          (async () => {
            await device.saveDraft(uid, draft);
            await device.queue(uid, { reference: draft.reference, queuedAt, report });
          })(),
        ).pipe(
          map(() => OfficerDeviceActions.queued({ reference: draft.reference, queuedAt })),
          // Not stored: not queued either (the form stays open with the draft, and says so).
          catchError(() => of(OfficerDeviceActions.storageFailed({ error: STORAGE_ERROR }))),
        );
      }),
    ),
  { functional: true },
);

export const backOnline = createEffect(() => fromEvent(window, 'online').pipe(map(() => OfficerNetworkActions.backOnline())), {
  functional: true,
});

export const retryWhileWaiting = createEffect(
  (store = inject(Store)) =>
    interval(RETRY_EVERY_MS).pipe(
      withLatestFrom(store.select(officerFeature.selectPending)),
      filter(([, pending]) => pending.length > 0),
      map(() => OfficerNetworkActions.retryDue()),
    ),
  { functional: true },
);

/** What a refusal from the hub says about the fields (problem+json `errors`), in the form's terms. */
export function rejectionErrors(err: unknown): DraftError[] {
  const problem = problemDetails(err) as (Partial<ProblemDetails> & { errors?: unknown }) | null;
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  return errors
    .filter((e): e is DraftError => typeof e?.path === 'string' && typeof e?.message === 'string')
    .map((e) => ({ path: e.path, message: e.message }));
}

/**
 * Sends what waits on the device, oldest first, one at a time: after loading, after Submit, when the signal comes
 * back, and every RETRY_EVERY_MS while something waits. Received (201 created or 200 duplicate): the waiting copy
 * and its draft are deleted. Refused by the hub (4xx but 401/408/429): nothing was stored there, the waiting copy is
 * dropped and the draft kept, to correct and submit again. Anything else (no signal, 5xx, 401 — the session ended
 * and the interceptor asks the officer to sign in again): the report stays on the device for the next try.
 */
export const sendWaiting = createEffect(
  (actions$ = inject(Actions), store = inject(Store), device = inject(OfficerDevice), api = inject(OfficerApiService)) =>
    actions$.pipe(
      ofType(
        OfficerDeviceActions.loaded,
        OfficerDeviceActions.queued,
        OfficerNetworkActions.backOnline,
        OfficerNetworkActions.retryDue,
        OfficerFormActions.sendNowClicked,
      ),
      withLatestFrom(userId(store)),
      exhaustMap(
        ([, uid]) =>
          new Observable<Action>((out) => {
            void (async () => {
              try {
                for (const waiting of await device.pending(uid)) {
                  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
                    out.next(OfficerApiActions.waiting({ reference: waiting.reference, reason: 'offline' }));
                    break;
                  }
                  out.next(OfficerApiActions.sending({ reference: waiting.reference }));
                  try {
                    const receipt = await firstValueFrom(api.submit(waiting.report));
                    await device.unqueue(uid, waiting.reference);
                    const draft = await device.draft(uid);
                    if (draft?.reference === waiting.reference) await device.clearDraft(uid);
                    out.next(OfficerApiActions.received({ reference: waiting.reference, receipt }));
                  } catch (err: unknown) {
                    const status = httpStatus(err) ?? 0;
                    if (status >= 400 && status < 500 && ![401, 408, 429].includes(status)) {
                      await device.unqueue(uid, waiting.reference);
                      out.next(
                        OfficerApiActions.rejected({
                          reference: waiting.reference,
                          message: describeHttpError(err, 'The hub could not accept this referral.'),
                          errors: rejectionErrors(err),
                        }),
                      );
                      continue;
                    }
                    out.next(OfficerApiActions.waiting({ reference: waiting.reference, reason: status === 0 ? 'offline' : 'unreachable' }));
                    break;
                  }
                }
              } catch {
                out.next(OfficerDeviceActions.storageFailed({ error: STORAGE_ERROR }));
              }
              out.complete();
            })();
          }),
      ),
    ),
  { functional: true },
);

/** A new referral: a fresh draft with a new reference replaces the one on screen (only once that one is received or empty). */
export const startNewDraft = createEffect(
  (actions$ = inject(Actions), store = inject(Store), device = inject(OfficerDevice)) =>
    actions$.pipe(
      ofType(OfficerFormActions.newReferralClicked),
      withLatestFrom(userId(store)),
      concatMap(([, uid]) => {
        const draft = newDraft(newOfficerReference(), new Date());
        return from(device.saveDraft(uid, draft)).pipe(
          map(() => OfficerDeviceActions.draftStarted({ draft })),
          catchError(() => of(OfficerDeviceActions.draftStarted({ draft }), OfficerDeviceActions.storageFailed({ error: STORAGE_ERROR }))),
        );
      }),
    ),
  { functional: true },
);

export const loadReferrals = createEffect(
  (actions$ = inject(Actions), api = inject(OfficerApiService)) =>
    actions$.pipe(
      ofType(OfficerReferralsPageActions.opened, OfficerReferralsPageActions.refreshClicked, OfficerApiActions.received),
      switchMap(() =>
        api.list().pipe(
          map(({ referrals }) => OfficerApiActions.referralsLoaded({ referrals })),
          catchError((err: unknown) =>
            of(OfficerApiActions.referralsLoadFailed({ error: describeHttpError(err, 'Your referrals could not be loaded.') })),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const officerEffects = {
  loadDevice,
  saveDraft,
  queueReport,
  backOnline,
  retryWhileWaiting,
  sendWaiting,
  startNewDraft,
  loadReferrals,
};
