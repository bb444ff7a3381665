import type { CallbackRecord, FieldError, NeedsContent, SafetyPlanContent, VersionedDocument } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CallbackRequest, ContactSummary } from '../casework-api.service';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

export const FollowUpApiActions = createActionGroup({
  source: 'Follow-up Api',
  events: {
    'Callbacks Loaded': props<{ caseId: string; callbacks: CallbackRecord[] }>(),
    'Callbacks Load Failed': props<{ caseId: string; error: string }>(),
    'Callback Scheduled': props<{ caseId: string; callback: CallbackRecord }>(),
    /** 422 unsafe-callback names the rules (outside-safe-window, outside-staffed-hours). */
    'Callback Refused': props<{ caseId: string; rules: string[]; fieldErrors: FieldError[] } & CaseworkProblem>(),
    'Due Callbacks Loaded': props<{ callbacks: CallbackRecord[] }>(),
    'Due Callbacks Load Failed': props<{ error: string }>(),
    'Contact Summary Loaded': props<{ caseId: string; summary: ContactSummary }>(),
    'Needs Loaded': props<{
      caseId: string;
      doc: VersionedDocument<NeedsContent>;
    }>(),
    'Needs Load Failed': props<{ caseId: string; error: string }>(),
    'Needs Saved': props<{
      caseId: string;
      doc: VersionedDocument<NeedsContent>;
    }>(),
    'Needs Save Failed': props<{ caseId: string; fieldErrors: FieldError[] } & CaseworkProblem>(),
    'Safety Plan Loaded': props<{
      caseId: string;
      doc: VersionedDocument<SafetyPlanContent>;
    }>(),
    'Safety Plan Load Failed': props<{ caseId: string; error: string }>(),
    'Safety Plan Saved': props<{
      caseId: string;
      doc: VersionedDocument<SafetyPlanContent>;
    }>(),
    'Safety Plan Save Failed': props<{ caseId: string; fieldErrors: FieldError[] } & CaseworkProblem>(),
  },
});

export const CallbackFormActions = createActionGroup({
  source: 'Callback Form',
  events: {
    Submitted: props<{ caseId: string; request: CallbackRequest }>(),
    'Form Edited': emptyProps(),
  },
});

export const NeedsFormActions = createActionGroup({
  source: 'Needs Form',
  events: {
    /** `basedOnVersion`: the version the user edited (0 when there was none). */
    Submitted: props<{
      caseId: string;
      content: NeedsContent;
      basedOnVersion: number;
    }>(),
    'Form Edited': emptyProps(),
  },
});

export const SafetyPlanFormActions = createActionGroup({
  source: 'Safety Plan Form',
  events: {
    Submitted: props<{
      caseId: string;
      content: SafetyPlanContent;
      basedOnVersion: number;
    }>(),
    'Form Edited': emptyProps(),
  },
});
