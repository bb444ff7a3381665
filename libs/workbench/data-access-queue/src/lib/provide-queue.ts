import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { caseEffects } from './+state/case.effects';
import { caseFeature } from './+state/case.feature';
import { queueEffects } from './+state/queue.effects';
import { queueFeature } from './+state/queue.feature';
import { triageConfigFeature } from './+state/triage.feature';

/** Queue and case state, their effects and the live socket. */
export function provideQueueDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(queueFeature),
    provideState(caseFeature),
    provideState(triageConfigFeature),
    provideEffects(queueEffects, caseEffects),
  ]);
}
