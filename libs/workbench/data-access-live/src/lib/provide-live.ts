import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { liveEffects } from './+state/live.effects';
import { liveFeature } from './+state/live.feature';

/** The live connection is app-wide: provided once at the root, opened by the first page that asks for it. */
export function provideLive(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(liveFeature), provideEffects(liveEffects)]);
}
