import type { ConsentView, RecordConsentRequest } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

/** Where "Record consent" was asked from (each shows the outcome where it was asked). */
export type ConsentAskedFrom = 'contact' | 'referrals' | 'summary';

export const ConsentDialogActions = createActionGroup({
  source: 'Consent Dialog',
  events: {
    /** The dialog opened for a case: an earlier outcome is cleared. */
    Opened: props<{ caseId: string; from: ConsentAskedFrom }>(),
    Submitted: props<{ caseId: string; request: RecordConsentRequest }>(),
  },
});

export const ConsentApiActions = createActionGroup({
  source: 'Consent Api',
  events: {
    Recorded: props<{ caseId: string; view: ConsentView }>(),
    'Record Failed': props<{ caseId: string } & CaseworkProblem>(),
  },
});
