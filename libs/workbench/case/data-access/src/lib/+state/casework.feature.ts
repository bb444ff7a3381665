import type {
  CaseHistoryEntry,
  CaseSummary,
  ContactAttemptRecord,
  FieldError,
  SafeContactView,
  UnsafeContactRule,
} from '@lantern/shared/domain';
import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import {
  CaseHeaderActions,
  CaseworkApiActions,
  ContactAttemptFormActions,
  KeyboardShortcutActions,
  SafeContactEditorActions,
  SafeTimesPanelActions,
} from './casework.actions';
import type { AssignableUser } from '../casework-api.service';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions, QueuePageActions } from '@lantern/workbench/data-access-hub';
import { MaracReferralActions } from './marac.actions';

export interface SafeContactSaveState extends OperationState {
  fieldErrors: FieldError[];
  /** Set when this user's edit was saved (for the confirmation). */
  saved: boolean;
  /**
   * Pending call-backs the save's new times ruled out, cancelled with it (the answer's cancelledCallbacks): kept here,
   * not on the view, which the case's own change event reloads at once without it.
   */
  cancelledCallbacks: number;
}

/** " 1 call-back outside the new safe times was cancelled (…)." after a save that cancelled any; else "". */
export function cancelledCallbacksText(n: number | undefined): string {
  if (!n) return '';
  return ` ${n} call-back${n === 1 ? '' : 's'} outside the new safe times ${n === 1 ? 'was' : 'were'} cancelled (see Call-backs on the Contact tab).`;
}

export interface ContactAttemptSaveState extends OperationState {
  /** The rules a 422 unsafe-contact named. */
  rules: UnsafeContactRule[];
  fieldErrors: FieldError[];
  /** The attempt this user just recorded (for the confirmation and to reset the form). */
  recordedId: string | null;
}

/** A change refused because the case had moved on (409 stale-version): what it was based on, to say what changed. */
export interface CaseConflict {
  action: 'status' | 'assign' | 'safe-contact' | 'safe-times';
  before: CaseSummary;
}

/** A short message for everyone to notice (and screen readers to hear), shown by the shell. */
export interface Notice {
  id: number;
  text: string;
}

/** Casework on the open case: contact attempts (newest first), the safe-contact plan, the history, and actions. */
export interface CaseworkState extends EntityState<ContactAttemptRecord> {
  caseId: string | null;
  attemptsStatus: LoadStatus;
  attemptsError: string | null;
  safeContact: SafeContactView | null;
  safeContactStatus: LoadStatus;
  safeContactError: string | null;
  history: CaseHistoryEntry[] | null;
  historyStatus: LoadStatus;
  historyError: string | null;
  claim: OperationState;
  /** "Give back" (release). */
  release: OperationState;
  assign: OperationState;
  statusChange: OperationState;
  resume: OperationState;
  safeContactSave: SafeContactSaveState;
  /** Confirming the safe times (POST …/safe-contact/times). */
  safeTimesSave: SafeContactSaveState;
  attempt: ContactAttemptSaveState;
  conflict: CaseConflict | null;
  nextCasePending: boolean;
  notice: Notice | null;
  /** Team leads' assign menu: who the case may be given to. */
  assignable: AssignableUser[];
}

/** Newest attempt first (the API's order), ties by id. */
export const attemptsAdapter = createEntityAdapter<ContactAttemptRecord>({
  sortComparer: (a, b) => b.attemptedAt.localeCompare(a.attemptedAt) || a.id.localeCompare(b.id),
});

const initialSafeContactSave: SafeContactSaveState = {
  ...IDLE,
  fieldErrors: [],
  saved: false,
  cancelledCallbacks: 0,
};

const initialAttemptSave: ContactAttemptSaveState = {
  ...IDLE,
  rules: [],
  fieldErrors: [],
  recordedId: null,
};

