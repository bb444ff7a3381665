import {
  AGE_BUCKETS,
  type AgeBucket,
  type Availability,
  type RiskGrade,
  type SafetyAlert,
  type TeamLeadAlerts,
  type UnassignedQueue,
  type WorkloadRow,
  unsafeRuleLabel,
} from '@lantern/shared/domain';

/** Pure view helpers for the team lead's board and alert tray. */

export const AVAILABILITY_LABELS: Record<Availability, string> = {
  available: 'Available',
  busy: 'Busy',
  away: 'Away',
};

export interface LoadBar {
  /** Width of the filled bar, 0–100 (full at the cap). */
  percent: number;
  over: boolean;
  /** Points above the cap (0 when within it). */
  overBy: number;
  /** "6 of 8", "10 of 8 (over cap by 2)". */
  label: string;
}

export function loadBar(load: number, cap: number): LoadBar {
  const safeCap = cap > 0 ? cap : 1;
  const percent = Math.max(0, Math.min(100, Math.round((load / safeCap) * 100)));
  const overBy = Math.max(0, load - cap);
  return {
    percent,
    over: overBy > 0,
    overBy,
    label: overBy > 0 ? `${load} of ${cap} (over cap by ${overBy})` : `${load} of ${cap}`,
  };
}

export type GradeKey = RiskGrade | 'ungraded';
export const GRADE_KEYS: readonly GradeKey[] = ['high', 'medium', 'standard', 'ungraded'];
export const GRADE_LABELS: Record<GradeKey, string> = {
  high: 'High',
  medium: 'Medium',
  standard: 'Standard',
  ungraded: 'Not graded',
};

export interface GridRow {
  grade: GradeKey;
  label: string;
  cells: Array<{ age: AgeBucket; count: number }>;
  total: number;
}

/** The unassigned queue as grade rows × age columns (every cell present, zero when empty). */
export function unassignedGrid(queue: UnassignedQueue | null): GridRow[] {
  return GRADE_KEYS.map((grade) => {
    const cells = AGE_BUCKETS.map((age) => ({
      age,
      count: queue?.grid.find((g) => g.grade === grade && g.age === age)?.count ?? 0,
    }));
    return { grade, label: GRADE_LABELS[grade], cells, total: cells.reduce((s, c) => s + c.count, 0) };
  });
}

export interface ReassignTarget {
  userId: string;
  displayName: string;
  load: number;
  cap: number;
  onShift: boolean;
  availability: Availability;
  /** Can take work now: on shift and Available. */
  ready: boolean;
  /** "load 4 of 8 · on shift · Available". */
  note: string;
}

/**
 * Who a case may go to, best first: on shift and Available, then on shift and Busy, then everyone else; within
 * each, the lightest load first, then by name. The case's current assignee is left out.
 */
export function reassignTargets(rows: readonly WorkloadRow[], currentAssigneeId: string | null): ReassignTarget[] {
  const rank = (r: WorkloadRow) => (r.onShift && r.availability === 'available' ? 0 : r.onShift && r.availability === 'busy' ? 1 : 2);
  return rows
    .filter((r) => r.userId !== currentAssigneeId)
    .slice()
    .sort((a, b) => rank(a) - rank(b) || a.weightedLoad - b.weightedLoad || a.displayName.localeCompare(b.displayName))
    .map((r) => ({
      userId: r.userId,
      displayName: r.displayName,
      load: r.weightedLoad,
      cap: r.cap,
      onShift: r.onShift,
      availability: r.availability,
      ready: rank(r) === 0,
      note: `load ${r.weightedLoad} of ${r.cap} · ${r.onShift ? 'on shift' : 'off shift'} · ${AVAILABILITY_LABELS[r.availability]}`,
    }));
}

