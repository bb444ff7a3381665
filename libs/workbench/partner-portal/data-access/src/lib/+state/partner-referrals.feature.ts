import type { Referral as SharedReferral, ReferralAction } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import { PartnerApiActions, PartnerPortalActions, PartnerTimerActions } from './partner-referrals.actions';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';

export interface PartnerActionState {
  referralId: string | null;
  action: ReferralAction | null;
  pending: boolean;
  error: string | null;
  /** The last step this user took that the API accepted (for the confirmation). */
  done: ReferralAction | null;
}

/** The partner portal: this agency's referrals (the API never sends drafts or another agency's). */
export interface PartnerReferralsState {
  referrals: SharedReferral[];
  status: LoadStatus;
  error: string | null;
  /** Referrals a live event changed in the last LIVE_HIGHLIGHT_MS (highlighted until then). */
  changedIds: string[];
  act: PartnerActionState;
}

const IDLE_ACT: PartnerActionState = {
  referralId: null,
  action: null,
  pending: false,
  error: null,
  done: null,
};

export const initialPartnerReferralsState: PartnerReferralsState = {
  referrals: [],
  status: 'idle',
  error: null,
  changedIds: [],
  act: IDLE_ACT,
};

/** Newest sent first. */
function bySentAtDesc(a: SharedReferral, b: SharedReferral): number {
  return (b.sentAt ?? '').localeCompare(a.sentAt ?? '');
}

export const partnerReferralsFeature = createFeature({
  name: 'partnerReferrals',
  reducer: createReducer(
    initialPartnerReferralsState,
    on(
      PartnerPortalActions.opened,
      PartnerPortalActions.retryClicked,
      (state): PartnerReferralsState => ({
        ...state,
        status: state.status === 'loaded' ? 'loaded' : 'loading',
      }),
    ),
    on(
      PartnerApiActions.referralsLoaded,
      (state, { referrals }): PartnerReferralsState => ({
        ...state,
        referrals: [...referrals].sort(bySentAtDesc),
        status: 'loaded',
        error: null,
      }),
    ),
    on(
      PartnerApiActions.referralsLoadFailed,
      (state, { error }): PartnerReferralsState => ({
        ...state,
        status: state.referrals.length ? 'loaded' : 'error',
        error,
      }),
    ),
    on(
      LiveSocketActions.referralChanged,
      (state, { event }): PartnerReferralsState => ({
        ...state,
        changedIds: [...state.changedIds.filter((id) => id !== event.referralId), event.referralId],
      }),
    ),
    on(
      PartnerTimerActions.highlightElapsed,
      (state, { referralId }): PartnerReferralsState =>
        state.changedIds.includes(referralId) ? { ...state, changedIds: state.changedIds.filter((id) => id !== referralId) } : state,
    ),
    on(
      PartnerPortalActions.actionSubmitted,
      (state, { referralId, action }): PartnerReferralsState => ({
        ...state,
        act: { ...IDLE_ACT, referralId, action, pending: true },
      }),
    ),
    on(
      PartnerApiActions.actionSucceeded,
      (state, { referral, action }): PartnerReferralsState => ({
        ...state,
        referrals: state.referrals.map((r) => (r.id === referral.id ? referral : r)).sort(bySentAtDesc),
        act: { ...IDLE_ACT, referralId: referral.id, action, done: action },
      }),
    ),
    on(
      PartnerApiActions.actionFailed,
      (state, { referralId, action, error }): PartnerReferralsState => ({
        ...state,
        act: { ...IDLE_ACT, referralId, action, error },
      }),
    ),
  ),
});
