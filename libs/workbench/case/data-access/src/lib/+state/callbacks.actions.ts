import type { CallbackRecord, CallbackRequest, FieldError } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ContactSummary } from '../casework-api.service';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

/** Call-backs: the open case's, its contact summary, and this user's "Due now" list. */
export const CallbacksApiActions = createActionGroup({
  source: 'Callbacks Api',
  events: {
    'Callbacks Loaded': props<{ caseId: string; callbacks: CallbackRecord[] }>(),
    'Callbacks Load Failed': props<{ caseId: string; error: string }>(),
    'Callback Scheduled': props<{ caseId: string; callback: CallbackRecord }>(),
    /** 422 unsafe-callback names the rules (outside-safe-window, outside-staffed-hours). */
    'Callback Refused': props<{ caseId: string; rules: string[]; fieldErrors: FieldError[] } & CaseworkProblem>(),
    'Due Callbacks Loaded': props<{ callbacks: CallbackRecord[] }>(),
    'Due Callbacks Load Failed': props<{ error: string }>(),
    'Contact Summary Loaded': props<{ caseId: string; summary: ContactSummary }>(),
    'Callback Cancelled': props<{ callback: CallbackRecord }>(),
    'Callback Rescheduled': props<{ callback: CallbackRecord }>(),
    /** 409 callback-not-pending, 422 unsafe-callback (with its rules), 404… */
    'Callback Change Failed': props<{ callbackId: string; rules: string[] } & CaseworkProblem>(),
  },
});

/** A list of call-backs (the case's, or "Call-backs due" on the queue): cancel or move one. */
export const CallbackListActions = createActionGroup({
  source: 'Callback List',
  events: {
    'Cancel Confirmed': props<{ callbackId: string; reason: string | null }>(),
    'Reschedule Confirmed': props<{ callbackId: string; dueAt: string }>(),
    'Change Dismissed': emptyProps(),
  },
});

export const CallbackFormActions = createActionGroup({
  source: 'Callback Form',
  events: {
    Submitted: props<{ caseId: string; request: CallbackRequest }>(),
    'Form Edited': emptyProps(),
  },
});
