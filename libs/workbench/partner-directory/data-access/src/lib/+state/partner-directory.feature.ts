import type { FieldError, PartnerServiceRecord } from '@lantern/shared/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { PartnerDirectoryApiActions, PartnerDirectoryPageActions } from './partner-directory.actions';
import { IDLE, LoadStatus, OperationState } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

export interface PartnerDirectorySaveState extends OperationState {
  /** The API's field errors (JSON Pointer paths into the body sent). */
  fieldErrors: FieldError[];
  /** The service just saved (the dialog closes on it). */
  saved: string | null;
}

/** The partner directory: managed by admins, and read on a case for each service's hours. */
export interface PartnerDirectoryState {
  services: PartnerServiceRecord[];
  /** The list loaded holds inactive services too (the admin page). */
  includeInactive: boolean;
  status: LoadStatus;
  error: string | null;
  save: PartnerDirectorySaveState;
  /** Deactivate / reactivate of one row. */
  toggle: OperationState & { service: string | null };
}

const initialSave: PartnerDirectorySaveState = { ...IDLE, fieldErrors: [], saved: null };

export const initialPartnerDirectoryState: PartnerDirectoryState = {
  services: [],
  includeInactive: false,
  status: 'idle',
  error: null,
  save: initialSave,
  toggle: { ...IDLE, service: null },
};

/** Partner, then service name (as the API orders them). */
function byName(a: PartnerServiceRecord, b: PartnerServiceRecord): number {
  return a.partnerName.localeCompare(b.partnerName) || a.serviceName.localeCompare(b.serviceName);
}

function upsert(list: PartnerServiceRecord[], record: PartnerServiceRecord): PartnerServiceRecord[] {
  return [...list.filter((s) => s.service !== record.service), record].sort(byName);
}

export const partnerDirectoryFeature = createFeature({
  name: 'partnerDirectory',
  reducer: createReducer(
    initialPartnerDirectoryState,
    on(
      PartnerDirectoryPageActions.opened,
      PartnerDirectoryPageActions.retryClicked,
      (state): PartnerDirectoryState => ({
        ...state,
        status: state.status === 'loaded' && state.includeInactive ? 'loaded' : 'loading',
        error: null,
      }),
    ),
    on(
      CasePageActions.tabShown,
      (state, { tab }): PartnerDirectoryState =>
        tab !== 'referrals' || state.status === 'loaded' ? state : { ...state, status: 'loading' },
    ),
    on(
      PartnerDirectoryApiActions.loaded,
      (state, { services, includeInactive }): PartnerDirectoryState => ({
        ...state,
        services: [...services].sort(byName),
        includeInactive,
        status: 'loaded',
        error: null,
      }),
    ),
    on(
      PartnerDirectoryApiActions.loadFailed,
      (state, { error }): PartnerDirectoryState => ({
        ...state,
        status: state.services.length ? 'loaded' : 'error',
        error,
      }),
    ),
    on(
      PartnerDirectoryPageActions.dialogOpened,
      (state): PartnerDirectoryState => (state.save.pending ? state : { ...state, save: initialSave }),
    ),
    on(
      PartnerDirectoryPageActions.createSubmitted,
      PartnerDirectoryPageActions.updateSubmitted,
      (state): PartnerDirectoryState => ({ ...state, save: { ...initialSave, pending: true } }),
    ),
    on(
      PartnerDirectoryApiActions.saved,
      (state, { record }): PartnerDirectoryState => ({
        ...state,
        services: upsert(state.services, record),
        save: { ...initialSave, saved: record.service },
      }),
    ),
    on(
      PartnerDirectoryApiActions.saveFailed,
      (state, { error, code, fieldErrors }): PartnerDirectoryState => ({
        ...state,
        save: { ...initialSave, error, code, fieldErrors },
      }),
    ),
    on(
      PartnerDirectoryPageActions.activeToggled,
      (state, { record }): PartnerDirectoryState => ({
        ...state,
        toggle: { ...IDLE, pending: true, service: record.service },
      }),
    ),
    on(
      PartnerDirectoryApiActions.activeChanged,
      (state, { record }): PartnerDirectoryState => ({
        ...state,
        services: upsert(state.services, record),
        toggle: { ...IDLE, service: record.service },
      }),
    ),
    on(
      PartnerDirectoryApiActions.activeChangeFailed,
      (state, { service, error, code }): PartnerDirectoryState => ({
        ...state,
        toggle: { pending: false, error, code, service },
      }),
    ),
  ),
  extraSelectors: ({ selectServices }) => ({
    /** Each service by `partnerId/service` (the referral options name services the same way). */
    selectServicesByKey: createSelector(selectServices, (services) => {
      const out: Record<string, PartnerServiceRecord> = {};
      for (const s of services) out[`${s.partnerId}/${s.service}`] = s;
      return out;
    }),
  }),
});
