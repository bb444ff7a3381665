import type { CaseSummary } from '@lantern/shared/domain';
import { createSelector } from '@ngrx/store';
import { isInQueue } from '@lantern/shared/domain';
import { queueAdapter, queueFeature } from './queue.feature';

const { selectAll } = queueAdapter.getSelectors();

export const selectAllCases = createSelector(
  queueFeature.selectQueueState,
  selectAll,
);

/** The queue as shown: open cases in triage order (the adapter keeps them sorted by compareTriageOrder). */
export const selectQueueRows = createSelector(selectAllCases, (cases) =>
  cases.filter(isInQueue),
);

export const selectQueueCount = createSelector(
  selectQueueRows,
  (rows) => rows.length,
);

export const selectQueueLoading = createSelector(
  queueFeature.selectSnapshot,
  (snapshot) =>
    snapshot === 'none' || snapshot === 'stale' || snapshot === 'loading',
);

export const selectQueueError = queueFeature.selectError;
export const selectQueueConnection = queueFeature.selectConnection;
export const selectQueueHighlights = queueFeature.selectHighlights;

export interface QueueArrival {
  row: CaseSummary;
  /** Zero-based position in the queue. */
  index: number;
}

/** The latest live arrival and where it sits in the queue, while it is still in the queue. */
export const selectLastArrival = createSelector(
  selectQueueRows,
  queueFeature.selectLastArrival,
  (rows, id): QueueArrival | null => {
    if (!id) return null;
    const index = rows.findIndex((r) => r.id === id);
    return index < 0 ? null : { row: rows[index], index };
  },
);

export const selectCaseSummaryById = (id: string) =>
  createSelector(
    queueFeature.selectEntities,
    (entities) => entities[id] ?? null,
  );
