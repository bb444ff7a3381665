import {
  applyDecorators,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { AuditService, auditInsert } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { APP_CONFIG, currentRequestScope, errorForLog, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { currentTransactionAttempt, Database, preparedQuery, type TransactionAttempt } from '@lantern/api/data-access';
import {
  caseAccess,
  CLAIM_FIRST_MESSAGE,
  CLOSING_STATUSES,
  type CaseStatus,
  maySeeCase,
  type CaseAccessFacts,
  type CaseAccessKind,
  type CaseAccessUser,
} from '@lantern/shared/domain';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';

export const CASE_ACCESS = 'lantern:case-access';
/** The OpenAPI extension naming a case route's kind of access (read, write, claim), beside x-lantern-action. */
export const CASE_ACCESS_EXTENSION = 'x-lantern-case-access';
/** On every case `write` route: true when it is allowed on a closed case too (reopen, survey, printed forms). */
export const CASE_WHEN_CLOSED_EXTENSION = 'x-lantern-when-closed';

/** How a case route names its case: the `:id` of the case (default), or of a call-back of the case. */
export interface CaseAccessMetadata {
  kind: CaseAccessKind;
  param: string;
  via: 'case' | 'callback';
  /** A write allowed on a closed case too (reopening, the satisfaction survey, a form printed from the record). */
  whenClosed: boolean;
}

/** A closed case is read-only: only reopening it (and the few routes marked `whenClosed`) changes it. */
export const caseClosed = (status: string) =>
  new ProblemException(
    409,
    'case-closed',
    'Conflict',
    `This case is ${status === 'closed' ? 'closed' : `closed (${status})`}: reopen it first to change it.`,
  );

/** The one answer for a case one may not see, identical to a case that does not exist (existence is not revealed). */
export const noSuchCase = () => Problems.notFound('No such case.');

/** A write by someone who sees the case but is neither its assignee nor a team lead. */
export const notAssignee = () =>
  new ProblemException(403, 'not-assignee', 'Forbidden', `${CLAIM_FIRST_MESSAGE}: only its assignee or a team lead may change it.`);

/** Claiming, being assigned or changing the restriction of a restricted case, seen only through a break-glass grant. */
export const notOnAccessList = (what = 'claim it') =>
  new ProblemException(403, 'not-on-access-list', 'Forbidden', `Only someone on this restricted case’s access list may ${what}.`);

type Queryable = Pick<EntityManager, 'query'>;

interface FactsRow {
  id: string;
  status: string;
  assignee_id: string | null;
  restricted: boolean;
  access_list: string[] | null;
  on_arrival: boolean | null;
  restricted_version: number | null;
  grants: Array<{ userId: string; expiresAt: string }> | null;
}

const FACTS_SELECT = `
  SELECT c.id, c.assignee_id, c.restricted, c.access_list, c.status,
         (c.restriction_source IN ('police-staff-rule', 'person-restricted') AND c.restricted_at = c.received_at) AS on_arrival,
         c.restricted_version,
         (SELECT json_agg(json_build_object('userId', g.user_id, 'expiresAt', g.expires_at))
            FROM break_glass_grants g WHERE g.case_id = c.id AND g.expires_at > $1) AS grants
    FROM cases c`;

/** The rule's facts, and whether the case was restricted on arrival (nobody off its list ever saw it). */
export interface CaseAccessRecord extends CaseAccessFacts {
  /** The case's status: writes to a closed case are refused (CaseAccessGuard), reopening aside. */
  status: string;
  restrictedOnArrival: boolean;
  /** The version at which the case was restricted (or its list last changed); null when not restricted. */
  restrictedVersion: number | null;
}

function toFacts(r: FactsRow): CaseAccessRecord {
  return {
    status: r.status,
    restrictedOnArrival: r.on_arrival === true,
    restrictedVersion: r.restricted_version === null || r.restricted_version === undefined ? null : Number(r.restricted_version),
    assigneeId: r.assignee_id,
    restricted: r.restricted === true,
    accessList: r.access_list ?? [],
    breakGlass: (r.grants ?? []).map((g) => ({ userId: g.userId, expiresAt: new Date(g.expiresAt).toISOString() })),
  };
}

/** What the access rule needs about one case, or null when there is no such case. */
export async function loadCaseAccessFacts(m: Queryable, caseId: string, now = new Date()): Promise<CaseAccessRecord | null> {
  const [row] = (await m.query(`${FACTS_SELECT} WHERE c.id = $2`, [now, caseId])) as FactsRow[];
  return row ? toFacts(row) : null;
}

/** The facts of several cases in one read (cases that do not exist are absent from the map). */
export async function loadCaseAccessFactsOf(
  m: Queryable,
  caseIds: readonly string[],
  now = new Date(),
): Promise<Map<string, CaseAccessRecord>> {
  if (!caseIds.length) return new Map();
  const rows = (await m.query(`${FACTS_SELECT} WHERE c.id = ANY($2::uuid[])`, [now, caseIds])) as FactsRow[];
  return new Map(rows.map((r) => [r.id, toFacts(r)]));
}

/**
 * Who may see which of a known set of cases, for lists: the facts of the restricted ones among them, read in one
 * query, so a list is filtered without a query per case. Only the cases named are read (issue 16: reading every
 * restricted case in a hub's history cost ~10–20 ms per request at a million cases, on every case opened and every
 * call-backs read); asked about any other case, it answers "not visible" (fail closed: its restriction was never read).
 */
export class CaseVisibility {
  /** @param scope the only cases this instance may answer for (lower-case ids). */
  private constructor(
    private readonly restricted: ReadonlyMap<string, CaseAccessFacts>,
    private readonly now: Date,
    private readonly scope: ReadonlySet<string>,
  ) {}

  /**
   * Who may see these cases: their restrictions are read (one query; none for an empty list). Ids are compared in
   * lower case, as PostgreSQL compares uuids; a value that is not a UUID is not a case, and so is never visible.
   */
  static async forCases(m: Queryable, caseIds: Iterable<string>, now = new Date()): Promise<CaseVisibility> {
    const ids = [...new Set([...caseIds].map((id) => id.toLowerCase()).filter((id) => UUID.test(id)))];
    const rows = ids.length
      ? ((await m.query(`${FACTS_SELECT} WHERE c.restricted AND c.id = ANY($2::uuid[])`, [now, ids])) as FactsRow[])
      : [];
    return new CaseVisibility(new Map(rows.map((r) => [r.id, toFacts(r)])), now, new Set(ids));
  }

  /** Outside the cases given to `forCases` a case counts as restricted: its restriction was never read. */
  isRestricted(caseId: string): boolean {
    const id = caseId.toLowerCase();
    return !this.scope.has(id) || this.restricted.has(id);
  }

  /** The facts of a restricted case (undefined when it is not restricted): already loaded, no query. */
  factsOf(caseId: string): CaseAccessFacts | undefined {
    const id = caseId.toLowerCase();
    if (!this.scope.has(id)) throw new Error('CaseVisibility.forCases was not given this case');
    return this.restricted.get(id);
  }

  maySee(user: CaseAccessUser, caseId: string): boolean {
    const id = caseId.toLowerCase();
    if (!this.scope.has(id)) return false;
    const facts = this.restricted.get(id);
    return maySeeCase(user, facts ?? { restricted: false, accessList: [], breakGlass: [] }, this.now);
  }

  filter<T>(user: CaseAccessUser, items: readonly T[], idOf: (item: T) => string): T[] {
    return items.filter((item) => this.maySee(user, idOf(item)));
  }
}

/**
 * Declares what a case route does to its case; CaseAccessGuard applies the rule of case-access.ts after the
 * permission guard: the same 404 as a missing case when the user may not see it, 403 `not-assignee` for a write
 * by someone who is neither the assignee nor a team lead. The route table says it all (access-matrix.spec.ts).
 */
export function CaseAccess(kind: CaseAccessKind, options: { param?: string; via?: 'case' | 'callback'; whenClosed?: boolean } = {}) {
  const meta: CaseAccessMetadata = {
    kind,
    param: options.param ?? 'id',
    via: options.via ?? 'case',
    whenClosed: options.whenClosed ?? false,
  };
  return applyDecorators(
    SetMetadata(CASE_ACCESS, meta),
    ApiExtension(CASE_ACCESS_EXTENSION, kind),
    // In the OpenAPI description: a `write` route without it answers 409 `case-closed` on a closed case.
    ...(kind === 'write' ? [ApiExtension(CASE_WHEN_CLOSED_EXTENSION, meta.whenClosed)] : []),
    UseGuards(CaseAccessGuard),
  );
}

@Injectable()
export class CaseAccessGuard implements CanActivate {
  private readonly logger = new Logger('CaseAccess');

  constructor(
    private readonly reflector: Reflector,
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<CaseAccessMetadata | undefined>(CASE_ACCESS, context.getHandler());
    if (!meta) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const user = req.user as AuthUser | undefined;
    if (!user) throw Problems.unauthenticated();
    const raw = req.params[meta.param];
    // A malformed id is the id pipe's to refuse (the route's own 404 or 400), after this guard.
    if (typeof raw !== 'string' || !UUID.test(raw)) return true;
    const now = new Date();
    // Ids are kept and searched lower-case (the audit trail's case search compares text): a probe written in capitals
    // must land in the trail under the id an auditor searches for, as the socket handlers already do.
    let caseId = raw.toLowerCase();
    if (meta.via === 'callback') {
      const [cb] = (await this.db.query('SELECT case_id FROM callbacks WHERE id = $1', [caseId])) as Array<{ case_id: string }>;
      if (!cb) return true; // the service answers "No such call-back."
      caseId = cb.case_id;
    }
    const facts = await loadCaseAccessFacts(this.db.manager, caseId, now);
    if (!facts) {
      if (meta.via === 'callback') throw Problems.notFound('No such call-back.');
      throw noSuchCase();
    }
    const { decision, reason } = caseAccess(user, facts, meta.kind, now);
    const route = (req.route as { path?: string } | undefined)?.path ?? null;
    const auditRefusal = (why: string | null, atLock: boolean) =>
      // Refusals are part of the trail (who tried what on which case): ids and codes only.
      this.db
        .transaction((m) =>
          this.audit.record(m, {
            actor: { type: 'user', id: user.id },
            action: 'case.access-refused',
            entityType: 'case',
            entityId: caseId,
            details: { kind: meta.kind, reason: why, method: req.method, route, ...(atLock ? { atLock: true } : {}) },
          }),
        )
        .catch((e: unknown) => this.logger.warn(`could not audit a refusal: ${errorForLog(e)}`));
    if (decision === 'allowed') {
      closedCheck(meta, facts.status);
      (req as Request & { caseAccess?: CaseAccessFacts }).caseAccess = facts;
      // A change is judged again once it holds the case's row lock (lockCase): a restriction, a reassignment or a
      // closing committed after this check and before that lock would otherwise not stop it.
      if (meta.kind !== 'read') {
        const scope = currentRequestScope();
        const pending: PendingCaseChange = { caseId, user, meta, judged: null, refused: (why) => void auditRefusal(why, true) };
        if (scope) scope.set(PENDING_CHANGE, pending);
        else this.logger.warn('no request scope: a case change is not judged again at its lock (requestScopeMiddleware missing)');
      }
      return true;
    }
    await auditRefusal(reason, false);
    throw refusal(meta, decision, reason);
  }
}

/** A write to a closed case is a 409 naming its status (issue 15), but for the routes marked `whenClosed`. */
function closedCheck(meta: CaseAccessMetadata, status: string): void {
  if (meta.kind === 'write' && !meta.whenClosed && CLOSING_STATUSES.includes(status as CaseStatus)) throw caseClosed(status);
}

/** The answer to a refused case route: the guard's and, for a change judged again at its lock, the same. */
function refusal(meta: CaseAccessMetadata, decision: string, reason: string | null): ProblemException {
  if (decision === 'hidden') return meta.via === 'callback' ? Problems.notFound('No such call-back.') : noSuchCase();
  if (reason === 'not-assignee') return notAssignee();
  if (reason === 'not-on-access-list') return notOnAccessList();
  return Problems.forbidden();
}

/** A change the guard let through, to be judged again at its case's row lock (request-scope.ts). */
interface PendingCaseChange {
  caseId: string;
  user: AuthUser;
  meta: CaseAccessMetadata;
  /** The transaction attempt that judged it at the lock; null until then. */
  judged: TransactionAttempt | null;
  /** Writes the refusal to the audit trail in a transaction of its own (the change's own is rolled back). */
  refused(reason: string | null): void;
}

const PENDING_CHANGE = Symbol('case change to judge at its lock');

/**
 * Called by `lockCase` (and `lockedCase`) once the case's row is locked, in the change's transaction: when this
 * request's guard let a change to this case through, its rule is applied again to the facts as committed now. The
 * guard read them before the lock, so a restriction that took the user off the list, a reassignment to a colleague,
 * or the case's closing, committed in between, would not have stopped the change (the claim and the restriction
 * judged their own facts under the lock already). Refused as the guard refuses (404, 403, 409), with the refusal
 * audited (`atLock: true`). Judged at the first lock of the case, and again only in a retry of that transaction (a
 * deadlock's retry starts over: the first attempt's judgement was rolled back with it); not at a later lock in the
 * same request, since the change may itself have moved the case on (a release, a status) before locking it again.
 * Domain event handlers run outside the request's scope (DomainEventBus), so their locks are never judged as its user.
 */
export async function judgeAtLock(m: Queryable, caseId: string, now = new Date()): Promise<void> {
  const pending = currentRequestScope()?.get(PENDING_CHANGE) as PendingCaseChange | undefined;
  if (!pending || pending.caseId !== caseId.toLowerCase()) return;
  const here = currentTransactionAttempt() ?? { call: m, attempt: 1 };
  if (pending.judged && (pending.judged.call !== here.call || pending.judged.attempt === here.attempt)) return;
  pending.judged = here;
  const facts = await loadCaseAccessFacts(m, pending.caseId, now);
  if (!facts) throw refusal(pending.meta, 'hidden', null);
  const { decision, reason } = caseAccess(pending.user, facts, pending.meta.kind, now);
  if (decision !== 'allowed') {
    pending.refused(reason);
    throw refusal(pending.meta, decision, reason);
  }
  closedCheck(pending.meta, facts.status);
}

/**
 * List reads, audited per case, and the bulk-read alarm: one `case.list` (or the caller's action) entry naming every
 * case id returned; when a user's case ids read in lists over the last hour first pass the configured threshold, a
 * `case.bulk-read` entry is written, which the team leads' alert tray shows.
 */
@Injectable()
export class CaseReadAudit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  /** Audited list reads whose case ids count towards the bulk-read threshold: lists that return case data. */
  static readonly LIST_ACTIONS = [
    'case.list',
    'case.sync',
    'workload.unassigned-read',
    'workload.suggestions-read',
    'case.search',
    'referral.list',
    // The call-backs due list (everyone's, for a team lead) names cases with their notes: a list of case data too
    // (found by the session 37 audit review). Not the team lead's alert tray (`alerts.read`, in the trail all the
    // same): chosen by the system and re-read as it changes, it names up to 1,200 cases, so counting a lead's own tray
    // would raise the alarm about the team lead at the busiest hour, an alarm that cries wolf.
    'callbacks.due-read',
  ];

  /**
   * Records a list read in the caller's transaction `m`, or, with `m` null, as a statement of its own (a transaction
   * by itself): a named prepared statement either way, parsed once per connection (list reads are frequent).
   */
  async recordList(
    m: EntityManager | null,
    userId: string,
    action: string,
    caseIds: readonly string[],
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const { sql, params } = this.listReadSql(userId, action, caseIds, details);
    if (m) await preparedQuery(m, sql, params);
    else await this.db.prepared(sql, params);
  }

  private listReadSql(
    userId: string,
    action: string,
    caseIds: readonly string[],
    details: Record<string, unknown>,
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [JSON.stringify([...caseIds]), caseIds.length];
    return { sql: `WITH ${this.listReadCtes(params, userId, action, details, 'SELECT $1::jsonb AS ids, $2::int AS n')} SELECT 1`, params };
  }

  /**
   * The list-read audit as common table expressions, to follow a WITH (and other expressions) in the caller's
   * statement: `read` is a query giving one row, `ids` (a jsonb array of the case ids read) and `n` (how many). Its
   * parameters are added to `params`. A reader whose ids come from the same statement (the queue's page,
   * CasesService.ranked) so writes its audit without a round trip of its own; the entry is written once the
   * statement's query is done (an unreferenced data-modifying expression runs to completion at the end), so the audit
   * chain's lock is not held while the page is ranked.
   *
   * What it writes: the distinct cases the user read in lists over the past hour (to the minute, counting the oldest
   * minute whole: list_read_tally, migrations 1764530000000 and 1764590000000) before this read; this read written to
   * the trail (every id it returned) and, to the tally, only the cases the user had not read in a list within the hour
   * (going back to the queue twenty times is not reading a thousand cases); and, when that takes the user to the
   * threshold, the bulk-read alert after it (the team leads' safety alerts list it). Tally rows over two hours old are
   * dropped. The current minute's total comes from the tally's upsert,
   * which waits for a concurrent read of the same user and sees its count: of two reads that together reach the
   * threshold, exactly one raises the alert.
   */
  listReadCtes(params: unknown[], userId: string, action: string, details: Record<string, unknown>, read: string): string {
    const $ = (value: unknown) => `$${params.push(value)}`;
    const user = $(userId);
    const counted = $(CaseReadAudit.LIST_ACTIONS.includes(action));
    const threshold = $(this.config.caseAccess.bulkReadAlertPerHour);
    const actionParam = $(action);
    const detailsParam = $(JSON.stringify(details));
    const audit = auditInsert(
      [],
      params.length + 1,
      `SELECT 'user', ${user}::text, ${actionParam}::text, 'case', NULL::text,
              ${detailsParam}::jsonb || jsonb_build_object('caseIds', r.ids, 'count', r.n), 1::bigint
         FROM list_read r
       UNION ALL
       SELECT 'system', NULL, 'case.bulk-read', 'user', ${user}::text,
              jsonb_build_object('userId', ${user}::text, 'caseIdsLastHour', b.n + b.added, 'threshold', ${threshold}::int), 2::bigint
         FROM before b WHERE b.n < ${threshold}::int AND b.n + b.added >= ${threshold}::int`,
    );
    params.push(...audit.params);
    return `list_read AS (${read}),
       earlier AS (
         SELECT minute = date_trunc('minute', now()) AS current, case_ids, seen FROM list_read_tally
          WHERE user_id = ${user}::uuid AND minute >= date_trunc('minute', now() - interval '1 hour')),
       unseen AS (
         SELECT ARRAY(SELECT jsonb_array_elements_text(r.ids) EXCEPT SELECT unnest(e.seen) FROM earlier e WHERE NOT e.current) AS ids
           FROM list_read r),
       tallied AS (
         INSERT INTO list_read_tally (user_id, minute, case_ids, seen, added)
         SELECT ${user}::uuid, date_trunc('minute', now()), cardinality(u.ids), u.ids, cardinality(u.ids) FROM unseen u WHERE ${counted}::boolean
           -- The current minute's row is read and written only here: DO UPDATE sees its latest version (a concurrent
           -- read of the same user has committed or is waited for), so the ids it has not counted are those this read
           -- adds; the earlier minutes no longer change. EXCEPT compares by hashing (a scraper's thousands a minute).
           ON CONFLICT (user_id, minute) DO UPDATE
              SET (seen, added, case_ids) = (
                SELECT list_read_tally.seen || n.ids, cardinality(n.ids), list_read_tally.case_ids + cardinality(n.ids)
                  FROM (SELECT ARRAY(SELECT unnest(EXCLUDED.seen) EXCEPT SELECT unnest(list_read_tally.seen)) AS ids) n)
         RETURNING case_ids - added AS before_this, added),
       before AS (
         SELECT COALESCE((SELECT SUM(case_ids) FROM earlier WHERE NOT current), 0)
                + COALESCE((SELECT before_this FROM tallied), (SELECT SUM(case_ids) FROM earlier WHERE current), 0) AS n,
                COALESCE((SELECT added FROM tallied), 0) AS added),
       forgotten AS (DELETE FROM list_read_tally WHERE user_id = ${user}::uuid AND minute < now() - interval '2 hours'),
       list_read_audited AS (${audit.sql})`;
  }
}
