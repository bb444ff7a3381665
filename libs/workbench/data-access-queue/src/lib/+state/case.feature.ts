import type {
  CaseDetail,
  FieldError,
  ReportRevision,
} from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { RiskAssessmentSaved } from '../cases-api.service';
import {
  CaseApiActions,
  CasePageActions,
  RiskAssessmentActions,
} from './case.actions';

/** The DASH form's save: in flight, refused (with the API's reasons) or done. */
export interface AssessmentSaveState {
  saving: boolean;
  error: string | null;
  code: string | null;
  fieldErrors: FieldError[];
  /** The last assessment this user saved on this case, for the confirmation. */
  saved: RiskAssessmentSaved | null;
}

export const initialAssessmentSaveState: AssessmentSaveState = {
  saving: false,
  error: null,
  code: null,
  fieldErrors: [],
  saved: null,
};

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
  assessment: AssessmentSaveState;
}

export const initialCaseState: CaseState = {
  caseId: null,
  detail: null,
  status: 'idle',
  error: null,
  notFound: false,
  selectedRevision: null,
  refreshedToVersion: null,
  assessment: initialAssessmentSaveState,
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
      RiskAssessmentActions.submitted,
      (state, { caseId }): CaseState =>
        caseId !== state.caseId
          ? state
          : {
              ...state,
              assessment: { ...initialAssessmentSaveState, saving: true },
            },
    ),
    on(
      RiskAssessmentActions.saved,
      (state, { caseId, result }): CaseState =>
        caseId !== state.caseId
          ? state
          : {
              ...state,
              assessment: { ...initialAssessmentSaveState, saved: result },
            },
    ),
    on(
      RiskAssessmentActions.saveFailed,
      (state, { caseId, error, code, fieldErrors }): CaseState =>
        caseId !== state.caseId
          ? state
          : {
              ...state,
              assessment: {
                ...initialAssessmentSaveState,
                error,
                code,
                fieldErrors,
              },
            },
    ),
    on(
      RiskAssessmentActions.formEdited,
      (state): CaseState =>
        state.assessment.error || state.assessment.saved
          ? {
              ...state,
              assessment: {
                ...initialAssessmentSaveState,
                saving: state.assessment.saving,
              },
            }
          : state,
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
