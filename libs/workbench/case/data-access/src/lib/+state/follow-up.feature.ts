import type { CallbackRecord, FieldError, NeedsContent, SafetyPlanContent, VersionedDocument } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ContactSummary } from '../casework-api.service';
import { CallbackFormActions, FollowUpApiActions, NeedsFormActions, SafetyPlanFormActions } from './follow-up.actions';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

export interface DocumentSaveState extends OperationState {
  fieldErrors: FieldError[];
  saved: boolean;
}

export interface CallbackSaveState extends OperationState {
  rules: string[];
  fieldErrors: FieldError[];
  /** The call-back this user just scheduled (for the confirmation and to reset the form). */
  scheduledId: string | null;
}

/** Follow-up work on the open case (call-backs, needs assessment, safety plan), and this user's "Due now" list. */
export interface FollowUpState {
  caseId: string | null;
  callbacks: CallbackRecord[];
  callbacksStatus: LoadStatus;
  callbackSave: CallbackSaveState;
  contactSummary: ContactSummary | null;
  needs: VersionedDocument<NeedsContent> | null;
  needsStatus: LoadStatus;
  needsError: string | null;
  needsSave: DocumentSaveState;
  safetyPlan: VersionedDocument<SafetyPlanContent> | null;
  safetyPlanStatus: LoadStatus;
  safetyPlanError: string | null;
  safetyPlanSave: DocumentSaveState;
  /** GET /callbacks/due: this user's call-backs due within 15 minutes or overdue (null until read). */
  due: CallbackRecord[] | null;
}

const initialDocSave: DocumentSaveState = { ...IDLE, fieldErrors: [], saved: false };
const initialCallbackSave: CallbackSaveState = {
  ...IDLE,
  rules: [],
  fieldErrors: [],
  scheduledId: null,
};

export const initialFollowUpState: FollowUpState = {
  caseId: null,
  callbacks: [],
  callbacksStatus: 'idle',
  callbackSave: initialCallbackSave,
  contactSummary: null,
  needs: null,
  needsStatus: 'idle',
  needsError: null,
  needsSave: initialDocSave,
  safetyPlan: null,
  safetyPlanStatus: 'idle',
  safetyPlanError: null,
  safetyPlanSave: initialDocSave,
  due: null,
};

function forOpenCase<P extends { caseId: string }>(
  fn: (state: FollowUpState, props: P) => FollowUpState,
): (state: FollowUpState, props: P) => FollowUpState {
  return (state, props) => (props.caseId === state.caseId ? fn(state, props) : state);
}

function byDueAt(a: CallbackRecord, b: CallbackRecord): number {
  return a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);
}

export const followUpFeature = createFeature({
  name: 'followUp',
  reducer: createReducer(
    initialFollowUpState,
    on(
      CasePageActions.opened,
      (state, { caseId }): FollowUpState =>
        state.caseId === caseId
          ? state
          : {
              ...initialFollowUpState,
              caseId,
              callbacksStatus: 'loading',
              due: state.due,
            },
    ),
    on(
      CasePageActions.tabShown,
      (state, { caseId, tab }): FollowUpState =>
        caseId !== state.caseId || tab !== 'support'
          ? state
          : {
              ...state,
              needsStatus: state.needs ? 'loaded' : 'loading',
              safetyPlanStatus: state.safetyPlan ? 'loaded' : 'loading',
            },
    ),

    // ---- call-backs ----
    on(
      FollowUpApiActions.callbacksLoaded,
      forOpenCase((state, { callbacks }) => ({
        ...state,
        callbacks: [...callbacks].sort(byDueAt),
        callbacksStatus: 'loaded',
      })),
    ),
    on(
      FollowUpApiActions.callbacksLoadFailed,
      forOpenCase((state) => ({
        ...state,
        callbacksStatus: state.callbacks.length ? 'loaded' : 'error',
      })),
    ),
    on(
      CallbackFormActions.submitted,
      forOpenCase((state) => ({
        ...state,
        callbackSave: { ...initialCallbackSave, pending: true },
      })),
    ),
    on(
      FollowUpApiActions.callbackScheduled,
      forOpenCase((state, { callback }) => ({
        ...state,
        callbacks: [...state.callbacks.filter((c) => c.id !== callback.id), callback].sort(byDueAt),
        callbackSave: { ...initialCallbackSave, scheduledId: callback.id },
      })),
    ),
    on(
      FollowUpApiActions.callbackRefused,
      forOpenCase((state, { error, code, rules, fieldErrors }) => ({
        ...state,
        callbackSave: { ...initialCallbackSave, error, code, rules, fieldErrors },
      })),
    ),
    on(
      CallbackFormActions.formEdited,
      (state): FollowUpState =>
        state.callbackSave.error || state.callbackSave.scheduledId
          ? {
              ...state,
              callbackSave: {
                ...initialCallbackSave,
                pending: state.callbackSave.pending,
              },
            }
          : state,
    ),
    on(
      FollowUpApiActions.dueCallbacksLoaded,
      (state, { callbacks }): FollowUpState => ({
        ...state,
        due: [...callbacks].sort(byDueAt),
      }),
    ),
    on(
      FollowUpApiActions.contactSummaryLoaded,
      forOpenCase((state, { summary }) => ({ ...state, contactSummary: summary })),
    ),

    // ---- needs assessment ----
    on(
      FollowUpApiActions.needsLoaded,
      forOpenCase((state, { doc }) => ({
        ...state,
        needs: doc,
        needsStatus: 'loaded',
        needsError: null,
      })),
    ),
    on(
      FollowUpApiActions.needsLoadFailed,
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
      FollowUpApiActions.needsSaved,
      forOpenCase((state, { doc }) => ({
        ...state,
        needs: doc,
        needsStatus: 'loaded',
        needsSave: { ...initialDocSave, saved: true },
      })),
    ),
    on(
      FollowUpApiActions.needsSaveFailed,
      forOpenCase((state, { error, code, fieldErrors }) => ({
        ...state,
        needsSave: { ...initialDocSave, error, code, fieldErrors },
      })),
    ),
    on(
      NeedsFormActions.formEdited,
      (state): FollowUpState =>
        state.needsSave.error || state.needsSave.saved
          ? {
              ...state,
              needsSave: { ...initialDocSave, pending: state.needsSave.pending },
            }
          : state,
    ),

    // ---- safety plan ----
    on(
      FollowUpApiActions.safetyPlanLoaded,
      forOpenCase((state, { doc }) => ({
        ...state,
        safetyPlan: doc,
        safetyPlanStatus: 'loaded',
        safetyPlanError: null,
      })),
    ),
    on(
      FollowUpApiActions.safetyPlanLoadFailed,
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
      FollowUpApiActions.safetyPlanSaved,
      forOpenCase((state, { doc }) => ({
        ...state,
        safetyPlan: doc,
        safetyPlanStatus: 'loaded',
        safetyPlanSave: { ...initialDocSave, saved: true },
      })),
    ),
    on(
      FollowUpApiActions.safetyPlanSaveFailed,
      forOpenCase((state, { error, code, fieldErrors }) => ({
        ...state,
        safetyPlanSave: { ...initialDocSave, error, code, fieldErrors },
      })),
    ),
    on(
      SafetyPlanFormActions.formEdited,
      (state): FollowUpState =>
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
  extraSelectors: ({ selectCallbacks }) => ({
    /** The case's pending call-backs (an attempt may say which one it fulfils). */
    selectPendingCallbacks: createSelector(selectCallbacks, (list) => list.filter((c) => c.status === 'pending')),
  }),
});
