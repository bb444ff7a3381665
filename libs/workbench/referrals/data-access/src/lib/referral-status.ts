import type { Referral, ReferralStatus } from './referrals-api.service';

export type ReferralTone = 'progress' | 'good' | 'bad' | 'done' | 'draft';

export interface ReferralStatusView {
  label: string;
  tone: ReferralTone;
}

const STATUS: Record<ReferralStatus, ReferralStatusView> = {
  draft: { label: 'Draft', tone: 'draft' },
  sent: { label: 'Sent', tone: 'progress' },
  acknowledged: { label: 'Acknowledged', tone: 'progress' },
  accepted: { label: 'Accepted', tone: 'good' },
  declined: { label: 'Declined', tone: 'bad' },
  'outcome-recorded': { label: 'Outcome recorded', tone: 'good' },
  closed: { label: 'Closed', tone: 'done' },
  revoked: { label: 'Revoked', tone: 'bad' },
};

/** A referral's status as words and a colour (the words carry the meaning). */
export function referralStatus(status: string): ReferralStatusView {
  return STATUS[status as ReferralStatus] ?? { label: status, tone: 'done' };
}

/** Waiting for the partner to acknowledge past the time they promised. */
export function ackOverdue(r: Referral, now: number): boolean {
  if (r.overdue !== undefined) return !!r.overdue;
  return r.status === 'sent' && !!r.ackDueAt && Date.parse(r.ackDueAt) < now;
}

/** An outcome code ('refuge-place-found') as words ("Refuge place found"). */
export function outcomeLabel(outcome: string): string {
  const words = outcome.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
