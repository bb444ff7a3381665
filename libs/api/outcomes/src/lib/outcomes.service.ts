import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { lockedCase, sinceVictimChange } from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { Database, SatisfactionSurveyEntity } from '@lantern/api/data-access';
import {
  CLOSING_STATUSES,
  FELT_SAFER,
  HUB_TIME_ZONE,
  mean,
  periodKeys,
  resolvePeriod,
  round,
  SATISFACTION_SCORES,
  type AgencyRow,
  type AreaRow,
  type CaseStatus,
  type FeltSafer,
  type OutcomesReport,
  type PeriodRow,
  type ReportingPeriod,
  type SatisfactionRequest,
  type SatisfactionSurvey,
} from '@lantern/shared/domain';
import { DateTime } from 'luxon';

const MAX_DAYS = 3 * 366;

/**
 * One row of the cases' aggregation: a London month, a London week (its Monday), an area and grade, or the whole
 * period (every key null). `median_hours` is over the victims reached (null for an area and grade: not reported).
 */
interface CaseGroup {
  month: string | null;
  week: string | null;
  area: string | null;
  grade: string | null;
  by: 'month' | 'week' | 'area-grade' | 'total';
  received: number;
  contacted: number;
  median_hours: number | null;
}

/** The period's cases of one London day, area and grade: its month and week (Monday), how many, how many reached. */
interface CaseDay {
  month: string;
  week: string;
  area: string;
  grade: string;
  received: number;
  contacted: number;
}

/** The median hours to first contact of a London month, week or the whole period (victims reached only). */
interface MedianGroup {
  month: string | null;
  week: string | null;
  by: 'month' | 'week' | 'total';
  median_hours: number | null;
}

/**
 * Rows of one London day (and area, grade or reason) summed into every group each row belongs to (`groupsOf`: its
 * month, its week, …, and the whole period): the counts `countsOf` gives are added up per group. Keyed by the group's
 * JSON, so a caller finds a group again by building the same key (its properties in the same order).
 */
function rollUp<D, K extends object, C extends string>(
  days: readonly D[],
  groupsOf: (d: D) => readonly K[],
  countsOf: (d: D) => Record<C, number>,
): Map<string, K & Record<C, number>> {
  const groups = new Map<string, K & Record<C, number>>();
  for (const d of days) {
    const counts = countsOf(d);
    for (const key of groupsOf(d)) {
      const k = JSON.stringify(key);
      const g = groups.get(k) ?? ({ ...key, ...Object.fromEntries(Object.keys(counts).map((c) => [c, 0])) } as K & Record<C, number>);
      for (const c of Object.keys(counts) as C[]) (g as Record<C, number>)[c] += counts[c];
      groups.set(k, g);
    }
  }
  return groups;
}

type CaseKey = Pick<CaseGroup, 'by' | 'month' | 'week' | 'area' | 'grade'>;

/** The days' counts summed into months, weeks, areas and grades, and the whole period, with the medians. */
function caseGroupsOf(days: readonly CaseDay[], medians: readonly MedianGroup[]): CaseGroup[] {
  const key = (by: CaseKey['by'], month: string | null, week: string | null, area: string | null, grade: string | null): CaseKey => ({
    by,
    month,
    week,
    area,
    grade,
  });
  const groups = rollUp(
    days,
    (d) => [
      key('month', d.month, null, null, null),
      key('week', null, d.week, null, null),
      key('area-grade', null, null, d.area, d.grade),
      key('total', null, null, null, null),
    ],
    (d) => ({ received: Number(d.received), contacted: Number(d.contacted) }),
  );
  const withMedians = new Map([...groups].map(([k, g]): [string, CaseGroup] => [k, { ...g, median_hours: null }]));
  for (const m of medians) {
    const g = withMedians.get(JSON.stringify(key(m.by, m.by === 'month' ? m.month : null, m.by === 'week' ? m.week : null, null, null)));
    if (g) g.median_hours = m.median_hours === null ? null : Number(m.median_hours);
  }
  return [...withMedians.values()];
}

