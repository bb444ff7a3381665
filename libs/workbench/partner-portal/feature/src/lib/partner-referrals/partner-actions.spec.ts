import { describe, expect, it } from 'vitest';
import { partnerActions } from './partner-referrals-page';

describe('partnerActions', () => {
  it('offers only the partner steps REFERRAL_ACTIONS allows from the status', () => {
    expect(partnerActions('sent')).toEqual(['acknowledge', 'accept', 'decline']);
    expect(partnerActions('acknowledged')).toEqual(['accept', 'decline']);
    expect(partnerActions('accepted')).toEqual(['outcome']);
    expect(partnerActions('outcome-recorded')).toEqual([]);
    expect(partnerActions('draft')).toEqual([]);
    expect(partnerActions('revoked')).toEqual([]);
  });
});
