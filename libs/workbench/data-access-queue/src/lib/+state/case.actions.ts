import type { CaseDetail } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

export const CasePageActions = createActionGroup({
  source: 'Case Page',
  events: {
    Opened: props<{ caseId: string }>(),
    'Revision Selected': props<{ revision: number }>(),
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
    /** Fetched again because a live event said the open case changed. */
    'Case Refreshed': props<{ detail: CaseDetail }>(),
  },
});
