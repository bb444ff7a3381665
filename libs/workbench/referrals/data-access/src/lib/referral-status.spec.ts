import { describe, expect, it } from 'vitest';
import { ackOverdue, outcomeLabel, referralStatus } from './referral-status';
import type { Referral } from './referrals-api.service';

const r = (over: Partial<Referral>): Referral => ({
  id: 'r1',
  partnerName: 'P',
  serviceName: 'S',
  status: 'sent',
  sentAt: '2026-11-23T10:00:00Z',
  ackDueAt: '2026-11-24T10:00:00Z',
  ...over,
});

describe('referral status', () => {
  it('names every status in words', () => {
    expect(referralStatus('sent')).toEqual({ label: 'Sent', tone: 'progress' });
    expect(referralStatus('outcome-recorded').label).toBe('Outcome recorded');
    expect(referralStatus('declined').tone).toBe('bad');
    expect(outcomeLabel('refuge-place-found')).toBe('Refuge place found');
    expect(referralStatus('something-new')).toEqual({ label: 'something-new', tone: 'done' });
  });

  it('trusts the API’s overdue flag, else works it out for sent referrals', () => {
    const after = Date.parse('2026-11-25T10:00:00Z');
    expect(ackOverdue(r({ overdue: false }), after)).toBe(false);
    expect(ackOverdue(r({ overdue: true }), 0)).toBe(true);
    expect(ackOverdue(r({}), after)).toBe(true);
    expect(ackOverdue(r({ status: 'acknowledged' }), after)).toBe(false);
    expect(ackOverdue(r({}), Date.parse('2026-11-23T12:00:00Z'))).toBe(false);
  });
});
