import type { CaseStatus, MaracReason } from './case';
import type { UnsafeContactRule } from './safe-contact';
import type { ConsentValue, DashAnswer, Gender, ReportSuspect, RiskGrade, RiskTool } from './report';

/**
 * Plain-English labels for the codes of the contract and the case, one set for the workbench and for the documents
 * the API writes (referral and MARAC PDFs), so a code never reaches a reader raw and both say the same thing.
 */

export const RISK_GRADE_LABELS: Record<RiskGrade, string> = {
  high: 'High',
  medium: 'Medium',
  standard: 'Standard',
};

export function riskGradeLabel(grade: RiskGrade | string | null | undefined): string {
  return grade ? (RISK_GRADE_LABELS[grade as RiskGrade] ?? grade) : 'Not graded';
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

export function consentLabel(value: ConsentValue | string | null | undefined): string {
  return value ? (CONSENT_LABELS[value as ConsentValue] ?? value) : 'Not recorded';
}

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  'non-binary': 'Non-binary',
  other: 'Other',
  'not-known': 'Not known',
};

export function genderLabel(value: Gender | string | null | undefined): string {
  return value ? (GENDER_LABELS[value as Gender] ?? value) : 'Not recorded';
}

export type Relationship = NonNullable<ReportSuspect['relationshipToVictim']>;
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  partner: 'Partner',
  'ex-partner': 'Ex-partner',
  'family-member': 'Family member',
  other: 'Other',
  'not-known': 'Not known',
};

export function relationshipLabel(value: Relationship | string | null | undefined): string {
  return value ? (RELATIONSHIP_LABELS[value as Relationship] ?? value) : 'Not recorded';
}

/** Yes / No / Not recorded for an optional boolean. */
export function yesNo(value: boolean | null | undefined): string {
  return value === true ? 'Yes' : value === false ? 'No' : 'Not recorded';
}

/**
 * A calendar date ("1990-04-12", as the contract sends dates of birth) as UK readers write it: "12/04/1990". Anything
 * that is not such a date is shown as it is.
 */
export function ukDate(value: string | null | undefined): string {
  if (!value) return 'Not recorded';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** Each safe-contact rule in a few words (the domain's messages say it in full). */
export const UNSAFE_RULE_LABELS: Record<UnsafeContactRule, string> = {
  'consent-refused': 'Consent to contact refused',
  'contact-paused': 'Contact paused',
  'channel-not-allowed': 'Channel not on the safe plan',
  'suspect-number': 'Suspect’s number',
  'shared-number-channel': 'Shared number: calls only',
  'shared-number-check': 'Shared number: ask “Is it safe to talk now?” first',
  'number-not-on-plan': 'Number not confirmed safe',
  'email-not-on-plan': 'Email not on the safe plan',
  'safe-times-unconfirmed': 'Safe times not confirmed',
  'outside-safe-window': 'Outside the safe times',
  'police-revised-contact': 'Police changed the safe contact details',
};

export function unsafeRuleLabel(rule: string): string {
  return UNSAFE_RULE_LABELS[rule as UnsafeContactRule] ?? rule;
}

/**
 * Each MARAC criterion in a sentence, for the people outside the hub (the MARAC form, a partner's referral and its
 * PDF): the same words wherever a partner reads them. Band-neutral: the hub's high band is configurable (14 "yes"
 * answers by default, SafeLives).
 */
export const MARAC_REASON_TEXT: Record<MaracReason, string> = {
  'visible-high-risk': 'Visible high risk: the SafeLives RIC score is in the high band',
  'professional-judgement': 'Professional judgement: the assessor graded the risk high on the evidence',
  'potential-escalation': 'Potential escalation: three or more incidents in the past 12 months',
  repeat: 'Repeat: a new incident with the same perpetrator within 12 months of the last MARAC referral',
  'police-high-risk': 'Police high risk: the officer graded the incident high (DASH, DARA or professional judgement)',
};

/** A MARAC criterion in a sentence (MARAC_REASON_TEXT); an unknown code as it is. */
export function maracReasonText(reason: string): string {
  return MARAC_REASON_TEXT[reason as MaracReason] ?? reason;
}
