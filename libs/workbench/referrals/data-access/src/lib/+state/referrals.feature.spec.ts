import { describe, expect, it } from 'vitest';
import type { ReferralOption } from '@lantern/shared/domain';
import type { Referral } from '../referrals-api.service';
import { ReferralFormActions, ReferralsApiActions } from './referrals.actions';
import { refusalReasons } from './referrals.effects';
import { initialReferralsState, referralsFeature } from './referrals.feature';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const reduce = referralsFeature.reducer;
const opened = () => reduce(initialReferralsState, CasePageActions.opened({ caseId: 'c1' }));

function option(service: string, eligible: boolean, reasons: string[] = []): ReferralOption {
  return {
    partnerId: service,
    partnerName: `Partner ${service}`,
    service,
    serviceName: `Service ${service}`,
    kind: 'idva',
    eligible,
    reasons,
  };
}

function referral(id: string, sentAt: string | null, status: Referral['status'] = 'sent'): Referral {
  return {
    id,
    partnerName: 'County IDVA Service',
    serviceName: 'IDVA support',
    status,
    sentAt,
    ackDueAt: null,
    overdue: false,
    declineReason: null,
    outcome: null,
  };
}

describe('referrals reducer', () => {
  it('starts loading when the Referrals tab is shown, and not for other tabs or cases', () => {
    expect(reduce(opened(), CasePageActions.tabShown({ caseId: 'c1', tab: 'history' })).optionsStatus).toBe('idle');
    expect(reduce(opened(), CasePageActions.tabShown({ caseId: 'c2', tab: 'referrals' })).optionsStatus).toBe('idle');
    const state = reduce(opened(), CasePageActions.tabShown({ caseId: 'c1', tab: 'referrals' }));
    expect(state).toMatchObject({ optionsStatus: 'loading', referralsStatus: 'loading' });
  });

  it('splits the options into eligible and not suitable, keeping the API’s order', () => {
    const options = [option('idva', true, ['High risk']), option('refuge', true), option('mankind', false, ['Male victims only'])];
    const state = reduce(opened(), ReferralsApiActions.optionsLoaded({ caseId: 'c1', options }));
    expect(state.optionsStatus).toBe('loaded');
    expect(referralsFeature.selectEligibleOptions.projector(state.options).map((o) => o.service)).toEqual(['idva', 'refuge']);
    expect(referralsFeature.selectIneligibleOptions.projector(state.options).map((o) => o.service)).toEqual(['mankind']);
  });

  it('ignores answers for another case', () => {
    const state = reduce(opened(), ReferralsApiActions.optionsLoaded({ caseId: 'c2', options: [option('idva', true)] }));
    expect(state.options).toEqual([]);
  });

  it('records that referrals are not offered when the list is a 404', () => {
    const state = reduce(opened(), ReferralsApiActions.referralsLoadFailed({ caseId: 'c1', error: 'Not yet', unavailable: true }));
    expect(state).toMatchObject({ referralsStatus: 'error', referralsUnavailable: true, referralsError: 'Not yet' });
  });

  it('adds a sent referral, newest first, and remembers which option it was for', () => {
    let state = reduce(
      opened(),
      ReferralsApiActions.referralsLoaded({ caseId: 'c1', referrals: [referral('old', '2026-11-20T10:00:00Z')] }),
    );
    state = reduce(state, ReferralFormActions.submitted({ caseId: 'c1', request: { partnerId: 'idva', service: 'idva' } }));
    expect(state.save).toMatchObject({ pending: true, optionKey: 'idva/idva' });
    state = reduce(state, ReferralsApiActions.referralSent({ caseId: 'c1', referral: referral('new', '2026-11-23T10:00:00Z') }));
    expect(state.referrals.map((r) => r.id)).toEqual(['new', 'old']);
    expect(state.save).toMatchObject({ pending: false, sentId: 'new', optionKey: 'idva/idva' });
  });

  it('keeps the reasons of a refusal until the form is opened again', () => {
    let state = reduce(opened(), ReferralFormActions.submitted({ caseId: 'c1', request: { partnerId: 'idva', service: 'idva' } }));
    state = reduce(
      state,
      ReferralsApiActions.referralRefused({
        caseId: 'c1',
        reasons: ['No consent to share'],
        error: 'Consent is required.',
        code: 'consent-required',
      }),
    );
    expect(state.save).toMatchObject({ code: 'consent-required', reasons: ['No consent to share'], optionKey: 'idva/idva' });
    state = reduce(state, ReferralFormActions.formOpened());
    expect(state.save).toMatchObject({ error: null, reasons: [], optionKey: null });
  });

  it('reads the reasons of a 422', () => {
    expect(
      refusalReasons({
        status: 422,
        error: { type: 'about:blank', title: 'Unprocessable', status: 422, code: 'not-eligible', reasons: ['Male victims only', 3] },
      }),
    ).toEqual(['Male victims only']);
    expect(refusalReasons({ status: 500 })).toEqual([]);
  });
});
