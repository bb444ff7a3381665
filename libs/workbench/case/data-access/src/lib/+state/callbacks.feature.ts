import type { CallbackRecord, FieldError } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ContactSummary } from '../casework-api.service';
import { CallbackFormActions, CallbackListActions, CallbacksApiActions } from './callbacks.actions';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions, QueuePageActions } from '@lantern/workbench/data-access-hub';

export interface CallbackSaveState extends OperationState {
  rules: string[];
  fieldErrors: FieldError[];
  /** The call-back this user just scheduled (for the confirmation and to reset the form). */
  scheduledId: string | null;
}

/** Cancelling or moving one call-back (from the case's list or the queue's "Call-backs due"). */
export interface CallbackChangeState extends OperationState {
  callbackId: string | null;
  /** The rules a 422 unsafe-callback named. */
  rules: string[];
  /** What was done, for the confirmation. */
  done: 'cancelled' | 'rescheduled' | null;
}

const initialCallbackChange: CallbackChangeState = { ...IDLE, callbackId: null, rules: [], done: null };

/** Call-backs on the open case (and its contact summary), and this user's "Due now" list across cases. */
export interface CallbacksState {
  caseId: string | null;
  callbacks: CallbackRecord[];
  callbacksStatus: LoadStatus;
  callbackSave: CallbackSaveState;
  contactSummary: ContactSummary | null;
  /**
   * GET /callbacks/due?within=…: this user's call-backs due in the next hours or overdue (null until read). The queue
   * shows those due within 15 minutes as time passes (CALLBACK_DUE_SOON_MS).
   */
  due: CallbackRecord[] | null;
  /** The queue page, which shows them, is open: only then are they read again on live changes. */
  dueWatched: boolean;
  callbackChange: CallbackChangeState;
}

const initialCallbackSave: CallbackSaveState = {
  ...IDLE,
  rules: [],
  fieldErrors: [],
  scheduledId: null,
};

export const initialCallbacksState: CallbacksState = {
  caseId: null,
  callbacks: [],
  callbacksStatus: 'idle',
  callbackSave: initialCallbackSave,
  contactSummary: null,
  due: null,
  dueWatched: false,
  callbackChange: initialCallbackChange,
};

function forOpenCase<P extends { caseId: string }>(
  fn: (state: CallbacksState, props: P) => CallbacksState,
): (state: CallbacksState, props: P) => CallbacksState {
  return (state, props) => (props.caseId === state.caseId ? fn(state, props) : state);
}

function byDueAt(a: CallbackRecord, b: CallbackRecord): number {
  return a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);
}

export const callbacksFeature = createFeature({
  name: 'callbacks',
  reducer: createReducer(
    initialCallbacksState,
    on(
      CasePageActions.opened,
      (state, { caseId }): CallbacksState =>
        state.caseId === caseId
          ? state
          : { ...initialCallbacksState, caseId, callbacksStatus: 'loading', due: state.due, dueWatched: state.dueWatched },
    ),
    on(QueuePageActions.opened, (state): CallbacksState => ({ ...state, dueWatched: true })),
    on(QueuePageActions.closed, (state): CallbacksState => ({ ...state, dueWatched: false })),
    on(
      CallbacksApiActions.callbacksLoaded,
      forOpenCase((state, { callbacks }) => ({
        ...state,
        callbacks: [...callbacks].sort(byDueAt),
        callbacksStatus: 'loaded',
      })),
    ),
    on(
      CallbacksApiActions.callbacksLoadFailed,
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
      CallbacksApiActions.callbackScheduled,
      forOpenCase((state, { callback }) => ({
        ...state,
        callbacks: [...state.callbacks.filter((c) => c.id !== callback.id), callback].sort(byDueAt),
        callbackSave: { ...initialCallbackSave, scheduledId: callback.id },
      })),
    ),
    on(
      CallbacksApiActions.callbackRefused,
      forOpenCase((state, { error, code, rules, fieldErrors }) => ({
        ...state,
        callbackSave: { ...initialCallbackSave, error, code, rules, fieldErrors },
      })),
    ),
    on(
      CallbackFormActions.formEdited,
      (state): CallbacksState =>
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
    on(CallbacksApiActions.dueCallbacksLoaded, (state, { callbacks }): CallbacksState => {
      const due = [...callbacks].sort(byDueAt);
      // Read again after every recorded change (debounced): the same list keeps the array already shown, since a
      // new one re-renders the queue page, and with it every row of its table, for nothing.
      return sameRecords(state.due, due) ? state : { ...state, due };
    }),
    on(
      CallbackListActions.cancelConfirmed,
      CallbackListActions.rescheduleConfirmed,
      (state, { callbackId }): CallbacksState => ({ ...state, callbackChange: { ...initialCallbackChange, callbackId, pending: true } }),
    ),
    on(CallbacksApiActions.callbackCancelled, CallbacksApiActions.callbackRescheduled, (state, action): CallbacksState => {
      const { callback } = action;
      const cancelled = action.type === CallbacksApiActions.callbackCancelled.type;
      return {
        ...state,
        callbacks:
          callback.caseId === state.caseId
            ? state.callbacks.map((c) => (c.id === callback.id ? callback : c)).sort(byDueAt)
            : state.callbacks,
        // A cancelled call-back is due no more; a moved one stays until "Due now" is read again.
        due:
          state.due &&
          (cancelled ? state.due.filter((c) => c.id !== callback.id) : state.due.map((c) => (c.id === callback.id ? callback : c))),
        callbackChange: { ...initialCallbackChange, callbackId: callback.id, done: cancelled ? 'cancelled' : 'rescheduled' },
      };
    }),
    on(
      CallbacksApiActions.callbackChangeFailed,
      (state, { callbackId, error, code, rules }): CallbacksState => ({
        ...state,
        callbackChange: { ...initialCallbackChange, callbackId, error, code, rules },
      }),
    ),
    on(
      CallbackListActions.changeDismissed,
      QueuePageActions.opened,
      (state): CallbacksState => ({ ...state, callbackChange: initialCallbackChange }),
    ),
    on(
      CallbacksApiActions.contactSummaryLoaded,
      forOpenCase((state, { summary }) => ({ ...state, contactSummary: summary })),
    ),
  ),
  extraSelectors: ({ selectCallbacks }) => ({
    /** The case's pending call-backs (an attempt may say which one it fulfils). */
    selectPendingCallbacks: createSelector(selectCallbacks, (list) => list.filter((c) => c.status === 'pending')),
  }),
});

/** The same call-backs in the same order, each as it was (records are small plain JSON from the API). */
function sameRecords(held: readonly CallbackRecord[] | null, read: readonly CallbackRecord[]): boolean {
  return held !== null && held.length === read.length && JSON.stringify(held) === JSON.stringify(read);
}
