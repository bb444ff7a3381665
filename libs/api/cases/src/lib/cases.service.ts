import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { APP_CONFIG, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  can,
  CASE_CHANGING_ROLES,
  compareTriageOrder,
  type CaseCounts,
  type CaseDetail,
  type CaseHistoryEntry,
  type CasePage,
  type CaseSummary,
  type QueueQuery,
  type CaseCountsQuery,
  type MaracReferralFact,
} from '@lantern/shared/domain';
import type { CaseAccessUser } from '@lantern/shared/domain';
import { changeReasonsOf } from './case-change-reasons';
import { CaseReadAudit, CaseVisibility } from './case-access';
import {
  GRADE_COUNTS_SQL,
  keysetAfterSql,
  openCasesWhere,
  openQueuePageSql,
  prioritySql,
  QUEUE_CLOCK,
  queueClock,
  OPEN_QUEUE_SQL,
  queueSource,
  queueWhere,
  weightsJson,
  slaBreachedSql,
  isWholeOpenQueue,
  type QueueNarrowing,
  type QueueKeyset,
} from './case-queue';
import { loadDetail, SUMMARY_SELECT, toSummary, type SummaryRow } from './case-read';
import { CASE_CHANGED_TOPIC } from './outbox';

/**
 * After the row [score, received_at, id] as PostgreSQL ranked it at the instant `rankedAt` (ms): the next page is ranked
 * at that same instant, so waiting points that grew meanwhile cannot move a case across the page boundary unseen.
 * A cursor without it (issued before) is ranked now.
 */
type Cursor = [number, string, string, number?];
/** A cursor's ranking instant is used for this long; an older one is ranked now (the page will not join up exactly). */
const CURSOR_RANKING_KEPT_MS = 24 * 3_600_000;

/** Every UUID-shaped string in `value` (as redactHiddenCases would check them), in lower case. */
function uuidsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) uuidsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) uuidsIn(v, into);
  return into;
}

/**
 * A history entry's details with every case id the user may not see taken out (e.g. `linkedCaseId` of
 * case.serial-suspect-linked, `fromCaseId` of case.marac-recomputed): a restricted case off their list is not named,
 * here as anywhere. Any UUID-shaped value is checked, so a new kind of entry cannot leak one; a hidden id becomes
 * null (in a list it is dropped). User ids are never restricted case ids, so they stay.
 */
function redactHiddenCases(value: unknown, hidden: (id: string) => boolean): unknown {
  if (typeof value === 'string') return UUID.test(value) && hidden(value.toLowerCase()) ? null : value;
  if (Array.isArray(value)) {
    return value
      .filter((v) => !(typeof v === 'string' && UUID.test(v) && hidden(v.toLowerCase())))
      .map((v) => redactHiddenCases(v, hidden));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactHiddenCases(v, hidden)]));
  }
  return value;
}

function decodeCursor(raw: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      (v.length === 3 || (v.length === 4 && Number.isSafeInteger(v[3]) && v[3] >= 0)) &&
      Number.isInteger(v[0]) &&
      Math.abs(v[0]) < 2 ** 31 &&
      typeof v[1] === 'string' &&
      // A time PostgreSQL takes (the cursor's received_at is compared as a timestamptz): 1970 to 9999.
      Date.parse(v[1]) >= 0 &&
      Date.parse(v[1]) < Date.UTC(10000, 0, 1) &&
      typeof v[2] === 'string' &&
      UUID.test(v[2])
    ) {
      return v as Cursor;
    }
  } catch {
    /* fall through */
  }
  return null;
}

