import { describe, expect, it } from 'vitest';
import type { LiveSocketEvent } from '../live-socket.service';
import { LiveSocketActions } from './live.actions';
import { toLiveAction } from './live.effects';

describe('toLiveAction', () => {
  const caseChanged = { seq: 7, caseId: 'c1' } as unknown as Extract<LiveSocketEvent, { type: 'case-changed' }>['event'];
  const presence = { caseId: 'c1', viewers: [] } as unknown as Extract<LiveSocketEvent, { type: 'presence-changed' }>['event'];
  const referral = { referralId: 'r1', status: 'accepted' } as unknown as Extract<LiveSocketEvent, { type: 'referral-changed' }>['event'];
  const staff = { userId: 'u1' } as unknown as Extract<LiveSocketEvent, { type: 'staff-changed' }>['event'];

  it.each<[LiveSocketEvent, ReturnType<(typeof LiveSocketActions)[keyof typeof LiveSocketActions]>]>([
    [{ type: 'connecting' }, LiveSocketActions.connecting()],
    [{ type: 'ready', lastSeq: 12 }, LiveSocketActions.ready({ lastSeq: 12 })],
    [{ type: 'disconnected', reason: 'transport close' }, LiveSocketActions.disconnected({ reason: 'transport close' })],
    [{ type: 'connect-failed', message: 'unauthorised' }, LiveSocketActions.connectFailed({ message: 'unauthorised' })],
    [{ type: 'case-changed', event: caseChanged }, LiveSocketActions.caseChanged({ event: caseChanged })],
    [{ type: 'case-removed', event: { caseId: 'c1' } }, LiveSocketActions.caseRemoved({ event: { caseId: 'c1' } })],
    [{ type: 'presence-changed', event: presence }, LiveSocketActions.presenceChanged({ event: presence })],
    [{ type: 'referral-changed', event: referral }, LiveSocketActions.referralChanged({ event: referral })],
    [{ type: 'staff-changed', event: staff }, LiveSocketActions.staffChanged({ event: staff })],
    [
      { type: 'risk-raised-by-police', event: { caseId: 'c1', reference: 'R1', from: 'medium', to: 'high', revision: 2 } },
      LiveSocketActions.riskRaisedByPolice({ event: { caseId: 'c1', reference: 'R1', from: 'medium', to: 'high', revision: 2 } }),
    ],
  ])('turns the socket event %o into the Live Socket action every domain listens to', (event, action) => {
    expect(toLiveAction(event)).toEqual(action);
  });
});
