import type { Referral as SharedReferral, ReferralAction } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { PartnerReferralActionBody } from '../partner-referrals-api.service';

export const PartnerPortalActions = createActionGroup({
  source: 'Partner Portal',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
    'Action Submitted': props<{
      referralId: string;
      action: ReferralAction;
      body: PartnerReferralActionBody;
    }>(),
  },
});

export const PartnerApiActions = createActionGroup({
  source: 'Partner Api',
  events: {
    'Referrals Loaded': props<{ referrals: SharedReferral[] }>(),
    'Referrals Load Failed': props<{ error: string }>(),
    'Action Succeeded': props<{
      action: ReferralAction;
      referral: SharedReferral;
    }>(),
    'Action Failed': props<{
      referralId: string;
      action: ReferralAction;
      error: string;
    }>(),
  },
});
