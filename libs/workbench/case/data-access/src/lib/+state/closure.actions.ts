import type { CaseStatus, ClosureReason, SatisfactionRequest } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The close-case dialog: close with a reason (and the victim's survey when it was safe to ask), or the survey alone. */
export const CloseCaseDialogActions = createActionGroup({
  source: 'Close Case Dialog',
  events: {
    /** `mode: 'survey'`: the case is already closed, only the survey is asked for. */
    Opened: props<{ caseId: string; mode: 'close' | 'survey' }>(),
    /** Close the case; the survey (if any) is posted only once the case has closed. */
    'Close Submitted': props<{
      caseId: string;
      status: CaseStatus;
      version: number;
      reason: string;
      closureReason: ClosureReason;
      survey: SatisfactionRequest | null;
      /** A team lead closing a high-risk or MARAC case past the closing rules: why (recorded). */
      overrideReason?: string;
    }>(),
    /** The survey alone: on a closed case, or again after it failed once the case had closed. */
    'Survey Submitted': props<{ caseId: string; survey: SatisfactionRequest }>(),
  },
});

export const SatisfactionApiActions = createActionGroup({
  source: 'Satisfaction Api',
  events: {
    /** Whether a closed case has its satisfaction survey yet (GET answers 404 when not). */
    'Survey Checked': props<{ caseId: string; recorded: boolean }>(),
    'Survey Recorded': props<{ caseId: string }>(),
    'Survey Record Failed': props<{ caseId: string; error: string }>(),
  },
});
