import { describe, expect, it } from 'vitest';
import type { CaseSummary, ContactAttemptRecord, SafeContactView } from '@lantern/shared/domain';
import { CaseHeaderActions, CaseworkApiActions, ContactAttemptFormActions, SafeTimesPanelActions } from './casework.actions';
import { cancelledCallbacksText, caseworkFeature, initialCaseworkState } from './casework.feature';
import { CasePageActions, QueuePageActions } from '@lantern/workbench/data-access-hub';

const reduce = caseworkFeature.reducer;
const opened = (caseId = 'c1') => reduce(initialCaseworkState, CasePageActions.opened({ caseId }));
const summary = (over: Partial<CaseSummary> = {}) =>
  ({
    id: 'c1',
    version: 4,
    reference: 'HUB-1',
    victim: { firstName: 'Ada', lastName: 'Lovelace' },
    assignee: null,
    ...over,
  }) as CaseSummary;

function attempt(id: string, attemptedAt: string, over: Partial<ContactAttemptRecord> = {}): ContactAttemptRecord {
  return {
    id,
    channel: 'call',
    to: '07700 900777',
    attemptedAt,
    recordedAt: attemptedAt,
    by: { id: 'u1', displayName: 'Sam Carter' },
    outcome: 'no-answer',
    safeToTalk: null,
    notes: null,
    override: null,
    ...over,
  };
}

const view: SafeContactView = {
  plan: { numbers: [], emails: [], windows: [], channels: [], codeWord: null, safeTimesText: null, timeRule: 'any', notes: null },
  consentToContact: 'given',
  contactPaused: false,
  nextSafeWindowAt: null,
  editedAt: null,
  suspectNumbers: [],
  suggestion: null,
  revisedSafeTimes: null,
  revisedSafeContact: null,
};

