import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { alertsFeature } from './+state/alerts.feature';
import { availabilityFeature } from './+state/availability.feature';
import { teamEffects } from './+state/team.effects';
import { workloadFeature } from './+state/workload.feature';

/** The team lead's board, the alert tray and everyone's own availability. */
export function provideTeamDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(workloadFeature),
    provideState(availabilityFeature),
    provideState(alertsFeature),
    provideEffects(teamEffects),
  ]);
}
