import { describe, expect, it } from 'vitest';
import type { CallbackRecord } from '@lantern/shared/domain';
import { CallbackFormActions, CallbackListActions, CallbacksApiActions } from './callbacks.actions';
import { callbacksFeature, initialCallbacksState } from './callbacks.feature';
import { describeProblem, unsafeRules } from '@lantern/workbench/auth/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const reduce = callbacksFeature.reducer;
const opened = () => reduce(initialCallbacksState, CasePageActions.opened({ caseId: 'c1' }));

function callback(id: string, dueAt: string, status: CallbackRecord['status'] = 'pending'): CallbackRecord {
  return {
    id,
    caseId: 'c1',
    reference: 'HUB-1',
    dueAt,
    assignedTo: { id: 'u1', displayName: 'Sam Carter' },
    status,
    missed: false,
    notes: null,
    cancelled: status === 'cancelled' ? { at: dueAt, by: { id: 'u1', displayName: 'Sam Carter' }, reason: null } : null,
  };
}

describe('callbacks reducer', () => {
  it('keeps the case’s call-backs in due order and adds a scheduled one', () => {
    let state = reduce(
      opened(),
      CallbacksApiActions.callbacksLoaded({
        caseId: 'c1',
        callbacks: [callback('b', '2026-11-26T10:00:00Z'), callback('a', '2026-11-24T10:00:00Z', 'done')],
      }),
    );
    expect(state.callbacks.map((c) => c.id)).toEqual(['a', 'b']);
    expect(callbacksFeature.selectPendingCallbacks.projector(state.callbacks).map((c) => c.id)).toEqual(['b']);
    state = reduce(state, CallbackFormActions.submitted({ caseId: 'c1', request: { dueAt: '2026-11-25T10:00:00Z' } }));
    expect(state.callbackSave.pending).toBe(true);
    state = reduce(state, CallbacksApiActions.callbackScheduled({ caseId: 'c1', callback: callback('c', '2026-11-25T10:00:00Z') }));
    expect(state.callbacks.map((c) => c.id)).toEqual(['a', 'c', 'b']);
    expect(state.callbackSave.scheduledId).toBe('c');
  });

  it('keeps the rules of a refused call-back', () => {
    const state = reduce(
      opened(),
      CallbacksApiActions.callbackRefused({
        caseId: 'c1',
        rules: ['outside-staffed-hours'],
        fieldErrors: [],
        error: 'Refused',
        code: 'unsafe-callback',
      }),
    );
    expect(state.callbackSave).toMatchObject({ rules: ['outside-staffed-hours'], code: 'unsafe-callback' });
  });

  it('cancels and moves a call-back in the case’s list and in “Due now”', () => {
    let state = reduce(
      opened(),
      CallbacksApiActions.callbacksLoaded({
        caseId: 'c1',
        callbacks: [callback('a', '2026-11-24T10:00:00Z'), callback('b', '2026-11-25T10:00:00Z')],
      }),
    );
    state = reduce(state, CallbacksApiActions.dueCallbacksLoaded({ callbacks: [callback('a', '2026-11-24T10:00:00Z')] }));
    state = reduce(state, CallbackListActions.cancelConfirmed({ callbackId: 'a', reason: null }));
    expect(state.callbackChange).toMatchObject({ callbackId: 'a', pending: true });
    state = reduce(state, CallbacksApiActions.callbackCancelled({ callback: callback('a', '2026-11-24T10:00:00Z', 'cancelled') }));
    expect(state.callbacks.map((c) => c.status)).toEqual(['cancelled', 'pending']);
    expect(callbacksFeature.selectPendingCallbacks.projector(state.callbacks).map((c) => c.id)).toEqual(['b']);
    expect(state.due).toEqual([]);
    expect(state.callbackChange).toMatchObject({ callbackId: 'a', pending: false, done: 'cancelled' });

    state = reduce(state, CallbackListActions.rescheduleConfirmed({ callbackId: 'b', dueAt: '2026-11-23T10:00:00Z' }));
    state = reduce(state, CallbacksApiActions.callbackRescheduled({ callback: callback('b', '2026-11-23T10:00:00Z') }));
    expect(state.callbacks.map((c) => c.id)).toEqual(['b', 'a']);
    expect(state.callbackChange.done).toBe('rescheduled');
  });

  it('keeps why a change was refused, until dismissed', () => {
    let state = reduce(opened(), CallbackListActions.rescheduleConfirmed({ callbackId: 'a', dueAt: '2026-11-23T22:00:00Z' }));
    state = reduce(
      state,
      CallbacksApiActions.callbackChangeFailed({
        callbackId: 'a',
        rules: ['outside-staffed-hours'],
        error: 'Refused',
        code: 'unsafe-callback',
      }),
    );
    expect(state.callbackChange).toMatchObject({
      callbackId: 'a',
      pending: false,
      rules: ['outside-staffed-hours'],
      code: 'unsafe-callback',
    });
    state = reduce(state, CallbackListActions.changeDismissed());
    expect(state.callbackChange).toMatchObject({ callbackId: null, error: null, done: null });
  });

  it('keeps this user’s "Due now" list across cases', () => {
    let state = reduce(opened(), CallbacksApiActions.dueCallbacksLoaded({ callbacks: [callback('x', '2026-11-23T10:00:00Z')] }));
    state = reduce(state, CasePageActions.opened({ caseId: 'c2' }));
    expect(state.due?.map((c) => c.id)).toEqual(['x']);
    expect(state.callbacks).toEqual([]);
  });
});

