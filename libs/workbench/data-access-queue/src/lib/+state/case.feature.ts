import type { CaseDetail, ReportRevision } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { CaseApiActions, CasePageActions } from './case.actions';

export interface CaseState {
  caseId: string | null;
  detail: CaseDetail | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  notFound: boolean;
  /** The revision the reader picked; null follows the newest. */
  selectedRevision: number | null;
  /** Set when a live change refreshed the open case, for a polite announcement. */
  refreshedToVersion: number | null;
}

export const initialCaseState: CaseState = {
  caseId: null,
  detail: null,
  status: 'idle',
  error: null,
  notFound: false,
  selectedRevision: null,
  refreshedToVersion: null,
};

export const caseFeature = createFeature({
  name: 'case',
  reducer: createReducer(
    initialCaseState,
    on(
      CasePageActions.opened,
      (state, { caseId }): CaseState =>
        state.caseId === caseId && state.detail
          ? {
              ...state,
              status: 'loading',
              error: null,
              refreshedToVersion: null,
            }
          : { ...initialCaseState, caseId, status: 'loading' },
    ),
    on(
      CaseApiActions.caseLoaded,
      (state, { detail }): CaseState =>
        detail.id !== state.caseId
          ? state
          : {
              ...state,
              detail,
              status: 'loaded',
              error: null,
              notFound: false,
            },
    ),
    on(
      CaseApiActions.caseRefreshed,
      (state, { detail }): CaseState =>
        detail.id !== state.caseId ||
        (state.detail && detail.version <= state.detail.version)
          ? state
          : {
              ...state,
              detail,
              status: 'loaded',
              refreshedToVersion: detail.version,
            },
    ),
    on(
      CaseApiActions.caseLoadFailed,
      (state, { caseId, error, notFound }): CaseState =>
        caseId !== state.caseId
          ? state
          : { ...state, status: 'error', error, notFound },
    ),
    on(
      CasePageActions.revisionSelected,
      (state, { revision }): CaseState => ({
        ...state,
        selectedRevision:
          state.detail?.reports[0]?.revision === revision ? null : revision,
      }),
    ),
  ),
  extraSelectors: ({ selectDetail, selectSelectedRevision }) => ({
    /** The revision on screen: the one picked, else the newest (reports[0]). */
    selectShownRevision: createSelector(
      selectDetail,
      selectSelectedRevision,
      (detail, selected): ReportRevision | null =>
        detail?.reports.find((r) => r.revision === selected) ??
        detail?.reports[0] ??
        null,
    ),
  }),
});
