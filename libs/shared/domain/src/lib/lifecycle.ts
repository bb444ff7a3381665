import type { CaseStatus } from './case';

/**
 * The case lifecycle as one table: from → the statuses it may move to. `closed`, `unable-to-contact` and
 * `declined` are closing paths; reopening (back to `triage`) is explicit.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triage', 'contacting', 'closed', 'declined'],
  triage: ['contacting', 'assessment', 'closed', 'declined', 'unable-to-contact'],
  contacting: ['assessment', 'unable-to-contact', 'declined', 'closed', 'triage'],
  assessment: ['support', 'closed', 'declined', 'contacting'],
  support: ['closed', 'assessment'],
  closed: ['triage'],
  'unable-to-contact': ['triage'],
  declined: ['triage'],
};

export const CLOSING_STATUSES: readonly CaseStatus[] = ['closed', 'unable-to-contact', 'declined'];

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from]?.includes(to) ?? false;
}

/** A move out of a closing status is a reopen, and needs a reason like every closure. */
export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return CLOSING_STATUSES.includes(from) && !CLOSING_STATUSES.includes(to);
}

export function needsReason(from: CaseStatus, to: CaseStatus): boolean {
  return CLOSING_STATUSES.includes(to) || isReopen(from, to);
}

/** Why a case closed, for the outcomes dashboard ("closures by reason"). */
export const CLOSURE_REASONS = [
  'support-completed',
  'referred-on',
  'no-further-action',
  'duplicate',
  'unable-to-contact',
  'victim-declined',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** The reasons each closing status allows; the first is the default when none is given. */
export const CLOSURE_REASONS_BY_STATUS: Readonly<Record<'closed' | 'unable-to-contact' | 'declined', readonly ClosureReason[]>> = {
  closed: ['other', 'support-completed', 'referred-on', 'no-further-action', 'duplicate'],
  'unable-to-contact': ['unable-to-contact'],
  declined: ['victim-declined'],
};
