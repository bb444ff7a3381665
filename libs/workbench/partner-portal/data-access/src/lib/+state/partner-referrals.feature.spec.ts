import type { Referral } from '@lantern/shared/domain';
import { Actions } from '@ngrx/effects';
import { Subject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { PartnerApiActions, PartnerPortalActions, PartnerTimerActions } from './partner-referrals.actions';
import { expireChangedHighlights } from './partner-referrals.effects';
import { initialPartnerReferralsState, partnerReferralsFeature } from './partner-referrals.feature';
import { LIVE_HIGHLIGHT_MS, LiveSocketActions } from '@lantern/workbench/data-access-live';

const reduce = partnerReferralsFeature.reducer;

function referral(id: string, sentAt: string, status: Referral['status'] = 'sent'): Referral {
  return {
    id,
    caseId: '',
    reference: `HC/2026/${id}`,
    partnerId: 'idva',
    partnerName: 'County IDVA Service',
    service: 'idva-support',
    serviceName: 'IDVA support',
    status,
    createdAt: sentAt,
    createdBy: { id: 'u1', displayName: 'Sam Carter' },
    sentAt,
    ackDueAt: null,
    overdue: false,
    acknowledgedAt: null,
    acceptedAt: null,
    declinedAt: null,
    declineReason: null,
    outcome: null,
    outcomeNote: null,
    closedAt: null,
    revokedAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
    dataset: null,
    version: 1,
  };
}

describe('partner referrals reducer', () => {
  it('loads the list newest first', () => {
    const loading = reduce(initialPartnerReferralsState, PartnerPortalActions.opened());
    expect(loading.status).toBe('loading');
    const state = reduce(
      loading,
      PartnerApiActions.referralsLoaded({
        referrals: [referral('a', '2026-11-01T10:00:00Z'), referral('b', '2026-11-02T10:00:00Z')],
      }),
    );
    expect(state.status).toBe('loaded');
    expect(state.referrals.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('keeps the list when a reload fails, and shows an error only when there is nothing to show', () => {
    const empty = reduce(initialPartnerReferralsState, PartnerApiActions.referralsLoadFailed({ error: 'Down' }));
    expect(empty).toMatchObject({ status: 'error', error: 'Down' });
    const loaded = reduce(
      initialPartnerReferralsState,
      PartnerApiActions.referralsLoaded({ referrals: [referral('a', '2026-11-01T10:00:00Z')] }),
    );
    expect(reduce(loaded, PartnerApiActions.referralsLoadFailed({ error: 'Down' })).status).toBe('loaded');
  });

  it('marks live changes and tracks one action at a time', () => {
    const loaded = reduce(
      initialPartnerReferralsState,
      PartnerApiActions.referralsLoaded({ referrals: [referral('a', '2026-11-01T10:00:00Z')] }),
    );
    expect(reduce(loaded, LiveSocketActions.referralChanged({ event: { referralId: 'a', status: 'accepted' } })).changedIds).toEqual(['a']);
    const pending = reduce(loaded, PartnerPortalActions.actionSubmitted({ referralId: 'a', action: 'accept', body: {} }));
    expect(pending.act).toMatchObject({ referralId: 'a', pending: true, error: null });
    const done = reduce(
      pending,
      PartnerApiActions.actionSucceeded({ action: 'accept', referral: referral('a', '2026-11-01T10:00:00Z', 'accepted') }),
    );
    expect(done.referrals[0].status).toBe('accepted');
    expect(done.act).toMatchObject({ pending: false, done: 'accept' });
    const failed = reduce(pending, PartnerApiActions.actionFailed({ referralId: 'a', action: 'accept', error: 'Already declined' }));
    expect(failed.act).toMatchObject({ pending: false, error: 'Already declined', done: null });
  });

  it('ends the highlight of a live change after LIVE_HIGHLIGHT_MS, so a later change of the same referral is highlighted again', () => {
    vi.useFakeTimers();
    try {
      const source = new Subject<ReturnType<typeof LiveSocketActions.referralChanged>>();
      const out: unknown[] = [];
      const sub = expireChangedHighlights(new Actions(source)).subscribe((a) => out.push(a));
      source.next(LiveSocketActions.referralChanged({ event: { referralId: 'a', status: 'accepted' } }));
      vi.advanceTimersByTime(LIVE_HIGHLIGHT_MS - 1);
      expect(out).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(out).toEqual([PartnerTimerActions.highlightElapsed({ referralId: 'a' })]);
      sub.unsubscribe();
    } finally {
      vi.useRealTimers();
    }
    const changed = reduce(
      initialPartnerReferralsState,
      LiveSocketActions.referralChanged({ event: { referralId: 'a', status: 'accepted' } }),
    );
    const both = reduce(changed, LiveSocketActions.referralChanged({ event: { referralId: 'b', status: 'sent' } }));
    const elapsed = reduce(both, PartnerTimerActions.highlightElapsed({ referralId: 'a' }));
    expect(elapsed.changedIds).toEqual(['b']);
    expect(reduce(elapsed, PartnerTimerActions.highlightElapsed({ referralId: 'a' }))).toBe(elapsed);
    expect(reduce(elapsed, LiveSocketActions.referralChanged({ event: { referralId: 'a', status: 'declined' } })).changedIds).toEqual([
      'b',
      'a',
    ]);
  });
});
