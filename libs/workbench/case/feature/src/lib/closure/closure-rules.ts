import {
  closingBlockers,
  CLOSURE_REASONS_BY_STATUS,
  FELT_SAFER,
  SATISFACTION_SCORES,
  type CaseDetail,
  type CaseStatus,
  type ClosingBlocker,
  type ClosureReason,
  type FeltSafer,
} from '@lantern/shared/domain';
import { closureReasonLabel, feltSaferLabel } from '@lantern/workbench/ui';
import type { SatisfactionRequest } from '@lantern/shared/domain';

export type ClosingStatus = keyof typeof CLOSURE_REASONS_BY_STATUS;

export function isClosingStatus(status: CaseStatus | null | undefined): status is ClosingStatus {
  return !!status && status in CLOSURE_REASONS_BY_STATUS;
}

/** The closure reasons a closing status allows, in plain English, the default ("other") last. */
export function closureReasonOptions(status: ClosingStatus): Array<{ value: ClosureReason; label: string }> {
  const reasons = CLOSURE_REASONS_BY_STATUS[status];
  return [...reasons.filter((r) => r !== 'other'), ...reasons.filter((r) => r === 'other')].map((value) => ({
    value,
    label: closureReasonLabel(value),
  }));
}

/** When a status allows one reason only, or has a reason of its own name (unable to contact), it is chosen already. */
export function defaultClosureReason(status: ClosingStatus): ClosureReason | null {
  const reasons = CLOSURE_REASONS_BY_STATUS[status];
  if (reasons.length === 1) return reasons[0];
  return (reasons as readonly string[]).includes(status) ? (status as ClosureReason) : null;
}

export const SCORE_OPTIONS = SATISFACTION_SCORES.map((score) => ({
  value: score,
  label: score === 1 ? '1 Very dissatisfied' : score === 5 ? '5 Very satisfied' : `${score}`,
}));
export const FELT_SAFER_OPTIONS = FELT_SAFER.map((value) => ({ value, label: feltSaferLabel(value) }));
export const RECOMMEND_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-asked', label: 'Not asked or not sure' },
] as const;
export type RecommendAnswer = (typeof RECOMMEND_OPTIONS)[number]['value'];

export const COMMENT_MAX = 1000;

export interface SurveyDraft {
  score: number | null;
  feltSafer: FeltSafer | null;
  recommend: RecommendAnswer;
  comment: string;
}

export const EMPTY_SURVEY: SurveyDraft = { score: null, feltSafer: null, recommend: 'not-asked', comment: '' };

export type SurveyField = 'score' | 'feltSafer' | 'comment';

/** What is missing or wrong in a survey draft, by field, in the words the dialog shows. */
export function surveyErrors(d: SurveyDraft): Partial<Record<SurveyField, string>> {
  const out: Partial<Record<SurveyField, string>> = {};
  if (d.score === null) out.score = 'Choose the score the victim gave, from 1 to 5.';
  if (d.feltSafer === null) out.feltSafer = 'Choose whether the victim feels safer.';
  if (d.comment.trim().length > COMMENT_MAX) out.comment = `Keep the comment to ${COMMENT_MAX} characters or fewer.`;
  return out;
}

/** The POST body for a valid draft. */
export function surveyRequest(d: SurveyDraft): SatisfactionRequest {
  const comment = d.comment.trim();
  return {
    score: d.score as SatisfactionRequest['score'],
    feltSafer: d.feltSafer as FeltSafer,
    wouldRecommend: d.recommend === 'yes' ? true : d.recommend === 'no' ? false : null,
    ...(comment ? { comment } : {}),
  };
}

/** Problem codes of the closing rules (no quiet closing): a team lead may close past them with a reason. */
export const CLOSING_BLOCKER_CODES: readonly string[] = [
  'marac-referral-required',
  'contact-attempts-required',
  'childrens-services-referral-required',
  'childrens-services-decision-required',
];

/**
 * The closing rules the dialog can see before sending: the MARAC referral record and the children's services state
 * (the case detail has both; sending a referral or recording a decision gives the case a new version, so the page
 * reads them again). Contact-attempt days are counted by the API, which says how many so far when it refuses.
 */
export function visibleClosingBlockers(
  status: ClosingStatus,
  detail:
    | (Pick<CaseDetail, 'risk' | 'maracReferrals'> & Partial<Pick<CaseDetail, 'flags' | 'childrensServices' | 'victimChangedAt'>>)
    | null
    | undefined,
): ClosingBlocker[] {
  if (!detail) return [];
  const children = detail.childrensServices;
  // A referral recorded before a police revision named another victim was the earlier person's (as the API counts).
  const since = detail.victimChangedAt ? Date.parse(detail.victimChangedAt) : null;
  return closingBlockers(status, {
    grade: detail.risk.grade,
    maracRequired: detail.risk.marac.required,
    maracReferred: (detail.maracReferrals ?? []).some((r) => since === null || Date.parse(r.referredAt) >= since),
    contactAttemptDays: Number.MAX_SAFE_INTEGER,
    victimUnder18: detail.flags?.victimUnder18,
    victimUnder16: detail.flags?.victimUnder16,
    // A detail without the children's services state (an older API) guesses nothing: the API says.
    childrensServicesReferred: children ? children.referred : true,
    childrenToSafeguard: children?.childrenToSafeguard ?? false,
    harmToChildren: children?.referralRequired === 'harm-to-children',
    childrensServicesDecided: children ? children.decisionInForce : true,
  });
}