export interface AlertItem {
  /** Unique within the tray. */
  key: string;
  /** The case it is about; null for a hub-wide alert (e.g. the bank holidays run out). */
  caseId: string | null;
  reference: string;
  /** What is wrong, in words. */
  text: string;
  /** ISO time the text refers to, if any (shown in London time), and what it is ("Due", "Since"). */
  at: string | null;
  atLabel: string;
  /** The alert's stable key, which an acknowledgement names (null: the API gave none, so it cannot be acknowledged). */
  alertKey: string | null;
  /** About the viewing lead (their own break-glass, bulk read or override): another lead acknowledges it (403 own-alert). */
  own?: boolean;
}

export interface AlertGroup {
  id: 'safety' | 'breached' | 'near' | 'paused' | 'victim-changed' | 'missed-callbacks' | 'overdue-referrals' | 'overrides' | 'hub';
  title: string;
  /** A safety alert (glass broken, contact overridden, someone else answered, another victim named): shown first, open by default. */
  safety: boolean;
  items: AlertItem[];
}

/**
 * The tray's groups: the safety ones first (glass broken and other access alarms, contact overrides, contact paused
 * because someone else answered, a police revision that named another victim), then call-backs, referrals and the SLA ones, then the hub's; empty groups are
 * left out. A calm tray: 25 SLA alerts never bury the one contact override.
 */
