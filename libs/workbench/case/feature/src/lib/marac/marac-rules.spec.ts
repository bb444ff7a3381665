import type { MaracReferral, ReportRevision } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { maracReferralInForce } from './marac-rules';

const referral = (referredAt: string): MaracReferral =>
  ({ id: referredAt, caseId: 'c1', referredAt, maracArea: 'Herts', perpetratorPersonId: null, note: null }) as unknown as MaracReferral;
const report = (receivedAt: string): ReportRevision => ({ id: 'r', revision: 1, receivedAt }) as unknown as ReportRevision;

describe('maracReferralInForce', () => {
  it('is the newest referral made since the current report arrived', () => {
    const d = {
      reports: [report('2026-12-01T10:00:00Z')],
      maracReferrals: [referral('2026-12-01T12:00:00Z'), referral('2026-12-02T09:00:00Z')],
    };
    expect(maracReferralInForce(d)?.referredAt).toBe('2026-12-02T09:00:00Z');
  });

  it('is none when nothing was referred, or a newer report came after the referral (the criteria may be met again)', () => {
    expect(maracReferralInForce({ reports: [report('2026-12-01T10:00:00Z')], maracReferrals: [] })).toBeNull();
    expect(
      maracReferralInForce({ reports: [report('2026-12-03T10:00:00Z')], maracReferrals: [referral('2026-12-02T09:00:00Z')] }),
    ).toBeNull();
    expect(maracReferralInForce({})).toBeNull();
  });
});
