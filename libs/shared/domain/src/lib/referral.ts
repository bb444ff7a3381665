import type { PartnerService } from './eligibility';

export const REFERRAL_STATUSES = [
  'draft',
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'outcome-recorded',
  'closed',
  'revoked',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralAction = 'send' | 'acknowledge' | 'accept' | 'decline' | 'outcome' | 'close' | 'revoke';

/** The referral lifecycle as one table: action → the statuses it may start from, and where it leads. */
export const REFERRAL_ACTIONS: Readonly<
  Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus; by: 'hub' | 'partner' | 'team-lead' }>
> = {
  send: { from: ['draft'], to: 'sent', by: 'hub' },
  acknowledge: { from: ['sent'], to: 'acknowledged', by: 'partner' },
  accept: { from: ['sent', 'acknowledged'], to: 'accepted', by: 'partner' },
  decline: { from: ['sent', 'acknowledged'], to: 'declined', by: 'partner' },
  outcome: { from: ['accepted'], to: 'outcome-recorded', by: 'partner' },
  close: { from: ['outcome-recorded', 'declined'], to: 'closed', by: 'hub' },
  revoke: { from: ['draft', 'sent', 'acknowledged', 'accepted'], to: 'revoked', by: 'team-lead' },
};

export const REFERRAL_OUTCOMES = [
  'order-granted',
  'order-refused',
  'refuge-place-found',
  'engaged-with-support',
  'victim-declined',
  'unable-to-contact',
  'other',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * A team lead's recorded lawful basis for sharing without consent. `ground` is the code of one of the configured
 * lawful bases (GET /api/v1/lawful-bases, lawful-basis.ts); its title and legal reference are kept as they read
 * when it was recorded, so a later change to the list does not rewrite what was relied on.
 */
export interface SafeguardingBasis {
  ground: string;
  title: string;
  legalReference: string;
  reason: string;
  /** The team lead's display name. */
  by: string;
  at: string;
}

/** GET /api/v1/cases/:id/referral-options: one partner service of the directory, eligible or not, and why. */
export interface ReferralOption {
  partnerId: string;
  partnerName: string;
  service: string;
  serviceName: string;
  kind: PartnerService['kind'];
  eligible: boolean;
  reasons: string[];
}

/** Only what a partner needs: shared with the partner user, frozen when the referral is sent. */
export interface ReferralDataset {
  victim: {
    firstName: string;
    lastName: string;
    gender: string | null;
    age: number | null;
    preferredLanguage: string | null;
    interpreterNeeded: boolean | null;
    safeNumbers: string[];
    safeTimes: string | null;
    channels: string[];
  };
  area: string;
  risk?: { grade: string | null; maracReasons: string[] };
  suspect?: { name: string; relationship: string | null };
  children?: Array<{ ageYears: number; livesWithVictim: boolean | null; presentAtIncident: boolean | null }>;
  incidentSummary?: string;
  referralNote: string | null;
}

export interface Referral {
  id: string;
  caseId: string;
  reference: string;
  partnerId: string;
  partnerName: string;
  service: string;
  serviceName: string;
  status: ReferralStatus;
  createdAt: string;
  createdBy: { id: string; displayName: string };
  sentAt: string | null;
  ackDueAt: string | null;
  /** Sent, not yet acknowledged, and past the partner's promised time. */
  overdue: boolean;
  acknowledgedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  outcome: ReferralOutcome | null;
  outcomeNote: string | null;
  closedAt: string | null;
  revokedAt: string | null;
  dataset: ReferralDataset | null;
  version: number;
}

/** Which parts of the dataset a kind of partner gets. */
export function datasetScope(kind: PartnerService['kind']): { risk: boolean; suspect: boolean; children: boolean; incident: boolean } {
  switch (kind) {
    case 'idva':
      return { risk: true, suspect: true, children: true, incident: true };
    case 'childrens-services':
      return { risk: true, suspect: true, children: true, incident: true };
    case 'legal-advice':
      return { risk: true, suspect: true, children: false, incident: true };
    case 'refuge':
      return { risk: true, suspect: false, children: true, incident: false };
    case 'outreach':
      return { risk: true, suspect: false, children: true, incident: false };
    default:
      return { risk: false, suspect: false, children: false, incident: false };
  }
}
