import type { PoliceReport, RiskGrade } from './report';

export const CASE_STATUSES = ['new', 'triage', 'contacting', 'assessment', 'support', 'closed', 'unable-to-contact', 'declined'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Cases still needing the hub: the triage queue shows these (the API's default filter and the client's). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'triage', 'contacting', 'assessment', 'support'];

export function isInQueue(c: { status: CaseStatus }): boolean {
  return OPEN_STATUSES.includes(c.status);
}

export type MaracReason =
  | 'visible-high-risk'
  | 'professional-judgement'
  | 'potential-escalation'
  | 'repeat'
  /** The police officer graded the incident high (DASH, DARA or judgement): every high-risk case goes to MARAC. */
  | 'police-high-risk';

/** Where the case's current grade came from: the police officer's assessment, or the hub's own DASH RIC. */
export type RiskSource = 'officer' | 'hub';

export interface CaseRisk {
  grade: RiskGrade | null;
  /** SafeLives RIC score (hub assessment); null until the hub has assessed. */
  score: number | null;
  source: RiskSource;
  /** The police tool behind an officer grade (dash | dara | judgement). */
  officerTool: string | null;
  marac: { required: boolean; reasons: MaracReason[] };
  /** The police grade: the officer's grade with the police DASH score's band folded in (the higher); null if none. */
  policeGrade: RiskGrade | null;
  /** "Yes" among the 24 RIC questions of the police DASH (q10–q12 never count); null without a police DASH. */
  policeScore: number | null;
  /** A team lead's recorded decision to grade below the police ("agreed with police"), while it governs; else null. */
  agreedWithPolice: import('./police-risk').AgreedWithPolice | null;
}

export interface PriorityFactor {
  factor: string;
  points: number;
  label: string;
}

export interface CasePriority {
  score: number;
  factors: PriorityFactor[];
}

export interface CaseSla {
  assignDueAt: string | null;
  firstContactDueAt: string | null;
  breached: boolean;
  /** ok, near (within the near-breach window of staffed time) or breached. */
  state: 'ok' | 'near' | 'breached';
  /** The earliest clock still running, if any. */
  nextDueAt: string | null;
  /**
   * From when these clocks count as breached (`breached` at any instant after it): the earliest due time of a clock
   * done late or still running; null when no clock can breach (both done on time). A clock only stops, so this holds
   * for every earlier instant too: the workbench adds a breach pushed live to counts read before it (slaBreachedAt).
   * Absent from summaries made before it existed (a browser then reads the counts again).
   */
  breachedFrom?: string | null;
}

export interface CaseUserRef {
  id: string;
  displayName: string;
}

/** One row of the triage queue, and the head of every case view. */
export interface CaseSummary {
  id: string;
  version: number;
  status: CaseStatus;
  reference: string;
  force: string;
  /** When the hub first received a report for this case (ISO 8601 UTC). SLA clocks run from here. */
  receivedAt: string;
  /** When the latest revision arrived. */
  updatedAt: string;
  revision: number;
  area: string;
  victim: { personId: string | null; firstName: string; lastName: string };
  risk: CaseRisk;
  priority: CasePriority;
  sla: CaseSla;
  assignee: CaseUserRef | null;
  /** When the first contact attempt was made (any outcome), or null: the SLA's first-contact clock stops there. */
  firstContactAt: string | null;
  /** Where outreach is allocated: the victim's postcode, else the incident area, or a caseworker's correction. */
  outreachArea: import('./outreach-area').OutreachArea;
  flags: {
    /** Number of children recorded in the report. */
    children: number;
    /** Any child lives with the victim. */
    childrenInHousehold: boolean;
    /** The victim has earlier cases at this hub (linked by victim.personId). */
    repeatVictim: boolean;
    /** The report reached the hub outside staffed hours: its clocks started at the next opening. */
    arrivedOutOfHours: boolean;
    /** Contact is paused (someone else answered) until a team lead resumes it. */
    contactPaused: boolean;
    /** The report's children list and the police DASH children answers disagree (CaseDetail.childrenNote says how). */
    childrenConflict: boolean;
    /** Ages on the incident date (Europe/London); false when the date of birth is not known (CaseDetail.ages). */
    victimUnder18: boolean;
    /** Under 16: outside the DA Act 2021 definition, the child-protection route. */
    victimUnder16: boolean;
    /** A children's services / youth-justice flag; legal advice becomes "check". */
    suspectUnder18: boolean;
    /** The suspect (police person id, same force) is the suspect of another victim's case (MATAC, serial perpetrator). */
    serialSuspect: boolean;
  };
  /** Restricted to an access list (case-access.ts): shown as a "Restricted" chip to those who may see it. */
  restricted?: boolean;
}

