import type { TeamLeadAlerts } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { alertCount } from '../team-view';
import { AlertApiActions, AlertTrayActions } from './team.actions';

export interface AlertsState {
  alerts: TeamLeadAlerts | null;
  error: string | null;
  /** The alert whose acknowledgement is in flight. */
  acknowledging: string | null;
  /** Why the last acknowledgement was refused (shown beside its form). */
  acknowledgeError: { alertKey: string; error: string } | null;
  /** The latest acknowledgement, to announce; `id` makes repeats distinct. */
  acknowledged: { id: number; alertKey: string } | null;
}

export const initialAlertsState: AlertsState = {
  alerts: null,
  error: null,
  acknowledging: null,
  acknowledgeError: null,
  acknowledged: null,
};

/** The tray without one alert (acknowledged: it leaves at once, before the next read confirms it). */
export function withoutAlert(alerts: TeamLeadAlerts, alertKey: string): TeamLeadAlerts {
  const keep = <T extends { alertKey?: string }>(items: T[]): T[] => items.filter((i) => i.alertKey !== alertKey);
  return {
    ...alerts,
    overrides: keep(alerts.overrides),
    paused: keep(alerts.paused),
    missedCallbacks: keep(alerts.missedCallbacks),
    overdueReferrals: keep(alerts.overdueReferrals),
    sla: keep(alerts.sla),
    ...(alerts.hubAlerts ? { hubAlerts: keep(alerts.hubAlerts) } : {}),
    ...(alerts.safety ? { safety: keep(alerts.safety) } : {}),
  };
}

export const alertsFeature = createFeature({
  name: 'teamAlerts',
  reducer: createReducer(
    initialAlertsState,
    on(AlertApiActions.loaded, (state, { alerts }): AlertsState => ({ ...state, alerts, error: null })),
    on(AlertApiActions.loadFailed, (state, { error }): AlertsState => ({ ...state, error })),
    on(
      AlertTrayActions.acknowledgeSubmitted,
      (state, { alertKey }): AlertsState => ({ ...state, acknowledging: alertKey, acknowledgeError: null }),
    ),
    on(
      AlertApiActions.acknowledged,
      (state, { alertKey }): AlertsState => ({
        ...state,
        acknowledging: null,
        alerts: state.alerts ? withoutAlert(state.alerts, alertKey) : null,
        acknowledged: { id: (state.acknowledged?.id ?? 0) + 1, alertKey },
      }),
    ),
    on(
      AlertApiActions.acknowledgeFailed,
      (state, { alertKey, error }): AlertsState => ({ ...state, acknowledging: null, acknowledgeError: { alertKey, error } }),
    ),
  ),
  extraSelectors: ({ selectAlerts }) => ({
    selectCount: createSelector(selectAlerts, (alerts) => (alerts ? alertCount(alerts) : 0)),
  }),
});
