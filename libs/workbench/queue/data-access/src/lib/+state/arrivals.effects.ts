import { inject, InjectionToken } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { AuthApiActions, preferencesFeature } from '@lantern/workbench/auth/data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, EMPTY, filter, map, pairwise, tap, withLatestFrom } from 'rxjs';
import { ArrivalsTitle } from '../arrivals-title';
import { ArrivalsStorageActions } from './arrivals.actions';
import { arrivalsFeature, type Arrival } from './arrivals.feature';

/** sessionStorage key: per browser tab, gone when the tab closes; cleared at sign-out. */
export const ARRIVALS_STORAGE_KEY = 'lantern.arrivals';

/** The notification's only text: never a name, a reference or an address (it shows on a lock screen). */
export const ARRIVAL_NOTIFICATION_TEXT = 'New high-risk case in the queue';

/** Where the list is kept across a reload; null where there is no sessionStorage (tests, private modes that refuse it). */
export const ARRIVALS_STORAGE = new InjectionToken<Storage | null>('ARRIVALS_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return typeof sessionStorage === 'undefined' ? null : sessionStorage;
    } catch {
      return null;
    }
  },
});

/** A sound and a desktop notification for a high-risk arrival (when the user turned them on). */
export interface ArrivalAlerter {
  alert(): void;
}

export const ARRIVAL_ALERTER = new InjectionToken<ArrivalAlerter>('ARRIVAL_ALERTER', {
  providedIn: 'root',
  factory: () => ({ alert: browserAlert }),
});

interface Stored {
  userId: string;
  items: Arrival[];
  acknowledged: string[];
}

/** After a reload: the same user's unacknowledged arrivals and acknowledgements; another user's are dropped. */
export const restoreArrivals = createEffect(
  (actions$ = inject(Actions), storage = inject(ARRIVALS_STORAGE)) =>
    actions$.pipe(
      ofType(AuthApiActions.sessionFound, AuthApiActions.signInSucceeded),
      map(({ user }) => {
        const stored = read(storage);
        if (stored && stored.userId !== user.id) storage?.removeItem(ARRIVALS_STORAGE_KEY);
        return stored?.userId === user.id
          ? ArrivalsStorageActions.restored({ userId: user.id, items: stored.items, acknowledged: stored.acknowledged })
          : ArrivalsStorageActions.restored({ userId: user.id, items: [], acknowledged: [] });
      }),
    ),
  { functional: true },
);

export const keepArrivals = createEffect(
  (store = inject(Store), storage = inject(ARRIVALS_STORAGE)) =>
    storage
      ? store.select(arrivalsFeature.selectStored).pipe(
          filter((s) => s !== null),
          tap((s) => {
            try {
              storage.setItem(ARRIVALS_STORAGE_KEY, JSON.stringify(s));
            } catch {
              // Storage full or refused: the list still holds for this page.
            }
          }),
        )
      : EMPTY,
  { functional: true, dispatch: false },
);

export const forgetArrivals = createEffect(
  (actions$ = inject(Actions), storage = inject(ARRIVALS_STORAGE)) =>
    actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthApiActions.sessionExpired),
      tap(() => storage?.removeItem(ARRIVALS_STORAGE_KEY)),
    ),
  { functional: true, dispatch: false },
);

/** Each new high-risk arrival: a sound and a desktop notification, only if the user turned them on. */
export const alertOnArrival = createEffect(
  (store = inject(Store), alerter = inject(ARRIVAL_ALERTER)) =>
    store.select(arrivalsFeature.selectUrgentCount).pipe(
      pairwise(),
      filter(([before, after]) => after > before),
      withLatestFrom(store.select(preferencesFeature.selectPreferences)),
      filter(([, preferences]) => preferences.arrivals.alerts),
      tap(() => alerter.alert()),
    ),
  { functional: true, dispatch: false },
);

/** The tab title counts the unacknowledged high-risk arrivals (ArrivalsTitle). */
export const countInTitle = createEffect(
  (store = inject(Store), title = inject(Title)) =>
    store.select(arrivalsFeature.selectArrivalCount).pipe(
      distinctUntilChanged(),
      tap((count) => {
        if (title instanceof ArrivalsTitle) title.setCount(count);
      }),
    ),
  { functional: true, dispatch: false },
);

export const arrivalsEffects = { restoreArrivals, keepArrivals, forgetArrivals, alertOnArrival, countInTitle };

function read(storage: Storage | null): Stored | null {
  try {
    const raw = storage?.getItem(ARRIVALS_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.userId !== 'string' || !Array.isArray(parsed.items) || !Array.isArray(parsed.acknowledged)) return null;
    return { userId: parsed.userId, items: parsed.items, acknowledged: parsed.acknowledged.filter((id) => typeof id === 'string') };
  } catch {
    return null;
  }
}

/** A short two-tone chime (Web Audio, no file to fetch) and a notification carrying no case detail. */
function browserAlert(): void {
  try {
    const Ctx = globalThis.AudioContext;
    if (Ctx) {
      const ctx = new Ctx();
      const gain = ctx.createGain();
      gain.gain.value = 0.15;
      gain.connect(ctx.destination);
      [880, 660].forEach((hz, i) => {
        const osc = ctx.createOscillator();
        osc.frequency.value = hz;
        osc.connect(gain);
        osc.start(ctx.currentTime + i * 0.18);
        osc.stop(ctx.currentTime + i * 0.18 + 0.15);
      });
      setTimeout(() => void ctx.close(), 1000);
    }
  } catch {
    // No sound: the list and the title still say it.
  }
  try {
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification(ARRIVAL_NOTIFICATION_TEXT, { tag: 'lantern-arrival', icon: '/favicon.ico' });
    }
  } catch {
    // Some browsers allow notifications only from a service worker: the list and the title still say it.
  }
}
