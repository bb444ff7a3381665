import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { LawfulBasis, SafeguardingBasis } from '@lantern/shared/domain';
import type { ReferralOption } from '@lantern/shared/domain';
import type { Referral } from '../referrals-api.service';
import { ReferralFormActions, ReferralsApiActions } from './referrals.actions';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

export interface ReferralSaveState extends OperationState {
  /** The option (`partnerId/service`) the last request was for. */
  optionKey: string | null;
  /** Why the API refused (422 not-eligible / consent-required). */
  reasons: string[];
  /** The referral this user just sent (for the confirmation). */
  sentId: string | null;
}

/** Referral options and referrals of the open case. */
export interface ReferralsState {
  caseId: string | null;
  options: ReferralOption[];
  optionsStatus: LoadStatus;
  optionsError: string | null;
  referrals: Referral[];
  referralsStatus: LoadStatus;
  referralsError: string | null;
  /** The API answered 404: referrals are not offered (yet). */
  referralsUnavailable: boolean;
  save: ReferralSaveState;
  /** A hub step (close / revoke) on one referral made. */
  lifecycle: { referralId: string | null; pending: boolean; error: string | null };
  /** Recording a safeguarding basis; `recorded` is the one this user just recorded (until the case reloads). */
  basis: OperationState & { recorded: SafeguardingBasis | null };
  /** The hub's lawful bases for sharing without consent (configuration, loaded once). */
  lawfulBases: LawfulBasis[];
  lawfulBasesStatus: LoadStatus;
  lawfulBasesError: string | null;
}

const initialSave: ReferralSaveState = {
  ...IDLE,
  optionKey: null,
  reasons: [],
  sentId: null,
};

export const initialReferralsState: ReferralsState = {
  caseId: null,
  options: [],
  optionsStatus: 'idle',
  optionsError: null,
  referrals: [],
  referralsStatus: 'idle',
  referralsError: null,
  referralsUnavailable: false,
  save: initialSave,
  lifecycle: { referralId: null, pending: false, error: null },
  basis: { ...IDLE, recorded: null },
  lawfulBases: [],
  lawfulBasesStatus: 'idle',
  lawfulBasesError: null,
};

/** How an option is named in the save state. */
export function optionKey(o: { partnerId: string; service: string }): string {
  return `${o.partnerId}/${o.service}`;
}

function forOpenCase<P extends { caseId: string }>(
  fn: (state: ReferralsState, props: P) => ReferralsState,
): (state: ReferralsState, props: P) => ReferralsState {
  return (state, props) => (props.caseId === state.caseId ? fn(state, props) : state);
}

/** Newest first (unsent drafts before everything). */
function bySentAtDesc(a: Referral, b: Referral): number {
  return (b.sentAt ?? '\uffff').localeCompare(a.sentAt ?? '\uffff');
}

