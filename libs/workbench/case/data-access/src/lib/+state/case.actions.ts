import type { FieldError, RiskAssessmentRequest } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { RiskAssessmentSaved } from '@lantern/workbench/data-access-hub';

export const RiskAssessmentActions = createActionGroup({
  source: 'Risk Assessment',
  events: {
    /** `version`: the case version the form was filled in against (a concurrent change is refused with 409). */
    Submitted: props<{
      caseId: string;
      version: number;
      request: RiskAssessmentRequest;
    }>(),
    Saved: props<{ caseId: string; result: RiskAssessmentSaved }>(),
    /** problem+json from the API: `code` (e.g. judgement-lowers-grade) and field errors when it sent them. */
    'Save Failed': props<{
      caseId: string;
      error: string;
      code: string | null;
      fieldErrors: FieldError[];
    }>(),
    /** The user changed the form again after a failure or a save: clear the message. */
    'Form Edited': emptyProps(),
  },
});
