import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, isDevMode, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { appRoutes } from './app.routes';
import { provideAuthDataAccess, sessionExpiredInterceptor } from '@lantern/workbench/auth/data-access';
import { provideCaseState } from '@lantern/workbench/case/data-access';
import { provideLive } from '@lantern/workbench/data-access-live';
import { provideTeamDataAccess } from '@lantern/workbench/team/data-access';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
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
  ],
};
