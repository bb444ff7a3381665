import type { TeamLeadAlerts, UnassignedQueue, WorkloadRow } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { accountChangeText, alertCount, groupAlerts, loadBar, reassignTargets, unassignedGrid } from './team-view';

function row(over: Partial<WorkloadRow>): WorkloadRow {
  return {
    userId: 'u',
    onShift: true,
    openCases: 0,
    weightedLoad: 0,
    breaches: 0,
    displayName: 'Someone',
    roles: ['caseworker'],
    availability: 'available',
    rota: null,
    nearBreaches: 0,
    byGrade: { high: 0, medium: 0, standard: 0, ungraded: 0 },
    callbacksDue: 0,
    cap: 8,
    ...over,
  };
}

describe('loadBar', () => {
  it.each([
    [0, 8, 0, false, '0 of 8'],
    [4, 8, 50, false, '4 of 8'],
    [8, 8, 100, false, '8 of 8'],
    [10, 8, 100, true, '10 of 8 (over cap by 2)'],
    [3, 0, 100, true, '3 of 0 (over cap by 3)'],
  ])('load %i against cap %i fills %i%% (over: %s)', (load, cap, percent, over, label) => {
    expect(loadBar(load, cap)).toMatchObject({ percent, over, label });
  });
});

describe('reassignTargets', () => {
  const rows = [
    row({ userId: 'a', displayName: 'Zoe Away', availability: 'away', weightedLoad: 0 }),
    row({ userId: 'b', displayName: 'Bea Busy', availability: 'busy', weightedLoad: 1 }),
    row({ userId: 'c', displayName: 'Cal Heavy', weightedLoad: 7 }),
    row({ userId: 'd', displayName: 'Dee Light', weightedLoad: 2 }),
    row({ userId: 'e', displayName: 'Eve Offshift', onShift: false, weightedLoad: 0 }),
    row({ userId: 'f', displayName: 'Abe Light', weightedLoad: 2 }),
  ];

  it('puts people who can take work now first, lightest first, then busy, then away or off shift', () => {
    expect(reassignTargets(rows, null).map((t) => t.userId)).toEqual(['f', 'd', 'c', 'b', 'e', 'a']);
  });

  it('leaves the current assignee out and describes each person', () => {
    const targets = reassignTargets(rows, 'd');
    expect(targets.map((t) => t.userId)).not.toContain('d');
    expect(targets[0]).toMatchObject({ userId: 'f', ready: true, note: 'load 2 of 8 · on shift · Available' });
    expect(targets.find((t) => t.userId === 'e')?.note).toBe('load 0 of 8 · off shift · Available');
  });
});

describe('unassignedGrid', () => {
  it('fills every grade × age cell, zero when the API sent none', () => {
    const queue = {
      grid: [
        { grade: 'high', age: 'under 1h', count: 2 },
        { grade: 'standard', age: 'over 24h', count: 1 },
      ],
    } as UnassignedQueue;
    const grid = unassignedGrid(queue);
    expect(grid.map((g) => g.grade)).toEqual(['high', 'medium', 'standard', 'ungraded']);
    expect(grid[0].cells.map((c) => c.count)).toEqual([2, 0, 0, 0]);
    expect(grid[0].total).toBe(2);
    expect(grid[2].cells[3]).toEqual({ age: 'over 24h', count: 1 });
    expect(unassignedGrid(null).every((g) => g.total === 0)).toBe(true);
  });
});

