import type { CaseStatus, CaseSummary } from '@lantern/shared/domain';
import { createSelector } from '@ngrx/store';
import { queueAdapter, queueFeature } from './queue.feature';

/** Statuses that take a case out of the triage queue (the case still exists and can be opened). */
export const OUT_OF_QUEUE_STATUSES: readonly CaseStatus[] = ['closed', 'declined', 'unable-to-contact'];

export function isInQueue(c: Pick<CaseSummary, 'status'>): boolean {
  return !OUT_OF_QUEUE_STATUSES.includes(c.status);
}

const { selectAll } = queueAdapter.getSelectors();

export const selectAllCases = createSelector(queueFeature.selectQueueState, selectAll);

/** The queue as shown: open cases in triage order (the adapter keeps them sorted by compareTriageOrder). */
export const selectQueueRows = createSelector(selectAllCases, (cases) => cases.filter(isInQueue));

export const selectQueueCount = createSelector(selectQueueRows, (rows) => rows.length);

export const selectQueueLoading = createSelector(
  queueFeature.selectSnapshot,
  (snapshot) => snapshot === 'none' || snapshot === 'stale' || snapshot === 'loading',
);

export const selectQueueError = queueFeature.selectError;
export const selectQueueConnection = queueFeature.selectConnection;
export const selectQueueHighlights = queueFeature.selectHighlights;

export const selectCaseSummaryById = (id: string) =>
  createSelector(queueFeature.selectEntities, (entities) => entities[id] ?? null);
