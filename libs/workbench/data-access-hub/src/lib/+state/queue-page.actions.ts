import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { SummaryClockRules } from '@lantern/shared/domain';
import type { QueueFilters } from '../filters/queue-filters';

// The queue page's events. The queue's own state answers them, and so does casework (Next case), the call-backs
// due and the triage rules, which is why they live here rather than in queue/data-access.

export const QueuePageActions = createActionGroup({
  source: 'Queue Page',
  events: {
    /** The queue page opened with the filters in its URL, for the signed-in user (`userId`, for "mine"). */
    Opened: props<{ filters: QueueFilters; userId: string | null }>(),
    Closed: emptyProps(),
    'Retry Clicked': emptyProps(),
    /** The URL's filters changed (a chip, a link, Back). */
    'Filters Changed': props<{ filters: QueueFilters }>(),
    /** The pointer is over the table or focus is in it: keep rows where they are. */
    'Order Hold Started': emptyProps(),
    'Order Hold Released': emptyProps(),
    /** "Re-sort" (R or the button) while the order is held. */
    'Resort Requested': emptyProps(),
    'Next Case Clicked': emptyProps(),
    /** The user scrolled (or moved with the keyboard) near the last row held: read the next page. */
    'More Requested': emptyProps(),
  },
});

export const QueueTimerActions = createActionGroup({
  source: 'Queue Timer',
  events: {
    'Highlight Elapsed': props<{ caseId: string }>(),
    /**
     * A minute passed on the queue page: priorities and SLA clocks move with time. The rows held are re-scored at `at`
     * with the hub's rules (summaryAt); `rules` are the page's triage configuration.
     */
    'Refresh Due': props<{ at: number; rules: SummaryClockRules }>(),
  },
});
