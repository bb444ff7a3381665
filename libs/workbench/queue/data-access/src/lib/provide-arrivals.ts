import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { ArrivalsTitle } from './arrivals-title';
import { arrivalsEffects } from './+state/arrivals.effects';
import { arrivalsFeature } from './+state/arrivals.feature';

/**
 * High-risk arrivals, kept until acknowledged (root: they arrive on any page while the socket is open, and the tab
 * title counts them everywhere). Replaces Angular's Title with ArrivalsTitle.
 */
export function provideArrivals(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: Title, useClass: ArrivalsTitle },
    provideState(arrivalsFeature),
    provideEffects(arrivalsEffects),
  ]);
}
