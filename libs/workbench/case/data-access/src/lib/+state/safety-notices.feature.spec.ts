import { describe, expect, it } from 'vitest';
import { safetyNoticeKey, type SafetyNotice } from '@lantern/shared/domain';
import { AuthApiActions } from '@lantern/workbench/auth/data-access';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { SafetyNoticesActions, SafetyNoticesApiActions } from './safety-notices.actions';
import { safetyNoticesFeature, type SafetyNoticesState } from './safety-notices.feature';

const r = safetyNoticesFeature.reducer;
const start = r(undefined, { type: 'init' });
const live = (caseId: string, revision: number) =>
  LiveSocketActions.victimChangedByPolice({ event: { caseId, reference: `HC/2026/${caseId}`, revision } });
const waited = (caseId: string, revision: number): SafetyNotice => ({
  key: safetyNoticeKey(caseId, revision),
  kind: 'victim-changed-by-police',
  caseId,
  reference: `HC/2026/${caseId}`,
  revision,
  at: '2026-12-06T20:00:00.000Z',
});
const shown = (s: SafetyNoticesState) => safetyNoticesFeature.selectShown.projector(s.bars);

describe('safety notices reducer', () => {
  it('shows a live notice with its key and what to do, one bar per case, the latest revision kept', () => {
    let s = r(start, live('c1', 2));
    expect(shown(s)).toEqual([
      {
        key: 'victim-changed|c1|2',
        caseId: 'c1',
        revision: 2,
        text: 'Police revision 2 on HC/2026/c1 names another victim: what the hub recorded for the earlier person no longer counts. Check the case before any contact.',
        dismissing: false,
        error: null,
      },
    ]);
    s = r(s, live('c1', 3));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c1|3']);
    // A list read before revision 3 arrived still names revision 2: it does not bring it back.
    s = r(s, SafetyNoticesApiActions.loaded({ items: [waited('c1', 2), waited('c2', 4)] }));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c1|3', 'victim-changed|c2|4']);
  });

  it('hides a dismissed bar at once, drops it once recorded, and brings it back saying so when not recorded', () => {
    let s = r(start, SafetyNoticesApiActions.loaded({ items: [waited('c1', 2), waited('c2', 2)] }));
    s = r(s, SafetyNoticesActions.dismissClicked({ key: 'victim-changed|c1|2' }));
    expect(shown(s).map((b) => b.caseId)).toEqual(['c2']);
    const failed = r(s, SafetyNoticesApiActions.dismissFailed({ key: 'victim-changed|c1|2', error: 'No connection.' }));
    expect(shown(failed).find((b) => b.caseId === 'c1')).toMatchObject({ dismissing: false, error: 'No connection.' });
    const done = r(s, SafetyNoticesApiActions.dismissed({ key: 'victim-changed|c1|2' }));
    expect(done.bars.map((b) => b.caseId)).toEqual(['c2']);
    // The notices that waited reread after a reconnect: the one being dismissed stays hidden.
    expect(shown(r(s, SafetyNoticesApiActions.loaded({ items: [waited('c1', 2)] }))).map((b) => b.caseId)).toEqual(['c2']);
  });

  it('says when the notices that waited could not be read, until they are', () => {
    let s = r(start, SafetyNoticesApiActions.loadFailed({ error: 'The server could not be reached.' }));
    expect(s.loadError).toBe('The server could not be reached.');
    s = r(s, SafetyNoticesApiActions.loaded({ items: [] }));
    expect(s.loadError).toBeNull();
  });

  it('forgets every notice at sign-out: another user may sign in on this browser', () => {
    const s = r(start, live('c1', 2));
    expect(r(s, AuthApiActions.signedOut()).bars).toEqual([]);
    expect(r(s, AuthApiActions.sessionExpired()).bars).toEqual([]);
  });
});
