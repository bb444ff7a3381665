import type { FieldError } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import { AgreedWithPoliceApiActions, AgreedWithPoliceDialogActions } from './risk-decision.actions';

/** Where the "Agreed with police" dialog is: waiting for the user, sending, recorded (close it), or refused. */
export interface RiskDecisionState {
  caseId: string | null;
  pending: boolean;
  recorded: boolean;
  error: string | null;
  fieldErrors: FieldError[];
}

export const initialRiskDecisionState: RiskDecisionState = { caseId: null, pending: false, recorded: false, error: null, fieldErrors: [] };

export const riskDecisionFeature = createFeature({
  name: 'riskDecision',
  reducer: createReducer(
    initialRiskDecisionState,
    on(AgreedWithPoliceDialogActions.opened, (_, { caseId }): RiskDecisionState => ({ ...initialRiskDecisionState, caseId })),
    on(
      AgreedWithPoliceDialogActions.submitted,
      (state, { caseId }): RiskDecisionState => ({ ...state, caseId, pending: true, error: null, fieldErrors: [] }),
    ),
    on(
      AgreedWithPoliceApiActions.recorded,
      (state, { caseId }): RiskDecisionState => (caseId === state.caseId ? { ...state, pending: false, recorded: true } : state),
    ),
    on(
      AgreedWithPoliceApiActions.recordFailed,
      (state, { caseId, error, fieldErrors }): RiskDecisionState =>
        caseId === state.caseId ? { ...state, pending: false, error, fieldErrors } : state,
    ),
  ),
});
