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
  key: safetyNoticeKey('victim-changed-by-police', caseId, revision),
  kind: 'victim-changed-by-police',
  caseId,
  reference: `HC/2026/${caseId}`,
  revision,
  at: '2026-12-06T20:00:00.000Z',
});
const shown = (s: SafetyNoticesState) => safetyNoticesFeature.selectShown.projector(s.bars);
const read = (s: SafetyNoticesState, items: SafetyNotice[]) =>
  r(r(s, SafetyNoticesApiActions.loadStarted()), SafetyNoticesApiActions.loaded({ items }));

describe('safety notices reducer', () => {
  it('shows a live notice with its key and what to do, one bar per case, the latest revision kept', () => {
    let s = r(start, live('c1', 2));
    expect(shown(s)).toEqual([
      {
        key: 'victim-changed|c1|2',
        kind: 'victim-changed-by-police',
        caseId: 'c1',
        revision: 2,
        text: 'Police revision 2 on HC/2026/c1 names another victim: the consent, safe-contact plan and call-backs recorded for the earlier person no longer apply. Check the case before any contact.',
        dismissing: false,
        error: null,
        dismissedBefore: null,
      },
    ]);
    s = r(s, live('c1', 3));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c1|3']);
    // A list read sent before revision 3 arrived still names revision 2: it does not bring it back.
    s = r(r(start, SafetyNoticesApiActions.loadStarted()), live('c1', 2));
    s = r(s, live('c1', 3));
    s = r(s, SafetyNoticesApiActions.loaded({ items: [waited('c1', 2), waited('c2', 4)] }));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c1|3', 'victim-changed|c2|4']);
    // A later read answers for what it lists: a case handed on, or a notice dismissed in another tab, goes.
    s = read(s, [waited('c2', 4)]);
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c2|4']);
  });

  it('keeps a raised risk beside a changed victim on the same case, each its own bar', () => {
    let s = r(start, live('c1', 2));
    s = r(
      s,
      LiveSocketActions.riskRaisedByPolice({ event: { caseId: 'c1', reference: 'HC/2026/c1', from: 'medium', to: 'high', revision: 2 } }),
    );
    expect(shown(s).map((b) => [b.key, b.text])).toEqual([
      ['victim-changed|c1|2', expect.stringContaining('names another victim')],
      ['risk-raised|c1|2', 'Police revision 2 on HC/2026/c1 raised the risk: medium → high. Check the case.'],
    ]);
    s = r(
      s,
      SafetyNoticesApiActions.loaded({
        items: [
          {
            key: 'risk-raised|c1|3',
            kind: 'risk-raised-by-police',
            caseId: 'c1',
            reference: 'HC/2026/c1',
            revision: 3,
            from: null,
            to: 'high',
            at: '2026-12-06T20:00:00.000Z',
          },
        ],
      }),
    );
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c1|2', 'risk-raised|c1|3']);
  });

  it('hides a dismissed bar at once, drops it once recorded, and brings it back saying so when not recorded', () => {
    let s = read(start, [waited('c1', 2), waited('c2', 2)]);
    s = r(s, SafetyNoticesActions.dismissClicked({ key: 'victim-changed|c1|2' }));
    expect(shown(s).map((b) => b.caseId)).toEqual(['c2']);
    const failed = r(s, SafetyNoticesApiActions.dismissFailed({ key: 'victim-changed|c1|2', error: 'No connection.' }));
    expect(shown(failed).find((b) => b.caseId === 'c1')).toMatchObject({ dismissing: false, error: 'No connection.' });
    const done = r(s, SafetyNoticesApiActions.dismissed({ key: 'victim-changed|c1|2' }));
    expect(done.bars.map((b) => b.caseId)).toEqual(['c2']);
    // A read sent before the dismissal was recorded still lists it: it stays hidden, before and after it is recorded.
    expect(shown(read(s, [waited('c1', 2), waited('c2', 2)])).map((b) => b.caseId)).toEqual(['c2']);
    expect(shown(read(done, [waited('c1', 2), waited('c2', 2)])).map((b) => b.caseId)).toEqual(['c2']);
    // Not recorded: a later read may bring it back (it waits on the server still).
    expect(shown(read(failed, [waited('c1', 2), waited('c2', 2)])).map((b) => b.caseId)).toEqual(['c1', 'c2']);
  });

  it("lets a notice no longer the user's go without counting it dismissed: it shows again if the case comes back", () => {
    let s = read(start, [waited('c1', 2)]);
    s = r(s, SafetyNoticesActions.dismissClicked({ key: 'victim-changed|c1|2' }));
    s = r(s, SafetyNoticesApiActions.dismissGone({ key: 'victim-changed|c1|2' }));
    expect(s.bars).toEqual([]);
    expect(shown(read(s, [waited('c1', 2)])).map((b) => b.key)).toEqual(['victim-changed|c1|2']);
    // A dismissal recorded earlier for the case still holds after one that was not.
    s = read(start, [waited('c1', 2)]);
    s = r(s, SafetyNoticesActions.dismissClicked({ key: 'victim-changed|c1|2' }));
    s = r(s, SafetyNoticesApiActions.dismissed({ key: 'victim-changed|c1|2' }));
    s = r(s, live('c1', 3));
    s = r(s, SafetyNoticesActions.dismissClicked({ key: 'victim-changed|c1|3' }));
    s = r(s, SafetyNoticesApiActions.dismissGone({ key: 'victim-changed|c1|3' }));
    expect(shown(read(s, [waited('c1', 2)]))).toEqual([]);
    expect(shown(read(s, [waited('c1', 3)])).map((b) => b.key)).toEqual(['victim-changed|c1|3']);
  });

  it('lets a bar dismissed in another tab go (and earlier ones of its kind), not a later revision, and a read in flight not bring it back', () => {
    const dismissedElsewhere = (caseId: string, revision: number) =>
      LiveSocketActions.safetyNoticeDismissed({
        event: { key: safetyNoticeKey('victim-changed-by-police', caseId, revision), kind: 'victim-changed-by-police', caseId, revision },
      });
    let s = r(r(start, live('c1', 2)), live('c2', 5));
    s = r(s, dismissedElsewhere('c1', 2));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c2|5']);
    // A read sent before the dismissal, answering with the dismissed notice: it stays gone.
    s = read(s, [waited('c1', 2), waited('c2', 5)]);
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c2|5']);
    // A dismissal of an earlier revision leaves a later revision's bar.
    s = r(s, dismissedElsewhere('c2', 4));
    expect(shown(s).map((b) => b.key)).toEqual(['victim-changed|c2|5']);
    // A raised-risk bar of the same case is another kind: it stays.
    s = r(
      s,
      LiveSocketActions.riskRaisedByPolice({ event: { caseId: 'c2', reference: 'HC/2026/c2', from: 'medium', to: 'high', revision: 5 } }),
    );
    s = r(s, dismissedElsewhere('c2', 5));
    expect(shown(s).map((b) => b.key)).toEqual(['risk-raised|c2|5']);
  });

  it('says when the notices that waited could not be read, until they are', () => {
    let s = r(
      r(start, SafetyNoticesApiActions.loadStarted()),
      SafetyNoticesApiActions.loadFailed({ error: 'The server could not be reached.' }),
    );
    expect(s).toMatchObject({ loadError: 'The server could not be reached.', reading: false });
    s = r(s, SafetyNoticesApiActions.loadStarted());
    expect(s).toMatchObject({ loadError: 'The server could not be reached.', reading: true });
    s = r(s, SafetyNoticesApiActions.loaded({ items: [] }));
    expect(s.loadError).toBeNull();
  });

  it('forgets every notice at sign-out: another user may sign in on this browser', () => {
    const s = r(start, live('c1', 2));
    expect(r(s, AuthApiActions.signedOut()).bars).toEqual([]);
    expect(r(s, AuthApiActions.sessionExpired()).bars).toEqual([]);
  });
});
