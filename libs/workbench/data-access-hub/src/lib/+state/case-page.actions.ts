import type { CaseDetail, CaseStatus, ClosureReason } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

// The case page shell's events (opened, tab shown, closed...) and the case read they lead to. Several domains'
// state answers them (the case, casework, call-backs, support, presence, referrals, the partner directory for the Referrals
// tab), so they live here rather than in case/data-access: no domain's data-access imports another's.

export const CasePageActions = createActionGroup({
  source: 'Case Page',
  events: {
    Opened: props<{ caseId: string }>(),
    /** The page left this case (another case, another page, or the app closed). */
    Closed: props<{ caseId: string }>(),
    'Revision Selected': props<{ revision: number }>(),
    /** A tab came into view (its data is read when first needed). */
    'Tab Shown': props<{ caseId: string; tab: string }>(),
    /** "Claim" (button or C). */
    'Claim Clicked': props<{ caseId: string }>(),
    'Next Case Clicked': emptyProps(),
    /** Team leads: "Assign to me" or "Unassign" (userId null). */
    'Assign Chosen': props<{
      caseId: string;
      userId: string | null;
      version: number;
    }>(),
    /** A status chosen from the allowed moves (with the reason closing and reopening need). */
    'Status Change Confirmed': props<{
      caseId: string;
      status: CaseStatus;
      reason: string | null;
      version: number;
      /** Why a case closed (closing statuses; one of CLOSURE_REASONS_BY_STATUS[status]). */
      closureReason?: ClosureReason;
    }>(),
    /** Team leads: resume contact paused after someone else answered. */
    'Contact Resume Confirmed': props<{ caseId: string; reason: string }>(),
    /** This user started editing a section (focus or changes) or stopped (null: saved, cancelled, left). */
    'Section Editing Changed': props<{
      caseId: string;
      section: string | null;
    }>(),
    'Conflict Dismissed': emptyProps(),
    'History Refresh Clicked': props<{ caseId: string }>(),
  },
});

export const CaseApiActions = createActionGroup({
  source: 'Case Api',
  events: {
    'Case Loaded': props<{ detail: CaseDetail }>(),
    'Case Load Failed': props<{
      caseId: string;
      error: string;
      notFound: boolean;
    }>(),
    /**
     * Fetched again because a live event said the open case changed (the events' authors are in the case state), or
     * after the page's own write (`by: 'self'`, OWN_CHANGE: not announced), or after a refusal because the case had
     * moved on (`by: null`: someone's change, announced).
     */
    'Case Refreshed': props<{ detail: CaseDetail; by?: string | null }>(),
  },
});
