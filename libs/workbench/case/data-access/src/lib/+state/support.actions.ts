import type { FieldError, NeedsContent, SafetyPlanContent, VersionedDocument } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

/** Support for the victim: the needs assessment and the safety plan (versioned documents). */
export const SupportApiActions = createActionGroup({
  source: 'Support Api',
  events: {
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
