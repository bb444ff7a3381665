import type { FieldError } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import { CaseApiActions } from '@lantern/workbench/data-access-hub';
import { MaracReferralActions } from './marac.actions';

export interface MaracState {
  caseId: string | null;
  saving: boolean;
  error: string | null;
  fieldErrors: FieldError[];
  /** The referral just recorded, to announce. */
  recordedId: string | null;
}

export const initialMaracState: MaracState = { caseId: null, saving: false, error: null, fieldErrors: [], recordedId: null };

export const maracFeature = createFeature({
  name: 'marac',
  reducer: createReducer(
    initialMaracState,
    on(
      CaseApiActions.caseLoaded,
      (state, { detail }): MaracState => (detail.id === state.caseId ? state : { ...initialMaracState, caseId: detail.id }),
    ),
    on(MaracReferralActions.submitted, (_s, { caseId }): MaracState => ({ ...initialMaracState, caseId, saving: true })),
    on(
      MaracReferralActions.recorded,
      (state, { caseId, referral }): MaracState => (caseId === state.caseId ? { ...state, saving: false, recordedId: referral.id } : state),
    ),
    on(
      MaracReferralActions.recordFailed,
      (state, { caseId, error, fieldErrors }): MaracState =>
        caseId === state.caseId ? { ...state, saving: false, error, fieldErrors } : state,
    ),
  ),
});
