import type { TriageRulesConfig } from '@lantern/api/core';
import { ADULT_AGE, can, nearBreachLimit, OPEN_STATUSES, type CaseAccessUser, type PriorityWeights } from '@lantern/shared/domain';

/**
 * The queue's order, filters and counts in SQL (issue 16): PostgreSQL ranks the open cases and returns only a page,
 * instead of the API loading every open case and sorting it on each request. The order stays the one rule in
 * libs/shared/domain (casePriority, slaStatus, compareTriageOrder): these expressions compute the same score from the
 * same columns, with the time-dependent parts from `now` (waiting points, SLA breached or near), and
 * queue-order.spec.ts keeps them equal on random cases and times, on PGlite and PostgreSQL.
 *
 * A case's score changes with the clock (waiting points every ten minutes for twenty hours, near-breach and breach
 * at due times in staffed time) only until it settles; from then on it is stored (case_queue.settled_score, migration
 * 1764520000000), and the open queue's page reads settled cases by that score and scores only the unsettled ones
 * with these expressions (openQueuePageSql). A queue over closed statuses scores every case it reads.
 */

/** The case's grade as the queue shows it: the hub's, else the officer's (toSummary in case-read.ts). */
export const GRADE_SQL = 'coalesce(c.risk_grade, c.officer_grade)';

/**
 * Milliseconds since the epoch of a timestamp, as a double: the API's Date. The case clocks are stored to the
 * millisecond (timestamptz(3), migration 1764450000000) and `now` comes from a Date, so the value is a whole number of
 * milliseconds; date_part's double seconds × 1000 land within a rounding error of it, and round() gives it exactly.
 */
export const ms = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;

/** A weight as an SQL literal: configuration is checked at start (config.ts), this is the last guard. */
function lit(n: number, whole = true): string {
  if (!Number.isFinite(n) || n < 0 || (whole && !Number.isInteger(n))) throw new Error(`priority weight ${n} is not a number ≥ 0`);
  return String(n);
}