export const initialCaseworkState: CaseworkState = attemptsAdapter.getInitialState({
  caseId: null,
  attemptsStatus: 'idle',
  attemptsError: null,
  safeContact: null,
  safeContactStatus: 'idle',
  safeContactError: null,
  history: null,
  historyStatus: 'idle',
  historyError: null,
  claim: IDLE,
  release: IDLE,
  assign: IDLE,
  statusChange: IDLE,
  resume: IDLE,
  safeContactSave: initialSafeContactSave,
  safeTimesSave: initialSafeContactSave,
  attempt: initialAttemptSave,
  conflict: null,
  nextCasePending: false,
  notice: null,
  assignable: [],
});

function notice(state: CaseworkState, text: string): Notice {
  return { id: (state.notice?.id ?? 0) + 1, text };
}

/** Applies `fn` only when the answer is about the case on screen. */
function forOpenCase<P extends { caseId: string }>(
  fn: (state: CaseworkState, props: P) => CaseworkState,
): (state: CaseworkState, props: P) => CaseworkState {
  return (state, props) => (props.caseId === state.caseId ? fn(state, props) : state);
}

function bySummary<P extends { summary: CaseSummary }>(
  fn: (state: CaseworkState, props: P) => CaseworkState,
): (state: CaseworkState, props: P) => CaseworkState {
  return (state, props) => (props.summary.id === state.caseId ? fn(state, props) : state);
}

