import type { AgreedWithPoliceRequest, CaseSummary, FieldError } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The team lead's "Agreed with police" dialog on the Risk tab. */
export const AgreedWithPoliceDialogActions = createActionGroup({
  source: 'Agreed With Police Dialog',
  events: {
    Opened: props<{ caseId: string }>(),
    Submitted: props<{ caseId: string; request: AgreedWithPoliceRequest }>(),
  },
});

export const AgreedWithPoliceApiActions = createActionGroup({
  source: 'Agreed With Police Api',
  events: {
    Recorded: props<{ caseId: string; summary: CaseSummary }>(),
    'Record Failed': props<{ caseId: string; error: string; code: string | null; fieldErrors: FieldError[] }>(),
  },
});
