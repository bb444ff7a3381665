import type { CaseSummary, ChildrensServicesDecisionCode } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The Referrals tab's children's services box: a caseworker records the hub's decision (no referral of its own). */
export const ChildrensServicesActions = createActionGroup({
  source: 'Childrens Services Decision',
  events: {
    'Decision Submitted': props<{ caseId: string; decision: ChildrensServicesDecisionCode; reason: string; version: number }>(),
  },
});

export const ChildrensServicesApiActions = createActionGroup({
  source: 'Childrens Services Decision Api',
  events: {
    'Decision Recorded': props<{ summary: CaseSummary }>(),
    'Decision Failed': props<{ caseId: string; error: string }>(),
  },
});
