import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  isDevMode,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import {
  provideAuthDataAccess,
  sessionExpiredInterceptor,
} from '@lantern/workbench/data-access-auth';
import { provideQueueDataAccess } from '@lantern/workbench/data-access-queue';
import { provideTeamDataAccess } from '@lantern/workbench/data-access-team';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { appRoutes } from './app.routes';

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
    provideQueueDataAccess(),
    provideTeamDataAccess(),
  ],
};
