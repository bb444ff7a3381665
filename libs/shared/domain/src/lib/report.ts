/**
 * The police domestic-abuse report, version 1 (contracts/police-da-report.v1.schema.json).
 * These types mirror the JSON Schema; the schema is the authority at the edge.
 */
export const RISK_GRADES = ['standard', 'medium', 'high'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

export const DASH_ANSWERS = ['yes', 'no', 'not-known', 'declined'] as const;
export type DashAnswer = (typeof DASH_ANSWERS)[number];

export type DashKey = `q${number}`;
export type DashAnswers = Partial<Record<DashKey, DashAnswer>>;

export type Gender = 'female' | 'male' | 'non-binary' | 'other' | 'not-known';
export type ConsentValue = 'given' | 'refused' | 'not-asked';
export type RiskTool = 'dash' | 'dara' | 'judgement';
export type SourceSystem = 'records-feed' | 'officer-app' | 'csv-import';

export interface Address {
  line1?: string;
  line2?: string;
  town?: string;
  postcode?: string;
}

export interface SafeContactDetails {
  phone?: string;
  safeTimes?: string;
  voicemailSafe?: boolean;
  smsSafe?: boolean;
  notes?: string;
}

export interface ReportVictim {
  personId?: string;
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  gender?: Gender;
  phone?: string;
  email?: string;
  address?: Address;
  preferredLanguage?: string;
  interpreterNeeded?: boolean;
  disability?: string;
  pregnant?: boolean;
  safeContact?: SafeContactDetails;
}

export interface ReportSuspect {
  personId?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  gender?: Gender;
  relationshipToVictim?: 'partner' | 'ex-partner' | 'family-member' | 'other' | 'not-known';
  livesWithVictim?: boolean;
  arrested?: boolean;
  onBail?: boolean;
  /** A number the police know to be the suspect's (contract of 2026-12-01). Never contacted: see planFromReport. */
  phone?: string;
}

export interface ReportChild {
  firstName?: string;
  ageYears: number;
  presentAtIncident?: boolean;
  livesWithVictim?: boolean;
}

export interface OfficerRiskAssessment {
  tool: RiskTool;
  riskLevel: RiskGrade;
  dash?: DashAnswers;
  rationale?: string;
}

export interface PoliceReport {
  schemaVersion: '1';
  source: { force: string; system: SourceSystem; sentAt: string };
  reference: string;
  revision: number;
  incident: {
    occurredAt: string;
    reportedAt: string;
    /** Where the incident happened. Outreach should follow where the victim lives (contract of 2026-12-01); eligibility still reads this area until a later issue moves it (docs/referrals.md). */
    area: string;
    postcode?: string;
    offences?: string[];
    summary: string;
    injuries?: boolean;
    weaponUsed?: boolean;
    strangulation?: boolean;
    /** Police-known DA incidents in the 12 months *before* this one (this incident not counted). */
    previousIncidents12Months?: number;
  };
  victim: ReportVictim;
  suspect?: ReportSuspect;
  children?: ReportChild[];
  officerRiskAssessment?: OfficerRiskAssessment;
  consent: { supportReferral: ConsentValue; informationSharing: ConsentValue; recordedAt?: string };
  officer: { collarNumber: string; name?: string; email?: string; team?: string };
}

/** What intake answers for an accepted report (contracts/README.md, idempotency table). */
export type IntakeStatus = 'created' | 'duplicate' | 'revised';
export interface IntakeResult {
  reportId: string;
  caseId: string;
  status: IntakeStatus;
}

/** The most reports in one POST /api/v1/intake/reports/batch. */
export const INTAKE_BATCH_MAX_REPORTS = 100;

/**
 * One report of a batch (POST /api/v1/intake/reports/batch), in the order sent: the status and body its own
 * POST /api/v1/intake/reports would have had: 201 or 200 with the result, or a 4xx/503 problem (RFC 9457) whose
 * `errors` name paths inside that report.
 */
export interface IntakeBatchItem {
  index: number;
  status: number;
  result?: IntakeResult;
  problem?: import('./problem').ProblemDetails;
  /** With a 503: the seconds to wait before sending that report again (its own POST's Retry-After). */
  retryAfter?: number;
}

export interface IntakeBatchResponse {
  results: IntakeBatchItem[];
}
