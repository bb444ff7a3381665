import type { CreatePartnerServiceRequest, FieldError, PartnerServiceRecord, UpdatePartnerServiceRequest } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

export const PartnerDirectoryPageActions = createActionGroup({
  source: 'Partner Directory Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
    /** The add / edit dialog opened (an earlier refusal is cleared). */
    'Dialog Opened': emptyProps(),
    'Create Submitted': props<{ body: CreatePartnerServiceRequest }>(),
    'Update Submitted': props<{ service: string; body: UpdatePartnerServiceRequest }>(),
    /** Deactivate or reactivate one service (the rest of its entry unchanged). */
    'Active Toggled': props<{ record: PartnerServiceRecord; active: boolean }>(),
  },
});

export const PartnerDirectoryApiActions = createActionGroup({
  source: 'Partner Directory Api',
  events: {
    Loaded: props<{ services: PartnerServiceRecord[]; includeInactive: boolean }>(),
    'Load Failed': props<{ error: string }>(),
    Saved: props<{ record: PartnerServiceRecord }>(),
    /** 400 with field errors, 409 duplicate-service / stale-version, or anything else. */
    'Save Failed': props<CaseworkProblem & { fieldErrors: FieldError[] }>(),
    'Active Changed': props<{ record: PartnerServiceRecord }>(),
    'Active Change Failed': props<CaseworkProblem & { service: string }>(),
  },
});