interface ClosureGroup {
  month: string | null;
  week: string | null;
  area: string | null;
  reason: string | null;
  by: 'month' | 'week' | 'area' | 'reason' | 'total';
  n: number;
}

/** The period's closures of one London day, area and reason. */
interface ClosureDay {
  month: string;
  week: string;
  area: string;
  reason: string;
  n: number;
}

/** The days' closures summed into months, weeks, areas, reasons and the whole period. */
function closureGroupsOf(days: readonly ClosureDay[]): ClosureGroup[] {
  const none = { month: null, week: null, area: null, reason: null };
  const groups = rollUp(
    days,
    (d): Array<Omit<ClosureGroup, 'n'>> => [
      { ...none, by: 'month', month: d.month },
      { ...none, by: 'week', week: d.week },
      { ...none, by: 'area', area: d.area },
      { ...none, by: 'reason', reason: d.reason },
      { ...none, by: 'total' },
    ],
    (d) => ({ n: Number(d.n) }),
  );
  return [...groups.values()];
}

/** A timestamp column as London wall time (months and weeks are London ones, as periodKeys in libs/shared/domain). */
const london = (column: string) => `${column} AT TIME ZONE '${HUB_TIME_ZONE}'`;
/**
 * The grouping keys, grouped as timestamps and formatted once per group ("2026-11"; the Monday "2026-11-23": weeks
 * start on Monday, as ISO and date_trunc do): formatting every row before grouping cost more than the grouping.
 */
const MONTH = `date_trunc('month', local_at)`;
const WEEK = `date_trunc('week', local_at)`;
const KEYS = `to_char(${MONTH}, 'YYYY-MM') AS month, to_char(${WEEK}, 'YYYY-MM-DD') AS week`;

/**
 * The period's cases ($1 ≤ received_at < $2): area, grade, London time received and hours to the first conversation
 * with the victim (spoke-safe). `LEFT`: every case (hours NULL when not reached); `INNER`: the reached ones only. An
 * attempt recorded as made before the report reached the hub counts as immediate, never negative. After a police
 * revision named another victim, a conversation with the earlier person does not reach her (sinceVictimChange).
 */
function periodCasesSql(join: 'LEFT' | 'INNER'): string {
  return `SELECT c.area, coalesce(c.risk_grade, c.officer_grade, 'ungraded') AS grade, ${london('c.received_at')} AS local_at,
                 -- Not reached: NULL (GREATEST would turn it into 0), so not counted and not in the median.
                 CASE WHEN a.reached_at IS NULL THEN NULL
                      ELSE greatest(0, date_part('epoch', a.reached_at - c.received_at)) / 3600 END AS hours
            FROM cases c
            ${join} JOIN (SELECT ca.case_id, min(ca.attempted_at) AS reached_at
                            FROM contact_attempts ca JOIN cases c ON c.id = ca.case_id
                           WHERE ca.outcome = 'spoke-safe' AND c.received_at >= $1 AND c.received_at < $2
                             AND ${sinceVictimChange('ca.attempted_at')}
                           GROUP BY ca.case_id) a ON a.case_id = c.id
           WHERE c.received_at >= $1 AND c.received_at < $2`;
}

