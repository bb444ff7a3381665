import type { OfficerReferral, OfficerReferralReceipt } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { DraftError, OfficerDraft, OfficerReport } from '../officer-draft';

export const OfficerFormActions = createActionGroup({
  source: 'Officer Form',
  events: {
    Opened: emptyProps(),
    /** The officer changed something (debounced by the form): kept on the device. */
    'Draft Changed': props<{ draft: OfficerDraft }>(),
    /** Submit on a checked draft: `draft.sentAt` is fixed, `report` is what is sent (now and on every retry). */
    Submitted: props<{ draft: OfficerDraft; report: OfficerReport }>(),
    'New Referral Clicked': emptyProps(),
    'Send Now Clicked': emptyProps(),
  },
});

export const OfficerReferralsPageActions = createActionGroup({
  source: 'Officer Referrals Page',
  events: {
    Opened: emptyProps(),
    'Refresh Clicked': emptyProps(),
  },
});

export const OfficerDeviceActions = createActionGroup({
  source: 'Officer Device',
  events: {
    /** The draft (a new one when there was none), the references waiting to be sent, and when each was queued. */
    Loaded: props<{ draft: OfficerDraft; pending: string[]; queuedAt: Record<string, string> }>(),
    'Draft Started': props<{ draft: OfficerDraft }>(),
    Queued: props<{ reference: string; queuedAt: string }>(),
    'Storage Failed': props<{ error: string }>(),
  },
});

export const OfficerNetworkActions = createActionGroup({
  source: 'Officer Network',
  events: {
    'Back Online': emptyProps(),
    'Retry Due': emptyProps(),
  },
});

/** Why a submitted report has not reached the hub yet. */
export type WaitingReason = 'offline' | 'unreachable';

export const OfficerApiActions = createActionGroup({
  source: 'Officer Api',
  events: {
    Sending: props<{ reference: string }>(),
    Received: props<{ reference: string; receipt: OfficerReferralReceipt }>(),
    /** The hub refused it (400 and the like): nothing was stored; the draft is kept to correct. */
    Rejected: props<{ reference: string; message: string; errors: DraftError[] }>(),
    Waiting: props<{ reference: string; reason: WaitingReason }>(),
    'Referrals Loaded': props<{ referrals: OfficerReferral[] }>(),
    'Referrals Load Failed': props<{ error: string }>(),
  },
});
