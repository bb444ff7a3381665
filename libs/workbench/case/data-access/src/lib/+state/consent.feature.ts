import { createFeature, createReducer, on } from '@ngrx/store';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { ConsentApiActions, ConsentDialogActions, type ConsentAskedFrom } from './consent.actions';

/**
 * Recording consent: the dialog dispatches and reflects this (`pending`, `error`), and closes once `recordedAt` is
 * set; the panel it was opened from then says it was recorded. The values themselves come back with the case
 * (CaseDetail.consent), which is read again after a record.
 */
export interface ConsentState {
  caseId: string | null;
  from: ConsentAskedFrom | null;
  pending: boolean;
  error: string | null;
  /** When the last record of this dialog went through (its newest history entry). */
  recordedAt: string | null;
  /** How many of the victim's other cases its "no" was recorded on too (ConsentView.alsoRecordedOn). */
  alsoRecordedOn: number;
}

export const initialConsentState: ConsentState = {
  caseId: null,
  from: null,
  pending: false,
  error: null,
  recordedAt: null,
  alsoRecordedOn: 0,
};

export const consentFeature = createFeature({
  name: 'consent',
  reducer: createReducer(
    initialConsentState,
    on(CasePageActions.opened, (): ConsentState => initialConsentState),
    on(ConsentDialogActions.opened, (_s, { caseId, from }): ConsentState => ({ ...initialConsentState, caseId, from })),
    on(
      ConsentDialogActions.submitted,
      (state, { caseId }): ConsentState =>
        caseId === state.caseId
          ? { ...state, pending: true, error: null, recordedAt: null, alsoRecordedOn: 0 }
          : { ...initialConsentState, caseId, pending: true },
    ),
    on(
      ConsentApiActions.recorded,
      (state, { caseId, view }): ConsentState =>
        caseId === state.caseId
          ? {
              ...state,
              pending: false,
              error: null,
              recordedAt: view.history[0]?.at ?? new Date().toISOString(),
              alsoRecordedOn: view.alsoRecordedOn ?? 0,
            }
          : state,
    ),
    on(
      ConsentApiActions.recordFailed,
      (state, { caseId, error }): ConsentState => (caseId === state.caseId ? { ...state, pending: false, error } : state),
    ),
  ),
});