describe('problems from the API', () => {
  const http = (status: number, error: unknown) => ({ status, error });

  it('uses the server’s words, or our own for codes we explain better', () => {
    expect(
      describeProblem(http(409, { title: 'Conflict', detail: 'Already claimed by Alex Morgan.', code: 'already-claimed' }), 'x'),
    ).toEqual({
      error: 'Already claimed by Alex Morgan.',
      code: 'already-claimed',
    });
    expect(describeProblem(http(409, { title: 'Conflict', detail: 'changed', code: 'stale-version' }), 'x').error).toMatch(
      /changed while you were working/,
    );
    expect(describeProblem(http(403, {}), 'x', 'Only team leads.')).toEqual({ error: 'Only team leads.', code: null });
    expect(describeProblem(http(0, null), 'x').error).toMatch(/Cannot reach Lantern/);
  });

  it('reads the rules a 422 named', () => {
    expect(
      unsafeRules(http(422, { title: 'Unsafe', detail: 'd', rule: 'suspect-number', rules: ['suspect-number', 'outside-safe-window'] })),
    ).toEqual(['suspect-number', 'outside-safe-window']);
    expect(unsafeRules(http(422, { title: 'Unsafe', detail: 'd', rule: 'contact-paused' }))).toEqual(['contact-paused']);
    expect(unsafeRules(http(500, 'boom'))).toEqual([]);
  });
});

describe('the call-backs due, read again', () => {
  it('takes a first read, even an empty one (none held is not an empty list)', () => {
    expect(initialCallbacksState.due).toBeNull();
    expect(reduce(initialCallbacksState, CallbacksApiActions.dueCallbacksLoaded({ callbacks: [] })).due).toEqual([]);
  });

  it('keeps the list it holds when the same call-backs come back, and takes a changed one', () => {
    const first = reduce(
      initialCallbacksState,
      CallbacksApiActions.dueCallbacksLoaded({ callbacks: [callback('b', '2026-11-24T11:00:00Z'), callback('a', '2026-11-24T10:00:00Z')] }),
    );
    expect(first.due?.map((c) => c.id)).toEqual(['a', 'b']);
    // The same records in another order (sorted by due time, they are the same list): nothing changes.
    const again = reduce(
      first,
      CallbacksApiActions.dueCallbacksLoaded({ callbacks: [callback('a', '2026-11-24T10:00:00Z'), callback('b', '2026-11-24T11:00:00Z')] }),
    );
    expect(again).toBe(first);
    // One moved: a new list.
    const moved = reduce(
      again,
      CallbacksApiActions.dueCallbacksLoaded({ callbacks: [callback('a', '2026-11-24T12:00:00Z'), callback('b', '2026-11-24T11:00:00Z')] }),
    );
    expect(moved.due?.map((c) => [c.id, c.dueAt])).toEqual([
      ['b', '2026-11-24T11:00:00Z'],
      ['a', '2026-11-24T12:00:00Z'],
    ]);
    // Gone: an empty list, not the one held.
    expect(reduce(moved, CallbacksApiActions.dueCallbacksLoaded({ callbacks: [] })).due).toEqual([]);
  });
});
