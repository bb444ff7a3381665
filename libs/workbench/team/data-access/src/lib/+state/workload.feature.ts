import type { CaseSummary, UnassignedQueue, WorkloadRow } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import type { WorkloadSuggestions } from '../team-api.service';
import { WorkloadApiActions, WorkloadPageActions, type ReassignRequest } from './team.actions';

export interface WorkloadState {
  open: boolean;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  rows: WorkloadRow[];
  unassigned: UnassignedQueue | null;
  suggestions: WorkloadSuggestions | null;
  /** People whose cases are shown; kept across live reloads. */
  expanded: string[];
  personCases: Record<string, CaseSummary[]>;
  /** Cases with an assignment in flight. */
  pending: string[];
  acceptingAll: boolean;
  /** The latest result to announce (snack bar and the page's live region); `id` makes repeats distinct. */
  announcement: { id: number; text: string; undo?: ReassignRequest } | null;
}

export const initialWorkloadState: WorkloadState = {
  open: false,
  status: 'idle',
  error: null,
  rows: [],
  unassigned: null,
  suggestions: null,
  expanded: [],
  personCases: {},
  pending: [],
  acceptingAll: false,
  announcement: null,
};

const announce = (state: WorkloadState, text: string, undo?: ReassignRequest): WorkloadState['announcement'] => ({
  id: (state.announcement?.id ?? 0) + 1,
  text,
  ...(undo ? { undo } : {}),
});

export const workloadFeature = createFeature({
  name: 'workload',
  reducer: createReducer(
    initialWorkloadState,
    on(
      WorkloadPageActions.opened,
      (state): WorkloadState => ({
        ...state,
        open: true,
        status: state.status === 'loaded' ? 'loaded' : 'loading',
        error: null,
      }),
    ),
    on(WorkloadPageActions.closed, (state): WorkloadState => ({ ...state, open: false })),
    on(WorkloadPageActions.retryClicked, (state): WorkloadState => ({ ...state, status: 'loading', error: null })),
    on(
      WorkloadApiActions.boardLoaded,
      (state, { rows, unassigned, suggestions }): WorkloadState => ({
        ...state,
        status: 'loaded',
        error: null,
        rows,
        unassigned,
        suggestions,
      }),
    ),
    on(
      WorkloadApiActions.boardLoadFailed,
      (state, { error }): WorkloadState => ({
        ...state,
        // A failed live reload keeps what the board shows; only a first load shows the error instead.
        status: state.status === 'loaded' ? 'loaded' : 'error',
        error,
      }),
    ),
    on(
      WorkloadPageActions.personExpanded,
      (state, { userId }): WorkloadState => ({
        ...state,
        expanded: state.expanded.includes(userId) ? state.expanded : [...state.expanded, userId],
      }),
    ),
    on(
      WorkloadPageActions.personCollapsed,
      (state, { userId }): WorkloadState => ({
        ...state,
        expanded: state.expanded.filter((id) => id !== userId),
      }),
    ),
    on(
      WorkloadApiActions.personCasesLoaded,
      (state, { userId, cases }): WorkloadState => ({
        ...state,
        personCases: { ...state.personCases, [userId]: cases },
      }),
    ),
    on(
      WorkloadPageActions.reassignChosen,
      WorkloadPageActions.undoClicked,
      (state, { request }): WorkloadState => ({
        ...state,
        pending: [...state.pending, request.caseId],
      }),
    ),
    on(
      WorkloadPageActions.suggestionAccepted,
      (state, { suggestion }): WorkloadState => ({
        ...state,
        pending: [...state.pending, suggestion.caseId],
      }),
    ),
    on(
      WorkloadApiActions.assigned,
      (state, { caseId, message, undo }): WorkloadState => ({
        ...state,
        pending: state.pending.filter((id) => id !== caseId),
        announcement: announce(state, message, undo),
      }),
    ),
    on(
      WorkloadApiActions.assignFailed,
      (state, { caseId, error }): WorkloadState => ({
        ...state,
        pending: state.pending.filter((id) => id !== caseId),
        announcement: announce(state, error),
      }),
    ),
    on(WorkloadPageActions.acceptAllClicked, (state): WorkloadState => ({ ...state, acceptingAll: true })),
    on(
      WorkloadApiActions.acceptAllFinished,
      (state, { message }): WorkloadState => ({
        ...state,
        acceptingAll: false,
        announcement: announce(state, message),
      }),
    ),
    on(
      WorkloadPageActions.rotaSaved,
      (state, { displayName }): WorkloadState => ({
        ...state,
        announcement: announce(state, `Rota saved for ${displayName}.`),
      }),
    ),
  ),
});
