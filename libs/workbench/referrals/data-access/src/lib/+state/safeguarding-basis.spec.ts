import { describe, expect, it } from 'vitest';
import { ReferralFormActions, ReferralsApiActions } from './referrals.actions';
import { initialReferralsState, referralsFeature } from './referrals.feature';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

// Moved from the partner directory's spec when the state was split by domain: the basis is referral state.
describe('safeguarding basis (referrals reducer)', () => {
  const r = referralsFeature.reducer;
  const opened = () => r(initialReferralsState, CasePageActions.opened({ caseId: 'c1' }));
  const basis = {
    ground: 'marac-protocol',
    title: 'High-risk domestic abuse: the local MARAC information-sharing protocol',
    legalReference: 'UK GDPR Art. 6(1)(e)',
    reason: 'High risk; MARAC on Thursday.',
    by: 'Jordan Ellis',
    at: '2026-11-23T07:21:00.000Z',
  };

  it('pending, then recorded for the open case only', () => {
    let state = r(opened(), ReferralFormActions.safeguardingBasisSubmitted({ caseId: 'c1', ground: basis.ground, reason: basis.reason }));
    expect(state.basis.pending).toBe(true);
    expect(r(state, ReferralsApiActions.safeguardingBasisRecorded({ caseId: 'c2', basis })).basis.pending).toBe(true);
    state = r(state, ReferralsApiActions.safeguardingBasisRecorded({ caseId: 'c1', basis }));
    expect(state.basis).toMatchObject({ pending: false, error: null, recorded: basis });
  });

  it('keeps the lawful bases (configuration) across cases, and a load failure only while none are known', () => {
    const bases = [{ code: 'marac-protocol', title: 'MARAC protocol', legalReference: 'UK GDPR Art. 6(1)(e)' }];
    let state = r(opened(), CasePageActions.tabShown({ caseId: 'c1', tab: 'referrals' }));
    expect(state.lawfulBasesStatus).toBe('loading');
    state = r(state, ReferralsApiActions.lawfulBasesLoaded({ bases }));
    state = r(state, CasePageActions.opened({ caseId: 'c2' }));
    expect(state).toMatchObject({ caseId: 'c2', lawfulBases: bases, lawfulBasesStatus: 'loaded' });
    expect(r(state, ReferralsApiActions.lawfulBasesLoadFailed({ error: 'offline' })).lawfulBasesStatus).toBe('loaded');
    expect(r(opened(), ReferralsApiActions.lawfulBasesLoadFailed({ error: 'offline' }))).toMatchObject({
      lawfulBasesStatus: 'error',
      lawfulBasesError: 'offline',
    });
  });

  it('a refusal is kept to show', () => {
    const state = r(
      opened(),
      ReferralsApiActions.safeguardingBasisFailed({ caseId: 'c1', error: 'Only a team lead can record a safeguarding basis.', code: null }),
    );
    expect(state.basis.error).toBe('Only a team lead can record a safeguarding basis.');
  });
});
