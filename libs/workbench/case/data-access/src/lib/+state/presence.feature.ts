import type { PresenceChangedEvent, PresenceViewer } from '@lantern/shared/domain';
import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { PresenceSocketActions } from './casework.actions';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

/** The case this user has open, and the section they are editing in it: sent again after a reconnect. */
export interface MyPresence {
  caseId: string;
  section: string | null;
}

/** Who has each case open (only cases someone has open), as the server last said. */
export interface PresenceState extends EntityState<PresenceChangedEvent> {
  mine: MyPresence | null;
}

export const presenceAdapter = createEntityAdapter<PresenceChangedEvent>({
  selectId: (e) => e.caseId,
});

export const initialPresenceState: PresenceState = presenceAdapter.getInitialState({ mine: null });

export const presenceFeature = createFeature({
  name: 'presence',
  reducer: createReducer(
    initialPresenceState,
    // A broadcast from the socket, or the answer to our own open/editing request.
    on(
      PresenceSocketActions.changed,
      LiveSocketActions.presenceChanged,
      (state, { event }): PresenceState =>
        event.viewers.length ? presenceAdapter.setOne(event, state) : presenceAdapter.removeOne(event.caseId, state),
    ),
    on(
      PresenceSocketActions.snapshotReceived,
      (state, { events }): PresenceState =>
        presenceAdapter.setAll(
          events.filter((e) => e.viewers.length > 0),
          state,
        ),
    ),
    // Offline we miss who came and went: show nobody rather than people who may have left. After the reconnect
    // our own case is opened again and answered with its current viewers; others appear as they change.
    on(LiveSocketActions.disconnected, (state): PresenceState => presenceAdapter.removeAll(state)),
    on(
      CasePageActions.opened,
      (state, { caseId }): PresenceState => ({
        ...state,
        mine: { caseId, section: null },
      }),
    ),
    on(CasePageActions.closed, (state, { caseId }): PresenceState => (state.mine?.caseId === caseId ? { ...state, mine: null } : state)),
    on(
      CasePageActions.sectionEditingChanged,
      (state, { caseId, section }): PresenceState => (state.mine?.caseId === caseId ? { ...state, mine: { caseId, section } } : state),
    ),
  ),
});

/** Everyone else with each case open (this user's own other tabs are not "someone else"). */
export const selectOthersByCase = createSelector(
  presenceFeature.selectEntities,
  authFeature.selectUserId,
  (entities, me): Record<string, PresenceViewer[]> => {
    const out: Record<string, PresenceViewer[]> = {};
    for (const [caseId, e] of Object.entries(entities)) {
      const others = e?.viewers.filter((v) => v.userId !== me) ?? [];
      if (others.length) out[caseId] = others;
    }
    return out;
  },
);

const NOBODY: PresenceViewer[] = [];

/** Everyone else with the case open. */
export const selectOtherViewers = (caseId: string) => createSelector(selectOthersByCase, (byCase) => byCase[caseId] ?? NOBODY);

/** Others editing each section of a case: section → their names. */
export function editorsBySection(viewers: readonly PresenceViewer[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of viewers) {
    if (!v.editing) continue;
    (out[v.editing] ??= []).push(v.displayName);
  }
  return out;
}
