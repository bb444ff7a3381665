import { createFeature, createReducer, on } from '@ngrx/store';
import { ChildrensServicesActions, ChildrensServicesApiActions } from './childrens-services.actions';

/** The decision in flight on one case, and why the last one failed. */
export interface ChildrensServicesDecisionState {
  caseId: string | null;
  pending: boolean;
  error: string | null;
  /** Bumped on each success, so the form closes. */
  saved: number;
}

export const initialChildrensServicesDecisionState: ChildrensServicesDecisionState = {
  caseId: null,
  pending: false,
  error: null,
  saved: 0,
};

export const childrensServicesFeature = createFeature({
  name: 'childrensServicesDecision',
  reducer: createReducer(
    initialChildrensServicesDecisionState,
    on(
      ChildrensServicesActions.decisionSubmitted,
      (state, { caseId }): ChildrensServicesDecisionState => ({ ...state, caseId, pending: true, error: null }),
    ),
    on(
      ChildrensServicesApiActions.decisionRecorded,
      (state, { summary }): ChildrensServicesDecisionState =>
        summary.id === state.caseId ? { ...state, pending: false, error: null, saved: state.saved + 1 } : state,
    ),
    on(
      ChildrensServicesApiActions.decisionFailed,
      (state, { caseId, error }): ChildrensServicesDecisionState => (caseId === state.caseId ? { ...state, pending: false, error } : state),
    ),
  ),
});
