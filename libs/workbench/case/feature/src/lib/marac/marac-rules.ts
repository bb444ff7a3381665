import type { CaseDetail, MaracReferral } from '@lantern/shared/domain';

/**
 * The MARAC referral already made for what the case is now: the newest one recorded on this case at or after its
 * current police report arrived, or null. A report that arrives after the referral (a new incident on the case) may
 * meet the criteria again, so the case asks again; until then "MARAC referral required" beside a referral already
 * recorded invited a second one.
 */
export function maracReferralInForce(d: Partial<Pick<CaseDetail, 'maracReferrals' | 'reports'>>): MaracReferral | null {
  // Either list may be missing while the detail is still arriving: nothing is known to be referred then.
  const current = d.reports?.[0]?.receivedAt;
  const newest = [...(d.maracReferrals ?? [])].sort((a, b) => b.referredAt.localeCompare(a.referredAt))[0];
  if (!newest) return null;
  return !current || Date.parse(newest.referredAt) >= Date.parse(current) ? newest : null;
}