/**
 * The outcomes dashboard's figures, straight from the case, contact, referral and survey tables for a period of
 * London dates. Aggregates only: no names, no references. Definitions: libs/shared/domain outcomes.ts and
 * docs/outcomes.md.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** The period from ?from=&to= (London dates, inclusive); default the last twelve months to today; at most three years. */
  period(from: unknown, to: unknown, now = new Date()): ReportingPeriod {
    const r = resolvePeriod(typeof from === 'string' ? from : undefined, typeof to === 'string' ? to : undefined, {
      now,
      max: { days: MAX_DAYS },
      maxText: 'three years',
    });
    if (r.errors) throw Problems.validation(r.errors);
    return r.period;
  }

  async report(user: AuthUser, from: unknown, to: unknown, now = new Date()): Promise<OutcomesReport> {
    const p = this.period(from, to, now);
    return this.db.transaction(async (m) => {
      // For this transaction only: the year's ~150,000 rows sort in memory (at the default 4 MB each sort spilled to
      // disk), and no JIT compilation (30 ms of compiling for a query that runs once; docs/performance.md).
      await m.query(`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
      const params = [p.start, p.end];
      // The period's cases and closures are aggregated by PostgreSQL: a year at a million-case hub is ~150,000 rows,
      // which the API never reads one by one (docs/outcomes.md, "How it is computed"). Counts by London day, area and grade in one hash aggregate (a few thousand groups a year), summed into months,
      // weeks, areas and the total here; medians only over the cases reached, by month, week and the whole period
      // (the report has no median by area). One GROUPING SETS query with a median for every set sorted the year's
      // rows once per set, the area-and-grade set's median unused (docs/performance.md).
      const days: CaseDay[] = await m.query(
        `WITH c AS (${periodCasesSql('LEFT')})
         SELECT to_char(day, 'YYYY-MM') AS month, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') AS week, area, grade,
                count(*)::int AS received, count(hours)::int AS contacted
           FROM (SELECT local_at::date AS day, area, grade, hours FROM c) d
          GROUP BY day, area, grade`,
        params,
      );
      const medians: MedianGroup[] = await m.query(
        `WITH c AS (${periodCasesSql('INNER')})
         SELECT ${KEYS},
                CASE WHEN GROUPING(${MONTH}) = 0 THEN 'month' WHEN GROUPING(${WEEK}) = 0 THEN 'week' ELSE 'total' END AS by,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours
           FROM c GROUP BY GROUPING SETS ((${MONTH}), (${WEEK}), ())`,
        params,
      );
      const caseGroups = caseGroupsOf(days, medians);
      const [attempts]: Array<{ made: string; successful: string }> = await m.query(
        `SELECT count(*) AS made, count(*) FILTER (WHERE outcome = 'spoke-safe') AS successful
           FROM contact_attempts WHERE attempted_at >= $1 AND attempted_at < $2`,
        params,
      );
      const referrals: Array<{
        case_id: string;
        partner_id: string;
        sent_at: Date;
        acknowledged_at: Date | null;
        accepted_at: Date | null;
        declined_at: Date | null;
        outcome: string | null;
      }> = await m.query(
        'SELECT case_id, partner_id, sent_at, acknowledged_at, accepted_at, declined_at, outcome FROM referrals WHERE sent_at >= $1 AND sent_at < $2',
        params,
      );
      const orders: Array<{ partner_id: string; outcome_at: Date }> = await m.query(
        "SELECT partner_id, outcome_at FROM referrals WHERE outcome = 'order-granted' AND outcome_at >= $1 AND outcome_at < $2",
        params,
      );
      // Closures likewise: one hash aggregate by London day, area and reason, summed here.
      const closureDays: ClosureDay[] = await m.query(
        `SELECT to_char(day, 'YYYY-MM') AS month, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') AS week, area, reason,
                count(*)::int AS n
           FROM (SELECT (${london('closed_at')})::date AS day, area, coalesce(closure_reason, 'other') AS reason
                   FROM cases WHERE closed_at >= $1 AND closed_at < $2 AND status = ANY($3::text[])) d
          GROUP BY day, area, reason`,
        [...params, [...CLOSING_STATUSES]],
      );
      const closureGroups = closureGroupsOf(closureDays);
      const surveys: Array<{ score: number; felt_safer: FeltSafer; recorded_at: Date }> = await m.query(
        'SELECT score, felt_safer, recorded_at FROM satisfaction_surveys WHERE recorded_at >= $1 AND recorded_at < $2',
        params,
      );
      const names: Array<{ partner_id: string; partner_name: string }> = await m.query(
        'SELECT DISTINCT ON (partner_id) partner_id, partner_name FROM partner_services ORDER BY partner_id, active DESC, service',
      );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'reports.outcomes-read',
        details: { from: p.from, to: p.to },
      });

      const groups = <T extends { by: string }>(rows: T[], by: T['by']) => rows.filter((r) => r.by === by);
      const periodRows = (key: 'month' | 'week'): PeriodRow[] => {
        const rows = new Map<
          string,
          {
            received: number;
            contacted: number;
            medianHours: number | null;
            referrals: number;
            orders: number;
            closures: number;
            scores: number[];
          }
        >();
        const row = (k: string) => {
          let r = rows.get(k);
          if (!r) rows.set(k, (r = { received: 0, contacted: 0, medianHours: null, referrals: 0, orders: 0, closures: 0, scores: [] }));
          return r;
        };
        // Every month/week of the period appears, even when nothing happened in it.
        for (
          let t = DateTime.fromJSDate(p.start).setZone(HUB_TIME_ZONE);
          t.toJSDate() < p.end;
          t = t.plus(key === 'month' ? { months: 1 } : { weeks: 1 })
        )
          row(periodKeys(t.toJSDate())[key]);
        for (const g of groups(caseGroups, key)) {
          const r = row(g[key] as string);
          r.received = Number(g.received);
          r.contacted = Number(g.contacted);
          r.medianHours = g.median_hours === null ? null : Number(g.median_hours);
        }
        for (const f of referrals) row(periodKeys(f.sent_at)[key]).referrals++;
        for (const o of orders) row(periodKeys(o.outcome_at)[key]).orders++;
        for (const c of groups(closureGroups, key)) row(c[key] as string).closures = Number(c.n);
        for (const s of surveys) row(periodKeys(s.recorded_at)[key]).scores.push(Number(s.score));
        return [...rows.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([period, r]) => ({
            period,
            reportsReceived: r.received,
            contacted: r.contacted,
            medianHoursToFirstContact: round(r.medianHours),
            referralsSent: r.referrals,
            ordersSecured: r.orders,
            closures: r.closures,
            satisfactionResponses: r.scores.length,
            satisfactionMean: round(mean(r.scores), 2),
          }));
      };

      const areas = new Map<string, AreaRow>();
      const area = (name: string) => {
        let a = areas.get(name);
        if (!a)
          areas.set(
            name,
            (a = {
              area: name,
              reportsReceived: 0,
              high: 0,
              medium: 0,
              standard: 0,
              ungraded: 0,
              contacted: 0,
              referralsSent: 0,
              closures: 0,
            }),
          );
        return a;
      };
      for (const g of groups(caseGroups, 'area-grade')) {
        const a = area(g.area as string);
        a.reportsReceived += Number(g.received);
        a[g.grade as 'high' | 'medium' | 'standard' | 'ungraded'] += Number(g.received);
        a.contacted += Number(g.contacted);
      }
      const refAreas: Array<{ id: string; area: string }> = referrals.length
        ? await m.query('SELECT id, area FROM cases WHERE id = ANY($1::uuid[])', [[...new Set(referrals.map((f) => f.case_id))]])
        : [];
      const caseArea = new Map(refAreas.map((r) => [r.id, r.area]));
      for (const f of referrals) area(caseArea.get(f.case_id) ?? 'Unknown').referralsSent++;
      for (const c of groups(closureGroups, 'area')) area(c.area as string).closures = Number(c.n);

      const agencies = new Map<string, AgencyRow>();
      const agency = (id: string) => {
        let a = agencies.get(id);
        if (!a) {
          const partnerName = names.find((n) => n.partner_id === id)?.partner_name ?? id;
          agencies.set(
            id,
            (a = {
              partnerId: id,
              partnerName,
              referralsSent: 0,
              acknowledged: 0,
              accepted: 0,
              declined: 0,
              outcomes: {},
              ordersSecured: 0,
            }),
          );
        }
        return a;
      };
      for (const f of referrals) {
        const a = agency(f.partner_id);
        a.referralsSent++;
        if (f.acknowledged_at) a.acknowledged++;
        if (f.accepted_at) a.accepted++;
        if (f.declined_at) a.declined++;
        if (f.outcome) a.outcomes[f.outcome] = (a.outcomes[f.outcome] ?? 0) + 1;
      }
      for (const o of orders) agency(o.partner_id).ordersSecured++;

      const [total] = groups(caseGroups, 'total');
      const received = Number(total?.received ?? 0);
      const contacted = Number(total?.contacted ?? 0);
      const scores = surveys.map((s) => Number(s.score));
      return {
        from: p.from,
        to: p.to,
        generatedAt: now.toISOString(),
        totals: {
          reportsReceived: received,
          contacted,
          contactRate: received ? round(contacted / received, 3) : null,
          medianHoursToFirstContact: round(total?.median_hours == null ? null : Number(total.median_hours)),
          contactAttempts: Number(attempts.made),
          successfulAttempts: Number(attempts.successful),
          referralsSent: referrals.length,
          referralsAccepted: referrals.filter((f) => f.accepted_at).length,
          victimsAccessingHelp: new Set(referrals.filter((f) => f.accepted_at).map((f) => f.case_id)).size,
          ordersSecured: orders.length,
          closures: Number(groups(closureGroups, 'total')[0]?.n ?? 0),
          satisfactionResponses: surveys.length,
          satisfactionMean: round(mean(scores), 2),
          feltSaferYes: surveys.filter((s) => s.felt_safer === 'yes').length,
        },
        byMonth: periodRows('month'),
        byWeek: periodRows('week'),
        byArea: [...areas.values()].sort((a, b) => b.reportsReceived - a.reportsReceived || a.area.localeCompare(b.area)),
        byAgency: [...agencies.values()].sort((a, b) => b.referralsSent - a.referralsSent || a.partnerName.localeCompare(b.partnerName)),
        closuresByReason: groups(closureGroups, 'reason')
          .map((c) => ({ reason: c.reason as string, count: Number(c.n) }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        satisfaction: {
          byScore: SATISFACTION_SCORES.map((score) => ({ score, count: scores.filter((s) => s === score).length })),
          feltSafer: FELT_SAFER.map((answer) => ({ answer, count: surveys.filter((s) => s.felt_safer === answer).length })),
        },
      };
    });
  }

  /** The victim's satisfaction survey, recorded at closure (the case must be closed); re-recording replaces it. */
  async recordSurvey(user: AuthUser, caseId: string, body: SatisfactionRequest, now = new Date()): Promise<SatisfactionSurvey> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const comment = body.comment?.trim() || null;
    return this.db.transaction(async (m) => {
      // lockedCase: the survey is a change of the case, judged again under its lock (case-access.ts).
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      if (!CLOSING_STATUSES.includes(c.status as CaseStatus))
        throw Problems.conflict('case-open', 'The survey is recorded when the case closes.');
      const row = {
        caseId,
        score: body.score,
        feltSafer: body.feltSafer,
        wouldRecommend: body.wouldRecommend ?? null,
        comment,
        recordedBy: user.id,
        recordedAt: now,
      };
      await m.upsert(SatisfactionSurveyEntity, row, ['caseId']);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.satisfaction-recorded',
        entityType: 'case',
        entityId: caseId,
        details: { score: row.score },
      });
      return { ...row, feltSafer: row.feltSafer as FeltSafer, recordedAt: now.toISOString() };
    });
  }

  async survey(user: AuthUser, caseId: string): Promise<SatisfactionSurvey | null> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const s = await m.findOne(SatisfactionSurveyEntity, { where: { caseId } });
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.satisfaction-read',
        entityType: 'case',
        entityId: caseId,
      });
      return s
        ? {
            caseId,
            score: s.score,
            feltSafer: s.feltSafer as FeltSafer,
            wouldRecommend: s.wouldRecommend,
            comment: s.comment,
            recordedBy: s.recordedBy,
            recordedAt: s.recordedAt.toISOString(),
          }
        : null;
    });
  }
}
