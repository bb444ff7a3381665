import type { CaseSummary } from '@lantern/shared/domain';
import { createSelector } from '@ngrx/store';
import { isInQueue } from '@lantern/shared/domain';
import { applyHeldOrder, HeldView } from './held-order';
import { queueAdapter, queueFeature } from './queue.feature';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { hasFilters, matchesFilters } from '@lantern/workbench/data-access-hub';

const { selectAll } = queueAdapter.getSelectors();

export const selectAllCases = createSelector(queueFeature.selectQueueState, selectAll);

export const selectQueueFilters = queueFeature.selectFilters;
export const selectQueueCounts = queueFeature.selectCounts;
export const selectQueueHasFilters = createSelector(selectQueueFilters, hasFilters);

/**
 * The queue in triage order: open cases that pass the filters (the API filtered the snapshot; live events are
 * filtered here with the same rule). The adapter keeps them sorted by compareTriageOrder.
 */
export const selectQueueRows = createSelector(selectAllCases, selectQueueFilters, authFeature.selectUserId, (cases, filters, userId) =>
  cases.filter((c) => isInQueue(c) && matchesFilters(c, filters, userId)),
);

/** The queue as shown: in triage order, or in the held order while the user is in the table. */
export const selectQueueView = createSelector(
  selectQueueRows,
  queueFeature.selectHeldOrder,
  (rows, held): HeldView<CaseSummary> => applyHeldOrder(rows, held),
);

export const selectDisplayedRows = createSelector(selectQueueView, (view) => view.rows);

export const selectQueueOrderChanged = createSelector(selectQueueView, (view) => view.orderChanged);

/**
 * How many cases the queue (with its filters) has: the rows held when the window holds the whole queue (exact and
 * live), else the API's count (a page's total, or counts' `matching`, re-read a second after live changes).
 */
export const selectQueueCount = createSelector(
  selectQueueRows,
  queueFeature.selectNextCursor,
  queueFeature.selectTotal,
  (rows, nextCursor, total) => (nextCursor === null || total === null ? rows.length : Math.max(total, rows.length)),
);

export interface QueueWindow {
  /** Rows held (and shown). */
  held: number;
  /** More of the queue lies below the rows held: the next page is read as the user nears the end. */
  more: boolean;
  loadingMore: boolean;
  moreError: string | null;
}

export const selectQueueWindow = createSelector(
  selectQueueRows,
  queueFeature.selectNextCursor,
  queueFeature.selectLoadingMore,
  queueFeature.selectMoreError,
  (rows, nextCursor, loadingMore, moreError): QueueWindow => ({
    held: rows.length,
    more: nextCursor !== null,
    loadingMore: loadingMore !== null,
    moreError,
  }),
);

export const selectQueueLoading = createSelector(
  queueFeature.selectSnapshot,
  queueFeature.selectBackground,
  (snapshot, background) => !background && (snapshot === 'none' || snapshot === 'stale' || snapshot === 'loading'),
);

export const selectQueueError = queueFeature.selectError;
export const selectQueueHighlights = queueFeature.selectHighlights;

export interface QueueArrival {
  row: CaseSummary;
  /** Zero-based position in the queue as shown. */
  index: number;
}

/** The latest live arrival and where it sits in the queue, while it is still in the (filtered) queue. */
export const selectLastArrival = createSelector(selectDisplayedRows, queueFeature.selectLastArrival, (rows, id): QueueArrival | null => {
  if (!id) return null;
  const index = rows.findIndex((r) => r.id === id);
  return index < 0 ? null : { row: rows[index], index };
});

export const selectCaseSummaryById = (id: string) => createSelector(queueFeature.selectEntities, (entities) => entities[id] ?? null);
