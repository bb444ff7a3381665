import type { CaseCounts, CaseSummary } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { QueueFilters } from '@lantern/workbench/data-access-hub';

export const QueueApiActions = createActionGroup({
  source: 'Queue Api',
  events: {
    /** The window's head (its first page) is being read: on opening, new filters, a reset, or the quiet refresh. */
    'Snapshot Load Started': emptyProps(),
    /**
     * One page of GET /api/v1/cases. `after` is the cursor it was read after (null: the head of the window);
     * `nextCursor` the API's, null at the end of the queue.
     */
    'Page Loaded': props<{
      items: CaseSummary[];
      total: number;
      after: string | null;
      nextCursor: string | null;
    }>(),
    'Snapshot Load Failed': props<{ error: string }>(),
    'More Load Started': props<{ after: string }>(),
    'More Load Failed': props<{ after: string; error: string }>(),
    /** GET /cases/counts, read with `filters` (its `matching` counts them). */
    'Counts Loaded': props<{ counts: CaseCounts; filters: QueueFilters }>(),
    'Counts Load Failed': props<{ error: string }>(),
  },
});
