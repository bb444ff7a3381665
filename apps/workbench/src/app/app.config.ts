import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, isDevMode, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { appRoutes } from './app.routes';
import { provideAuthDataAccess, sessionExpiredInterceptor } from '@lantern/workbench/auth/data-access';
import { provideCaseState } from '@lantern/workbench/case/data-access';
import { provideLive } from '@lantern/workbench/data-access-live';
import { provideOfficerDevice } from '@lantern/workbench/officer/data-access';
import { provideTeamDataAccess } from '@lantern/workbench/team/data-access';
import { provideArrivals } from '@lantern/workbench/queue/data-access';
import { provideFormDrafts } from '@lantern/workbench/data-access-hub';
import { provideEnGbDates } from '@lantern/workbench/ui/shell';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Hub staff open the queue ('/' leads there): its page's code is fetched while the app starts and the session is
    // checked, not after (the router imports it only once its guards pass: a waterfall of chunks, ~0.3 s of the first
    // row on a slow machine, docs/performance.md). A failure here is the router's to report when it imports it.
    provideAppInitializer(() => {
      if (location.pathname === '/' || location.pathname === '/queue') import('@lantern/workbench/queue/feature').catch(() => undefined);
    }),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([sessionExpiredInterceptor])),
    provideStore(
      {},
      {
        runtimeChecks: {
          strictStateImmutability: isDevMode(),
          strictActionImmutability: isDevMode(),
          strictStateSerializability: isDevMode(),
          strictActionSerializability: isDevMode(),
        },
      },
    ),
    provideEffects(),
    provideAuthDataAccess(),
    // App-wide state only: the session, the one live connection, and what the shell itself shows (the team
    // lead's status control and alert tray; casework's notices and the N shortcut that claims the next case).
    // Every other slice is provided on the route that needs it (app.routes.ts).
    provideLive(),
    provideTeamDataAccess(),
    provideCaseState(),
    // Sign-out wipes the officer app's drafts from the device, from whichever page the officer signs out.
    provideOfficerDevice(),
    // High-risk arrivals stay listed until acknowledged, and the tab title counts them on every page (docs/workbench.md).
    provideArrivals(),
    // Sign-out wipes the workbench's form drafts (a half-done DASH kept across a reload) too; day-old ones expire.
    provideFormDrafts(),
    // Every date picker in en-GB (dd/mm/yyyy), Europe/London, whatever the browser's language (Luxon adapter).
    provideEnGbDates(),
  ],
};