/** The open statuses as SQL literals, so the planner can use the partial index on open cases. */
export const OPEN_STATUS_SQL = `c.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The open cases' queue columns, kept by a trigger in step with `cases` (migration 1764470000000-case-queue): a
 * narrow table, so ranking 10,000 open cases reads a few hundred pages, not one page of `cases` per case.
 */
export const OPEN_QUEUE_SQL = 'case_queue c';

/** The table a queue query reads as `c`: the open cases' table when only open statuses are asked for, else `cases`. */
export function queueSource(statuses: readonly string[] | null): string {
  return !statuses || statuses.every((s) => (OPEN_STATUSES as readonly string[]).includes(s)) ? OPEN_QUEUE_SQL : 'cases c';
}

/*
 * The SLA and waiting parts compare the stored clocks as they are: stored to the millisecond (timestamptz(3)), they
 * are the very values the domain rule sees as Dates, so no truncation is needed (it was most of the ranking's cost).
 */

/** slaStatus's `breached` at `now` (a timestamptz): a clock done late, or not done and past due. */
export function slaBreachedSql(now: string): string {
  return `(CASE WHEN c.assigned_at IS NOT NULL THEN c.assigned_at > c.assign_due_at ELSE ${now} > c.assign_due_at END
        OR CASE WHEN c.first_contact_at IS NOT NULL THEN c.first_contact_at > c.first_contact_due_at ELSE ${now} > c.first_contact_due_at END)`;
}

/** slaStatus's `nextDueAt`: the earliest due time of a clock not yet done (NULL when both are done). */
export const NEXT_DUE_SQL = `LEAST(CASE WHEN c.assigned_at IS NULL THEN c.assign_due_at END,
                                 CASE WHEN c.first_contact_at IS NULL THEN c.first_contact_due_at END)`;

/** slaStatus's `near`, when not breached: the earliest clock not done is due by `nearLimit` (nearBreachLimit). */
export function slaNearSql(nearLimit: string): string {
  return `coalesce(${NEXT_DUE_SQL} <= ${nearLimit}, false)`;
}

/** casePriority's score of the case row `c` at `$now`, with the SLA state's points. */
export function prioritySql(w: PriorityWeights, now: string, nearLimit: string): string {
  const flag = (column: string, points: number) => `CASE WHEN c.${column} THEN ${lit(points)} ELSE 0 END`;
  return `(CASE ${GRADE_SQL} WHEN 'high' THEN ${lit(w.grade.high)} WHEN 'medium' THEN ${lit(w.grade.medium)}
               WHEN 'standard' THEN ${lit(w.grade.standard)} ELSE ${lit(w.grade.ungraded)} END
     + CASE WHEN cardinality(c.marac_reasons) > 0 THEN ${lit(w.maracRequired)} ELSE 0 END
     + ${flag('strangulation', w.strangulation)} + ${flag('weapon', w.weapon)}
     + ${flag('children_in_household', w.childrenInHousehold)} + ${flag('children_present', w.childrenPresent)}
     + ${flag('pregnant', w.pregnancy)} + ${flag('separation', w.separation)} + ${flag('stalking', w.stalking)}
     + ${flag('threat_to_kill', w.threatToKill)} + ${flag('sexual_abuse', w.sexualAbuse)} + ${flag('repeat_victim', w.repeatVictim)}
     + CASE WHEN c.victim_age IS NOT NULL AND c.victim_age < ${ADULT_AGE} THEN ${lit(w.victimUnder18)} ELSE 0 END
     + CASE WHEN 'potential-escalation' = ANY(c.marac_reasons) THEN ${lit(w.potentialEscalation)} ELSE 0 END
     + ${waitingPointsSql(w, now)}
     + CASE WHEN ${slaBreachedSql(now)} THEN ${lit(w.slaBreached)} WHEN ${slaNearSql(nearLimit)} THEN ${lit(w.slaNear)} ELSE 0 END)::int`;
}

/** The points for waiting at `now` (capped): the part of prioritySql that grows with time until the cap. */
function waitingPointsSql(w: PriorityWeights, now: string): string {
  return `CASE WHEN ${now} <= c.received_at THEN 0
            ELSE LEAST(${lit(w.waitingCap)}, floor(${ms(`${now} - c.received_at`)} * ${lit(w.waitingPerHour, false)} / 3600000)) END`;
}

/**
 * The values a queue query's time-dependent parts read, as its first two parameters: `now`, and the near-breach
 * limit at `now`. Every queue query starts `${QUEUE_CLOCK}` and reads them as `k.now` and `k.near_limit` from `k`.
 */
export function queueClock(now: Date, rules: TriageRulesConfig): [Date, Date] {
  return [now, nearBreachLimit(now, rules.slaTargets, rules.calendar)];
}

export const QUEUE_CLOCK = 'WITH k AS (SELECT $1::timestamptz AS now, $2::timestamptz AS near_limit)';

export interface QueueFilter {
  /** Statuses: the open ones unless given (each a known status, checked by the contract). */
  statuses: readonly string[] | null;
  /** undefined: anyone's; null: unassigned; else the assignee's id. */
  assignee: string | null | undefined;
  grades: readonly string[] | null;
  area: string | null;
  marac: boolean;
  breached: boolean;
  /**
   * Whose queue it is: a case they may not see (maySeeSql) is left out before anything is ranked or counted, in the
   * same statement, so a case restricted a moment ago is left out too.
   */
  viewer: Pick<CaseAccessUser, 'id' | 'roles'>;
  /**
   * The instant the viewer's access is judged at (a break-glass grant counts until then): the read's own time, never
   * the instant a cursor's page was ranked at, which may be a day old (or made up: a cursor is not signed).
   */
  seenAt: Date;
}

/** The parts of a QueueFilter that narrow the list (the viewer and the instant only decide what may be seen). */
export type QueueNarrowing = Omit<QueueFilter, 'viewer' | 'seenAt'>;

/**
 * Each narrowing's "not narrowing" value. Typed over every key of QueueNarrowing, so a filter added to QueueFilter
 * does not compile until it says here what leaves the list whole: the unfiltered queue's total is taken from the
 * tally of open cases (CasesService.totalSql), and a filter missed here would give a filtered list that total.
 */
const NOT_NARROWING: { [K in keyof QueueNarrowing]-?: (value: QueueNarrowing[K]) => boolean } = {
  statuses: (v) => v === null,
  assignee: (v) => v === undefined,
  // As queueWhere reads them: a list or a name narrows whenever given.
  grades: (v) => !v,
  area: (v) => !v,
  marac: (v) => !v,
  breached: (v) => !v,
};

/** True when `f` is the whole open queue: no status list (the open ones) and no narrowing filter. */
export function isWholeOpenQueue(f: QueueNarrowing): boolean {
  return (Object.keys(NOT_NARROWING) as Array<keyof QueueNarrowing>).every((k) => (NOT_NARROWING[k] as (value: unknown) => boolean)(f[k]));
}

/**
 * maySeeCase (libs/shared/domain) of the case row `c` (of `cases` or case_queue, which keeps the access list too:
 * migration 1764540000000) in SQL, at `now` (a timestamptz parameter), for a user who may read cases: a case that is
 * not restricted, or one whose access list names the user, or for which the user holds a break-glass grant not yet
 * expired. A list's visibility is so decided in the statement that reads the list (issue 16: it was a read of every
 * open restricted case's facts before each list), and case-visibility-sql.spec.ts keeps it equal to the domain rule.
 * The user's live grants are read once per statement (an InitPlan), not looked up per row.
 */
export function maySeeSql(
  userParam: string,
  nowParam: string,
  row: { restricted: string; caseId: string; accessList: string } = {
    restricted: 'c.restricted',
    caseId: 'c.id',
    accessList: 'c.access_list',
  },
): string {
  return `(NOT ${row.restricted} OR ${userParam}::uuid = ANY(${row.accessList})
     OR ${row.caseId} = ANY(ARRAY(SELECT g.case_id FROM break_glass_grants g
                                   WHERE g.user_id = ${userParam}::uuid AND g.expires_at > ${nowParam}::timestamptz)))`;
}

/** The WHERE conditions of a queue query over `cases c, k`; their parameters are added to `params` (after $1, $2). */
export function queueWhere(f: QueueFilter, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // No statuses asked for: the open ones, which is every row of case_queue (queueSource), so no condition.
  const where = f.statuses ? [`c.status = ANY(${add([...f.statuses])}::text[])`] : [];
  // No case at all without case.read.
  where.push(can(f.viewer.roles, 'case.read') ? maySeeSql(add(f.viewer.id), add(f.seenAt)) : 'false');
  if (f.assignee === null) where.push('c.assignee_id IS NULL');
  else if (f.assignee !== undefined) where.push(`c.assignee_id = ${add(f.assignee)}::uuid`);
  if (f.grades) where.push(`coalesce(${GRADE_SQL}, 'ungraded') = ANY(${add([...f.grades])}::text[])`);
  if (f.area) where.push(`c.area = ${add(f.area)}`);
  if (f.marac) where.push('c.marac_required');
  if (f.breached) where.push(slaBreachedSql('k.now'));
  return where.join(' AND ');
}

/** Every open case the user may see, no queue filter: the counts and the workload board. */
export function openCasesWhere(viewer: QueueFilter['viewer'], seenAt: Date, params: unknown[]): string {
  return queueWhere(
    { statuses: null, assignee: undefined, grades: null, area: null, marac: false, breached: false, viewer, seenAt },
    params,
  );
}

/** Per-grade counts in a GROUP BY over `cases c` (the case's grade as the queue shows it; ungraded: the rest). */
export const GRADE_COUNTS_SQL = ['high', 'medium', 'standard']
  .map((g) => `count(*) FILTER (WHERE ${GRADE_SQL} = '${g}') AS ${g}`)
  .join(', ');

/** The parameters ($n) of a keyset cursor: the previous page's last row as PostgreSQL ranked it. */
export interface QueueKeyset {
  score: string;
  receivedAt: string;
  id: string;
}

/**
 * The condition for a row after the keyset in triage order (score descending, then received_at, then id): one row
 * comparison of (−score, received_at, id), which case_queue_settled_idx serves for the stored score. `score` is the
 * score's expression and `row` the prefix of the row's columns (`c.` in a FROM, '' over a select's output).
 */
export function keysetAfterSql(after: QueueKeyset, score = 'score', row = ''): string {
  return `(-${score}, ${row}received_at, ${row}id) > (-${after.score}::int, ${after.receivedAt}::timestamptz, ${after.id}::uuid)`;
}

/**
 * The hub's priority weights as case_queue's stored scores were computed with them (migration 1764520000000): the
 * API writes its own at start (QueueWeights), and a query uses the stored scores only while they are these.
 */
export function weightsJson(w: PriorityWeights): string {
  return JSON.stringify(w);
}

/**
 * A page of open cases in triage order at `$1`, from case_queue (a SELECT over QUEUE_CLOCK's `k`), without scoring
 * every case:
 *  - a settled case (settles_at ≤ now) has its score stored (settled_score): read in index order, only the page;
 *  - an unsettled one (received in the last ~20 hours, or a clock still running and not yet due) is scored here;
 *  - should the stored scores be of other weights than this API's (`weightsParam`: a misconfigured second
 *    instance, or none stored yet), every case is scored here, as before.
 * Each branch gives at most `limitParam` rows after the keyset (`after`: the previous page's last [score,
 * received_at, id]); the page is the first `limitParam` of the three. The score of a settled case equals the live
 * one at any time from settles_at on (queue-order.spec.ts checks both the order and that equality).
 */
export function openQueuePageSql(
  w: PriorityWeights,
  where: string,
  after: QueueKeyset | null,
  weightsParam: string,
  limitParam: string,
): string {
  const live = prioritySql(w, 'k.now', 'k.near_limit');
  const storedWeights = '(SELECT q.weights FROM queue_weights q WHERE q.id = 1)';
  const stored = `${storedWeights} = ${weightsParam}::jsonb`;
  const liveAfter = after ? `WHERE ${keysetAfterSql(after)}` : '';
  const settledAfter = after ? `AND ${keysetAfterSql(after, 'c.settled_score', 'c.')}` : '';
  // An unsettled case is scored in full only if its score at k.now could reach the page (page_floor): its stored points,
  // its waiting points at k.now (the score's own expression) and the larger SLA points can. Not the waiting cap: most
  // unsettled cases are young, and the cap let ~13 times as many be scored in full (734 of 2,147 unsettled at 10,000
  // open against 55; docs/performance.md, session 31).
  const slaPoints = Math.max(Number(lit(w.slaBreached)), Number(lit(w.slaNear)));
  const scored = (condition: string, from = '') => `(
    SELECT id, score, received_at FROM (
      SELECT c.id, ${live} AS score, c.received_at FROM ${OPEN_QUEUE_SQL}, k${from} WHERE ${condition} AND ${where}) s
    ${liveAfter}
    ORDER BY score DESC, received_at, id LIMIT ${limitParam})`;
  return `SELECT id, score, received_at FROM (
      WITH settled AS MATERIALIZED (
        SELECT c.id, c.settled_score AS score, c.received_at FROM ${OPEN_QUEUE_SQL}, k
         WHERE ${stored} AND c.settles_at <= $1::timestamptz AND ${where} ${settledAfter}
         ORDER BY -c.settled_score, c.received_at, c.id LIMIT ${limitParam}),
      -- With a full page of settled cases, an unsettled one scoring below the last of them cannot be on the page:
      -- only those whose stored points, their waiting points now and the most SLA points reach it are scored.
      page_floor AS (SELECT CASE WHEN count(*) = ${limitParam}::bigint THEN min(score) END AS score FROM settled)
      SELECT id, score, received_at FROM settled
      UNION ALL ${scored(
        `${stored} AND c.settles_at > $1::timestamptz
           AND (f.score IS NULL OR c.static_score IS NULL OR c.static_score + ${waitingPointsSql(w, 'k.now')} + ${slaPoints} >= f.score)`,
        ', page_floor f',
      )}
      UNION ALL ${scored(`${storedWeights} IS DISTINCT FROM ${weightsParam}::jsonb`)}
    ) page
    ORDER BY score DESC, received_at, id LIMIT ${limitParam}`;
}
