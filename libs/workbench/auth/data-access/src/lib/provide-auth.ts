import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { authEffects } from './+state/auth.effects';
import { authFeature } from './+state/auth.feature';

/** Auth state and effects; add `sessionExpiredInterceptor` to provideHttpClient(withInterceptors([...])). */
export function provideAuthDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(authFeature), provideEffects(authEffects)]);
}
