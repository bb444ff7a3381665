import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { liveEffects } from './+state/live.effects';

/** The live connection is app-wide: provided once at the root, opened by the first page that asks for it. */
export function provideLive(): EnvironmentProviders {
  return makeEnvironmentProviders([provideEffects(liveEffects)]);
}