describe('casework reducer', () => {
  it('gives a case back: pending, then a notice; a refusal is kept to show', () => {
    let state = reduce(opened(), CaseHeaderActions.giveBackConfirmed({ caseId: 'c1', version: 4 }));
    expect(state.release.pending).toBe(true);
    state = reduce(state, CaseworkApiActions.released({ summary: summary({ version: 5 }) }));
    expect(state.release).toEqual({ pending: false, error: null, code: null });
    expect(state.notice?.text).toMatch(/gave the case back/);
    state = reduce(state, CaseHeaderActions.giveBackConfirmed({ caseId: 'c1', version: 5 }));
    state = reduce(state, CaseworkApiActions.releaseFailed({ caseId: 'c1', error: 'Claimed by Alex Morgan', code: 'not-assignee' }));
    expect(state.release).toEqual({ pending: false, error: 'Claimed by Alex Morgan', code: 'not-assignee' });
  });

  it('starts afresh for another case but keeps a notice and a Next case in flight', () => {
    let state = reduce(opened(), QueuePageActions.nextCaseClicked());
    state = reduce(state, CaseworkApiActions.nextCaseFailed({ none: true, error: 'No unassigned case is waiting.' }));
    state = reduce(state, CaseworkApiActions.safeContactLoaded({ caseId: 'c1', view }));
    state = reduce(state, CasePageActions.opened({ caseId: 'c2' }));
    expect(state).toMatchObject({
      caseId: 'c2',
      safeContact: null,
      safeContactStatus: 'loading',
      notice: { id: 1, text: 'No unassigned case is waiting.' },
      nextCasePending: false,
    });
  });

  it('shows the server’s words when someone else claimed first', () => {
    let state = reduce(opened(), CasePageActions.claimClicked({ caseId: 'c1' }));
    expect(state.claim.pending).toBe(true);
    state = reduce(
      state,
      CaseworkApiActions.claimFailed({ caseId: 'c1', error: 'Already claimed by Alex Morgan.', code: 'already-claimed' }),
    );
    expect(state.claim).toEqual({ pending: false, error: 'Already claimed by Alex Morgan.', code: 'already-claimed' });
    state = reduce(state, CaseworkApiActions.claimSucceeded({ summary: summary() }));
    expect(state.claim.error).toBeNull();
    expect(state.notice?.text).toBe('You claimed this case.');
  });

  it('remembers what a stale status change was based on, until dismissed', () => {
    const before = summary({ status: 'contacting' });
    let state = reduce(opened(), CasePageActions.statusChangeConfirmed({ caseId: 'c1', status: 'assessment', reason: null, version: 4 }));
    state = reduce(state, CaseworkApiActions.statusChangeFailed({ caseId: 'c1', before, error: 'changed', code: 'stale-version' }));
    expect(state.conflict).toEqual({ action: 'status', before });
    state = reduce(state, CasePageActions.conflictDismissed());
    expect(state.conflict).toBeNull();
    // Other refusals are errors, not conflicts.
    state = reduce(
      state,
      CaseworkApiActions.statusChangeFailed({ caseId: 'c1', before, error: 'Needs a reason', code: 'reason-required' }),
    );
    expect(state.conflict).toBeNull();
    expect(state.statusChange.error).toBe('Needs a reason');
  });

  it('lists attempts newest first, adds a recorded one, and pauses contact when someone else answered', () => {
    let state = reduce(opened(), CaseworkApiActions.safeContactLoaded({ caseId: 'c1', view }));
    state = reduce(
      state,
      CaseworkApiActions.contactAttemptsLoaded({
        caseId: 'c1',
        attempts: [attempt('a1', '2026-11-23T09:00:00Z'), attempt('a2', '2026-11-23T11:00:00Z')],
      }),
    );
    expect(caseworkFeature.selectAttempts.projector(state).map((a) => a.id)).toEqual(['a2', 'a1']);
    state = reduce(state, ContactAttemptFormActions.submitted({ caseId: 'c1', request: { channel: 'call' } }));
    state = reduce(
      state,
      CaseworkApiActions.contactAttemptRecorded({
        caseId: 'c1',
        attempt: attempt('a3', '2026-11-23T12:00:00Z', { outcome: 'someone-else-answered' }),
      }),
    );
    expect(caseworkFeature.selectAttempts.projector(state).map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(state.attempt).toMatchObject({ pending: false, recordedId: 'a3' });
    expect(state.safeContact?.contactPaused).toBe(true);
    state = reduce(state, ContactAttemptFormActions.formEdited());
    expect(state.attempt.recordedId).toBeNull();
  });

  it('keeps the rules a 422 named', () => {
    const state = reduce(
      reduce(opened(), ContactAttemptFormActions.submitted({ caseId: 'c1', request: { channel: 'call' } })),
      CaseworkApiActions.contactAttemptRefused({
        caseId: 'c1',
        error: 'That time is outside the victim’s safe times.',
        code: 'unsafe-contact',
        rules: ['outside-safe-window'],
        fieldErrors: [],
      }),
    );
    expect(state.attempt).toMatchObject({ pending: false, code: 'unsafe-contact', rules: ['outside-safe-window'] });
  });

  it('reads the history when its tab is shown, keeping what it has while it reads again', () => {
    let state = reduce(opened(), CasePageActions.tabShown({ caseId: 'c1', tab: 'contact' }));
    expect(state.historyStatus).toBe('idle');
    state = reduce(state, CasePageActions.tabShown({ caseId: 'c1', tab: 'history' }));
    expect(state.historyStatus).toBe('loading');
    state = reduce(state, CaseworkApiActions.historyLoaded({ caseId: 'c1', entries: [] }));
    state = reduce(state, CasePageActions.historyRefreshClicked({ caseId: 'c1' }));
    expect(state.historyStatus).toBe('loaded');
  });

  it('confirms the safe times in one action: pending, then the plan the server answered with, and a notice', () => {
    const unknown: SafeContactView = {
      ...view,
      plan: { ...view.plan, timeRule: 'unknown', safeTimesText: 'Weekdays 10am-12pm' },
      suggestion: { windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '12:00' }], text: 'Weekdays 10am-12pm' },
    };
    let state = reduce(opened(), CaseworkApiActions.safeContactLoaded({ caseId: 'c1', view: unknown }));
    state = reduce(state, SafeTimesPanelActions.confirmed({ caseId: 'c1', request: { useSuggestion: true }, version: 3 }));
    expect(state.safeTimesSave).toMatchObject({ pending: true, error: null, saved: false });
    const confirmed: SafeContactView = {
      ...unknown,
      plan: { ...unknown.plan, timeRule: 'windows', windows: unknown.suggestion?.windows ?? [] },
    };
    state = reduce(state, CaseworkApiActions.safeTimesConfirmed({ caseId: 'c1', view: confirmed }));
    expect(state.safeContact?.plan.timeRule).toBe('windows');
    expect(state.safeTimesSave).toMatchObject({ pending: false, saved: true });
    expect(state.notice?.text).toBe('Safe times confirmed.');
    state = reduce(state, SafeTimesPanelActions.formEdited());
    expect(state.safeTimesSave.saved).toBe(false);

    // A change of the times that cancelled call-backs says so, and keeps saying it when the case's own change event
    // reloads the view (which carries no count).
    state = reduce(state, SafeTimesPanelActions.confirmed({ caseId: 'c1', request: { useSuggestion: true }, version: 4 }));
    state = reduce(state, CaseworkApiActions.safeTimesConfirmed({ caseId: 'c1', view: { ...confirmed, cancelledCallbacks: 2 } }));
    expect(state.notice?.text).toBe(
      'Safe times confirmed. 2 call-backs outside the new safe times were cancelled (see Call-backs on the Contact tab).',
    );
    state = reduce(state, CaseworkApiActions.safeContactLoaded({ caseId: 'c1', view: confirmed }));
    expect(state.safeTimesSave).toMatchObject({ saved: true, cancelledCallbacks: 2 });
    expect(cancelledCallbacksText(1)).toBe(' 1 call-back outside the new safe times was cancelled (see Call-backs on the Contact tab).');
    expect(cancelledCallbacksText(0)).toBe('');
  });

  it('keeps the server’s words when confirming fails, and remembers what the case was on a stale version', () => {
    let state = reduce(opened(), SafeTimesPanelActions.confirmed({ caseId: 'c1', request: { useSuggestion: true }, version: 3 }));
    state = reduce(
      state,
      CaseworkApiActions.safeTimesConfirmFailed({
        caseId: 'c1',
        before: null,
        fieldErrors: [],
        error:
          'Lantern could not read the officer’s safe times with certainty, so there is no suggestion to use: record the times yourself.',
        code: 'no-suggestion',
      }),
    );
    expect(state.safeTimesSave).toMatchObject({ pending: false, code: 'no-suggestion', error: expect.stringMatching(/record the times/) });
    expect(state.conflict).toBeNull();
    state = reduce(state, SafeTimesPanelActions.confirmed({ caseId: 'c1', request: { timeRule: 'any' }, version: 3 }));
    state = reduce(
      state,
      CaseworkApiActions.safeTimesConfirmFailed({
        caseId: 'c1',
        before: summary(),
        fieldErrors: [],
        error: 'Changed',
        code: 'stale-version',
      }),
    );
    expect(state.conflict).toMatchObject({ action: 'safe-times' });
  });

  it('ignores answers about a case no longer open', () => {
    const state = opened('c2');
    expect(reduce(state, CaseworkApiActions.safeContactLoaded({ caseId: 'c1', view }))).toBe(state);
    expect(reduce(state, CaseworkApiActions.claimSucceeded({ summary: summary() }))).toBe(state);
  });
});
