import { describe, expect, it } from 'vitest';
import { ReferralFormActions, ReferralsApiActions } from './referrals.actions';
import { initialReferralsState, referralsFeature } from './referrals.feature';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

// Moved from the partner directory's spec when the state was split by domain: the basis is referral state.
describe('safeguarding basis (referrals reducer)', () => {
  const r = referralsFeature.reducer;
  const opened = () => r(initialReferralsState, CasePageActions.opened({ caseId: 'c1' }));
  const basis = {
    ground: 'consent-cannot-be-given' as const,
    reason: 'Lacks capacity.',
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

  it('a refusal is kept to show', () => {
    const state = r(
      opened(),
      ReferralsApiActions.safeguardingBasisFailed({ caseId: 'c1', error: 'Only a team lead can record a safeguarding basis.', code: null }),
    );
    expect(state.basis.error).toBe('Only a team lead can record a safeguarding basis.');
  });
});
