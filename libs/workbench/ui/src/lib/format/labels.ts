import { CONTACT_CHANNEL_LABELS as DOMAIN_CONTACT_CHANNEL_LABELS } from '@lantern/shared/domain';
import type {
  CaseStatus,
  ClosureReason,
  ConsentValue,
  ContactChannel,
  ContactOutcome,
  DashAnswer,
  FeltSafer,
  Gender,
  MaracReason,
  ReportSuspect,
  RiskGrade,
  RiskTool,
  SafeNumber,
  Weekday,
} from '@lantern/shared/domain';

export {
  RISK_GRADE_LABELS,
  riskGradeLabel,
  CASE_STATUS_LABELS,
  caseStatusLabel,
  DASH_ANSWER_LABELS,
  dashAnswerLabel,
  RISK_TOOL_LABELS,
  riskToolLabel,
  CONSENT_LABELS,
  consentLabel,
  GENDER_LABELS,
  genderLabel,
  RELATIONSHIP_LABELS,
  relationshipLabel,
  yesNo,
  ukDate,
} from '@lantern/shared/domain';

export const MARAC_REASON_LABELS: Record<MaracReason, string> = {
  'visible-high-risk': 'Visible high risk (score in the high band)',
  'professional-judgement': 'Professional judgement',
  'potential-escalation': 'Potential escalation (3 or more incidents in 12 months)',
  repeat: 'Repeat (a new incident, same perpetrator, within 12 months of a recorded MARAC referral)',
  'police-high-risk': 'Police graded high (DASH, DARA or judgement)',
};

export function maracReasonLabel(reason: string): string {
  return MARAC_REASON_LABELS[reason as MaracReason] ?? reason;
}

const MARAC_REASON_SHORT: Record<MaracReason, string> = {
  'visible-high-risk': 'visible high risk',
  'professional-judgement': 'professional judgement',
  'potential-escalation': 'potential escalation',
  repeat: 'repeat',
  'police-high-risk': 'police high',
};

export function maracReasonShortLabel(reason: string): string {
  return MARAC_REASON_SHORT[reason as MaracReason] ?? reason;
}

/** The shared domain's words (the same the partner portal and the PDFs use). */
export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = DOMAIN_CONTACT_CHANNEL_LABELS;

export function contactChannelLabel(value: string | null | undefined): string {
  return value ? (CONTACT_CHANNEL_LABELS[value as ContactChannel] ?? value) : 'Not recorded';
}

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
  'spoke-safe': 'Spoke: safe to talk',
  'spoke-not-safe': 'Spoke: not safe to talk',
  'no-answer': 'No answer',
  'someone-else-answered': 'Someone else answered',
  'voicemail-left': 'Voicemail left',
  'wrong-number': 'Wrong number',
};

export function contactOutcomeLabel(value: string | null | undefined): string {
  return value ? (CONTACT_OUTCOME_LABELS[value as ContactOutcome] ?? value) : 'No outcome recorded';
}

export const NUMBER_OWNER_LABELS: Record<SafeNumber['owner'], string> = {
  victim: 'Victim',
  suspect: 'Suspect',
  other: 'Someone else',
};

export function numberOwnerLabel(value: string | null | undefined): string {
  return value ? (NUMBER_OWNER_LABELS[value as SafeNumber['owner']] ?? value) : '';
}

export const WEEKDAY_LABELS: Record<Weekday, { short: string; long: string }> = {
  mon: { short: 'Mon', long: 'Monday' },
  tue: { short: 'Tue', long: 'Tuesday' },
  wed: { short: 'Wed', long: 'Wednesday' },
  thu: { short: 'Thu', long: 'Thursday' },
  fri: { short: 'Fri', long: 'Friday' },
  sat: { short: 'Sat', long: 'Saturday' },
  sun: { short: 'Sun', long: 'Sunday' },
};

/** The sections of a case someone can be editing (presence.editing). */
export const EDIT_SECTION_LABELS: Record<string, string> = {
  risk: 'Risk assessment',
  contact: 'Contact attempt',
  'safe-contact': 'Safe contact',
  status: 'Status',
  needs: 'Needs assessment',
  'safety-plan': 'Safety plan',
  callbacks: 'Call-backs',
};

export function editSectionLabel(section: string): string {
  return EDIT_SECTION_LABELS[section] ?? section;
}

/** Why a case closed, in plain English (the close dialog and the outcomes dashboard). */
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'support-completed': 'Support completed',
  'referred-on': 'Referred on to another service',
  'no-further-action': 'No further action needed',
  duplicate: 'Duplicate of another case',
  'unable-to-contact': 'Unable to contact the victim',
  'victim-declined': 'The victim declined support',
  other: 'Other reason',
  'returned-to-referrer': 'Returned to the referrer (police) with a note',
};

export function closureReasonLabel(reason: string | null | undefined): string {
  return reason ? (CLOSURE_REASON_LABELS[reason as ClosureReason] ?? reason) : 'Not recorded';
}

export const FELT_SAFER_LABELS: Record<FeltSafer, string> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure',
};

export function feltSaferLabel(answer: string | null | undefined): string {
  return answer ? (FELT_SAFER_LABELS[answer as FeltSafer] ?? answer) : 'Not asked';
}
