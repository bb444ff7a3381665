import type { BalanceSuggestion, UnassignedQueue } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { WorkloadApiActions, WorkloadPageActions } from './team.actions';
import { initialWorkloadState, workloadFeature, type WorkloadState } from './workload.feature';

const reduce = (state: WorkloadState, action: Parameters<typeof workloadFeature.reducer>[1]) => workloadFeature.reducer(state, action);
const board = {
  rows: [],
  unassigned: { total: 0 } as UnassignedQueue,
  suggestions: { cap: 8, suggestions: [], unplaced: [], unplacedTotal: 0 },
};

describe('workload reducer', () => {
  it('keeps what the board shows when a live reload fails, and shows the error on a first load', () => {
    let s = reduce(initialWorkloadState, WorkloadPageActions.opened());
    expect(reduce(s, WorkloadApiActions.boardLoadFailed({ error: 'down' })).status).toBe('error');
    s = reduce(s, WorkloadApiActions.boardLoaded(board));
    s = reduce(s, WorkloadApiActions.boardLoadFailed({ error: 'down' }));
    expect(s).toMatchObject({ status: 'loaded', error: 'down' });
  });

  it('keeps expanded people across reloads', () => {
    let s = reduce(initialWorkloadState, WorkloadPageActions.personExpanded({ userId: 'u1' }));
    s = reduce(s, WorkloadPageActions.personExpanded({ userId: 'u1' }));
    s = reduce(s, WorkloadApiActions.boardLoaded(board));
    expect(s.expanded).toEqual(['u1']);
    expect(reduce(s, WorkloadPageActions.personCollapsed({ userId: 'u1' })).expanded).toEqual([]);
  });

  it('marks a case pending while it is moved and announces each result distinctly', () => {
    const request = { caseId: 'c1', reference: 'LAN-1', toUserId: 'u2', toName: 'Alex Morgan' };
    let s = reduce(initialWorkloadState, WorkloadPageActions.reassignChosen({ request }));
    expect(s.pending).toEqual(['c1']);
    s = reduce(s, WorkloadApiActions.assigned({ caseId: 'c1', message: 'LAN-1 assigned to Alex Morgan.' }));
    expect(s.pending).toEqual([]);
    const first = s.announcement;
    s = reduce(s, WorkloadPageActions.suggestionAccepted({ suggestion: { caseId: 'c1' } as BalanceSuggestion, toName: 'Alex Morgan' }));
    s = reduce(s, WorkloadApiActions.assignFailed({ caseId: 'c1', error: 'LAN-1 was not moved' }));
    expect(s.announcement?.id).not.toBe(first?.id);
    expect(s.announcement?.text).toBe('LAN-1 was not moved');
  });
});
