import { createFeature, createReducer, on } from '@ngrx/store';
import { caseMovedOn } from '../case-moved-on';
import { CaseworkApiActions } from './casework.actions';
import { CloseCaseDialogActions, SatisfactionApiActions } from './closure.actions';

/**
 * Where the close dialog is: `editing` (waiting for the user), `closing` (status change sent), `saving-survey`,
 * `survey-failed` (the case may be closed, the survey is not saved), `done` (close the dialog), `moved-on` (the case
 * changed under the dialog: the page now says what changed, the dialog gets out of the way).
 */
export type ClosurePhase = 'editing' | 'closing' | 'saving-survey' | 'survey-failed' | 'done' | 'moved-on';

export interface ClosureState {
  /** The case the dialog is open for. */
  caseId: string | null;
  phase: ClosurePhase;
  /** The case is closed (the status change went through, or the dialog is for the survey alone): a retry posts only the survey. */
  closed: boolean;
  /** A survey was asked for with the close. */
  withSurvey: boolean;
  surveySaved: boolean;
  /** Why the last step failed, in words. */
  error: string | null;
  /** The problem code of the last refusal (e.g. `marac-referral-required`), or null. */
  errorCode: string | null;
  /** Whether the open closed case has its satisfaction survey (null until known). */
  surveyRecorded: { caseId: string; recorded: boolean } | null;
}

export const initialClosureState: ClosureState = {
  caseId: null,
  phase: 'editing',
  closed: false,
  withSurvey: false,
  surveySaved: false,
  error: null,
  errorCode: null,
  surveyRecorded: null,
};

export const closureFeature = createFeature({
  name: 'closure',
  reducer: createReducer(
    initialClosureState,
    on(
      CloseCaseDialogActions.opened,
      (state, { caseId, mode }): ClosureState => ({
        ...initialClosureState,
        surveyRecorded: state.surveyRecorded,
        caseId,
        closed: mode === 'survey',
      }),
    ),
    on(
      CloseCaseDialogActions.closeSubmitted,
      (state, { caseId, survey }): ClosureState =>
        caseId === state.caseId ? { ...state, phase: 'closing', withSurvey: !!survey, error: null, errorCode: null } : state,
    ),
    on(
      CloseCaseDialogActions.surveySubmitted,
      (state, { caseId }): ClosureState => (caseId === state.caseId ? { ...state, phase: 'saving-survey', error: null } : state),
    ),
    on(
      CaseworkApiActions.statusChanged,
      (state, { summary }): ClosureState =>
        summary.id === state.caseId && state.phase === 'closing'
          ? { ...state, closed: true, phase: state.withSurvey ? 'saving-survey' : 'done' }
          : state,
    ),
    on(
      CaseworkApiActions.statusChangeFailed,
      (state, { caseId, code, error }): ClosureState =>
        caseId === state.caseId && state.phase === 'closing'
          ? caseMovedOn(code)
            ? { ...state, phase: 'moved-on' }
            : { ...state, phase: 'editing', error: `The case was not closed. ${error}`, errorCode: code ?? null }
          : state,
    ),
    on(
      SatisfactionApiActions.surveyRecorded,
      (state, { caseId }): ClosureState => ({
        ...state,
        ...(caseId === state.caseId ? { phase: 'done' as const, surveySaved: true, error: null } : {}),
        surveyRecorded: { caseId, recorded: true },
      }),
    ),
    on(
      SatisfactionApiActions.surveyRecordFailed,
      (state, { caseId, error }): ClosureState => (caseId === state.caseId ? { ...state, phase: 'survey-failed', error } : state),
    ),
    // A survey once recorded stays recorded: a check read before the survey's POST committed must not undo it.
    on(
      SatisfactionApiActions.surveyChecked,
      (state, { caseId, recorded }): ClosureState =>
        state.surveyRecorded?.caseId === caseId && state.surveyRecorded.recorded && !recorded
          ? state
          : { ...state, surveyRecorded: { caseId, recorded } },
    ),
  ),
});
