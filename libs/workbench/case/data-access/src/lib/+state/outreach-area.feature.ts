import { createFeature, createReducer, on } from '@ngrx/store';
import { OutreachAreaActions, OutreachAreaApiActions } from './outreach-area.actions';

/** The correction in flight on one case, and why the last one failed. */
export interface OutreachAreaState {
  caseId: string | null;
  pending: boolean;
  error: string | null;
  /** Bumped on each success, so the form closes. */
  saved: number;
}

export const initialOutreachAreaState: OutreachAreaState = { caseId: null, pending: false, error: null, saved: 0 };

export const outreachAreaFeature = createFeature({
  name: 'outreachArea',
  reducer: createReducer(
    initialOutreachAreaState,
    on(
      OutreachAreaActions.correctionSubmitted,
      (state, { caseId }): OutreachAreaState => ({ ...state, caseId, pending: true, error: null }),
    ),
    on(
      OutreachAreaApiActions.corrected,
      (state, { summary }): OutreachAreaState =>
        summary.id === state.caseId ? { ...state, pending: false, error: null, saved: state.saved + 1 } : state,
    ),
    on(
      OutreachAreaApiActions.correctionFailed,
      (state, { caseId, error }): OutreachAreaState => (caseId === state.caseId ? { ...state, pending: false, error } : state),
    ),
  ),
});
