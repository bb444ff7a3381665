import type { Availability, BalanceSuggestion, CaseSummary, TeamLeadAlerts, UnassignedQueue, WorkloadRow } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { MyAvailability, WorkloadSuggestions } from '../team-api.service';

/** What the board asks for when a case is moved (by drag and drop, the keyboard menu or a suggestion). */
export interface ReassignRequest {
  caseId: string;
  reference: string;
  /** null: back to the unassigned queue (only an undo does that here). */
  toUserId: string | null;
  toName: string;
  /** The version the board showed; the API refuses a stale one with 409. */
  version?: number;
  /** Who had it before (null: the unassigned queue), so the move can be undone. */
  fromUserId?: string | null;
  fromName?: string | null;
}

export const WorkloadPageActions = createActionGroup({
  source: 'Workload Page',
  events: {
    Opened: emptyProps(),
    Closed: emptyProps(),
    'Retry Clicked': emptyProps(),
    'Reassign Chosen': props<{ request: ReassignRequest }>(),
    /** "Undo" on the snack bar after a move: the case goes back to whoever had it (or to the queue). */
    'Undo Clicked': props<{ request: ReassignRequest }>(),
    'Suggestion Accepted': props<{ suggestion: BalanceSuggestion; toName: string }>(),
    'Accept All Clicked': emptyProps(),
    'Person Expanded': props<{ userId: string }>(),
    'Person Collapsed': props<{ userId: string }>(),
    'Rota Saved': props<{ displayName: string }>(),
  },
});

export const WorkloadApiActions = createActionGroup({
  source: 'Workload Api',
  events: {
    'Board Loaded': props<{
      rows: WorkloadRow[];
      unassigned: UnassignedQueue;
      suggestions: WorkloadSuggestions;
    }>(),
    'Board Load Failed': props<{ error: string }>(),
    'Person Cases Loaded': props<{ userId: string; cases: CaseSummary[] }>(),
    'Person Cases Load Failed': props<{ userId: string; error: string }>(),
    /** `undo`: the reverse move, offered for a few seconds (reassign back, or to the queue). */
    Assigned: props<{ caseId: string; message: string; undo?: ReassignRequest }>(),
    'Assign Failed': props<{ caseId: string; error: string }>(),
    'Accept All Finished': props<{ message: string }>(),
  },
});

export const AvailabilityControlActions = createActionGroup({
  source: 'Availability Control',
  events: {
    Opened: emptyProps(),
    /** `previous` is put back if the API refuses. */
    Changed: props<{ availability: Availability; previous: Availability }>(),
  },
});

export const AvailabilityApiActions = createActionGroup({
  source: 'Availability Api',
  events: {
    Loaded: props<{ status: MyAvailability }>(),
    'Load Failed': props<{ error: string }>(),
    Saved: props<{ availability: Availability }>(),
    'Save Failed': props<{ previous: Availability; error: string }>(),
  },
});

export const AlertTrayActions = createActionGroup({
  source: 'Alert Tray',
  events: {
    /** The header shows the tray (a team lead is signed in): load now, every minute and after live changes. */
    Started: emptyProps(),
    'Refresh Requested': emptyProps(),
    /** A team lead acknowledges one alert with a note: it leaves every team lead's tray. */
    'Acknowledge Submitted': props<{ alertKey: string; note: string }>(),
  },
});

export const AlertApiActions = createActionGroup({
  source: 'Alert Api',
  events: {
    Loaded: props<{ alerts: TeamLeadAlerts }>(),
    'Load Failed': props<{ error: string }>(),
    Acknowledged: props<{ alertKey: string }>(),
    'Acknowledge Failed': props<{ alertKey: string; error: string }>(),
  },
});
