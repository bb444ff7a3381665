import { victimChangedNoticeText, safetyNoticeKey } from '@lantern/shared/domain';
import { AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';

/** One bar: a police revision named another victim on a case the user holds (docs/casework.md, "Who is told"). */
export interface SafetyNoticeBar {
  key: string;
  caseId: string;
  revision: number;
  text: string;
  /** Dismissed on screen, its dismissal not yet recorded: hidden. */
  dismissing: boolean;
  /** The last dismissal was not recorded. */
  error: string | null;
}

export interface SafetyNoticesState {
  bars: SafetyNoticeBar[];
  /** The notices that waited could not be read (they are read again at the next reconnect). */
  loadError: string | null;
}

const initialState: SafetyNoticesState = { bars: [], loadError: null };

/**
 * Adds a notice, one bar per case: a later revision's replaces an earlier one's (which it supersedes), and an earlier
 * one's (a list read before a live notice arrived) changes nothing. A bar being dismissed is not brought back.
 */
function upsert(bars: SafetyNoticeBar[], n: { caseId: string; reference: string; revision: number }): SafetyNoticeBar[] {
  const held = bars.find((b) => b.caseId === n.caseId);
  if (held && held.revision >= n.revision) return bars;
  const bar: SafetyNoticeBar = {
    key: safetyNoticeKey(n.caseId, n.revision),
    caseId: n.caseId,
    revision: n.revision,
    text: victimChangedNoticeText(n),
    dismissing: false,
    error: null,
  };
  return [...bars.filter((b) => b.caseId !== n.caseId), bar];
}

/**
 * Safety notices that stay until the user dismisses them, on every page: told live on the user's sockets, and read from
 * GET /me/safety-notices at sign-in and after each reconnect (one missed while signed out or disconnected). Dismissing
 * one is recorded on the server, so it does not come back at the next sign-in.
 */
export const safetyNoticesFeature = createFeature({
  name: 'safetyNotices',
  reducer: createReducer(
    initialState,
    on(LiveSocketActions.victimChangedByPolice, (state, { event }): SafetyNoticesState => ({ ...state, bars: upsert(state.bars, event) })),
    on(
      SafetyNoticesApiActions.loaded,
      (state, { items }): SafetyNoticesState => ({ bars: items.reduce(upsert, state.bars), loadError: null }),
    ),
    on(SafetyNoticesApiActions.loadFailed, (state, { error }): SafetyNoticesState => ({ ...state, loadError: error })),
    on(
      SafetyNoticesActions.dismissClicked,
      (state, { key }): SafetyNoticesState => ({
        ...state,
        bars: state.bars.map((b) => (b.key === key ? { ...b, dismissing: true, error: null } : b)),
      }),
    ),
    on(
      SafetyNoticesApiActions.dismissed,
      (state, { key }): SafetyNoticesState => ({ ...state, bars: state.bars.filter((b) => b.key !== key) }),
    ),
    on(
      SafetyNoticesApiActions.dismissFailed,
      (state, { key, error }): SafetyNoticesState => ({
        ...state,
        bars: state.bars.map((b) => (b.key === key ? { ...b, dismissing: false, error } : b)),
      }),
    ),
    // Another user may sign in on this browser next.
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, (): SafetyNoticesState => initialState),
  ),
  extraSelectors: ({ selectBars }) => ({
    selectShown: createSelector(selectBars, (bars) => bars.filter((b) => !b.dismissing)),
  }),
});
