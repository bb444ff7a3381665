import type { TeamLeadAlerts } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { alertsFeature, initialAlertsState, withoutAlert } from './alerts.feature';
import { AlertApiActions, AlertTrayActions, WorkloadApiActions, WorkloadPageActions } from './team.actions';
import { initialWorkloadState, workloadFeature } from './workload.feature';

const alerts: TeamLeadAlerts = {
  overrides: [
    {
      attemptId: 'a1',
      caseId: 'c1',
      reference: 'LAN-1',
      at: '2026-12-01T10:00:00Z',
      userId: 'u1',
      by: 'Sam',
      reason: 'asked',
      rules: [],
      alertKey: 'override|c1|a1',
    },
  ],
  paused: [{ caseId: 'c2', reference: 'LAN-2', since: '2026-12-01T09:00:00Z', alertKey: 'paused|c2|a2' }],
  missedCallbacks: [],
  overdueReferrals: [],
  sla: [{ caseId: 'c3', reference: 'LAN-3', state: 'near', dueAt: null, grade: null, assignee: null, alertKey: 'sla|c3|near|' }],
  safety: [{ kind: 'break-glass', at: '2026-12-01T11:00:00Z', alertKey: 'break-glass|g1' }],
};

describe('alert acknowledgements', () => {
  it('takes exactly the acknowledged alert out of the tray, whatever its list', () => {
    expect(withoutAlert(alerts, 'paused|c2|a2').paused).toEqual([]);
    expect(withoutAlert(alerts, 'paused|c2|a2').overrides).toHaveLength(1);
    expect(withoutAlert(alerts, 'break-glass|g1').safety).toEqual([]);
    expect(withoutAlert(alerts, 'sla|c3|near|').sla).toEqual([]);
  });

  it('tracks the one in flight, removes it when acknowledged and keeps a refusal beside its form', () => {
    let s = alertsFeature.reducer(initialAlertsState, AlertApiActions.loaded({ alerts }));
    s = alertsFeature.reducer(s, AlertTrayActions.acknowledgeSubmitted({ alertKey: 'override|c1|a1', note: 'done' }));
    expect(s.acknowledging).toBe('override|c1|a1');
    const failed = alertsFeature.reducer(s, AlertApiActions.acknowledgeFailed({ alertKey: 'override|c1|a1', error: 'offline' }));
    expect(failed).toMatchObject({ acknowledging: null, acknowledgeError: { alertKey: 'override|c1|a1', error: 'offline' } });
    expect(failed.alerts?.overrides).toHaveLength(1);
    s = alertsFeature.reducer(s, AlertApiActions.acknowledged({ alertKey: 'override|c1|a1' }));
    expect(s.alerts?.overrides).toEqual([]);
    expect(s.acknowledged?.alertKey).toBe('override|c1|a1');
  });
});

describe('undo after a reassignment', () => {
  it('announces the move with its reverse, and marks the case pending while it is undone', () => {
    const undo = { caseId: 'c1', reference: 'LAN-1', toUserId: null, toName: 'the queue' };
    let s = workloadFeature.reducer(
      initialWorkloadState,
      WorkloadApiActions.assigned({ caseId: 'c1', message: 'LAN-1 given to Sam.', undo }),
    );
    expect(s.announcement).toMatchObject({ text: 'LAN-1 given to Sam.', undo });
    s = workloadFeature.reducer(s, WorkloadPageActions.undoClicked({ request: undo }));
    expect(s.pending).toEqual(['c1']);
    s = workloadFeature.reducer(
      s,
      WorkloadApiActions.assigned({ caseId: 'c1', message: 'Undone: LAN-1 is back in the unassigned queue.' }),
    );
    expect(s.announcement?.undo).toBeUndefined();
    expect(s.pending).toEqual([]);
  });
});
