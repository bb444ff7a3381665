import type { DashChildrenKey, VictimInformed } from './children';
import type { PartnerService } from './eligibility';
import type { DashAnswer } from './report';
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
  /** Eligible, but a "Check:" reason needs judgement first (e.g. legal advice when the suspect is under 18). */
  check?: boolean;
}

/**
 * What a children's-services front door (MASH) needs to act on a referral (issue 12, part 4): who each child is, where
 * they live, the adults around them, the police DASH children answers, and whether the victim was told. What the
 * police report does not carry is named (`notInPoliceReport`), never left blank for a reader to wonder about.
 */
export interface ChildrensServicesDataset {
  /** Why children's services: children in the household or present, pregnancy, a victim or suspect under 18. */
  grounds: string[];
  children: Array<{
    /** First name as the police recorded it (the report has no surname); null = not recorded. */
    name: string | null;
    ageYears: number;
    livesWithVictim: boolean | null;
    presentAtIncident: boolean | null;
    /** The household address (the victim's) when the child lives with the victim; null = not known. */
    address: string | null;
    /** Not in the police report: null, and listed in notInPoliceReport. */
    otherParent: string | null;
    suspectRelationship: string | null;
    school: string | null;
  }>;
  /** The children list and the police DASH disagree, in words (CaseDetail.childrenNote). */
  childrenNote: string | null;
  /** Police DASH q9–q12 with the question; 'not-asked' when the officer did not ask it (or used DARA/judgement). */
  dashChildren: Array<{ key: DashChildrenKey; question: string; answer: DashAnswer | 'not-asked' }>;
  victim: {
    firstName: string;
    lastName: string;
    dateOfBirth: string | null;
    /** On the incident date (Europe/London); null = not known. */
    ageAtIncident: number | null;
    gender: string | null;
    address: string | null;
    pregnant: boolean;
    under18: boolean;
  };
  suspect: {
    firstName: string | null;
    lastName: string | null;
    dateOfBirth: string | null;
    ageAtIncident: number | null;
    gender: string | null;
    relationshipToVictim: string | null;
    livesWithVictim: boolean | null;
    arrested: boolean | null;
    onBail: boolean | null;
    under18: boolean;
  } | null;
  incident: { occurredAt: string; offences: string[]; injuries: boolean | null; weaponUsed: boolean | null; strangulation: boolean | null };
  /** Consent is not needed (statutory), but the victim is told unless that would put a child at risk. */
  victimInformed: VictimInformed;
  victimInformedReason: string | null;
  /** What a front door asks for that the police report (police-da-report.v1) does not carry. */
  notInPoliceReport: string[];
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
  /**
   * Where the victim lives as the hub holds it: the case's outreach area (her home postcode's, a caseworker's
   * correction, else the incident's when her home is not known), or "Outside the county" for a home postcode outside
   * it; the local team that would serve her. Until session 47 it was the incident area (datasets stored before keep it).
   */
  area: string;
  /**
   * Where the incident happened (the police report's area), for the kinds of partner given the incident
   * (datasetScope), when it is another area than `area`.
   */
  incidentArea?: string;
  risk?: { grade: string | null; maracReasons: string[] };
  suspect?: { name: string; relationship: string | null };
  children?: Array<{ ageYears: number; livesWithVictim: boolean | null; presentAtIncident: boolean | null }>;
  /**
   * With `children`: the case counts children in the household (the list, or the police DASH children answers when
   * the list has none at home): an empty list then is "none listed", never "none".
   */
  childrenInHousehold?: boolean;
  incidentSummary?: string;
  referralNote: string | null;
  /** Children's services only: the front-door dataset. */
  childrensServices?: ChildrensServicesDataset;
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
  /** Children's services: whether the victim was (or will be) told of the referral, or (no-risk-to-child) why not. */
  victimInformed?: VictimInformed | null;
  victimInformedReason?: string | null;
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

/** What a partner is told when the case counts children at home that the police report's list does not show. */
export const CHILDREN_AT_HOME_UNLISTED =
  'The police DASH says children live in the household, but the report does not list them: ask the hub for their details';

/** The case counts children in the household, but no child on the list lives with the victim (the partner is told). */
export function childrenAtHomeUnlisted(d: Pick<ReferralDataset, 'children' | 'childrenInHousehold'>): boolean {
  return !!d.childrenInHousehold && !(d.children ?? []).some((c) => c.livesWithVictim !== false);
}
