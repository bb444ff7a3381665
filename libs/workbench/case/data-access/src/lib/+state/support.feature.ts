import type { FieldError, NeedsContent, SafetyPlanContent, VersionedDocument } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import { NeedsFormActions, SafetyPlanFormActions, SupportApiActions } from './support.actions';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

export interface SupportSaveState extends OperationState {
  fieldErrors: FieldError[];
  saved: boolean;
}

/** Support for the victim on the open case: the needs assessment and the safety plan. */
export interface SupportState {
  caseId: string | null;
  needs: VersionedDocument<NeedsContent> | null;
  needsStatus: LoadStatus;
  needsError: string | null;
  needsSave: SupportSaveState;
  safetyPlan: VersionedDocument<SafetyPlanContent> | null;
  safetyPlanStatus: LoadStatus;
  safetyPlanError: string | null;
  safetyPlanSave: SupportSaveState;
}

const initialDocSave: SupportSaveState = { ...IDLE, fieldErrors: [], saved: false };

export const initialSupportState: SupportState = {
  caseId: null,
  needs: null,
  needsStatus: 'idle',
  needsError: null,
  needsSave: initialDocSave,
  safetyPlan: null,
  safetyPlanStatus: 'idle',
  safetyPlanError: null,
  safetyPlanSave: initialDocSave,
};

function forOpenCase<P extends { caseId: string }>(
  fn: (state: SupportState, props: P) => SupportState,
): (state: SupportState, props: P) => SupportState {
  return (state, props) => (props.caseId === state.caseId ? fn(state, props) : state);
}

export const supportFeature = createFeature({
  name: 'support',
  reducer: createReducer(
    initialSupportState,
    on(CasePageActions.opened, (state, { caseId }): SupportState => (state.caseId === caseId ? state : { ...initialSupportState, caseId })),
    on(
      CasePageActions.tabShown,
      (state, { caseId, tab }): SupportState =>
        caseId !== state.caseId || tab !== 'support'
          ? state
          : {
              ...state,
              needsStatus: state.needs ? 'loaded' : 'loading',
              safetyPlanStatus: state.safetyPlan ? 'loaded' : 'loading',
            },
    ),

    // ---- needs assessment ----
    on(
      SupportApiActions.needsLoaded,
      forOpenCase((state, { doc }) => ({
        ...state,
        needs: doc,
        needsStatus: 'loaded',
        needsError: null,
      })),
    ),
    on(
      SupportApiActions.needsLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        needsStatus: state.needs ? 'loaded' : 'error',
        needsError: error,
      })),
    ),
    on(
      NeedsFormActions.submitted,
      forOpenCase((state) => ({
        ...state,
        needsSave: { ...initialDocSave, pending: true },
      })),
    ),
    on(
      SupportApiActions.needsSaved,
      forOpenCase((state, { doc }) => ({
        ...state,
        needs: doc,
        needsStatus: 'loaded',
        needsSave: { ...initialDocSave, saved: true },
      })),
    ),
    on(
      SupportApiActions.needsSaveFailed,
      forOpenCase((state, { error, code, fieldErrors }) => ({
        ...state,
        needsSave: { ...initialDocSave, error, code, fieldErrors },
      })),
    ),
    on(
      NeedsFormActions.formEdited,
      (state): SupportState =>
        state.needsSave.error || state.needsSave.saved
          ? {
              ...state,
              needsSave: { ...initialDocSave, pending: state.needsSave.pending },
            }
          : state,
    ),

    // ---- safety plan ----
    on(
      SupportApiActions.safetyPlanLoaded,
      forOpenCase((state, { doc }) => ({
        ...state,
        safetyPlan: doc,
        safetyPlanStatus: 'loaded',
        safetyPlanError: null,
      })),
    ),
    on(
      SupportApiActions.safetyPlanLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        safetyPlanStatus: state.safetyPlan ? 'loaded' : 'error',
        safetyPlanError: error,
      })),
    ),
    on(
      SafetyPlanFormActions.submitted,
      forOpenCase((state) => ({
        ...state,
        safetyPlanSave: { ...initialDocSave, pending: true },
      })),
    ),
    on(
      SupportApiActions.safetyPlanSaved,
      forOpenCase((state, { doc }) => ({
        ...state,
        safetyPlan: doc,
        safetyPlanStatus: 'loaded',
        safetyPlanSave: { ...initialDocSave, saved: true },
      })),
    ),
    on(
      SupportApiActions.safetyPlanSaveFailed,
      forOpenCase((state, { error, code, fieldErrors }) => ({
        ...state,
        safetyPlanSave: { ...initialDocSave, error, code, fieldErrors },
      })),
    ),
    on(
      SafetyPlanFormActions.formEdited,
      (state): SupportState =>
        state.safetyPlanSave.error || state.safetyPlanSave.saved
          ? {
              ...state,
              safetyPlanSave: {
                ...initialDocSave,
                pending: state.safetyPlanSave.pending,
              },
            }
          : state,
    ),
  ),
});
