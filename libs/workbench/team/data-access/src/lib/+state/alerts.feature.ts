import type { TeamLeadAlerts } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { alertCount } from '../team-view';
import { AlertApiActions } from './team.actions';

export interface AlertsState {
  alerts: TeamLeadAlerts | null;
  error: string | null;
}

export const initialAlertsState: AlertsState = { alerts: null, error: null };

export const alertsFeature = createFeature({
  name: 'teamAlerts',
  reducer: createReducer(
    initialAlertsState,
    on(AlertApiActions.loaded, (_state, { alerts }): AlertsState => ({ alerts, error: null })),
    on(AlertApiActions.loadFailed, (state, { error }): AlertsState => ({ ...state, error })),
  ),
  extraSelectors: ({ selectAlerts }) => ({
    selectCount: createSelector(selectAlerts, (alerts) => (alerts ? alertCount(alerts) : 0)),
  }),
});
