import { DateTime } from 'luxon';
import { isOutOfHours, WEEKDAYS, type HubCalendar, type StaffedHours, type Weekday } from './hub-calendar';
import type { RiskGrade } from './report';

/**
 * Team-lead balancing: who is at work, how loaded each caseworker is, and a suggested balance. Pure; the API
 * feeds it the database's view and the configuration, the workbench shows its explanations.
 */

/** A caseworker's own status, as in a contact-centre routing console. */
export const AVAILABILITIES = ['available', 'busy', 'away'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** A caseworker's weekly rota in London wall-clock time; null = works whenever the hub is staffed. */
export type Rota = Record<Weekday, StaffedHours | null>;

export interface WorkloadRules {
  /** Load points per open case by grade; a case not graded yet counts as `ungraded`. */
  weights: Record<RiskGrade, number>;
  ungraded: number;
  /** Most load points a suggestion may give anyone. */
  cap: number;
}

/**
 * High risk weighs three times standard: an IDVA-level case needs safety planning, MARAC preparation and more
 * contacts. A cap of 20 is about six high-risk or twenty standard cases open at once (SafeLives suggests 60–70
 * high-risk victims a year per IDVA; hub workers contact 5–15 victims a day).
 */
export const DEFAULT_WORKLOAD_RULES: WorkloadRules = { weights: { high: 3, medium: 2, standard: 1 }, ungraded: 2, cap: 20 };

export function caseWeight(grade: RiskGrade | null, rules: WorkloadRules): number {
  return grade ? rules.weights[grade] : rules.ungraded;
}

/** On shift: inside the hub's staffed hours (closures included) and inside the caseworker's rota for that day. */
export function isOnShift(rota: Rota | null, calendar: HubCalendar, at: Date): boolean {
  if (isOutOfHours(at, calendar)) return false;
  if (!rota) return true;
  const local = DateTime.fromJSDate(at).setZone(calendar.timeZone);
  const hours = rota[WEEKDAYS[local.weekday - 1]];
  if (!hours) return false;
  const hm = local.toFormat('HH:mm');
  return hm >= hours.open && (hours.close === '24:00' || hm < hours.close);
}

export interface BalanceCase {
  caseId: string;
  reference: string;
  grade: RiskGrade | null;
  /** Triage priority score: more urgent cases are placed first. */
  priority: number;
  /** Assigned but not contacted yet, so moving it costs the victim nothing. Unassigned cases are always movable. */
  movable: boolean;
}

export interface BalanceWorker {
  userId: string;
  displayName: string;
  onShift: boolean;
  availability: Availability;
  cases: BalanceCase[];
}

export interface LoadChange {
  userId: string;
  displayName: string;
  before: number;
  after: number;
}

export interface BalanceSuggestion {
  caseId: string;
  reference: string;
  fromUserId: string | null;
  toUserId: string;
  /** "Assign to Alex Morgan: load 4 → 7 (least loaded, on shift)". */
  reason: string;
  loads: LoadChange[];
}

export interface BalanceResult {
  suggestions: BalanceSuggestion[];
  /**
   * Cases that need a home and could not be given one under the cap, with why: the most urgent MAX_UNPLACED of them.
   * A hub with nobody free can have thousands, which no one reads as a list (and each listed case is an audited read).
   */
  unplaced: Array<{ caseId: string; reference: string; reason: string }>;
  /**
   * How many cases were tried and found no one (`unplaced` lists the first MAX_UNPLACED). A case not tried because
   * MAX_SUGGESTIONS had been made is in neither: it gets its turn once some of those are accepted.
   */
  unplacedTotal: number;
}

const MAX_SUGGESTIONS = 50;
export const MAX_UNPLACED = 50;

/**
 * Suggests (never applies) assignments for the unassigned queue and moves that relieve overloaded or off-shift
 * caseworkers. Rules:
 * - only caseworkers on shift and `available` receive cases, and never beyond `cap` load points;
 * - the most urgent cases are placed first, each with the least-loaded receiver (ties: fewer cases, then name);
 * - only movable cases move (assigned, not contacted yet): from someone off shift, or from someone over the cap
 *   while the move leaves the receiver lighter than the giver was;
 * - each case appears at most once.
 */
export function suggestBalance(workers: BalanceWorker[], unassigned: BalanceCase[], rules: WorkloadRules): BalanceResult {
  const load = new Map<string, number>();
  const count = new Map<string, number>();
  for (const w of workers) {
    load.set(
      w.userId,
      w.cases.reduce((s, c) => s + caseWeight(c.grade, rules), 0),
    );
    count.set(w.userId, w.cases.length);
  }
  const byId = new Map(workers.map((w) => [w.userId, w]));
  const receivers = workers.filter((w) => w.onShift && w.availability === 'available');
  const suggestions: BalanceSuggestion[] = [];
  const unplaced: BalanceResult['unplaced'] = [];
  let unplacedTotal = 0;
  const seen = new Set<string>();
  const urgentFirst = (a: BalanceCase, b: BalanceCase) => b.priority - a.priority || a.reference.localeCompare(b.reference);

  const pickReceiver = (weight: number, exclude: string | null, below: number) =>
    receivers
      .filter((r) => r.userId !== exclude && (load.get(r.userId) ?? 0) + weight <= rules.cap && (load.get(r.userId) ?? 0) + weight < below)
      .sort(
        (a, b) =>
          (load.get(a.userId) ?? 0) - (load.get(b.userId) ?? 0) ||
          (count.get(a.userId) ?? 0) - (count.get(b.userId) ?? 0) ||
          a.displayName.localeCompare(b.displayName),
      )[0];

  const move = (c: BalanceCase, from: BalanceWorker | null, to: BalanceWorker, why: string) => {
    const w = caseWeight(c.grade, rules);
    const loads: LoadChange[] = [];
    if (from) {
      const before = load.get(from.userId) ?? 0;
      load.set(from.userId, before - w);
      count.set(from.userId, (count.get(from.userId) ?? 0) - 1);
      loads.push({ userId: from.userId, displayName: from.displayName, before, after: before - w });
    }
    const before = load.get(to.userId) ?? 0;
    load.set(to.userId, before + w);
    count.set(to.userId, (count.get(to.userId) ?? 0) + 1);
    loads.push({ userId: to.userId, displayName: to.displayName, before, after: before + w });
    const text = loads.map((l) => `${l.displayName}: load ${l.before} → ${l.after}`).join('; ');
    suggestions.push({
      caseId: c.caseId,
      reference: c.reference,
      fromUserId: from?.userId ?? null,
      toUserId: to.userId,
      reason: `${why}. ${text}`,
      loads,
    });
    seen.add(c.caseId);
  };

  // 1. Cases that need a home now: the unassigned queue and movable cases of people off shift.
  const homeless: Array<{ c: BalanceCase; from: BalanceWorker | null }> = [
    ...unassigned.map((c) => ({ c, from: null })),
    ...workers.filter((w) => !w.onShift).flatMap((w) => w.cases.filter((c) => c.movable).map((c) => ({ c, from: w }))),
  ].sort((a, b) => urgentFirst(a.c, b.c));
  for (const { c, from } of homeless) {
    if (seen.has(c.caseId) || suggestions.length >= MAX_SUGGESTIONS) continue;
    const w = caseWeight(c.grade, rules);
    const to = pickReceiver(w, from?.userId ?? null, Infinity);
    if (!to) {
      unplacedTotal++;
      if (unplaced.length >= MAX_UNPLACED) continue;
      unplaced.push({
        caseId: c.caseId,
        reference: c.reference,
        reason: receivers.length
          ? `Everyone available on shift would go over the cap of ${rules.cap}`
          : 'No caseworker is on shift and available',
      });
      continue;
    }
    move(
      c,
      from,
      to,
      from ? `${from.displayName} is off shift and has not contacted this victim yet` : `Least loaded caseworker available on shift`,
    );
  }

  // 2. Relieve people over the cap, most urgent movable case first, while the move helps.
  for (const giver of workers.filter((w) => w.onShift)) {
    const movable = giver.cases.filter((c) => c.movable && !seen.has(c.caseId)).sort(urgentFirst);
    for (const c of movable) {
      if ((load.get(giver.userId) ?? 0) <= rules.cap || suggestions.length >= MAX_SUGGESTIONS) break;
      const w = caseWeight(c.grade, rules);
      const to = pickReceiver(w, giver.userId, (load.get(giver.userId) ?? 0) - w + 1);
      if (to) move(c, byId.get(giver.userId) ?? giver, to, `${giver.displayName} is over the cap of ${rules.cap}`);
    }
  }
  return { suggestions, unplaced, unplacedTotal };
}

/** GET /api/v1/workload: one row per caseworker and team lead (contracts/API.md fields first). */
export interface WorkloadRow {
  userId: string;
  onShift: boolean;
  openCases: number;
  weightedLoad: number;
  /** Open cases of theirs whose SLA clock has run out. */
  breaches: number;
  displayName: string;
  roles: string[];
  availability: Availability;
  rota: Rota | null;
  nearBreaches: number;
  byGrade: Record<RiskGrade | 'ungraded', number>;
  /** Pending call-backs due within the hour or already due. */
  callbacksDue: number;
  cap: number;
}

export const AGE_BUCKETS = ['under 1h', '1–4h', '4–24h', 'over 24h'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(receivedAt: string, now: Date): AgeBucket {
  const h = (now.getTime() - Date.parse(receivedAt)) / 3600_000;
  return h < 1 ? 'under 1h' : h < 4 ? '1–4h' : h < 24 ? '4–24h' : 'over 24h';
}

/** GET /api/v1/workload/unassigned: the unassigned queue by grade and by age, most urgent first. */
export interface UnassignedQueue {
  total: number;
  byGrade: Record<RiskGrade | 'ungraded', number>;
  byAge: Record<AgeBucket, number>;
  /** Grade × age, for the board's grid. */
  grid: Array<{ grade: RiskGrade | 'ungraded'; age: AgeBucket; count: number }>;
  cases: Array<{
    caseId: string;
    reference: string;
    grade: RiskGrade | null;
    priority: number;
    receivedAt: string;
    age: AgeBucket;
    slaState: 'ok' | 'near' | 'breached';
    version: number;
  }>;
}

/** Sent to hub sockets when a caseworker's availability or rota changes. */
export const StaffEvents = { changed: 'staff.changed' } as const;
export interface StaffChangedEvent {
  userId: string;
  availability: Availability;
}