export interface ReportRevision {
  id: string;
  revision: number;
  receivedAt: string;
  report: PoliceReport;
}

export interface LinkedCase {
  id: string;
  reference: string;
  receivedAt: string;
  status: CaseStatus;
}

/** GET /api/v1/cases/:id */
export interface CaseDetail extends CaseSummary {
  /**
   * What the case-access rule needs about a restricted case, so the case page offers only what the API allows: the
   * access list (user ids) and the caller's own break-glass grant, if that is why they see it. Absent when the case
   * is not restricted.
   */
  access?: { accessList: string[]; breakGlass: import('./case-access').BreakGlassGrant[] };
  /** Hub DASH RIC assessments, newest first. */
  riskAssessments: import('./triage').RiskAssessmentRecord[];
  /** Answers to start the hub checklist from: the latest hub assessment, else the police DASH. */
  dashPrefill: import('./report').DashAnswers;
  /** Where each prefilled answer came from: the latest hub assessment's sources, else 'police-prefill'. */
  dashPrefillSources: import('./police-risk').AnswerSources;
  /** The history MARAC criteria need (incidents in 12 months, last MARAC referral). */
  maracContext: import('./risk').MaracContext;
  /** MARAC referrals recorded for this case, newest first. */
  maracReferrals: import('./marac').MaracReferral[];
  /** Every revision, newest first; reports[0] is the current one. */
  reports: ReportRevision[];
  /** Other cases of the same victim (same force, same police personId), newest first. */
  linkedCases: LinkedCase[];
  /** Other victims' cases with the same suspect (police person id, same force), newest first: no other victim's name. */
  suspectLinkedCases: LinkedCase[];
  /** A team lead's recorded basis for sharing without consent, or null. */
  safeguardingBasis: import('./referral').SafeguardingBasis | null;
  /** Consent in force: the latest hub record of each question, else the police report's value. */
  consent: import('./consent').CaseConsent;
  /** Why the report's children list and the police DASH children answers disagree, in words; null when they agree. */
  childrenNote: string | null;
  /** Ages on the incident date (Europe/London) behind the under-18 flags; null = date of birth not known ("age not known"). */
  ages: { victim: number | null; suspect: number | null };
  /** A 16- or 17-year-old victim: offer SafeLives' Young People's DASH RIC beside the adult route. */
  youngPeoplesDash: boolean;
  /** Children in the household (or pregnancy) and what answers the closing rule about them: a referral or a decision. */
  childrensServices: import('./children').ChildrensServicesState;
  /**
   * When a police revision last named another person as the victim (sameVictim), or null. What the hub heard and did
   * for the earlier person no longer counts: consent, the saved safe-contact plan, call-backs, a lawful basis, an
   * agreed grade, what partners were sent, a MARAC or children's services referral made before it.
   */
  victimChangedAt: string | null;
  /** The number of that revision, or null: the revisions before it name the earlier person (the Report tab says so). */
  victimChangedRevision: number | null;
}

/** GET /api/v1/cases/:id/history: the case's audit trail, oldest first. */
export interface CaseHistoryEntry {
  id: string;
  at: string;
  action: string;
  actor: { type: 'user' | 'feed' | 'system'; id: string | null; displayName: string | null };
  details: Record<string, unknown>;
}

/** GET /api/v1/cases */
export interface CasePage {
  items: CaseSummary[];
  total: number;
  nextCursor: string | null;
}