export const referralsFeature = createFeature({
  name: 'referrals',
  reducer: createReducer(
    initialReferralsState,
    on(
      CasePageActions.opened,
      (state, { caseId }): ReferralsState =>
        state.caseId === caseId
          ? state
          : {
              ...initialReferralsState,
              caseId,
              // Configuration, not case state: kept across cases.
              lawfulBases: state.lawfulBases,
              lawfulBasesStatus: state.lawfulBasesStatus === 'loaded' ? 'loaded' : 'idle',
            },
    ),
    on(
      CasePageActions.tabShown,
      (state, { caseId, tab }): ReferralsState =>
        caseId !== state.caseId || tab !== 'referrals'
          ? state
          : {
              ...state,
              optionsStatus: state.optionsStatus === 'loaded' ? 'loaded' : 'loading',
              referralsStatus: state.referralsStatus === 'loaded' ? 'loaded' : 'loading',
              lawfulBasesStatus: state.lawfulBasesStatus === 'loaded' ? 'loaded' : 'loading',
            },
    ),
    on(
      ReferralsApiActions.lawfulBasesLoaded,
      (state, { bases }): ReferralsState => ({ ...state, lawfulBases: bases, lawfulBasesStatus: 'loaded', lawfulBasesError: null }),
    ),
    on(
      ReferralsApiActions.lawfulBasesLoadFailed,
      (state, { error }): ReferralsState => ({
        ...state,
        lawfulBasesStatus: state.lawfulBases.length ? 'loaded' : 'error',
        lawfulBasesError: error,
      }),
    ),
    on(
      ReferralsApiActions.optionsLoaded,
      forOpenCase((state, { options }) => ({
        ...state,
        options,
        optionsStatus: 'loaded',
        optionsError: null,
      })),
    ),
    on(
      ReferralsApiActions.optionsLoadFailed,
      forOpenCase((state, { error }) => ({
        ...state,
        optionsStatus: state.options.length ? 'loaded' : 'error',
        optionsError: error,
      })),
    ),
    on(
      ReferralsApiActions.referralsLoaded,
      forOpenCase((state, { referrals }) => ({
        ...state,
        referrals: [...referrals].sort(bySentAtDesc),
        referralsStatus: 'loaded',
        referralsError: null,
        referralsUnavailable: false,
      })),
    ),
    on(
      ReferralsApiActions.referralsLoadFailed,
      forOpenCase((state, { error, unavailable }) => ({
        ...state,
        referralsStatus: state.referrals.length && !unavailable ? 'loaded' : 'error',
        referralsError: error,
        referralsUnavailable: unavailable,
      })),
    ),
    on(
      ReferralFormActions.submitted,
      forOpenCase((state, { request }) => ({
        ...state,
        save: { ...initialSave, pending: true, optionKey: optionKey(request) },
      })),
    ),
    on(
      ReferralsApiActions.referralSent,
      forOpenCase((state, { referral }) => ({
        ...state,
        referrals: [referral, ...state.referrals.filter((r) => r.id !== referral.id)].sort(bySentAtDesc),
        referralsStatus: 'loaded',
        referralsUnavailable: false,
        save: {
          ...initialSave,
          optionKey: state.save.optionKey,
          sentId: referral.id,
        },
      })),
    ),
    on(
      ReferralsApiActions.referralRefused,
      forOpenCase((state, { error, code, reasons }) => ({
        ...state,
        save: {
          ...initialSave,
          optionKey: state.save.optionKey,
          error,
          code,
          reasons,
        },
      })),
    ),
    on(
      ReferralFormActions.lifecycleSubmitted,
      forOpenCase((state, { referralId }) => ({
        ...state,
        lifecycle: { referralId, pending: true, error: null },
      })),
    ),
    on(
      ReferralsApiActions.lifecycleDone,
      forOpenCase((state, { referral }) => ({
        ...state,
        referrals: state.referrals.map((r) => (r.id === referral.id ? { ...r, ...referral } : r)).sort(bySentAtDesc),
        lifecycle: { referralId: referral.id, pending: false, error: null },
      })),
    ),
    on(
      ReferralsApiActions.lifecycleFailed,
      forOpenCase((state, { referralId, error }) => ({
        ...state,
        lifecycle: { referralId, pending: false, error },
      })),
    ),
    on(
      ReferralFormActions.safeguardingBasisSubmitted,
      forOpenCase((state) => ({
        ...state,
        basis: { ...IDLE, pending: true, recorded: state.basis.recorded },
      })),
    ),
    on(
      ReferralsApiActions.safeguardingBasisRecorded,
      forOpenCase((state, { basis }) => ({
        ...state,
        basis: { ...IDLE, recorded: basis },
      })),
    ),
    on(
      ReferralsApiActions.safeguardingBasisFailed,
      forOpenCase((state, { error, code }) => ({
        ...state,
        basis: { pending: false, error, code, recorded: state.basis.recorded },
      })),
    ),
    on(ReferralFormActions.formOpened, (state): ReferralsState => (state.save.pending ? state : { ...state, save: initialSave })),
  ),
  extraSelectors: ({ selectOptions }) => ({
    /** Services the case can be referred to, best first (the API ranks them). */
    selectEligibleOptions: createSelector(selectOptions, (options) => options.filter((o) => o.eligible)),
    /** Services the case cannot be referred to, each with why. */
    selectIneligibleOptions: createSelector(selectOptions, (options) => options.filter((o) => !o.eligible)),
  }),
});