describe('groupAlerts', () => {
  const alerts: TeamLeadAlerts = {
    overrides: [
      {
        attemptId: 'o1',
        caseId: 'c5',
        reference: 'LAN-5',
        at: '2026-11-23T10:00:00Z',
        userId: 'u1',
        by: 'Sam Carter',
        reason: 'Victim asked',
        rules: [],
      },
    ],
    paused: [{ caseId: 'c3', reference: 'LAN-3', since: '2026-11-23T09:00:00Z', alertKey: 'paused|c3|a1' }],
    missedCallbacks: [],
    overdueReferrals: [
      {
        referralId: 'r1',
        caseId: 'c4',
        reference: 'LAN-4',
        partnerId: 'p',
        service: 'County IDVA Service',
        ackDueAt: '2026-11-23T08:00:00Z',
      },
    ],
    sla: [
      { caseId: 'c1', reference: 'LAN-1', state: 'breached', dueAt: '2026-11-23T07:00:00Z', grade: 'high', assignee: null },
      { caseId: 'c2', reference: 'LAN-2', state: 'near', dueAt: '2026-11-23T11:00:00Z', grade: null, assignee: 'Alex Morgan' },
    ],
  };

  it('groups by kind, safety first (overrides, someone else answered) and SLA after, leaves empty groups out and links every item to its case', () => {
    const groups = groupAlerts(alerts);
    expect(groups.map((g) => g.id)).toEqual(['overrides', 'paused', 'overdue-referrals', 'breached', 'near']);
    expect(groups.map((g) => g.safety)).toEqual([true, true, false, false, false]);
    expect(groups[3].items[0]).toMatchObject({ caseId: 'c1', reference: 'LAN-1', text: 'High risk · unassigned' });
    expect(groups[4].items[0].text).toBe('Not graded · Alex Morgan');
    expect(groups.flatMap((g) => g.items).every((i) => i.caseId)).toBe(true);
    expect(new Set(groups.flatMap((g) => g.items.map((i) => i.key))).size).toBe(5);
  });

  it('names the rule an override broke before its reason (a call to the suspect’s number reads differently)', () => {
    const text = (rules: string[]) =>
      groupAlerts({ ...alerts, overrides: [{ ...alerts.overrides[0], rules }] }).find((g) => g.id === 'overrides')?.items[0].text;
    expect(text(['suspect-number', 'outside-safe-window'])).toBe(
      'Sam Carter overrode Suspect’s number, Outside the safe times: Victim asked',
    );
    expect(text([])).toBe('Sam Carter overrode a safety rule: Victim asked');
  });

  it('carries each alert’s key for acknowledging it (null when the API gave none)', () => {
    const paused = groupAlerts(alerts).find((g) => g.id === 'paused');
    expect(paused?.items[0].alertKey).toBe('paused|c3|a1');
    expect(groupAlerts(alerts).find((g) => g.id === 'overrides')?.items[0].alertKey).toBeNull();
    // Sam's own override is marked for Sam.
    expect(groupAlerts(alerts, 'u1').find((g) => g.id === 'overrides')?.items[0].own).toBe(true);
  });

  it('shows a police revision that named another victim among the safety groups, saying what it was judged on', () => {
    const changed = (evidence: 'police-person-id' | 'names-and-dates', assignee: string | null) =>
      groupAlerts({
        ...alerts,
        victimChanged: [
          { caseId: 'c6', reference: 'LAN-6', at: '2026-11-23T12:00:00Z', revision: 3, evidence, assignee, alertKey: 'victim-changed|e1' },
        ],
      });
    const groups = changed('names-and-dates', 'Alex Morgan');
    expect(groups.map((g) => g.id)).toEqual(['overrides', 'paused', 'victim-changed', 'overdue-referrals', 'breached', 'near']);
    const group = groups.find((g) => g.id === 'victim-changed');
    expect(group?.safety).toBe(true);
    expect(group?.items[0]).toMatchObject({
      caseId: 'c6',
      reference: 'LAN-6',
      alertKey: 'victim-changed|e1',
      text: 'Revision 3 · judged on names and date of birth: check with the police that it is another person · Alex Morgan',
    });
    expect(changed('police-person-id', null).find((g) => g.id === 'victim-changed')?.items[0].text).toBe(
      'Revision 3 · the police person id changed · unassigned',
    );
    // Sent by a user (a CSV import): named, and marked as theirs for them (another lead acknowledges it).
    const imported = groupAlerts(
      {
        ...alerts,
        victimChanged: [
          {
            caseId: 'c7',
            reference: 'LAN-7',
            at: '2026-11-23T12:00:00Z',
            revision: 2,
            evidence: 'names-and-dates',
            assignee: null,
            byId: 'u9',
            by: 'Jordan Ellis',
            alertKey: 'victim-changed|e2',
          },
        ],
      },
      'u9',
    ).find((g) => g.id === 'victim-changed')?.items[0];
    expect(imported?.text).toMatch(/^Revision 2 \(sent by Jordan Ellis\) · judged on names/);
    expect(imported?.own).toBe(true);
  });

  it('counts every item', () => {
    expect(alertCount(alerts)).toBe(5);
    expect(alertCount(null)).toBe(0);
    expect(groupAlerts(null)).toEqual([]);
  });

  it('shows safety alerts first: a broken glass with who and why, police staff restricted on arrival, bulk reads', () => {
    const withSafety: TeamLeadAlerts = {
      ...alerts,
      safety: [
        {
          kind: 'break-glass',
          at: '2026-11-23T12:00:00Z',
          caseId: 'c9',
          reference: 'LAN-9',
          userId: 'u2',
          by: 'Alex Morgan',
          reason: 'On the phone',
        },
        { kind: 'restricted-on-arrival', at: '2026-11-23T11:00:00Z', caseId: 'c8', reference: 'LAN-8' },
        { kind: 'bulk-read', at: '2026-11-23T10:00:00Z', userId: 'u3', by: 'Ada Auditor', count: 1200 },
      ],
    };
    const [first] = groupAlerts(withSafety);
    expect(first.id).toBe('safety');
    expect(first.items.map((i) => i.text)).toEqual([
      'Alex Morgan broke the glass: “On the phone”',
      'Restricted on arrival: the report names police staff',
      'Ada Auditor read 1200 cases in lists within an hour',
    ]);
    expect(first.items.map((i) => i.caseId)).toEqual(['c9', 'c8', null]);
    expect(alertCount(withSafety)).toBe(8);
    // Alex's own break-glass is marked for Alex (another lead acknowledges it), for nobody else.
    expect(groupAlerts(withSafety, 'u2')[0].items.map((i) => !!i.own)).toEqual([true, false, false]);
    expect(groupAlerts(withSafety, 'u9')[0].items.some((i) => i.own)).toBe(false);
    expect(groupAlerts(withSafety)[0].items.some((i) => i.own)).toBe(false);
  });

  it('says what an admin did to an account that reads cases', () => {
    const base = { by: 'Ada Admin', user: 'Jo Bloggs', roles: ['team-lead'] };
    expect(accountChangeText({ ...base, change: 'created' })).toBe('Ada Admin created Jo Bloggs with access to cases (team lead)');
    expect(accountChangeText({ ...base, change: 'roles-added' })).toBe('Ada Admin gave Jo Bloggs a role that reads cases (team lead)');
    expect(accountChangeText({ ...base, change: 'password-reset' })).toBe(
      'Ada Admin reset the password of Jo Bloggs (team lead): check they asked for it',
    );
    expect(accountChangeText({ by: 'Ada Admin', user: 'Niche RMS', change: 'feed-key-issued' })).toBe(
      'Ada Admin issued a police feed key (“Niche RMS”): check the force asked for it',
    );
    const [safety] = groupAlerts({
      ...alerts,
      safety: [{ kind: 'account-change', at: '2026-11-23T12:00:00Z', userId: 'u7', change: 'mfa-reset', ...base }],
    });
    expect(safety.items[0]).toMatchObject({
      caseId: null,
      text: 'Ada Admin reset the second factor of Jo Bloggs (team lead): check they asked for it',
    });
    // Jo cannot acknowledge an alert about Jo's own account.
    expect(
      groupAlerts({ ...alerts, safety: [{ kind: 'account-change', at: '2026-11-23T12:00:00Z', userId: 'u7', ...base }] }, 'u7')[0].items[0]
        .own,
    ).toBe(true);
  });

  it('shows a hub-wide calendar warning last, with no case to link to, and counts it', () => {
    const message = "Bank holidays are configured up to 28 December 2027: add next year's";
    const withHub: TeamLeadAlerts = { ...alerts, hubAlerts: [{ kind: 'calendar-ending', until: '2027-12-28', daysLeft: 59, message }] };
    const groups = groupAlerts(withHub);
    expect(groups.at(-1)).toMatchObject({ id: 'hub', items: [{ caseId: null, text: message }] });
    expect(alertCount(withHub)).toBe(6);
  });
});