interface ParsedQuery {
  statuses: string[] | null;
  assignee: string | null | undefined;
  grades: string[] | null;
  area: string | null;
  marac: boolean;
  breached: boolean;
  limit: number;
  cursor: Cursor | null;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private parse(userId: string, q: QueueQuery): ParsedQuery {
    // The contract checked each value's shape; the cursor is opaque, so only this API can tell it issued it.
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    // No status asked for: the open ones, every row of case_queue (queueSource).
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()) : null;
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.cursor && !cursor) throw Problems.validation([{ path: '/cursor', message: 'is not a cursor this API issued' }]);
    return { statuses, ...this.filters(userId, q), limit, cursor };
  }

  /** The queue's filters (GET /cases and GET /cases/counts take the same ones). */
  private filters(userId: string, q: CaseCountsQuery): Pick<ParsedQuery, 'assignee' | 'grades' | 'area' | 'marac' | 'breached'> {
    const grades = q.grade ? q.grade.split(',').map((s) => s.trim()) : null;
    const assignee = q.assignee === 'me' ? userId : q.assignee === 'none' ? null : q.assignee;
    return { assignee, grades, area: q.area ?? null, marac: q.marac === 'true', breached: q.breached === 'true' };
  }

  /**
   * The first `limit` unassigned open cases in triage order, for "Next case" to try in turn. Not audited as a read:
   * the user sees only the case they end up claiming, and the claim is audited.
   */
  async unassignedInOrder(user: CaseAccessUser, limit: number, now = new Date()): Promise<CaseSummary[]> {
    const filter = { statuses: null, assignee: null, grades: null, area: null, marac: false, breached: false };
    return (await this.ranked(user, filter, null, limit, now)).items;
  }

  /**
   * A page of cases in triage order, ranked by PostgreSQL (case-queue.ts: the score of casePriority computed in SQL
   * at `now`, kept equal to the domain rule by queue-order.spec.ts), after the keyset `cursor`; `next` is the cursor
   * after the page's last row as PostgreSQL ranked it (null at the end). One statement ranks, counts (`counted`),
   * leaves out what the user may not see and reads the page's rows as summaries.
   */
  private async ranked(
    user: CaseAccessUser,
    f: QueueNarrowing,
    cursor: Cursor | null,
    limit: number,
    now: Date,
    counted = false,
    /** Audit the rows shown as this list read (CaseReadAudit.listReadCtes), in the ranking's own statement. */
    audit?: string,
  ): Promise<{ items: CaseSummary[]; next: string | null; total: number }> {
    const source = queueSource(f.statuses);
    // Ranked at the instant the previous page was (never later than now, never more than a day back).
    const pinned = cursor?.[3];
    const rankedAt =
      pinned !== undefined && pinned <= now.getTime() && now.getTime() - pinned <= CURSOR_RANKING_KEPT_MS ? new Date(pinned) : now;
    const params: unknown[] = queueClock(rankedAt, this.config.triage);
    // Scored at rankedAt, but seen at now: a grant that has expired since the first page does not carry over.
    const where = queueWhere({ ...f, viewer: user, seenAt: now }, params);
    const weights = this.config.triage.weights;
    const page = [...params];
    let after: QueueKeyset | null = null;
    if (cursor) {
      // received_at is stored to the millisecond, as the cursor carries it (compareTriageOrder's tie-break).
      page.push(cursor[0], new Date(cursor[1]).toISOString(), cursor[2]);
      after = { score: `$${page.length - 2}`, receivedAt: `$${page.length - 1}`, id: `$${page.length}` };
    }
    page.push(limit + 1);
    const limitParam = `$${page.length}`;
    let body: string;
    if (source === OPEN_QUEUE_SQL) {
      page.push(weightsJson(weights));
      body = openQueuePageSql(weights, where, after, `$${page.length}`, limitParam);
    } else {
      // Closed cases asked for: scored here from \`cases\` (a closed case's score is shown, never worked from).
      body = `SELECT id, score, received_at FROM (
         SELECT c.id, ${prioritySql(weights, 'k.now', 'k.near_limit')} AS score, c.received_at FROM ${source}, k WHERE ${where}) q
       ${after ? `WHERE ${keysetAfterSql(after)}` : ''}
       ORDER BY score DESC, received_at, id LIMIT ${limitParam}`;
    }
    // The page's rows as summaries in the same statement, so at the same moment as their ranking (one round trip
    // less, and nothing to re-check: a case restricted since is not ranked either).
    const pageRows = `SELECT p.score AS queue_score, p.received_at AS queue_received_at, s.* FROM (${body}) p JOIN LATERAL (${SUMMARY_SELECT} WHERE c.id = p.id) s ON true`;
    // The total matching the filters in the same statement (a round trip costs more than counting case_queue): one
    // row even when the page is empty (a cursor past the last case). Only the breach filter reads the clock (k):
    // joining it to every row for nothing cost a third of the count.
    const order = 'queue_score DESC, queue_received_at, id';
    const rows = counted
      ? `SELECT n.total, q.*
           FROM (${this.totalSql(source, f, user, where)}) n LEFT JOIN LATERAL (${pageRows}) q ON true`
      : `SELECT q.* FROM (${pageRows}) q`;
    // The list read's audit (case.list: the ids of the rows shown, without the one more read to know there is a next
    // page) in the same statement as the open queue's page: one round trip and one commit for the whole read. Not over
    // closed statuses: a statement that writes is never run in parallel, and their count may scan the whole history.
    const auditedHere = audit !== undefined && source === OPEN_QUEUE_SQL;
    const sql = auditedHere
      ? `${QUEUE_CLOCK}, page AS MATERIALIZED (${rows}),
         ${this.reads.listReadCtes(page, user.id, audit, {}, `SELECT COALESCE(jsonb_agg(id ORDER BY ${order}), '[]'::jsonb) AS ids, count(*)::int AS n FROM (SELECT * FROM page WHERE id IS NOT NULL ORDER BY ${order} LIMIT ${limitParam}::int - 1) shown`)}
         SELECT * FROM page ORDER BY ${order}`
      : `${QUEUE_CLOCK} ${rows} ORDER BY ${order}`;
    // Prepared: its text is one of a few (the filters asked for), and planning it cost more than running it. The open
    // queue's plan does not depend on the values (now, the keyset, the user): planned once per connection (genericPlan).
    // Over closed statuses the statuses asked for decide between an index and a scan of the history: planned each time.
    const result: Array<SummaryRow & { total?: string; queue_score: number | null; queue_received_at: Date | null }> =
      await this.db.prepared(sql, page, {
        genericPlan: source === OPEN_QUEUE_SQL,
      });
    const total = Number(result[0]?.total ?? 0);
    const found = result.filter((r) => r.id !== null);
    const shown = found.slice(0, limit);
    const last = shown[shown.length - 1];
    // The cursor is the last row as PostgreSQL ranked it (case_queue's columns), so the next page starts exactly after it.
    const next =
      found.length > limit && last
        ? Buffer.from(
            JSON.stringify([Number(last.queue_score), new Date(last.queue_received_at as Date).toISOString(), last.id, rankedAt.getTime()]),
          ).toString('base64url')
        : null;
    if (audit !== undefined && !auditedHere) {
      // A statement of its own, a transaction by itself (recordList), naming the same rows.
      await this.reads.recordList(
        null,
        user.id,
        audit,
        shown.map((r) => r.id),
      );
    }
    const items = shown.map((r) => toSummary(r, this.config.triage, now)).sort(compareTriageOrder);
    return { items, next, total };
  }

  /**
   * The total of a queue read (a sub-select giving `total`; `where` is queueWhere's for `f`, over `source` as `c`).
   * Every open case the user may see, unfiltered — the queue as it first opens, read on every page — is the tally of
   * unrestricted open cases (case_queue_tally, kept by triggers: migration 1764570000000) plus the restricted ones
   * the user may see, judged one by one by `where` (maySeeSql) over the partial index of restricted open cases: a
   * few rows, not a scan of every open case. Any filter, a list over closed statuses, or a user without case.read
   * (whose `where` is false): counted row by row.
   */
  private totalSql(source: string, f: QueueNarrowing, user: CaseAccessUser, where: string): string {
    if (source === OPEN_QUEUE_SQL && isWholeOpenQueue(f) && can(user.roles, 'case.read')) {
      return `SELECT (SELECT coalesce(sum(t.delta), 0) FROM case_queue_tally t) + count(*) AS total
                FROM ${OPEN_QUEUE_SQL} WHERE c.restricted AND ${where}`;
    }
    return `SELECT count(*) AS total FROM ${source}${f.breached ? ', k' : ''} WHERE ${where}`;
  }

  /**
   * The triage queue: filtered, ordered and paged by PostgreSQL (case-queue.ts) with a keyset cursor in triage
   * order; priority depends on time (waiting, SLA), so it is computed at read time from the stored due times.
   */
  async queue(user: CaseAccessUser, q: QueueQuery, now = new Date()): Promise<CasePage> {
    const p = this.parse(user.id, q);
    // One statement, a transaction of its own: the page, its total and its audit (ranked).
    const { items, next, total } = await this.ranked(user, p, p.cursor, p.limit, now, true, 'case.list');
    return { items, total, nextCursor: next };
  }

  /**
   * Open cases per queue filter, counting only cases the user may see, counted by PostgreSQL (one row per area).
   * Audited as one `case.counts` entry with the totals and no case ids: a count discloses no case's data (a restricted
   * case is counted only for a user who may see it), and naming the 10,000 ids of a regional hub's open cases on
   * every queue load wrote 400 kB of audit per request (docs/casework.md, list reads).
   */
  async counts(user: CaseAccessUser, q: CaseCountsQuery = {}, now = new Date()): Promise<CaseCounts> {
    const userId = user.id;
    const params: unknown[] = queueClock(now, this.config.triage);
    const where = openCasesWhere(user, now, params);
    // The queue's own WHERE for these filters (it repeats the open and visible conditions, true of every row here).
    const matching = queueWhere({ statuses: null, ...this.filters(userId, q), viewer: user, seenAt: now }, params);
    params.push(userId);
    const mine = `$${params.length}::uuid`;
    params.push(CASE_CHANGED_TOPIC);
    const rows: Array<
      Record<'area' | 'n' | 'high' | 'medium' | 'standard' | 'marac' | 'unassigned' | 'mine' | 'breached' | 'matching' | 'seq', string>
    > = await this.db.query(
      // The outbox's last seq in the same statement, so in the same snapshot as the counts: a change committed with a
      // higher seq is not counted (outbox seqs are taken in commit order: the outbox's order lock, docs/audit.md).
      // One row even with no open case (the LEFT JOIN), for the seq.
      `${QUEUE_CLOCK}
         SELECT s.seq, g.* FROM (SELECT coalesce(max(seq), 0) AS seq FROM outbox WHERE topic = $${params.length}) s
           LEFT JOIN (
             SELECT c.area, count(*) AS n, count(*) FILTER (WHERE ${matching}) AS matching,
                    ${GRADE_COUNTS_SQL}, count(*) FILTER (WHERE c.marac_required) AS marac, count(*) FILTER (WHERE c.assignee_id IS NULL) AS unassigned,
                    count(*) FILTER (WHERE c.assignee_id = ${mine}) AS mine,
                    count(*) FILTER (WHERE ${slaBreachedSql('k.now')}) AS breached
               FROM ${OPEN_QUEUE_SQL}, k WHERE ${where} GROUP BY c.area) g ON true`,
      params,
    );
    const counts: CaseCounts = {
      total: 0,
      byGrade: { high: 0, medium: 0, standard: 0, ungraded: 0 },
      byArea: {},
      marac: 0,
      unassigned: 0,
      mine: 0,
      breached: 0,
      matching: 0,
      asOf: now.toISOString(),
      seq: Number(rows[0]?.seq ?? 0),
    };
    for (const r of rows) {
      if (r.area === null) continue; // no open case: the seq's row alone
      const n = Number(r.n);
      counts.total += n;
      counts.byArea[r.area] = n;
      counts.byGrade.high += Number(r.high);
      counts.byGrade.medium += Number(r.medium);
      counts.byGrade.standard += Number(r.standard);
      counts.byGrade.ungraded += n - Number(r.high) - Number(r.medium) - Number(r.standard);
      counts.marac += Number(r.marac);
      counts.unassigned += Number(r.unassigned);
      counts.mine += Number(r.mine);
      counts.breached += Number(r.breached);
      counts.matching += Number(r.matching);
    }
    // One statement, a transaction of its own (as recordList): BEGIN and COMMIT around it were two more round trips.
    await this.audit.record(this.db.manager, {
      actor: { type: 'user', id: userId },
      action: 'case.counts',
      entityType: 'case',
      details: { total: counts.total, matching: counts.matching },
    });
    return counts;
  }

  /**
   * The case's audit trail: every read and change, who and when (details hold ids and codes only): the entries about
   * the case, and those about its referrals and reports that name it (`details.caseId`: a partner's download of the
   * referral document, a referral withdrawn, a duplicate report). List reads that merely include the case (the
   * queue, search) are in the audit trail, not here: a caseworker's history would be mostly queue views.
   * An auditor's reading is left out too (the `audit.*` entries of their searches, which name the case and any user
   * they filter by, and their reads of the case): an investigation of a caseworker who passes information to the
   * suspect must not show on the case's page to that caseworker (an audit review, session 41). An auditor changes no
   * case, so nothing an auditor-only account did is left out but reading; the audit search (`GET /audit`) has it all.
   */
  async history(user: CaseAccessUser, id: string): Promise<CaseHistoryEntry[]> {
    const userId = user.id;
    if (!UUID.test(id)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const exists = await m.query('SELECT 1 FROM cases WHERE id = $1', [id]);
      if (!exists.length) throw Problems.notFound('No such case.');
      const rows: Array<{
        id: string;
        at: Date;
        action: string;
        actor_type: 'user' | 'feed' | 'system';
        actor_id: string | null;
        details: Record<string, unknown>;
        user_name: string | null;
        feed_name: string | null;
      }> = await m.query(
        `SELECT e.id, e.at, e.action, e.actor_type, e.actor_id, e.details, u.display_name AS user_name, f.name AS feed_name
             FROM audit_entries e
             LEFT JOIN users u ON e.actor_type = 'user' AND u.id::text = e.actor_id
             LEFT JOIN feed_sources f ON e.actor_type = 'feed' AND f.id::text = e.actor_id
            WHERE ((e.entity_type = 'case' AND e.entity_id = $1) OR e.details->>'caseId' = $1)
              AND e.action NOT LIKE 'audit.%'
              AND NOT (e.actor_type = 'user' AND COALESCE(u.roles && $2::text[] AND NOT u.roles && $3::text[], false))
            ORDER BY e.id`,
        [id, ['auditor'], CASE_CHANGING_ROLES],
      );
      await this.audit.record(m, { actor: { type: 'user', id: userId }, action: 'case.history-read', entityType: 'case', entityId: id });
      // A team lead's reason for closing past the closing rules is kept beside the trail (closing_overrides), not in it.
      const overrides = new Map(
        ((await m.query('SELECT id, reason FROM closing_overrides WHERE case_id = $1', [id])) as Array<{ id: string; reason: string }>).map(
          (o) => [o.id, o.reason],
        ),
      );
      // So are the words given for other changes (case_change_reasons, named by reasonId; earlier entries hold their own).
      const reasons = await changeReasonsOf(m, id);
      const details = rows.map((r) =>
        r.action === 'case.closing-override' && overrides.has(String(r.details?.['overrideId']))
          ? { ...r.details, reason: overrides.get(String(r.details['overrideId'])) }
          : reasons.has(String(r.details?.['reasonId']))
            ? { ...r.details, reason: reasons.get(String(r.details['reasonId'])) }
            : (r.details ?? {}),
      );
      // Every UUID the entries name is asked about (user ids too: they are not cases, so never restricted).
      const visibility = await CaseVisibility.forCases(m, uuidsIn(details));
      const hidden = (caseId: string) => visibility.isRestricted(caseId) && !visibility.maySee(user, caseId);
      return rows.map((r, i) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        action: r.action,
        actor: {
          type: r.actor_type,
          id: r.actor_id,
          displayName: r.user_name ?? r.feed_name ?? (r.actor_type === 'system' ? 'Lantern' : null),
        },
        details: redactHiddenCases(details[i], hidden) as Record<string, unknown>,
      }));
    });
  }

  async detail(user: CaseAccessUser, id: string, purpose?: 'print'): Promise<CaseDetail> {
    const userId = user.id;
    if (!UUID.test(id)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const detail = await loadDetail(m, id, this.config.triage);
      if (!detail) throw Problems.notFound('No such case.');
      // Linked cases name other cases by reference: a restricted one off the user's list is left out.
      const history = detail.maracContext.maracReferrals ?? [];
      const visibility = await CaseVisibility.forCases(m, [
        id,
        ...detail.linkedCases.map((l) => l.id),
        ...detail.suspectLinkedCases.map((l) => l.id),
        ...history.flatMap((r) => (r.caseId ? [r.caseId] : [])),
      ]);
      detail.linkedCases = visibility.filter(user, detail.linkedCases, (l) => l.id);
      detail.suspectLinkedCases = visibility.filter(user, detail.suspectLinkedCases, (l) => l.id);
      // The victim's MARAC referrals still count towards the repeat criterion when made on a case this user may not
      // see (the criteria judge the whole history, as the API's own assessment does), but they name neither the case
      // nor its perpetrator: a restricted case's id and its suspect's police id would tell of a case off the list.
      if (history.length) {
        const own = detail.maracContext.perpetratorPersonId ?? null;
        detail.maracContext.maracReferrals = history.map((r) =>
          !r.caseId || visibility.maySee(user, r.caseId) ? r : { referredAt: r.referredAt, perpetratorPersonId: hiddenPerpetrator(r, own) },
        );
      }
      const facts = visibility.factsOf(id);
      // Only the caller's own grant: who else broke the glass is the team leads' (alerts), not every viewer's.
      if (facts) detail.access = { accessList: [...facts.accessList], breakGlass: facts.breakGlass.filter((g) => g.userId === userId) };
      // The other cases the page names (linked, the suspect's other victims': reference, status, date) are read too:
      // the entry names them, so the search by case finds this read (details.caseIds, indexed).
      const named = [...new Set([...detail.linkedCases.map((l) => l.id), ...detail.suspectLinkedCases.map((l) => l.id)])];
      await this.audit.record(m, {
        actor: { type: 'user', id: userId },
        action: 'case.read',
        entityType: 'case',
        entityId: id,
        // Printing is a read with a purpose: the trail says the case left the screen (docs/casework.md).
        ...(purpose || named.length ? { details: { ...(purpose ? { purpose } : {}), ...(named.length ? { caseIds: named } : {}) } } : {}),
      });
      return detail;
    });
  }
}

/**
 * A hidden case's MARAC referral's perpetrator as the repeat rule needs it (samePerpetrator) and no more: unknown stays
 * unknown, this case's suspect stays theirs (the reader knows that id), anyone else is one opaque mark.
 */
function hiddenPerpetrator(r: MaracReferralFact, own: string | null): string | null {
  if (r.perpetratorPersonId === null || r.perpetratorPersonId === own) return r.perpetratorPersonId;
  return own === null ? null : ANOTHER_PERPETRATOR;
}

/** Longer than any police person id (the contract's `personId` has at most 40 characters), so never equal to one. */
const ANOTHER_PERPETRATOR = '(another perpetrator, on a case you may not see)';
