import type { OfficerReferral, OfficerReferralReceipt } from '@lantern/shared/domain';
import { AuthApiActions, type LoadStatus } from '@lantern/workbench/auth/data-access';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { DraftError, OfficerDraft } from '../officer-draft';
import {
  OfficerApiActions,
  OfficerDeviceActions,
  OfficerFormActions,
  OfficerReferralsPageActions,
  type WaitingReason,
} from './officer.actions';

export interface OfficerState {
  /** The draft on screen; null until the device has been read. */
  draft: OfficerDraft | null;
  /** References submitted on this phone and not yet received by the hub (oldest first). */
  pending: string[];
  /** When each waiting reference was queued (RFC 3339): one waiting over a day is shown with a warning. */
  queuedAt: Record<string, string>;
  /** The reference being sent right now. */
  sending: string | null;
  waiting: WaitingReason | null;
  /** The last referral the hub received from this phone. */
  receipt: OfficerReferralReceipt | null;
  rejection: { reference: string; message: string; errors: DraftError[] } | null;
  storageError: string | null;
  referrals: OfficerReferral[];
  referralsStatus: LoadStatus;
  referralsError: string | null;
}

export const initialOfficerState: OfficerState = {
  draft: null,
  pending: [],
  queuedAt: {},
  sending: null,
  waiting: null,
  receipt: null,
  rejection: null,
  storageError: null,
  referrals: [],
  referralsStatus: 'idle',
  referralsError: null,
};

export const officerFeature = createFeature({
  name: 'officer',
  reducer: createReducer(
    initialOfficerState,
    on(OfficerDeviceActions.loaded, (state, { draft, pending, queuedAt }): OfficerState => ({ ...state, draft, pending, queuedAt })),
    on(
      OfficerFormActions.draftChanged,
      (state, { draft }): OfficerState => (state.pending.includes(draft.reference) ? state : { ...state, draft }),
    ),
    on(OfficerFormActions.submitted, (state, { draft }): OfficerState => ({ ...state, draft, rejection: null, receipt: null })),
    on(OfficerDeviceActions.draftStarted, (state, { draft }): OfficerState => ({ ...state, draft, receipt: null, rejection: null })),
    on(
      OfficerDeviceActions.queued,
      (state, { reference, queuedAt }): OfficerState => ({
        ...state,
        pending: state.pending.includes(reference) ? state.pending : [...state.pending, reference],
        queuedAt: { ...state.queuedAt, [reference]: queuedAt },
      }),
    ),
    on(OfficerDeviceActions.storageFailed, (state, { error }): OfficerState => ({ ...state, storageError: error })),
    on(OfficerApiActions.sending, (state, { reference }): OfficerState => ({ ...state, sending: reference })),
    on(
      OfficerApiActions.received,
      (state, { reference, receipt }): OfficerState => ({
        ...state,
        sending: null,
        waiting: state.pending.length > 1 ? state.waiting : null,
        pending: state.pending.filter((r) => r !== reference),
        receipt,
      }),
    ),
    on(
      OfficerApiActions.rejected,
      (state, { reference, message, errors }): OfficerState => ({
        ...state,
        sending: null,
        pending: state.pending.filter((r) => r !== reference),
        rejection: { reference, message, errors },
      }),
    ),
    on(OfficerApiActions.waiting, (state, { reason }): OfficerState => ({ ...state, sending: null, waiting: reason })),
    on(
      OfficerReferralsPageActions.opened,
      OfficerReferralsPageActions.refreshClicked,
      (state): OfficerState => ({ ...state, referralsStatus: 'loading', referralsError: null }),
    ),
    on(OfficerApiActions.referralsLoaded, (state, { referrals }): OfficerState => ({ ...state, referrals, referralsStatus: 'loaded' })),
    on(
      OfficerApiActions.referralsLoadFailed,
      (state, { error }): OfficerState => ({ ...state, referralsStatus: 'error', referralsError: error }),
    ),
    on(AuthApiActions.signedOut, (): OfficerState => initialOfficerState),
  ),
  extraSelectors: ({ selectDraft, selectPending, selectReceipt }) => ({
    /** The draft on screen has been submitted and waits for the hub: the form is locked. */
    selectDraftPending: createSelector(selectDraft, selectPending, (draft, pending) => !!draft && pending.includes(draft.reference)),
    /** The draft on screen was received: show the receipt. */
    selectDraftReceived: createSelector(selectDraft, selectReceipt, (draft, receipt) => !!draft && receipt?.reference === draft.reference),
  }),
});