export const caseworkFeature = createFeature({
  name: 'casework',
  reducer: createReducer(
    initialCaseworkState,
    on(
      CasePageActions.opened,
      (state, { caseId }): CaseworkState =>
        state.caseId === caseId
          ? { ...state, conflict: null }
          : {
              ...initialCaseworkState,
              caseId,
              attemptsStatus: 'loading',
              safeContactStatus: 'loading',
              nextCasePending: state.nextCasePending,
              notice: state.notice,
            },
    ),
    on(
      CasePageActions.tabShown,
      CasePageActions.historyRefreshClicked,
      (state, action): CaseworkState =>
        action.caseId === state.caseId && (action.type === CasePageActions.historyRefreshClicked.type || action.tab === 'history')
          ? {
              ...state,
              // Keep what is shown while it is read again.
              historyStatus: state.history ? 'loaded' : 'loading',
              historyError: null,
            }
          : state,
    ),

    // ---- claim, assign, status, resume ----
    on(
      CasePageActions.claimClicked,
      forOpenCase((state) => ({
        ...state,
        claim: { ...IDLE, pending: true },
      })),
    ),
    on(
      CaseworkApiActions.claimSucceeded,
      bySummary((state) => ({
        ...state,
        claim: IDLE,
        notice: notice(state, 'You claimed this case.'),
      })),
    ),
    on(
      CaseworkApiActions.claimFailed,
      forOpenCase((state, { error, code }) => ({
        ...state,
        claim: { pending: false, error, code },
      })),
    ),
    on(
      CaseHeaderActions.giveBackConfirmed,
      forOpenCase((state) => ({
        ...state,
        release: { ...IDLE, pending: true },
      })),
    ),
    on(
      CaseworkApiActions.released,
      bySummary((state) => ({
        ...state,
        release: IDLE,
        notice: notice(state, 'You gave the case back: it is in the queue again.'),
      })),
    ),
    on(
      CaseworkApiActions.releaseFailed,
      forOpenCase((state, { error, code }) => ({
        ...state,
        release: { pending: false, error, code },
      })),
    ),
    on(
      CasePageActions.assignChosen,
      forOpenCase((state) => ({
        ...state,
        assign: { ...IDLE, pending: true },
        conflict: null,
      })),
    ),
    on(
      CaseworkApiActions.assigned,
      bySummary((state, { summary }) => ({
        ...state,
        assign: IDLE,
        notice: notice(state, summary.assignee ? `Assigned to ${summary.assignee.displayName}.` : 'The case is now unassigned.'),
      })),
    ),
    on(
      CaseworkApiActions.assignFailed,
      forOpenCase((state, { error, code, before }) => ({
        ...state,
        assign: { pending: false, error, code },
        conflict: code === 'stale-version' && before ? { action: 'assign', before } : state.conflict,
      })),
    ),
    on(
      CasePageActions.statusChangeConfirmed,
      forOpenCase((state) => ({
        ...state,
        statusChange: { ...IDLE, pending: true },
        conflict: null,
      })),
    ),
    on(
      CaseworkApiActions.statusChanged,
      bySummary((state) => ({ ...state, statusChange: IDLE })),
    ),
    on(
      CaseworkApiActions.statusChangeFailed,
      forOpenCase((state, { error, code, before }) => ({
        ...state,
        statusChange: { pending: false, error, code },
        conflict: code === 'stale-version' && before ? { action: 'status', before } : state.conflict,
      })),
    ),
    // A refusal for want of a MARAC referral is answered once one is recorded.
    on(
      MaracReferralActions.recorded,
      (state): CaseworkState => (state.statusChange.code === 'marac-referral-required' ? { ...state, statusChange: IDLE } : state),
    ),
    on(
      CasePageActions.conflictDismissed,
      (state): CaseworkState => ({
        ...state,
        conflict: null,
        statusChange: IDLE,
        assign: IDLE,
      }),
    ),
    on(
      CasePageActions.contactResumeConfirmed,
      forOpenCase((state) => ({
        ...state,
        resume: { ...IDLE, pending: true },
      })),
    ),
    on(
      CaseworkApiActions.contactResumed,
      bySummary((state) => ({
        ...state,
        resume: IDLE,
        safeContact: state.safeContact && {
          ...state.safeContact,
          contactPaused: false,
        },
        notice: notice(state, 'Contact resumed.'),
      })),
    ),
    on(
      CaseworkApiActions.contactResumeFailed,
      forOpenCase((state, { error, code }) => ({
        ...state,
        resume: { pending: false, error, code },
      })),
    ),

    // ---- Next case ----
    on(
      QueuePageActions.nextCaseClicked,
      CasePageActions.nextCaseClicked,
      KeyboardShortcutActions.nextCasePressed,
      (state): CaseworkState => ({ ...state, nextCasePending: true }),
    ),
    on(
      CaseworkApiActions.nextCaseClaimed,
      (state, { summary }): CaseworkState => ({
        ...state,
        nextCasePending: false,
        notice: notice(state, `You claimed ${summary.reference}, ${summary.victim.firstName} ${summary.victim.lastName}.`),
      }),
    ),
    on(
      CaseworkApiActions.nextCaseFailed,
      (state, { error }): CaseworkState => ({
        ...state,
        nextCasePending: false,
        notice: notice(state, error),
      }),
    ),

    // ---- safe contact ----
    on(
      CaseworkApiActions.safeContactLoaded,
      forOpenCase((state, { view }) => ({
        ...state,
        safeContact: view,
        safeContactStatus: 'loaded',
        safeContactError: null,
      })),
    ),
    on(
      CaseworkApiActions.safeContactLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        safeContactStatus: state.safeContact ? 'loaded' : 'error',
        safeContactError: error,
      })),
    ),
    on(
      SafeContactEditorActions.submitted,
      forOpenCase((state) => ({
        ...state,
        safeContactSave: { ...initialSafeContactSave, pending: true },
        conflict: null,
      })),
    ),
    on(
      CaseworkApiActions.safeContactSaved,
      forOpenCase((state, { view }) => ({
        ...state,
        safeContact: view,
        safeContactStatus: 'loaded',
        safeContactSave: { ...initialSafeContactSave, saved: true, cancelledCallbacks: view.cancelledCallbacks ?? 0 },
        ...(view.cancelledCallbacks ? { notice: notice(state, `Plan saved.${cancelledCallbacksText(view.cancelledCallbacks)}`) } : {}),
      })),
    ),
    on(
      CaseworkApiActions.safeContactSaveFailed,
      forOpenCase((state, { error, code, fieldErrors, before }) => ({
        ...state,
        safeContactSave: {
          ...initialSafeContactSave,
          error,
          code,
          fieldErrors,
        },
        conflict: code === 'stale-version' && before ? { action: 'safe-contact', before } : state.conflict,
      })),
    ),
    on(
      SafeContactEditorActions.formEdited,
      (state): CaseworkState =>
        state.safeContactSave.error || state.safeContactSave.saved
          ? {
              ...state,
              safeContactSave: {
                ...initialSafeContactSave,
                pending: state.safeContactSave.pending,
              },
            }
          : state,
    ),

    // ---- safe times ----
    on(
      SafeTimesPanelActions.confirmed,
      forOpenCase((state) => ({
        ...state,
        safeTimesSave: { ...initialSafeContactSave, pending: true },
        conflict: null,
      })),
    ),
    on(
      CaseworkApiActions.safeTimesConfirmed,
      forOpenCase((state, { view }) => ({
        ...state,
        safeContact: view,
        safeContactStatus: 'loaded',
        safeTimesSave: { ...initialSafeContactSave, saved: true, cancelledCallbacks: view.cancelledCallbacks ?? 0 },
        notice: notice(state, `Safe times confirmed.${cancelledCallbacksText(view.cancelledCallbacks)}`),
      })),
    ),
    on(
      CaseworkApiActions.safeTimesConfirmFailed,
      forOpenCase((state, { error, code, fieldErrors, before }) => ({
        ...state,
        safeTimesSave: { ...initialSafeContactSave, error, code, fieldErrors },
        conflict: code === 'stale-version' && before ? { action: 'safe-times', before } : state.conflict,
      })),
    ),
    on(
      SafeTimesPanelActions.formEdited,
      (state): CaseworkState =>
        state.safeTimesSave.error || state.safeTimesSave.saved
          ? { ...state, safeTimesSave: { ...initialSafeContactSave, pending: state.safeTimesSave.pending } }
          : state,
    ),

    // ---- contact attempts ----
    on(
      CaseworkApiActions.contactAttemptsLoaded,
      forOpenCase((state, { attempts }) => ({
        ...attemptsAdapter.setAll(attempts, state),
        attemptsStatus: 'loaded',
        attemptsError: null,
      })),
    ),
    on(
      CaseworkApiActions.contactAttemptsLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        attemptsStatus: state.ids.length ? 'loaded' : 'error',
        attemptsError: error,
      })),
    ),
    on(
      ContactAttemptFormActions.submitted,
      forOpenCase((state) => ({
        ...state,
        attempt: { ...initialAttemptSave, pending: true },
      })),
    ),
    on(
      CaseworkApiActions.contactAttemptRecorded,
      forOpenCase((state, { attempt }) => ({
        ...attemptsAdapter.upsertOne(attempt, state),
        attempt: { ...initialAttemptSave, recordedId: attempt.id },
        safeContact:
          state.safeContact && attempt.outcome === 'someone-else-answered'
            ? { ...state.safeContact, contactPaused: true }
            : state.safeContact,
      })),
    ),
    on(
      CaseworkApiActions.contactAttemptRefused,
      forOpenCase((state, { error, code, rules, fieldErrors }) => ({
        ...state,
        attempt: { ...initialAttemptSave, error, code, rules, fieldErrors },
      })),
    ),
    on(
      ContactAttemptFormActions.formEdited,
      (state): CaseworkState =>
        state.attempt.error || state.attempt.recordedId
          ? {
              ...state,
              attempt: {
                ...initialAttemptSave,
                pending: state.attempt.pending,
              },
            }
          : state,
    ),

    on(CaseworkApiActions.assignableUsersLoaded, (state, { users }): CaseworkState => ({ ...state, assignable: users })),

    // ---- history ----
    on(
      CaseworkApiActions.historyLoaded,
      forOpenCase((state, { entries }) => ({
        ...state,
        history: entries,
        historyStatus: 'loaded',
        historyError: null,
      })),
    ),
    // A police revision that raised the grade or named another victim is a safety notice that stays until dismissed
    // (safety-notices.feature.ts), not this one.
    on(
      CaseworkApiActions.historyLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        historyStatus: state.history ? 'loaded' : 'error',
        historyError: error,
      })),
    ),
  ),
  extraSelectors: ({ selectCaseworkState }) => ({
    /** Contact attempts, newest first. */
    selectAttempts: createSelector(selectCaseworkState, attemptsAdapter.getSelectors().selectAll),
  }),
});
