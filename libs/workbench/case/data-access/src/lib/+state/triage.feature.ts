import {
  DASH_QUESTIONS,
  DEFAULT_HUB_CALENDAR,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_RISK_BANDS,
  DEFAULT_SLA_TARGETS,
  type TriageConfig,
} from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { TriageConfigActions } from './triage.actions';

/** The hub's rules as the API runs them; until they arrive (or if they cannot), the shared defaults. */
export const DEFAULT_TRIAGE_CONFIG: TriageConfig = {
  questions: DASH_QUESTIONS,
  bands: DEFAULT_RISK_BANDS,
  slaTargets: DEFAULT_SLA_TARGETS,
  calendar: DEFAULT_HUB_CALENDAR,
  weights: DEFAULT_PRIORITY_WEIGHTS,
};

export interface TriageConfigState {
  config: TriageConfig | null;
  status: 'idle' | 'loaded' | 'error';
}

export const initialTriageConfigState: TriageConfigState = {
  config: null,
  status: 'idle',
};

export const triageConfigFeature = createFeature({
  name: 'triageConfig',
  reducer: createReducer(
    initialTriageConfigState,
    on(TriageConfigActions.loaded, (_state, { config }): TriageConfigState => ({ config, status: 'loaded' })),
    on(TriageConfigActions.loadFailed, (state): TriageConfigState => ({ ...state, status: 'error' })),
  ),
  extraSelectors: ({ selectConfig }) => ({
    /** Always a usable configuration: the API's, else the defaults. */
    selectEffectiveConfig: createSelector(selectConfig, (config): TriageConfig => config ?? DEFAULT_TRIAGE_CONFIG),
  }),
});