export function groupAlerts(alerts: TeamLeadAlerts | null, me: string | null = null): AlertGroup[] {
  if (!alerts) return [];
  const own = (userId: string | undefined, byId?: string) => (me !== null && (userId === me || byId === me) ? { own: true } : {});
  const sla = (state: 'near' | 'breached'): AlertItem[] =>
    alerts.sla
      .filter((s) => s.state === state)
      .map((s) => ({
        key: `sla-${s.caseId}`,
        caseId: s.caseId,
        reference: s.reference,
        text: [s.grade ? `${GRADE_LABELS[s.grade as GradeKey] ?? s.grade} risk` : 'Not graded', s.assignee ?? 'unassigned'].join(' · '),
        at: s.dueAt,
        atLabel: 'Next due',
        alertKey: s.alertKey ?? null,
      }));
  // Safety alerts first (case-access.ts): glass broken, police staff restricted on arrival, bulk reads.
  const safety: AlertItem[] = (alerts.safety ?? []).map((a) => ({
    key: `safety-${a.kind}-${a.caseId ?? a.userId ?? ''}-${a.at}`,
    caseId: a.caseId ?? null,
    reference: a.reference ?? '',
    text:
      a.kind === 'break-glass'
        ? `${a.by ?? 'Someone'} broke the glass${a.caseId ? '' : ' on a restricted case'}: “${a.reason ?? ''}”`
        : a.kind === 'restricted-on-arrival'
          ? a.because === 'person-restricted'
            ? 'Restricted on arrival: a person in it is on a restricted case'
            : 'Restricted on arrival: the report names police staff'
          : a.kind === 'account-change'
            ? accountChangeText(a)
            : `${a.by ?? 'A user'} read ${a.count ?? 'many'} cases in lists within an hour`,
    at: a.at,
    atLabel: 'At',
    alertKey: a.alertKey ?? null,
    ...own(a.userId, a.byId),
  }));
  const groups: AlertGroup[] = [
    { id: 'safety', title: 'Safety', safety: true, items: safety },
    {
      id: 'overrides',
      title: 'Contact overrides',
      safety: true,
      items: alerts.overrides.map((o) => ({
        key: `override-${o.attemptId}`,
        caseId: o.caseId,
        reference: o.reference,
        // Which rule was overridden comes first: a call to the suspect's number reads differently from an early call.
        text: `${o.by} overrode ${o.rules.length ? o.rules.map(unsafeRuleLabel).join(', ') : 'a safety rule'}: ${o.reason}`,
        at: o.at,
        atLabel: 'At',
        alertKey: o.alertKey ?? null,
        ...own(o.userId),
      })),
    },
    {
      id: 'paused',
      title: 'Contact paused (someone else answered)',
      safety: true,
      items: alerts.paused.map((p) => ({
        key: `paused-${p.caseId}`,
        caseId: p.caseId,
        reference: p.reference,
        text: 'Paused',
        at: p.since,
        atLabel: 'Since',
        alertKey: p.alertKey ?? null,
      })),
    },
    {
      id: 'victim-changed',
      title: 'Police named another victim',
      safety: true,
      items: (alerts.victimChanged ?? []).map((v) => ({
        key: `victim-changed-${v.caseId}-${v.at}`,
        caseId: v.caseId,
        reference: v.reference,
        // Judged on names and dates, it may be a corrected name or a mistyped date: the lead checks with the police.
        text: [
          `Revision ${v.revision}${v.by ? ` (sent by ${v.by})` : ''}`,
          v.evidence === 'police-person-id'
            ? 'the police person id changed'
            : 'judged on names and date of birth: check with the police that it is another person',
          v.assignee ?? 'unassigned',
        ].join(' · '),
        at: v.at,
        atLabel: 'At',
        alertKey: v.alertKey ?? null,
        ...own(undefined, v.byId),
      })),
    },
    {
      id: 'missed-callbacks',
      title: 'Missed call-backs',
      safety: false,
      items: alerts.missedCallbacks.map((c) => ({
        key: `callback-${c.id}`,
        caseId: c.caseId,
        reference: c.reference,
        text: `Call-back for ${c.assignedTo.displayName}`,
        at: c.dueAt,
        atLabel: 'Was due',
        alertKey: c.alertKey ?? null,
      })),
    },
    {
      id: 'overdue-referrals',
      title: 'Referral acknowledgements overdue',
      safety: false,
      items: alerts.overdueReferrals.map((r) => ({
        key: `referral-${r.referralId}`,
        caseId: r.caseId,
        reference: r.reference,
        text: r.service,
        at: r.ackDueAt,
        atLabel: 'Ack due',
        alertKey: r.alertKey ?? null,
      })),
    },
    { id: 'breached', title: 'SLA breached', safety: false, items: sla('breached') },
    { id: 'near', title: 'Near SLA breach', safety: false, items: sla('near') },
    {
      id: 'hub',
      title: 'Hub settings',
      safety: false,
      items: (alerts.hubAlerts ?? []).map((a) => ({
        key: `hub-${a.kind}`,
        caseId: null,
        reference: '',
        text: a.message,
        at: null,
        atLabel: '',
        alertKey: a.alertKey ?? null,
      })),
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}

export function alertCount(alerts: TeamLeadAlerts | null): number {
  return groupAlerts(alerts).reduce((n, g) => n + g.items.length, 0);
}

/** "Alex Admin gave Jo Bloggs access to cases (team lead)", "Alex Admin reset the password of Sam Carter (caseworker)". */
export function accountChangeText(a: Pick<SafetyAlert, 'change' | 'by' | 'user' | 'roles'>): string {
  const admin = a.by ?? 'An admin';
  const user = a.user ?? 'an account';
  const roles = a.roles?.length ? ` (${a.roles.map((r) => r.replace(/-/g, ' ')).join(', ')})` : '';
  // A partner user reads their agency's referrals; every other role here reads cases.
  const what = a.roles?.length && a.roles.every((r) => r === 'partner') ? 'referrals' : 'cases';
  switch (a.change) {
    case 'created':
      return `${admin} created ${user} with access to ${what}${roles}`;
    case 'roles-added':
      return `${admin} gave ${user} a role that reads ${what}${roles}`;
    case 'reactivated':
      return `${admin} reactivated ${user}${roles}: check they are back`;
    case 'password-reset':
      return `${admin} reset the password of ${user}${roles}: check they asked for it`;
    case 'mfa-reset':
      return `${admin} reset the second factor of ${user}${roles}: check they asked for it`;
    case 'feed-key-issued':
      // A key posts reports and revisions (a revision can change her safe number): the force must have asked for it.
      return `${admin} issued a police feed key${a.user ? ` (“${a.user}”)` : ''}: check the force asked for it`;
    default:
      return `${admin} changed ${user}'s access to cases${roles}`;
  }
}
