import type {
  CaseHistoryEntry,
  CaseSummary,
  ContactAttemptRecord,
  ContactAttemptRequest,
  FieldError,
  PresenceChangedEvent,
  SafeContactUpdateRequest,
  SafeContactView,
  SafeTimesConfirmRequest,
  UnsafeContactRule,
} from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';
import type { AssignableUser } from '../casework-api.service';

export const CaseworkApiActions = createActionGroup({
  source: 'Casework Api',
  events: {
    'Claim Succeeded': props<{ summary: CaseSummary }>(),
    /** 409 already-claimed carries the server's "Already claimed by …". */
    'Claim Failed': props<{ caseId: string } & CaseworkProblem>(),
    'Next Case Claimed': props<{ summary: CaseSummary }>(),
    /** `none`: 404, nothing unassigned is waiting. */
    'Next Case Failed': props<{ error: string; none: boolean }>(),
    Assigned: props<{ summary: CaseSummary }>(),
    'Assign Failed': props<{ caseId: string; before: CaseSummary | null } & CaseworkProblem>(),
    'Status Changed': props<{ summary: CaseSummary }>(),
    /** `before`: the case as it was on screen when the change was asked for (to say what changed on a 409). */
    'Status Change Failed': props<{ caseId: string; before: CaseSummary | null } & CaseworkProblem>(),
    Released: props<{ summary: CaseSummary }>(),
    'Release Failed': props<{ caseId: string } & CaseworkProblem>(),
    'Contact Resumed': props<{ summary: CaseSummary }>(),
    'Contact Resume Failed': props<{ caseId: string } & CaseworkProblem>(),
    'Safe Contact Loaded': props<{ caseId: string; view: SafeContactView }>(),
    'Safe Contact Load Failed': props<{ caseId: string; error: string }>(),
    'Safe Contact Saved': props<{ caseId: string; view: SafeContactView }>(),
    'Safe Contact Save Failed': props<
      {
        caseId: string;
        fieldErrors: FieldError[];
        before: CaseSummary | null;
      } & CaseworkProblem
    >(),
    'Safe Times Confirmed': props<{ caseId: string; view: SafeContactView }>(),
    'Safe Times Confirm Failed': props<
      {
        caseId: string;
        fieldErrors: FieldError[];
        before: CaseSummary | null;
      } & CaseworkProblem
    >(),
    'Contact Attempts Loaded': props<{
      caseId: string;
      attempts: ContactAttemptRecord[];
    }>(),
    'Contact Attempts Load Failed': props<{ caseId: string; error: string }>(),
    'Contact Attempt Recorded': props<{
      caseId: string;
      attempt: ContactAttemptRecord;
    }>(),
    /** 422 unsafe-contact names the rules broken; other refusals carry field errors. */
    'Contact Attempt Refused': props<
      {
        caseId: string;
        rules: UnsafeContactRule[];
        fieldErrors: FieldError[];
      } & CaseworkProblem
    >(),
    'History Loaded': props<{ caseId: string; entries: CaseHistoryEntry[] }>(),
    'History Load Failed': props<{ caseId: string; error: string }>(),
    /** Who a team lead may assign the case to (empty when the list could not be read). */
    'Assignable Users Loaded': props<{ users: AssignableUser[] }>(),
  },
});

/** The case page's header (what the hub's CasePageActions do not already say). */
export const CaseHeaderActions = createActionGroup({
  source: 'Case Header',
  events: {
    'Assign Menu Opened': emptyProps(),
    /** "Give back", confirmed: the case returns to the queue. */
    'Give Back Confirmed': props<{ caseId: string; version: number }>(),
  },
});

export const SafeContactEditorActions = createActionGroup({
  source: 'Safe Contact Editor',
  events: {
    Submitted: props<{
      caseId: string;
      plan: SafeContactUpdateRequest['plan'];
      version: number;
    }>(),
    'Form Edited': emptyProps(),
  },
});

/** The Safe times panel: "Use these times", edited windows, or "any time" recorded explicitly. */
export const SafeTimesPanelActions = createActionGroup({
  source: 'Safe Times Panel',
  events: {
    Confirmed: props<{ caseId: string; request: SafeTimesConfirmRequest; version: number }>(),
    'Form Edited': emptyProps(),
  },
});

export const ContactAttemptFormActions = createActionGroup({
  source: 'Contact Attempt Form',
  events: {
    /** With `override.reason` when the user chose to record an attempt that breaks a rule. */
    Submitted: props<{ caseId: string; request: ContactAttemptRequest }>(),
    'Form Edited': emptyProps(),
  },
});

/** Keys pressed anywhere in the workbench (the shell listens; never while typing). */
export const KeyboardShortcutActions = createActionGroup({
  source: 'Keyboard Shortcut',
  events: {
    'Next Case Pressed': emptyProps(),
  },
});

export const PresenceSocketActions = createActionGroup({
  source: 'Presence Socket',
  events: {
    /** Who has a case open now (a broadcast, or the answer to our own open/editing). */
    Changed: props<{ event: PresenceChangedEvent }>(),
    /** Everyone's open cases, asked for once the socket is ready (so a fresh queue shows earlier viewers). */
    'Snapshot Received': props<{ events: PresenceChangedEvent[] }>(),
  },
});
