import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Arrival } from './arrivals.feature';

export const ArrivalsPanelActions = createActionGroup({
  source: 'Arrivals Panel',
  events: {
    Acknowledged: props<{ caseId: string }>(),
    /** Open counts as seeing it: the arrival is acknowledged as the case opens. */
    Opened: props<{ caseId: string }>(),
    'All Acknowledged': emptyProps(),
  },
});

export const ArrivalsStorageActions = createActionGroup({
  source: 'Arrivals Storage',
  events: {
    /** What this browser tab kept for the same user (sessionStorage) across a reload. */
    /** Empty when the tab kept nothing for this user: from then on the list is kept for them. */
    Restored: props<{ userId: string; items: Arrival[]; acknowledged: string[] }>(),
  },
});
