import type { ReferralAction, ReferralActionRequest, Referral as SharedReferral } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const PartnerPortalActions = createActionGroup({
  source: 'Partner Portal',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
    'Action Submitted': props<{
      referralId: string;
      action: ReferralAction;
      body: ReferralActionRequest;
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

/** Timers: a live change's highlight has run its time (LIVE_HIGHLIGHT_MS). */
export const PartnerTimerActions = createActionGroup({
  source: 'Partner Timer',
  events: {
    'Highlight Elapsed': props<{ referralId: string }>(),
  },
});
