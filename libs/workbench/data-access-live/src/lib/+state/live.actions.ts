import type {
  CaseChangedEvent,
  CaseRemovedEvent,
  ImportSummary,
  PresenceChangedEvent,
  ReferralChangedEvent,
  RiskRaisedByPoliceEvent,
  SafetyNoticeDismissedEvent,
  VictimChangedByPoliceEvent,
  StaffChangedEvent,
  SyncResponse,
} from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props, type Action } from '@ngrx/store';

/** A page or panel needs live events (the queue, a case, the team board, the alert tray, the partner portal). */
export const LiveActions = createActionGroup({
  source: 'Live',
  events: {
    /** The first request opens the socket; it then stays open for the session. */
    'Connect Requested': emptyProps(),
  },
});

/** What the one socket reported. Each domain's reducers and effects listen to the events they care about. */
export const LiveSocketActions = createActionGroup({
  source: 'Live Socket',
  events: {
    Connecting: emptyProps(),
    /** The server authenticated the socket and joined it to its rooms; `lastSeq` is the hub's high-water mark. */
    Ready: props<{ lastSeq: number }>(),
    Disconnected: props<{ reason: string }>(),
    'Connect Failed': props<{ message: string }>(),
    'Case Changed': props<{ event: CaseChangedEvent }>(),
    /** A case this user may no longer see (restricted off their list): it leaves the queue and the case page. */
    'Case Removed': props<{ event: CaseRemovedEvent }>(),
    /** Someone's availability or rota changed. */
    'Staff Changed': props<{ event: StaffChangedEvent }>(),
    /** Who has a case open now (a broadcast). */
    'Presence Changed': props<{ event: PresenceChangedEvent }>(),
    /** Partner sockets only: one of the agency's referrals changed (no case data rides along). */
    'Referral Changed': props<{ event: ReferralChangedEvent }>(),
    /** This user's own sockets: a police revision raised the grade of a case assigned to them. */
    'Risk Raised By Police': props<{ event: RiskRaisedByPoliceEvent }>(),
    /** This user's own sockets: a police revision named another victim on a case assigned to them. */
    'Victim Changed By Police': props<{ event: VictimChangedByPoliceEvent }>(),
    'Import Progress': props<{ event: ImportSummary }>(),
    /** This user's own sockets: they dismissed a safety notice, here or in another tab. */
    'Safety Notice Dismissed': props<{ event: SafetyNoticeDismissedEvent }>(),
    /** The catch-up after a reconnect: every event after the `afterSeq` asked for, or a `reset`. */
    Synced: props<{ response: SyncResponse }>(),
    'Sync Failed': props<{ error: string }>(),
  },
});

/**
 * False for the SLA clock's announcement that a case came near breach (`case.changed`, change 'clock'): it changes
 * nothing recorded (no count, call-back, board or alert list), only the case's place in the queue. Effects that read
 * something again after live changes filter with this.
 */
export function isRecordedChange(action: Action): boolean {
  return !(
    action.type === LiveSocketActions.caseChanged.type &&
    (action as ReturnType<typeof LiveSocketActions.caseChanged>).event.change === 'clock'
  );
}

/**
 * False also for a new case and for a recorded SLA breach (changes 'created' and 'breached'): neither changes any
 * call-back (a new case has none; a breach record changes only the case's SLA), so call-backs due are not read again.
 */
export function mayChangeCallbacks(action: Action): boolean {
  if (action.type !== LiveSocketActions.caseChanged.type) return true;
  const change = (action as ReturnType<typeof LiveSocketActions.caseChanged>).event.change;
  return change !== 'clock' && change !== 'created' && change !== 'breached';
}
