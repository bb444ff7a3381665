import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { queueEffects } from './+state/queue.effects';
import { queueFeature } from './+state/queue.feature';

/** The queue page's state (snapshot, filters, held order, counts, highlights): provided on the queue route. */
export function provideQueueState(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(queueFeature), provideEffects(queueEffects)]);
}
