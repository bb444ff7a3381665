import type { FieldError, MaracReferral, MaracReferralRequest } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The MARAC section of the case: record a referral (area and note). The list is the case detail's. */
export const MaracReferralActions = createActionGroup({
  source: 'MARAC Referrals',
  events: {
    Submitted: props<{ caseId: string; request: MaracReferralRequest }>(),
    Recorded: props<{ caseId: string; referral: MaracReferral }>(),
    'Record Failed': props<{ caseId: string; error: string; fieldErrors: FieldError[] }>(),
  },
});
