import { DEFAULT_PARTNER_SERVICES, type PartnerServiceRecord } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { withActive } from '../partners-api.service';
import { PartnerDirectoryApiActions, PartnerDirectoryPageActions } from './partner-directory.actions';
import { fieldErrors } from './partner-directory.effects';
import { initialPartnerDirectoryState, partnerDirectoryFeature } from './partner-directory.feature';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const reduce = partnerDirectoryFeature.reducer;
const rec = (i: number, over: Partial<PartnerServiceRecord> = {}): PartnerServiceRecord => ({
  ...DEFAULT_PARTNER_SERVICES[i],
  active: true,
  version: 1,
  updatedAt: '2026-11-23T07:00:00.000Z',
  ...over,
});
const loaded = () =>
  reduce(initialPartnerDirectoryState, PartnerDirectoryApiActions.loaded({ services: [rec(0), rec(1)], includeInactive: true }));

describe('partner directory reducer', () => {
  it('loads on the admin page, and once for the Referrals tab', () => {
    expect(reduce(initialPartnerDirectoryState, PartnerDirectoryPageActions.opened()).status).toBe('loading');
    expect(reduce(initialPartnerDirectoryState, CasePageActions.tabShown({ caseId: 'c1', tab: 'referrals' })).status).toBe('loading');
    expect(reduce(initialPartnerDirectoryState, CasePageActions.tabShown({ caseId: 'c1', tab: 'risk' })).status).toBe('idle');
    expect(reduce(loaded(), CasePageActions.tabShown({ caseId: 'c1', tab: 'referrals' })).status).toBe('loaded');
  });

  it('keeps services in partner then service order and by key', () => {
    const state = loaded();
    expect(state.services.map((s) => s.partnerName)).toEqual(['County IDVA Service', 'Safe Haven Refuge']);
    const byKey = partnerDirectoryFeature.selectServicesByKey.projector(state.services);
    expect(byKey['idva/idva'].serviceName).toBe('IDVA support');
  });

  it('a save: pending, then the record upserted and `saved` set (the dialog closes)', () => {
    let state = reduce(loaded(), PartnerDirectoryPageActions.createSubmitted({ body: DEFAULT_PARTNER_SERVICES[2] }));
    expect(state.save.pending).toBe(true);
    state = reduce(state, PartnerDirectoryApiActions.saved({ record: rec(2) }));
    expect(state.save).toMatchObject({ pending: false, saved: 'emotional-support', error: null });
    expect(state.services).toHaveLength(3);
    expect(state.services[0].partnerName).toBe('Catch22 Victim Care');
  });

  it('a refusal keeps the field errors; opening the dialog again clears them', () => {
    const fe = [{ path: '/notifyEmail', message: 'must match format "email"' }];
    let state = reduce(loaded(), PartnerDirectoryApiActions.saveFailed({ error: 'Invalid', code: 'validation', fieldErrors: fe }));
    expect(state.save.fieldErrors).toEqual(fe);
    state = reduce(state, PartnerDirectoryPageActions.dialogOpened());
    expect(state.save.fieldErrors).toEqual([]);
  });

  it('deactivate: the row changes in place', () => {
    let state = reduce(loaded(), PartnerDirectoryPageActions.activeToggled({ record: rec(0), active: false }));
    expect(state.toggle).toMatchObject({ pending: true, service: 'idva' });
    state = reduce(state, PartnerDirectoryApiActions.activeChanged({ record: rec(0, { active: false, version: 2 }) }));
    expect(state.services.find((s) => s.service === 'idva')).toMatchObject({ active: false, version: 2 });
    expect(state.toggle.pending).toBe(false);
  });
});

describe('withActive', () => {
  it('sends the entry as it is with only active changed, and the version edited', () => {
    const body = withActive(rec(0, { version: 4 }), false);
    expect(body).not.toHaveProperty('service');
    expect(body).not.toHaveProperty('updatedAt');
    expect(body).toMatchObject({ active: false, version: 4, partnerId: 'idva', notifyEmail: 'referrals@idva.partners.example' });
  });
});

describe('fieldErrors', () => {
  it('reads the problem’s errors, ignoring anything malformed', () => {
    const err = {
      status: 400,
      error: { title: 'Invalid request', errors: [{ path: '/rule/minAge', message: 'must be >= 0' }, { path: 3 }, 'x'] },
    };
    expect(fieldErrors(err)).toEqual([{ path: '/rule/minAge', message: 'must be >= 0' }]);
    expect(fieldErrors({ status: 500 })).toEqual([]);
  });
});
