import {
  safetyNoticeKey,
  safetyNoticeText,
  type RiskRaisedByPoliceEvent,
  type SafetyNoticeKind,
  type VictimChangedByPoliceEvent,
} from '@lantern/shared/domain';
import { AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';

/** One bar: a police revision named another victim on a case the user holds, or raised its grade (docs/casework.md). */
export interface SafetyNoticeBar {
  key: string;
  kind: SafetyNoticeKind;
  caseId: string;
  revision: number;
  text: string;
  /** Dismissed on screen, its dismissal not yet recorded: hidden. */
  dismissing: boolean;
  /** The last dismissal was not recorded. */
  error: string | null;
  /** While dismissing: what `dismissed` held for its case and kind before, to put back if nothing is recorded. */
  dismissedBefore: number | null;
}

export interface SafetyNoticesState {
  bars: SafetyNoticeBar[];
  /** The notices that waited could not be read. */
  loadError: string | null;
  /** A read is on its way ("Trying again…"). */
  reading: boolean;
  /**
   * The latest revision dismissed here, per case and kind (`<kind>|<case id>`): a list read before the dismissal was
   * recorded does not bring the bar back.
   */
  dismissed: Record<string, number>;
  /** Keys of the bars told live since the last list read was sent: that read may not know them yet. */
  liveSinceRead: string[];
}

export const initialSafetyNoticesState: SafetyNoticesState = {
  bars: [],
  loadError: null,
  reading: false,
  dismissed: {},
  liveSinceRead: [],
};

/** What a bar is made from: a notice that waited, or a live event with its kind. */
type NoticeFacts =
  | ({ kind: 'victim-changed-by-police' } & VictimChangedByPoliceEvent)
  | ({ kind: 'risk-raised-by-police' } & RiskRaisedByPoliceEvent);

const slot = (n: { kind: SafetyNoticeKind; caseId: string }) => `${n.kind}|${n.caseId}`;

/**
 * Adds a notice, one bar per case and kind: a later revision's replaces an earlier one's (which it supersedes); an
 * earlier one's (a list read before a live notice arrived), or one dismissed here, changes nothing.
 */
function upsert(state: SafetyNoticesState, n: NoticeFacts): SafetyNoticeBar[] {
  const same = (b: SafetyNoticeBar) => b.caseId === n.caseId && b.kind === n.kind;
  const held = state.bars.find(same);
  if ((held && held.revision >= n.revision) || (state.dismissed[slot(n)] ?? 0) >= n.revision) return state.bars;
  const bar: SafetyNoticeBar = {
    key: safetyNoticeKey(n.kind, n.caseId, n.revision),
    kind: n.kind,
    caseId: n.caseId,
    revision: n.revision,
    text: safetyNoticeText(n),
    dismissing: false,
    error: null,
    dismissedBefore: null,
  };
  return [...state.bars.filter((b) => !same(b)), bar];
}

/** `dismissed` as it was before `bar`'s dismissal, which was not recorded. */
function undoDismissed(dismissed: Record<string, number>, bar: SafetyNoticeBar): Record<string, number> {
  const { [slot(bar)]: _undone, ...rest } = dismissed;
  return bar.dismissedBefore === null ? rest : { ...rest, [slot(bar)]: bar.dismissedBefore };
}

function told(state: SafetyNoticesState, n: NoticeFacts): SafetyNoticesState {
  const bars = upsert(state, n);
  if (bars === state.bars) return state;
  return { ...state, bars, liveSinceRead: [...state.liveSinceRead, safetyNoticeKey(n.kind, n.caseId, n.revision)] };
}

/**
 * Safety notices that stay until the user dismisses them, on every page (a police revision named another victim on a
 * case the user holds, or raised its grade): told live on the user's sockets, and read from GET /me/safety-notices at
 * sign-in, after each reconnect, and when a case becomes theirs. A list read replaces the bars it answers for (a case
 * handed on, or a notice dismissed in another tab, goes), keeping those told live since it was sent. Dismissing one is
 * recorded on the server, so it does not come back at the next sign-in.
 */
export const safetyNoticesFeature = createFeature({
  name: 'safetyNotices',
  reducer: createReducer(
    initialSafetyNoticesState,
    on(LiveSocketActions.victimChangedByPolice, (state, { event }) => told(state, { kind: 'victim-changed-by-police', ...event })),
    on(LiveSocketActions.riskRaisedByPolice, (state, { event }) => told(state, { kind: 'risk-raised-by-police', ...event })),
    on(SafetyNoticesApiActions.loadStarted, (state): SafetyNoticesState => ({ ...state, liveSinceRead: [], reading: true })),
    on(SafetyNoticesApiActions.loaded, (state, { items }): SafetyNoticesState => {
      const kept = { ...state, bars: state.bars.filter((b) => b.dismissing || state.liveSinceRead.includes(b.key)) };
      return { ...kept, bars: items.reduce((s, n) => ({ ...s, bars: upsert(s, n) }), kept).bars, loadError: null, reading: false };
    }),
    on(SafetyNoticesApiActions.loadFailed, (state, { error }): SafetyNoticesState => ({ ...state, loadError: error, reading: false })),
    on(SafetyNoticesActions.dismissClicked, (state, { key }): SafetyNoticesState => {
      const bar = state.bars.find((b) => b.key === key && !b.dismissing);
      if (!bar) return state;
      const before = state.dismissed[slot(bar)] ?? null;
      return {
        ...state,
        bars: state.bars.map((b) => (b === bar ? { ...b, dismissing: true, error: null, dismissedBefore: before } : b)),
        dismissed: { ...state.dismissed, [slot(bar)]: Math.max(bar.revision, before ?? 0) },
      };
    }),
    on(
      SafetyNoticesApiActions.dismissed,
      (state, { key }): SafetyNoticesState => ({ ...state, bars: state.bars.filter((b) => b.key !== key) }),
    ),
    // Dismissed in another tab (or this one: its answer may come second): that revision's bar and any earlier one of
    // its kind on the case go, and a list read in flight does not bring them back. A later revision's stays.
    on(LiveSocketActions.safetyNoticeDismissed, (state, { event }): SafetyNoticesState => {
      const gone = (b: SafetyNoticeBar) => b.kind === event.kind && b.caseId === event.caseId && b.revision <= event.revision;
      const s = slot(event);
      return {
        ...state,
        bars: state.bars.filter((b) => !gone(b)),
        dismissed: { ...state.dismissed, [s]: Math.max(event.revision, state.dismissed[s] ?? 0) },
      };
    }),
    on(SafetyNoticesApiActions.dismissGone, (state, { key }): SafetyNoticesState => {
      const bar = state.bars.find((b) => b.key === key);
      if (!bar) return state;
      return { ...state, bars: state.bars.filter((b) => b !== bar), dismissed: undoDismissed(state.dismissed, bar) };
    }),
    on(SafetyNoticesApiActions.dismissFailed, (state, { key, error }): SafetyNoticesState => {
      const bar = state.bars.find((b) => b.key === key);
      if (!bar) return state;
      return {
        ...state,
        bars: state.bars.map((b) => (b === bar ? { ...b, dismissing: false, error, dismissedBefore: null } : b)),
        dismissed: undoDismissed(state.dismissed, bar),
      };
    }),
    // Another user may sign in on this browser next.
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, (): SafetyNoticesState => initialSafetyNoticesState),
  ),
  extraSelectors: ({ selectBars }) => ({
    selectShown: createSelector(selectBars, (bars) => bars.filter((b) => !b.dismissing)),
  }),
});
