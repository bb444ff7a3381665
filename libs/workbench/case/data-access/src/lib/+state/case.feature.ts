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
  /**
   * Whose changes that refresh brought (CaseChangedEvent.by; null when unknown): the page announces it unless every
   * one was the signed-in user's (their own change from another tab, or the live echo of this page's own write).
   */
  refreshedBy: ReadonlyArray<string | null>;
  /**
   * Whose live changes arrived since the last full read (newer than it), until a read covers them: a burst of events
   * is read once, so a colleague's change followed by the user's own is still announced.
   */
  changedBy: ReadonlyArray<{ version: number; by: string | null }>;
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
  refreshedBy: [],
  changedBy: [],
  assessment: initialAssessmentSaveState,
};

/** `by` for a change this page made itself (a claim, a status change, a save): laid over, never announced. */
export const OWN_CHANGE = 'self';

/** What a refresh announces: nothing when it brought only the page's own change, else the version and whose. */
function announced(version: number, authors: ReadonlyArray<string | null>): Pick<CaseState, 'refreshedToVersion' | 'refreshedBy'> {
  return authors.length ? { refreshedToVersion: version, refreshedBy: authors } : { refreshedToVersion: null, refreshedBy: [] };
}

/**
 * Lays a newer summary of the open case over the detail on screen (replays and older versions change nothing). `by`:
 * whose change it is (null unknown), or OWN_CHANGE for this page's own write (not announced).
 */
export function overlaySummary(state: CaseState, summary: CaseSummary, by: string | null): CaseState {
  if (!state.detail || summary.id !== state.caseId || summary.version <= state.detail.version) return state;
  // Every live change since the last full read (noted with its author), this one included: an own change laid over a
  // colleague's still pending keeps that one to announce.
  const pending = state.changedBy.map((c) => c.by);
  return {
    ...state,
    detail: { ...state.detail, ...summary },
    ...announced(summary.version, by === OWN_CHANGE || pending.length ? pending : [by]),
  };
}

/** Remembers who made a live change of the open case newer than its last full read (the read that follows covers it). */
function noteAuthor(state: CaseState, event: { caseId: string; version: number; by?: string }): CaseState {
  if (!state.detail || event.caseId !== state.caseId || event.version <= (state.detailVersion ?? state.detail.version)) return state;
  // A replay of a version already noted changes nothing.
  if (state.changedBy.some((c) => c.version === event.version)) return state;
  return { ...state, changedBy: [...state.changedBy, { version: event.version, by: event.by ?? null }] };
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
              refreshedBy: [],
              changedBy: [],
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
              changedBy: [],
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
              // Whose changes this read brings: the live ones since the last read, and the one that asked for it (none
              // for the page's own write; null, unknown, after a refusal because the case had moved on).
              ...announced(detail.version, [...state.changedBy.map((c) => c.by), ...(by === undefined || by === OWN_CHANGE ? [] : [by])]),
              changedBy: [],
            },
    ),
    // The head of the page (assignee, status, flags) follows live events at once; the rest is read again.
    on(
      LiveSocketActions.caseChanged,
      (state, { event }): CaseState => overlaySummary(noteAuthor(state, event), event.case, event.by ?? null),
    ),
    // The open case was restricted off this user's list: it goes at once, as if it did not exist (case-access.ts).
    on(
      LiveSocketActions.caseRemoved,
      (state, { event }): CaseState =>
        event.caseId !== state.caseId
          ? state
          : { ...state, detail: null, detailVersion: null, status: 'error', error: CASE_GONE_MESSAGE, notFound: true },
    ),
    // A catch-up says nobody's name (`by` absent): announced.
    on(
      LiveSocketActions.synced,
      (state, { response }): CaseState => response.events.reduce((s, e) => overlaySummary(noteAuthor(s, e), e.case, e.by ?? null), state),
    ),
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
