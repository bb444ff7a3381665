import type {
  CaseStatus,
  ConsentValue,
  DashAnswer,
  Gender,
  MaracReason,
  ReportSuspect,
  RiskGrade,
  RiskTool,
} from '@lantern/shared/domain';

export const RISK_GRADE_LABELS: Record<RiskGrade, string> = {
  high: 'High',
  medium: 'Medium',
  standard: 'Standard',
};

export function riskGradeLabel(grade: RiskGrade | null | undefined): string {
  return grade ? RISK_GRADE_LABELS[grade] : 'Not graded';
}

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New',
  triage: 'In triage',
  contacting: 'Contacting',
  assessment: 'Assessment',
  support: 'Support',
  closed: 'Closed',
  'unable-to-contact': 'Unable to contact',
  declined: 'Declined',
};

export function caseStatusLabel(status: CaseStatus | null | undefined): string {
  return status ? (CASE_STATUS_LABELS[status] ?? status) : '';
}

export const DASH_ANSWER_LABELS: Record<DashAnswer, string> = {
  yes: 'Yes',
  no: 'No',
  'not-known': 'Not known',
  declined: 'Declined to answer',
};

export function dashAnswerLabel(answer: DashAnswer | null | undefined): string {
  return answer ? (DASH_ANSWER_LABELS[answer] ?? answer) : 'Not asked';
}

export const RISK_TOOL_LABELS: Record<RiskTool, string> = {
  dash: 'DASH',
  dara: 'DARA',
  judgement: 'Professional judgement',
};

export function riskToolLabel(tool: string | null | undefined): string {
  return tool ? (RISK_TOOL_LABELS[tool as RiskTool] ?? tool) : 'Not recorded';
}

export const CONSENT_LABELS: Record<ConsentValue, string> = {
  given: 'Given',
  refused: 'Refused',
  'not-asked': 'Not asked',
};

export function consentLabel(value: ConsentValue | null | undefined): string {
  return value ? (CONSENT_LABELS[value] ?? value) : 'Not recorded';
}

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  'non-binary': 'Non-binary',
  other: 'Other',
  'not-known': 'Not known',
};

export function genderLabel(value: Gender | null | undefined): string {
  return value ? (GENDER_LABELS[value] ?? value) : 'Not recorded';
}

type Relationship = NonNullable<ReportSuspect['relationshipToVictim']>;
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  partner: 'Partner',
  'ex-partner': 'Ex-partner',
  'family-member': 'Family member',
  other: 'Other',
  'not-known': 'Not known',
};

export function relationshipLabel(
  value: Relationship | null | undefined,
): string {
  return value ? (RELATIONSHIP_LABELS[value] ?? value) : 'Not recorded';
}

/** Yes / No / Not recorded for an optional boolean. */
export function yesNo(value: boolean | null | undefined): string {
  return value === true ? 'Yes' : value === false ? 'No' : 'Not recorded';
}

export const MARAC_REASON_LABELS: Record<MaracReason, string> = {
  'visible-high-risk': 'Visible high risk (score in the high band)',
  'professional-judgement': 'Professional judgement',
  'potential-escalation': 'Potential escalation (3 or more incidents in 12 months)',
  repeat: 'Repeat (referred to MARAC in the last 12 months)',
};

export function maracReasonLabel(reason: string): string {
  return MARAC_REASON_LABELS[reason as MaracReason] ?? reason;
}

const MARAC_REASON_SHORT: Record<MaracReason, string> = {
  'visible-high-risk': 'visible high risk',
  'professional-judgement': 'professional judgement',
  'potential-escalation': 'potential escalation',
  repeat: 'repeat',
};

export function maracReasonShortLabel(reason: string): string {
  return MARAC_REASON_SHORT[reason as MaracReason] ?? reason;
}
