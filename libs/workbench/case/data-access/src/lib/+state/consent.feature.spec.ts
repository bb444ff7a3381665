import { describe, expect, it } from 'vitest';
import type { ConsentView } from '@lantern/shared/domain';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { ConsentApiActions, ConsentDialogActions } from './consent.actions';
import { consentFeature, initialConsentState } from './consent.feature';

const r = consentFeature.reducer;
const view: ConsentView = {
  contact: { value: 'given', source: 'hub', method: 'phone', by: { id: 'u1', displayName: 'Sam Carter' }, at: '2026-11-24T10:05:00.000Z' },
  sharing: { value: 'not-asked', source: 'police', method: null, by: null, at: null },
  history: [
    {
      id: 'k1',
      at: '2026-11-24T10:05:00.000Z',
      by: { id: 'u1', displayName: 'Sam Carter' },
      contact: 'given',
      sharing: null,
      method: 'phone',
      note: null,
    },
  ],
  victimChangedAt: null,
};

describe('consent reducer', () => {
  const opened = () => r(initialConsentState, ConsentDialogActions.opened({ caseId: 'c1', from: 'contact' }));

  it('pending, then recorded (the dialog closes, the panel it came from says so)', () => {
    let state = r(opened(), ConsentDialogActions.submitted({ caseId: 'c1', request: { contact: 'given', method: 'phone' } }));
    expect(state).toMatchObject({ caseId: 'c1', from: 'contact', pending: true, error: null, recordedAt: null });
    expect(r(state, ConsentApiActions.recorded({ caseId: 'c2', view })).pending).toBe(true);
    state = r(state, ConsentApiActions.recorded({ caseId: 'c1', view }));
    expect(state).toMatchObject({ pending: false, recordedAt: '2026-11-24T10:05:00.000Z' });
  });

  it('keeps a refusal to show in the dialog, and forgets everything when another case or dialog opens', () => {
    let state = r(opened(), ConsentDialogActions.submitted({ caseId: 'c1', request: { sharing: 'given', method: 'phone' } }));
    state = r(state, ConsentApiActions.recordFailed({ caseId: 'c1', error: 'Your role cannot record consent.', code: null }));
    expect(state).toMatchObject({ pending: false, error: 'Your role cannot record consent.' });
    expect(r(state, ConsentDialogActions.opened({ caseId: 'c1', from: 'referrals' }))).toEqual({
      ...initialConsentState,
      caseId: 'c1',
      from: 'referrals',
    });
    expect(r(state, CasePageActions.opened({ caseId: 'c9' }))).toEqual(initialConsentState);
  });
});
