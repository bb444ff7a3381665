import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { authEffects } from './+state/auth.effects';
import { authFeature } from './+state/auth.feature';
import { preferencesEffects } from './+state/preferences.effects';
import { preferencesFeature } from './+state/preferences.feature';

/**
 * Auth state and effects, and the user's preferences (loaded on sign-in); add `sessionExpiredInterceptor` to
 * provideHttpClient(withInterceptors([...])).
 */
export function provideAuthDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(authFeature),
    provideEffects(authEffects),
    provideState(preferencesFeature),
    provideEffects(preferencesEffects),
  ]);
}
