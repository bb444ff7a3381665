import { EnvironmentProviders, inject, isDevMode, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { SIGN_OUT_CLEANUP } from '@lantern/workbench/auth/data-access';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { officerEffects } from './+state/officer.effects';
import { officerFeature } from './+state/officer.feature';
import { OfficerDevice } from './officer-device';

/** The path of the service worker generated at build time (tools/scripts/workbench-sw.mjs). */
export const OFFICER_SERVICE_WORKER = '/sw.js';

/**
 * The officer app's state, provided on the /officer route. Entering it also registers the service worker that keeps
 * the app's shell on the phone, so the form opens without signal. Only officers register it (hub pages gain
 * nothing from an offline shell, and a worker would delay their updates by a load); once registered it serves the
 * shell for the whole origin on that phone, which holds no personal data. The dev server has no worker.
 */
export function provideOfficerState(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(officerFeature),
    provideEffects(officerEffects),
    provideEnvironmentInitializer(() => {
      if (isDevMode() || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
      navigator.serviceWorker.register(OFFICER_SERVICE_WORKER, { scope: '/' }).catch(() => undefined);
    }),
  ]);
}

/**
 * App-wide (app.config.ts): signing out wipes the officer app's drafts and waiting reports from this device, and
 * when the app starts, drafts untouched for a day are deleted (OfficerDevice.expireDraftsAtStart; whoever signs in,
 * or nobody).
 */
export function provideOfficerDevice(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideEnvironmentInitializer(() => {
      void inject(OfficerDevice)
        .expireDraftsAtStart()
        .catch(() => undefined);
    }),
    {
      provide: SIGN_OUT_CLEANUP,
      multi: true,
      useFactory: () => {
        const device = inject(OfficerDevice);
        return () => device.wipe();
      },
    },
  ]);
}
