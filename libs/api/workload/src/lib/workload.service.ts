import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  CaseReadAudit,
  CasesService,
  CaseVisibility,
  GRADE_SQL,
  prioritySql,
  QUEUE_CLOCK,
  queueClock,
  GRADE_COUNTS_SQL,
  openCasesWhere,
  OPEN_QUEUE_SQL,
  slaBreachedSql,
  slaNearSql,
} from '@lantern/api/cases';
import { APP_CONFIG, DomainEventBus, DomainEvents, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { Database, UserEntity } from '@lantern/api/data-access';
import {
  can,
  rolesWith,
  AGE_BUCKETS,
  ageBucket,
  caseWeight,
  isOnShift,
  suggestBalance,
  WEEKDAYS,
  type Availability,
  type AvailabilityRequest,
  type RotaRequest,
  type BalanceCase,
  type BalanceResult,
  type AgeBucket,
  type BalanceWorker,
  type FieldError,
  type RiskGrade,
  type Rota,
  type UnassignedQueue,
  type WorkloadRow,
  type Role,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

interface StaffRow {
  id: string;
  display_name: string;
  roles: string[];
  availability: Availability;
  rota: Rota | null;
}

const GRID_GRADES: Array<RiskGrade | 'ungraded'> = ['high', 'medium', 'standard', 'ungraded'];
const zeroGrades = (): Record<RiskGrade | 'ungraded', number> => ({ high: 0, medium: 0, standard: 0, ungraded: 0 });

/**
 * The team lead's view of the hub: who is on shift and available, each caseworker's load (risk-weighted by
 * configuration), the unassigned queue, and a suggested balance that is only ever applied by a team lead
 * (through the ordinary assign endpoint, one case at a time, each audited).
 */
@Injectable()
export class WorkloadService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    private readonly cases: CasesService,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async staff(m: EntityManager): Promise<StaffRow[]> {
    return m.query(
      `SELECT id, display_name, roles, availability, rota FROM users WHERE active AND roles && $1::text[] ORDER BY display_name`,
      [rolesWith('case.work')],
    );
  }

  /**
   * What the suggested balance needs of every open case the team lead may see (a restricted case off their list is
   * not theirs to move: case-access.ts, in the same statement), read by PostgreSQL: the grade, the priority score at
   * `now` (the queue's expression, kept equal to casePriority by queue-order.spec.ts), the assignee and whether the
   * victim has been contacted. Issue 16: these were every open case as a full summary (~350 ms and ~100 MiB at
   * 10,000 open).
   */
  private async balanceCases(
    m: EntityManager,
    now: Date,
    lead: AuthUser,
  ): Promise<Array<{ assigneeId: string | null; balance: BalanceCase }>> {
    const params: unknown[] = queueClock(now, this.config.triage);
    const where = openCasesWhere(lead, now, params);
    const rows: Array<{
      id: string;
      reference: string;
      grade: RiskGrade | null;
      score: number;
      assignee_id: string | null;
      contacted: boolean;
    }> = await m.query(
      `${QUEUE_CLOCK}
         SELECT c.id, c.reference, ${GRADE_SQL} AS grade, ${prioritySql(this.config.triage.weights, 'k.now', 'k.near_limit')} AS score,
                c.assignee_id, c.first_contact_at IS NOT NULL AS contacted
           FROM ${OPEN_QUEUE_SQL}, k WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({
      assigneeId: r.assignee_id,
      balance: {
        caseId: r.id,
        reference: r.reference,
        grade: r.grade,
        priority: Number(r.score),
        // Assigned but not yet contacted: moving it costs the victim nothing. Unassigned cases are always movable.
        movable: r.assignee_id === null || !r.contacted,
      },
    }));
  }

  /**
   * The board: each caseworker's open cases by grade, weighted load, breaches and near breaches, counted by
   * PostgreSQL with the queue's SLA expressions (case-queue.ts, kept equal to slaStatus by queue-order.spec.ts), so
   * no open case is read into the API.
   */
  async board(lead: AuthUser, now = new Date()): Promise<WorkloadRow[]> {
    return this.db.transaction(async (m) => {
      const staff = await this.staff(m);
      const params: unknown[] = queueClock(now, this.config.triage);
      const where = openCasesWhere(lead, now, params);
      const loads: Array<Record<'assignee_id' | 'n' | 'high' | 'medium' | 'standard' | 'breaches' | 'near', string>> = await m.query(
        `${QUEUE_CLOCK}
         SELECT c.assignee_id, count(*) AS n, ${GRADE_COUNTS_SQL},
                count(*) FILTER (WHERE ${slaBreachedSql('k.now')}) AS breaches,
                count(*) FILTER (WHERE NOT ${slaBreachedSql('k.now')} AND ${slaNearSql('k.near_limit')}) AS near
           FROM ${OPEN_QUEUE_SQL}, k WHERE ${where} AND c.assignee_id IS NOT NULL GROUP BY c.assignee_id`,
        params,
      );
      const loadOf = new Map(loads.map((l) => [l.assignee_id, l]));
      // Call-backs due of cases this team lead may see: a restricted case off their list is not counted either.
      const dueRows: Array<{ assigned_to: string; case_id: string; n: number }> = await m.query(
        `SELECT assigned_to, case_id, count(*)::int AS n FROM callbacks WHERE status = 'pending' AND due_at <= $1 GROUP BY assigned_to, case_id`,
        [new Date(now.getTime() + 3600_000)],
      );
      const due = new Map<string, number>();
      const visibility = await CaseVisibility.forCases(
        m,
        dueRows.map((r) => r.case_id),
        now,
      );
      for (const d of visibility.filter(lead, dueRows, (r) => r.case_id))
        due.set(d.assigned_to, (due.get(d.assigned_to) ?? 0) + Number(d.n));
      const rules = this.config.triage.workload;
      const rows = staff.map((u): WorkloadRow => {
        const l = loadOf.get(u.id);
        const byGrade = zeroGrades();
        byGrade.high = Number(l?.high ?? 0);
        byGrade.medium = Number(l?.medium ?? 0);
        byGrade.standard = Number(l?.standard ?? 0);
        byGrade.ungraded = Number(l?.n ?? 0) - byGrade.high - byGrade.medium - byGrade.standard;
        return {
          userId: u.id,
          onShift: isOnShift(u.rota, this.config.triage.calendar, now),
          openCases: Number(l?.n ?? 0),
          weightedLoad: (['high', 'medium', 'standard', 'ungraded'] as const).reduce(
            (s, g) => s + byGrade[g] * caseWeight(g === 'ungraded' ? null : g, rules),
            0,
          ),
          breaches: Number(l?.breaches ?? 0),
          displayName: u.display_name,
          roles: u.roles,
          availability: u.availability,
          rota: u.rota,
          nearBreaches: Number(l?.near ?? 0),
          byGrade,
          callbacksDue: due.get(u.id) ?? 0,
          cap: rules.cap,
        };
      });
      await this.audit.record(m, { actor: { type: 'user', id: lead.id }, action: 'workload.read', details: { caseworkers: rows.length } });
      return rows;
    });
  }

  /**
   * The unassigned open cases the team lead may see: counted by grade and age by PostgreSQL, and the first 100 in
   * triage order (the queue's ranking: CasesService.unassignedInOrder), audited as a list read.
   */
  async unassigned(lead: AuthUser, now = new Date()): Promise<UnassignedQueue> {
    // Three statements, no transaction: the list is the queue's own ranking, which reads outside any (one connection
    // on PGlite), and the audit entry is a statement of its own (recordList), written before the list is answered. The
    // counts and the list are two snapshots a few ms apart: a case claimed between them may be counted and not listed.
    const params: unknown[] = queueClock(now, this.config.triage);
    const where = openCasesWhere(lead, now, params);
    // ageBucket's hours: under 1, under 4, under 24, the rest (a case received "in the future" is under 1h, as there).
    const counts: Array<{ grade: RiskGrade | 'ungraded'; age: AgeBucket; n: string }> = await this.db.query(
      `${QUEUE_CLOCK}
       SELECT coalesce(${GRADE_SQL}, 'ungraded') AS grade,
              CASE WHEN k.now - c.received_at < interval '1 hour' THEN '${AGE_BUCKETS[0]}'
                   WHEN k.now - c.received_at < interval '4 hours' THEN '${AGE_BUCKETS[1]}'
                   WHEN k.now - c.received_at < interval '24 hours' THEN '${AGE_BUCKETS[2]}'
                   ELSE '${AGE_BUCKETS[3]}' END AS age,
              count(*) AS n
         FROM ${OPEN_QUEUE_SQL}, k WHERE c.assignee_id IS NULL AND ${where} GROUP BY 1, 2`,
      params,
    );
    const byGrade = zeroGrades();
    const byAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as UnassignedQueue['byAge'];
    const grid = new Map<string, number>();
    let total = 0;
    for (const r of counts) {
      const n = Number(r.n);
      total += n;
      byGrade[r.grade] += n;
      byAge[r.age] += n;
      grid.set(`${r.grade}|${r.age}`, n);
    }
    const shown = await this.cases.unassignedInOrder(lead, 100, now);
    if (shown.length) {
      await this.reads.recordList(
        null,
        lead.id,
        'workload.unassigned-read',
        shown.map((c) => c.id),
      );
    }
    return {
      total,
      byGrade,
      byAge,
      grid: GRID_GRADES.flatMap((g) => AGE_BUCKETS.map((a) => ({ grade: g, age: a, count: grid.get(`${g}|${a}`) ?? 0 }))),
      cases: shown.map((c) => ({
        caseId: c.id,
        reference: c.reference,
        grade: c.risk.grade ?? null,
        priority: c.priority.score,
        receivedAt: c.receivedAt,
        age: ageBucket(c.receivedAt, now),
        slaState: c.sla.state,
        version: c.version,
      })),
    };
  }

  /** The suggested balance (never applied here): see suggestBalance in libs/shared/domain. */
  async suggestions(lead: AuthUser, now = new Date()): Promise<BalanceResult & { cap: number }> {
    return this.db.transaction(async (m) => {
      const [staff, cases] = [await this.staff(m), await this.balanceCases(m, now, lead)];
      const workers: BalanceWorker[] = staff
        .filter((u) => u.roles.includes('caseworker'))
        .map((u) => ({
          userId: u.id,
          displayName: u.display_name,
          onShift: isOnShift(u.rota, this.config.triage.calendar, now),
          availability: u.availability,
          cases: cases.filter((c) => c.assigneeId === u.id).map((c) => c.balance),
        }));
      const result = suggestBalance(
        workers,
        cases.filter((c) => c.assigneeId === null).map((c) => c.balance),
        this.config.triage.workload,
      );
      // A list of cases by reference: audited per case like every list read (case-access.ts).
      await this.reads.recordList(
        m,
        lead.id,
        'workload.suggestions-read',
        [...new Set([...result.suggestions.map((x) => x.caseId), ...result.unplaced.map((x) => x.caseId)])],
        { suggestions: result.suggestions.length },
      );
      return { ...result, cap: this.config.triage.workload.cap };
    });
  }

  /** A caseworker (or team lead) sets their own status. */
  async setAvailability(user: AuthUser, body: AvailabilityRequest, now = new Date()): Promise<{ availability: Availability }> {
    const availability = body.availability;
    await this.db.transaction(async (m) => {
      await m.update(UserEntity, { id: user.id }, { availability, availabilityAt: now });
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'user.availability-set',
        entityType: 'user',
        entityId: user.id,
        details: { availability },
      });
    });
    // After commit: hub sockets are told (StaffChanged).
    this.events.publish(DomainEvents.StaffChanged, { userId: user.id, availability });
    return { availability };
  }

  /** A team lead (or admin) sets a caseworker's weekly rota; null = whenever the hub is staffed. */
  async setRota(actor: AuthUser, userId: string, body: RotaRequest): Promise<{ userId: string; rota: Rota | null }> {
    if (!UUID.test(userId)) throw Problems.notFound('No such user.');
    const rota: Rota | null = body.rota;
    // Within the hub's staffed hours: configuration, so checked here rather than in the contract.
    const errors: FieldError[] = [];
    if (rota) {
      for (const d of WEEKDAYS) {
        const h = rota[d];
        const hub = this.config.triage.calendar.week[d];
        if (!h) continue;
        if (h.open >= h.close) errors.push({ path: `/rota/${d}/close`, message: 'must be after the start of the shift' });
        else if (!hub) errors.push({ path: `/rota/${d}`, message: 'the hub is not staffed on this day' });
        else if (h.open < hub.open || h.close > hub.close)
          errors.push({ path: `/rota/${d}`, message: `must be within the hub's staffed hours (${hub.open}–${hub.close})` });
      }
    }
    if (errors.length) throw Problems.validation(errors);
    const availability = await this.db.transaction(async (m) => {
      const u = await m.findOne(UserEntity, { where: { id: userId, active: true } });
      // Only someone the permission table lets work cases can be given one; a stored role the table does not know grants nothing.
      if (!u || !can(u.roles as Role[], 'case.work')) throw Problems.notFound('No such caseworker.');
      await m.update(UserEntity, { id: userId }, { rota: rota ?? null });
      await this.audit.record(m, { actor: { type: 'user', id: actor.id }, action: 'user.rota-set', entityType: 'user', entityId: userId });
      return u.availability as Availability;
    });
    this.events.publish(DomainEvents.StaffChanged, { userId, availability });
    return { userId, rota: rota ?? null };
  }

  async me(user: AuthUser, now = new Date()): Promise<{ availability: Availability; onShift: boolean; rota: Rota | null }> {
    const [u] = await this.db.query<{ availability: Availability; rota: Rota | null }>(
      'SELECT availability, rota FROM users WHERE id = $1',
      [user.id],
    );
    return {
      availability: u?.availability ?? 'available',
      rota: u?.rota ?? null,
      onShift: isOnShift(u?.rota ?? null, this.config.triage.calendar, now),
    };
  }
}
