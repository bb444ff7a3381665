import type { CaseCounts, CaseSummary } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const QueueApiActions = createActionGroup({
  source: 'Queue Api',
  events: {
    'Snapshot Load Started': emptyProps(),
    /** One page of GET /api/v1/cases; `done` on the page without a nextCursor. */
    'Page Loaded': props<{
      items: CaseSummary[];
      total: number;
      done: boolean;
    }>(),
    'Snapshot Load Failed': props<{ error: string }>(),
    'Counts Loaded': props<{ counts: CaseCounts }>(),
    'Counts Load Failed': props<{ error: string }>(),
  },
});
