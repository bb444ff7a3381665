import { describe, expect, it } from 'vitest';
import type { PresenceChangedEvent } from '@lantern/shared/domain';
import { PresenceSocketActions } from './casework.actions';
import { editorsBySection, initialPresenceState, presenceFeature, selectOthersByCase } from './presence.feature';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const reduce = presenceFeature.reducer;
const sam = { userId: 'u-sam', displayName: 'Sam Carter', editing: null };
const alex = { userId: 'u-alex', displayName: 'Alex Morgan', editing: 'safe-contact' };

function changed(caseId: string, viewers: PresenceChangedEvent['viewers']) {
  return PresenceSocketActions.changed({ event: { caseId, viewers } });
}

describe('presence reducer', () => {
  it('keeps the viewers of each case as the server last said, and forgets cases nobody has open', () => {
    let state = reduce(initialPresenceState, changed('c1', [sam]));
    state = reduce(state, changed('c2', [sam, alex]));
    expect(state.entities['c2']?.viewers).toEqual([sam, alex]);
    state = reduce(state, changed('c1', []));
    expect(state.ids).toEqual(['c2']);
  });

  it('replaces what it knew with the snapshot a fresh socket asks for', () => {
    let state = reduce(initialPresenceState, changed('c1', [sam]));
    state = reduce(
      state,
      PresenceSocketActions.snapshotReceived({
        events: [
          { caseId: 'c2', viewers: [alex] },
          { caseId: 'c3', viewers: [] },
        ],
      }),
    );
    expect(state.ids).toEqual(['c2']);
    expect(state.entities['c2']?.viewers).toEqual([alex]);
  });

  it('forgets everyone when the connection drops (changes were missed)', () => {
    const state = reduce(reduce(initialPresenceState, changed('c1', [sam])), LiveSocketActions.disconnected({ reason: 'transport close' }));
    expect(state.ids).toEqual([]);
  });

  it('remembers the case this user has open and the section they edit, to send again after a reconnect', () => {
    let state = reduce(initialPresenceState, CasePageActions.opened({ caseId: 'c1' }));
    expect(state.mine).toEqual({ caseId: 'c1', section: null });
    state = reduce(state, CasePageActions.sectionEditingChanged({ caseId: 'c1', section: 'risk' }));
    expect(state.mine).toEqual({ caseId: 'c1', section: 'risk' });
    // A late "stopped editing" from a case already left changes nothing.
    state = reduce(state, CasePageActions.sectionEditingChanged({ caseId: 'old', section: null }));
    expect(state.mine).toEqual({ caseId: 'c1', section: 'risk' });
    state = reduce(state, CasePageActions.closed({ caseId: 'c1' }));
    expect(state.mine).toBeNull();
  });

  it('leaves this user out of "who else"', () => {
    const state = reduce(reduce(initialPresenceState, changed('c1', [sam, alex])), changed('c2', [sam]));
    const others = selectOthersByCase.projector(state.entities, 'u-sam');
    expect(others).toEqual({ c1: [alex] });
  });

  it('lists who is editing which section', () => {
    expect(editorsBySection([sam, alex, { userId: 'u-j', displayName: 'Jordan Ellis', editing: 'safe-contact' }])).toEqual({
      'safe-contact': ['Alex Morgan', 'Jordan Ellis'],
    });
  });
});
