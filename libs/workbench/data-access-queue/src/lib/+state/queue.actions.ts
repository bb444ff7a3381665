import type {
  CaseChangedEvent,
  CaseSummary,
  SyncResponse,
} from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const QueuePageActions = createActionGroup({
  source: 'Queue Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

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
  },
});

export const QueueSocketActions = createActionGroup({
  source: 'Queue Socket',
  events: {
    Connecting: emptyProps(),
    /** The server authenticated the socket and joined it to the hub; `lastSeq` is its high-water mark. */
    Ready: props<{ lastSeq: number }>(),
    Disconnected: props<{ reason: string }>(),
    'Connect Failed': props<{ message: string }>(),
    'Case Changed': props<{ event: CaseChangedEvent }>(),
    Synced: props<{ response: SyncResponse }>(),
    'Sync Failed': props<{ error: string }>(),
  },
});

export const QueueTimerActions = createActionGroup({
  source: 'Queue Timer',
  events: {
    'Highlight Elapsed': props<{ caseId: string }>(),
  },
});
