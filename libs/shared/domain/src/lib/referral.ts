import type { PartnerService } from './eligibility';
import type { PartnerSafeContact } from './partner-safe-contact';

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

/**
 * Only what a partner needs, stored when the referral is sent. The safe-contact plan is the hub's current one while
 * the referral is open (REFERRAL_CURRENT_PLAN_STATUSES); once the dataset is withdrawn (revoked, or sharing consent
 * withdrawn) it is erased and the referral is `null` here, a tombstone.
 */
export interface ReferralDataset {
  victim: {
    firstName: string;
    lastName: string;
    gender: string | null;
    age: number | null;
    preferredLanguage: string | null;
    interpreterNeeded: boolean | null;
  };
  /** The confirmed safe-contact plan: safe numbers, times in words, channels, the code word where the service needs it. */
  safeContact: PartnerSafeContact;
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
  /** When the shared dataset was erased (revoked, or sharing consent withdrawn): the partner keeps only this tombstone. */
  withdrawnAt: string | null;
  /** Why it was withdrawn, as the hub wrote it (shown to the partner). */
  withdrawalReason: string | null;
  /** The partner's dataset; null for a draft and for a withdrawn referral. */
  dataset: ReferralDataset | null;
  version: number;
}

/**
 * Statuses in which a partner may still be working with the victim: their dataset carries the hub's current
 * safe-contact plan (a changed number or time reaches them at once). Declined and closed referrals keep the plan as
 * sent, marked not current.
 */
export const REFERRAL_CURRENT_PLAN_STATUSES: readonly ReferralStatus[] = ['sent', 'acknowledged', 'accepted', 'outcome-recorded'];

/**
 * Which parts of the dataset a kind of partner gets (every kind gets the victim's name, age, language, area and the
 * confirmed safe numbers, times and channels). The code word goes only to services whose own workers phone the victim
 * as their first step (IDVA, refuge, outreach, emotional support, the male victims' service): it is how the victim
 * knows the call is genuine, and every extra holder is one more way for it to reach the perpetrator. Legal advice
 * acts on the victim's instructions once contact is made (through the hub or the IDVA); children's services work with
 * the whole household, perpetrator included, on a statutory basis: neither gets it.
 */
export function datasetScope(kind: PartnerService['kind']): {
  risk: boolean;
  suspect: boolean;
  children: boolean;
  incident: boolean;
  codeWord: boolean;
} {
  switch (kind) {
    case 'idva':
      return { risk: true, suspect: true, children: true, incident: true, codeWord: true };
    case 'childrens-services':
      return { risk: true, suspect: true, children: true, incident: true, codeWord: false };
    case 'legal-advice':
      return { risk: true, suspect: true, children: false, incident: true, codeWord: false };
    case 'refuge':
      return { risk: true, suspect: false, children: true, incident: false, codeWord: true };
    case 'outreach':
      return { risk: true, suspect: false, children: true, incident: false, codeWord: true };
    case 'emotional-support':
    case 'male-victims':
      return { risk: false, suspect: false, children: false, incident: false, codeWord: true };
    default:
      return { risk: false, suspect: false, children: false, incident: false, codeWord: false };
  }
}
