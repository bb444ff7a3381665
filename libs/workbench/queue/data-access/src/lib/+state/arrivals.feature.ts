import {
  compareTriageOrder,
  isInQueue,
  type CaseChangedEvent,
  type CasePriority,
  type CaseSummary,
  type CaseUserRef,
  type RiskGrade,
} from '@lantern/shared/domain';
import { AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { ArrivalsPanelActions, ArrivalsStorageActions } from './arrivals.actions';

/**
 * A case that arrived live and must not be missed: high risk or MARAC. Only what the list shows and sorts by: no
 * victim or suspect detail, since the list is kept in sessionStorage across a reload.
 */
export interface Arrival {
  caseId: string;
  reference: string;
  grade: RiskGrade | null;
  marac: boolean;
  priority: CasePriority;
  receivedAt: string;
  assignee: CaseUserRef | null;
}

/** A routine arrival: announced politely once, never listed. */
export interface RoutineArrival {
  caseId: string;
  reference: string;
  grade: RiskGrade | null;
}

export interface ArrivalsState extends EntityState<Arrival> {
  /** The signed-in user the list belongs to (sessionStorage is per tab, and a tab may change hands). */
  userId: string | null;
  /** Cases acknowledged in this browser session: a replayed "created" event never lists them again. */
  acknowledged: string[];
  /** The latest routine arrival (a transient, polite announcement). */
  routine: RoutineArrival | null;
  /** The latest high-risk arrival, and how many have arrived live in this page (alerts fire when it grows). */
  latestUrgent: string | null;
  urgentCount: number;
}

/** How many acknowledgements are remembered: far more than a shift's arrivals, and the storage stays small. */
export const ACKNOWLEDGED_KEPT = 500;

/** Most urgent first: the queue's own order (priority, then the longer wait). */
export function compareArrivals(a: Arrival, b: Arrival): number {
  return compareTriageOrder({ ...a, id: a.caseId }, { ...b, id: b.caseId });
}

export const arrivalsAdapter = createEntityAdapter<Arrival>({ selectId: (a) => a.caseId, sortComparer: compareArrivals });

export const initialArrivalsState: ArrivalsState = arrivalsAdapter.getInitialState({
  userId: null,
  acknowledged: [],
  routine: null,
  latestUrgent: null,
  urgentCount: 0,
});

/** High risk (the grade in force) or a MARAC referral required: an arrival that stays until acknowledged. */
export function isUrgentArrival(c: Pick<CaseSummary, 'risk'>): boolean {
  return c.risk.grade === 'high' || c.risk.marac.required;
}

export function toArrival(c: CaseSummary): Arrival {
  return {
    caseId: c.id,
    reference: c.reference,
    grade: c.risk.grade,
    marac: c.risk.marac.required,
    priority: c.priority,
    receivedAt: c.receivedAt,
    assignee: c.assignee,
  };
}

/** Apply live case events: new cases in the queue arrive; a listed case's later changes refresh its row. */
export function applyArrivalEvents(state: ArrivalsState, events: readonly CaseChangedEvent[]): ArrivalsState {
  let next = state;
  for (const { change, case: c } of events) {
    const listed = next.entities[c.id];
    if (listed) {
      next = arrivalsAdapter.setOne(toArrival(c), next);
    } else if (change === 'created' && isInQueue(c) && !next.acknowledged.includes(c.id)) {
      if (isUrgentArrival(c)) {
        next = { ...arrivalsAdapter.addOne(toArrival(c), next), latestUrgent: c.id, urgentCount: next.urgentCount + 1 };
      } else {
        next = { ...next, routine: { caseId: c.id, reference: c.reference, grade: c.risk.grade } };
      }
    }
  }
  return next;
}

function acknowledge(state: ArrivalsState, ids: readonly string[]): ArrivalsState {
  const next = arrivalsAdapter.removeMany(ids as string[], state);
  const acknowledged = [...state.acknowledged.filter((id) => !ids.includes(id)), ...ids].slice(-ACKNOWLEDGED_KEPT);
  return { ...next, acknowledged, latestUrgent: ids.includes(state.latestUrgent ?? '') ? null : state.latestUrgent };
}

export const arrivalsFeature = createFeature({
  name: 'arrivals',
  reducer: createReducer(
    initialArrivalsState,
    on(
      AuthApiActions.sessionFound,
      AuthApiActions.signInSucceeded,
      // Another user at this tab starts clean; the user id is set once storage has been read (Restored), so nothing
      // is written to storage before what it held has been taken back.
      (state, { user }): ArrivalsState => (state.userId === user.id ? state : initialArrivalsState),
    ),
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, (): ArrivalsState => initialArrivalsState),
    on(LiveSocketActions.caseChanged, (state, { event }) => applyArrivalEvents(state, [event])),
    on(LiveSocketActions.synced, (state, { response }) => (response.reset ? state : applyArrivalEvents(state, response.events))),
    // Restricted off this user's list: it goes from the arrivals too (the API answers 404 for it now).
    on(LiveSocketActions.caseRemoved, (state, { event }): ArrivalsState => {
      const next = arrivalsAdapter.removeOne(event.caseId, state);
      return {
        ...next,
        latestUrgent: next.latestUrgent === event.caseId ? null : next.latestUrgent,
        routine: next.routine?.caseId === event.caseId ? null : next.routine,
      };
    }),
    on(ArrivalsPanelActions.acknowledged, ArrivalsPanelActions.opened, (state, { caseId }) => acknowledge(state, [caseId])),
    on(ArrivalsPanelActions.allAcknowledged, (state) => acknowledge(state, state.ids as string[])),
    on(ArrivalsStorageActions.restored, (state, { userId, items, acknowledged }): ArrivalsState => {
      const acked = [...new Set([...acknowledged, ...state.acknowledged])].slice(-ACKNOWLEDGED_KEPT);
      const kept = items.filter((a) => !acked.includes(a.caseId) && !state.entities[a.caseId]);
      return { ...arrivalsAdapter.addMany(kept, state), acknowledged: acked, userId };
    }),
  ),
  extraSelectors: ({ selectArrivalsState, selectRoutine }) => {
    const { selectAll, selectTotal } = arrivalsAdapter.getSelectors();
    const selectArrivals = createSelector(selectArrivalsState, selectAll);
    return {
      /** Unacknowledged high-risk and MARAC arrivals, most urgent first. */
      selectArrivals,
      /** What the tab title counts. */
      selectArrivalCount: createSelector(selectArrivalsState, selectTotal),
      /** The routine arrival to announce, unless it is one of the listed ones (it never is, but be sure). */
      selectRoutineArrival: createSelector(selectRoutine, selectArrivalsState, (r, s) => (r && !s.entities[r.caseId] ? r : null)),
      /** What this tab keeps across a reload (sessionStorage). */
      selectStored: createSelector(selectArrivalsState, selectArrivals, (s, items) =>
        s.userId ? { userId: s.userId, items, acknowledged: s.acknowledged } : null,
      ),
    };
  },
});
