import type { CaseDetail, CaseSummary, FieldError, ReportRevision } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { CaseworkApiActions } from './casework.actions';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { CaseApiActions, CasePageActions } from '@lantern/workbench/data-access-hub';
import { RiskAssessmentActions } from './case.actions';
import { ChildrensServicesApiActions } from './childrens-services.actions';
import { OutreachAreaApiActions } from './outreach-area.actions';
import type { RiskAssessmentSaved } from '@lantern/workbench/data-access-hub';

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
  /** What the page shows: the last full read, with any newer summary (live event, own change) laid over it. */
  detail: CaseDetail | null;
  /** The version of the last full read (GET /cases/:id); a newer summary means the rest is read again. */
  detailVersion: number | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  notFound: boolean;
  /** The revision the reader picked; null follows the newest. */
  selectedRevision: number | null;
  /**
   * Set when a change refreshed the open case, for a polite announcement; not for this page's own writes (claim,
   * status, a save: OWN_CHANGE), which the user already knows of.
   */
  refreshedToVersion: number | null;
  /** Whose change that was (CaseChangedEvent.by), or null when unknown: the page does not announce the user's own. */
  refreshedBy: string | null;
  assessment: AssessmentSaveState;
}

export const initialCaseState: CaseState = {
  caseId: null,
  detail: null,
  detailVersion: null,
  status: 'idle',
  error: null,
  notFound: false,
  selectedRevision: null,
  refreshedToVersion: null,
  refreshedBy: null,
  assessment: initialAssessmentSaveState,
};

/** `by` for a change this page made itself (a claim, a status change, a save): laid over, never announced. */
export const OWN_CHANGE = 'self';

/** What a refresh announces: nothing for the page's own change, else the version and whose change it was. */
function announced(version: number, by: string | null | undefined): Pick<CaseState, 'refreshedToVersion' | 'refreshedBy'> {
  return by === OWN_CHANGE ? { refreshedToVersion: null, refreshedBy: null } : { refreshedToVersion: version, refreshedBy: by ?? null };
}

/** Lays a newer summary of the open case over the detail on screen (replays and older versions change nothing). */
export function overlaySummary(state: CaseState, summary: CaseSummary, by?: string | null): CaseState {
  if (!state.detail || summary.id !== state.caseId || summary.version <= state.detail.version) return state;
  return {
    ...state,
    detail: { ...state.detail, ...summary },
    ...announced(summary.version, by),
  };
}

/** What the page says when the open case is restricted away from this user: the words of any unknown case. */
export const CASE_GONE_MESSAGE = 'There is no case with this link.';

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
              detailVersion: detail.version,
              status: 'loaded',
              error: null,
              notFound: false,
            },
    ),
    on(
      CaseApiActions.caseRefreshed,
      (state, { detail, by }): CaseState =>
        detail.id !== state.caseId ||
        (state.detailVersion !== null && detail.version <= state.detailVersion) ||
        (state.detail && detail.version < state.detail.version)
          ? state
          : {
              ...state,
              detail,
              detailVersion: detail.version,
              status: 'loaded',
              ...announced(detail.version, by),
            },
    ),
    // The head of the page (assignee, status, flags) follows live events at once; the rest is read again.
    on(LiveSocketActions.caseChanged, (state, { event }): CaseState => overlaySummary(state, event.case, event.by)),
    // The open case was restricted off this user's list: it goes at once, as if it did not exist (case-access.ts).
    on(
      LiveSocketActions.caseRemoved,
      (state, { event }): CaseState =>
        event.caseId !== state.caseId
          ? state
          : { ...state, detail: null, detailVersion: null, status: 'error', error: CASE_GONE_MESSAGE, notFound: true },
    ),
    on(LiveSocketActions.synced, (state, { response }): CaseState => response.events.reduce((s, e) => overlaySummary(s, e.case), state)),
    on(
      CaseworkApiActions.claimSucceeded,
      CaseworkApiActions.released,
      CaseworkApiActions.nextCaseClaimed,
      CaseworkApiActions.assigned,
      CaseworkApiActions.statusChanged,
      CaseworkApiActions.contactResumed,
      (state, { summary }): CaseState => overlaySummary(state, summary, OWN_CHANGE),
    ),
    on(
      OutreachAreaApiActions.corrected,
      ChildrensServicesApiActions.decisionRecorded,
      (state, { summary }): CaseState => overlaySummary(state, summary, OWN_CHANGE),
    ),
    on(
      CaseApiActions.caseLoadFailed,
      (state, { caseId, error, notFound }): CaseState => (caseId !== state.caseId ? state : { ...state, status: 'error', error, notFound }),
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
        selectedRevision: state.detail?.reports[0]?.revision === revision ? null : revision,
      }),
    ),
  ),
  extraSelectors: ({ selectDetail, selectSelectedRevision }) => ({
    /** The revision on screen: the one picked, else the newest (reports[0]). */
    selectShownRevision: createSelector(
      selectDetail,
      selectSelectedRevision,
      (detail, selected): ReportRevision | null => detail?.reports.find((r) => r.revision === selected) ?? detail?.reports[0] ?? null,
    ),
  }),
});
