import { describe, expect, it } from 'vitest';
import type { NeedsContent, VersionedDocument } from '@lantern/shared/domain';
import { NeedsFormActions, SupportApiActions } from './support.actions';
import { initialSupportState, supportFeature } from './support.feature';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

const reduce = supportFeature.reducer;
const opened = () => reduce(initialSupportState, CasePageActions.opened({ caseId: 'c1' }));

const doc = (version: number): VersionedDocument<NeedsContent> => ({
  current: {
    version,
    content: { housing: { need: true, urgency: 'high', notes: null } },
    savedAt: '2026-11-23T10:00:00Z',
    savedBy: { id: 'u1', displayName: 'Sam Carter' },
  },
  history: [],
});

describe('support reducer', () => {
  it('loads support (needs assessment and safety plan) when its tab is shown, and records a save', () => {
    let state = reduce(opened(), CasePageActions.tabShown({ caseId: 'c1', tab: 'support' }));
    expect(state.needsStatus).toBe('loading');
    state = reduce(state, SupportApiActions.needsLoaded({ caseId: 'c1', doc: doc(1) }));
    state = reduce(state, NeedsFormActions.submitted({ caseId: 'c1', content: {}, basedOnVersion: 1 }));
    expect(state.needsSave.pending).toBe(true);
    state = reduce(state, SupportApiActions.needsSaved({ caseId: 'c1', doc: doc(2) }));
    expect(state.needs?.current?.version).toBe(2);
    expect(state.needsSave.saved).toBe(true);
    state = reduce(state, NeedsFormActions.formEdited());
    expect(state.needsSave.saved).toBe(false);
  });
});
