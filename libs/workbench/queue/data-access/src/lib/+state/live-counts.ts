import { countsWithChanges, type CaseChangedEvent, type CaseCounts } from '@lantern/shared/domain';
import { matchesFilters, type QueueFilters } from '@lantern/workbench/data-access-hub';

/**
 * Changes pushed live that the queue's counts take without a read (countsWithChanges, libs/shared/domain live-counts.ts:
 * a new case, a breach recorded), kept until a read includes them. Past this many since the last read, the counts
 * are read again instead.
 */
export const COUNTS_EVENTS_MAX = 500;

/** The counts read for `filters`, with the countable changes kept since. */
export function countsWith(
  base: CaseCounts,
  events: readonly CaseChangedEvent[],
  filters: QueueFilters,
  userId: string | null,
): CaseCounts {
  return countsWithChanges(base, events, { userId, matches: (c) => matchesFilters(c, filters, userId) });
}
