import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { sinceVictimChange } from '@lantern/api/cases';
import { Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  combineForceMonths,
  FELT_SAFER,
  FORCE_CHANNELS,
  forceDashboardPeriod,
  HUB_TIME_ZONE,
  OTHER_AREAS,
  OTHER_TEAMS,
  SATISFACTION_SCORES,
  SUPPRESSION_THRESHOLD,
  suppressTable,
  suppressTables,
  type Count,
  type FeltSafer,
  type ForceDashboard,
  type ForceDashboardPeriod,
  type ForceMonth,
  type ServiceKind,
  type SourceSystem,
} from '@lantern/shared/domain';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

/** The team of a report without `officer.team`. */
export const TEAM_NOT_RECORDED = 'Not recorded';

interface CohortRow {
  g_month: number;
  g_team: number;
  g_area: number;
  g_channel: number;
  period_month: string | null;
  team: string | null;
  area: string | null;
  channel: string | null;
  referrals: number;
  contacted: number;
  within24h: number;
  median_hours: number | null;
}

/**
 * The cases a force's reports opened (cases.force), received in the period (which ends at the weekly snapshot at the
 * latest), with the first report's team and channel and the first safe conversation recorded before the snapshot,
 * counted by month (London), team, area and channel in one GROUPING SETS pass. Reach and hours follow the outcomes
 * dashboard (outcomes.ts): a contact attempt `spoke-safe`, wall-clock hours from receipt, an attempt recorded before
 * receipt counting as 0 h. The channel is how the first report arrived (reports.import_id, reports.submitted_by, else
 * a feed key, whose body names its system), never a channel the body merely claims. A safe conversation counts for
 * the victim the case named at the snapshot: one with an earlier person a revision replaced before it does not (a
 * revision received since moves nothing until the next snapshot; a case whose victim changed twice across a snapshot
 * keeps only its latest change's time, so its earlier conversations count until then).
 */
const COHORT_SQL = `
WITH cohort AS (
  SELECT c.received_at,
         to_char(date_trunc('month', c.received_at AT TIME ZONE $4), 'YYYY-MM') AS period_month,
         coalesce(nullif(btrim(first_report.body #>> '{officer,team}'), ''), $5) AS team,
         -- The area as the case stood at the snapshot: a revision received since may have moved it.
         coalesce((SELECT r.body #>> '{incident,area}' FROM reports r
                    WHERE r.case_id = c.id AND r.received_at < $6 ORDER BY r.revision DESC LIMIT 1), c.area) AS area,
         CASE WHEN first_report.import_id IS NOT NULL THEN 'csv-import'
              WHEN first_report.submitted_by IS NOT NULL THEN 'officer-app'
              WHEN coalesce(first_report.body #>> '{source,system}', '') IN ('', 'officer-app', 'csv-import') THEN 'records-feed'
              ELSE first_report.body #>> '{source,system}' END AS channel,
         (SELECT min(a.attempted_at) FROM contact_attempts a
           WHERE a.case_id = c.id AND a.outcome = 'spoke-safe' AND a.attempted_at < $6 AND a.recorded_at < $6
             AND ${sinceVictimChange('a.attempted_at', 'CASE WHEN c.victim_changed_at < $6 THEN c.victim_changed_at END')}) AS reached_at
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT r.body, r.import_id, r.submitted_by FROM reports r WHERE r.case_id = c.id ORDER BY r.revision, r.received_at LIMIT 1
    ) first_report
   WHERE c.force = $1 AND c.received_at >= $2 AND c.received_at < $3
)
SELECT GROUPING(period_month)::int AS g_month, GROUPING(team)::int AS g_team, GROUPING(area)::int AS g_area,
       GROUPING(channel)::int AS g_channel, period_month, team, area, channel,
       count(*)::int AS referrals,
       count(reached_at)::int AS contacted,
       count(*) FILTER (WHERE reached_at <= received_at + interval '24 hours')::int AS within24h,
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY greatest(0, extract(epoch FROM reached_at - received_at))::float8 / 3600
       ) AS median_hours
  FROM cohort
 GROUP BY GROUPING SETS ((), (period_month), (period_month, team), (period_month, area), (period_month, channel))`;

/** Referrals on sent in the period for the force's cases, by month sent (London), agency and kind of service. */
const AGENCY_SQL = `
WITH sent AS (
  SELECT to_char(date_trunc('month', f.sent_at AT TIME ZONE $5), 'YYYY-MM') AS period_month,
         coalesce(ps.partner_name, f.partner_id) AS partner, coalesce(ps.kind, 'unknown') AS kind,
         CASE WHEN f.accepted_at < $4 THEN f.accepted_at END AS accepted_at
    FROM referrals f
    JOIN cases c ON c.id = f.case_id
    LEFT JOIN partner_services ps ON ps.service = f.service
   WHERE c.force = $1 AND f.sent_at >= $2 AND f.sent_at < $3
)
SELECT GROUPING(partner)::int AS g, period_month, partner, kind, count(*)::int AS sent, count(accepted_at)::int AS accepted
  FROM sent
 GROUP BY GROUPING SETS ((period_month), (period_month, partner, kind))`;

/** Orders decided (granted or refused) by partners in the period, for the force's cases, by month decided (London). */
const LEGAL_SQL = `
SELECT to_char(date_trunc('month', f.outcome_at AT TIME ZONE $4), 'YYYY-MM') AS period_month,
       count(*) FILTER (WHERE f.outcome = 'order-granted')::int AS granted,
       count(*) FILTER (WHERE f.outcome = 'order-refused')::int AS refused
  FROM referrals f
  JOIN cases c ON c.id = f.case_id
 WHERE c.force = $1 AND f.outcome_at >= $2 AND f.outcome_at < $3 AND f.outcome IN ('order-granted', 'order-refused')
 GROUP BY 1`;

/** Satisfaction surveys recorded at closure in the period, for the force's cases, by month recorded (London). */
const SATISFACTION_SQL = `
WITH s AS (
  SELECT to_char(date_trunc('month', s.recorded_at AT TIME ZONE $4), 'YYYY-MM') AS period_month, s.score, s.felt_safer
    FROM satisfaction_surveys s
    JOIN cases c ON c.id = s.case_id
   WHERE c.force = $1 AND s.recorded_at >= $2 AND s.recorded_at < $3
)
SELECT GROUPING(score)::int AS g_score, GROUPING(felt_safer)::int AS g_felt, period_month, score, felt_safer,
       count(*)::int AS n, avg(score)::float8 AS mean
  FROM s
 GROUP BY GROUPING SETS ((period_month), (period_month, score), (period_month, felt_safer))`;

type Cohort = { referrals: number; contacted: number; contactedWithin24h: number };

/**
 * Named rows (teams, areas) with fewer than 5 referrals folded into one `other` row, last: a name typed by an officer
 * ("Victim Jane Doe 07700 900123" as a team) is never shown for a few cases. The other row is suppressed like any.
 */
function foldSmall(rows: Array<{ name: string } & Cohort>, other: string): Array<{ name: string } & Cohort> {
  const named = rows.filter((r) => r.referrals >= SUPPRESSION_THRESHOLD && r.name !== other);
  const rest = rows.filter((r) => !named.includes(r));
  if (!rest.length) return named;
  const sum = (k: keyof Cohort) => rest.reduce((a, r) => a + r[k], 0);
  return [
    ...named,
    { name: other, referrals: sum('referrals'), contacted: sum('contacted'), contactedWithin24h: sum('contactedWithin24h') },
  ];
}

type AgencyRow = { g: number; period_month: string; partner: string | null; kind: string | null; sent: number; accepted: number };
type LegalRow = { period_month: string; granted: number; refused: number };
type SurveyRow = {
  g_score: number;
  g_felt: number;
  period_month: string;
  score: number | null;
  felt_safer: string | null;
  n: number;
  mean: number | null;
};

/**
 * The force dashboard's figures for the signed-in force lead's own force: every count is computed by the database
 * (GROUP BY), only aggregate rows reach this code, and small numbers are suppressed here before anything leaves:
 * each calendar month as it would be published alone (`publishMonth`), then the period from its months
 * (`combineForceMonths`), so overlapping periods cannot be differenced. Definitions, the period rule and the
 * suppression rule: docs/force-dashboard.md.
 */
@Injectable()
export class ForceDashboardService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  period(from: string | undefined, to: string | undefined, now = new Date()): ForceDashboardPeriod {
    const r = forceDashboardPeriod(from, to, now);
    if (r.errors) throw Problems.validation(r.errors);
    return r.period;
  }

  async dashboard(user: AuthUser, from: string | undefined, to: string | undefined, now = new Date()): Promise<ForceDashboard> {
    const p = this.period(from, to, now);
    return this.db.transaction(async (m) => {
      const force = await this.forceOf(m, user);
      const params = [force, p.start, p.end];
      const cohort: CohortRow[] = await m.query(COHORT_SQL, [...params, HUB_TIME_ZONE, TEAM_NOT_RECORDED, p.snapshotAt]);
      const agencies: AgencyRow[] = await m.query(AGENCY_SQL, [...params, p.snapshotAt, HUB_TIME_ZONE]);
      const legal: LegalRow[] = await m.query(LEGAL_SQL, [...params, HUB_TIME_ZONE]);
      const surveys: SurveyRow[] = await m.query(SATISFACTION_SQL, [...params, HUB_TIME_ZONE]);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'force-dashboard.read',
        details: { from: p.from, to: p.to, force },
      });
      const months: ForceMonth[] = [];
      const lastMonth = DateTime.fromISO(p.to, { zone: HUB_TIME_ZONE }).startOf('month');
      for (let t = DateTime.fromISO(p.from, { zone: HUB_TIME_ZONE }).startOf('month'); t <= lastMonth; t = t.plus({ months: 1 })) {
        const key = t.toFormat('yyyy-MM');
        const inMonth = <R extends { period_month: string | null }>(rows: R[]) => rows.filter((r) => r.period_month === key);
        months.push(publishMonth(key, inMonth(cohort), inMonth(agencies), inMonth(legal)[0], inMonth(surveys)));
      }
      const whole = cohort.find((r) => r.g_month && r.g_team && r.g_area && r.g_channel);
      const median = whole?.median_hours === null || whole?.median_hours === undefined ? null : Number(whole.median_hours);
      return {
        from: p.from,
        to: p.to,
        requested: p.requested,
        snapshotAt: p.snapshotAt.toISOString(),
        countedTo: p.countedTo,
        force,
        generatedAt: now.toISOString(),
        ...combineForceMonths(months, median),
      };
    });
  }

  /** The force lead's force, read from their account now (never from the request): 403 without one. */
  private async forceOf(m: EntityManager, user: AuthUser): Promise<string> {
    const [row]: Array<{ force: string | null }> = await m.query('SELECT force FROM users WHERE id = $1', [user.id]);
    const force = row?.force?.trim();
    if (!force) throw Problems.forbidden('Your account has no police force: an admin must set it before you can see a force dashboard.');
    return force;
  }
}

/**
 * One month's figures as a dashboard of that month alone publishes them: its teams, areas and channels are partitions
 * of its referrals (and its reach columns of its victims contacted), suppressed together (`suppressTables`); its
 * agencies, its orders decided and its survey answers each against their own totals.
 */
function publishMonth(
  month: string,
  cohort: CohortRow[],
  agencyRows: AgencyRow[],
  legal: LegalRow | undefined,
  surveyRows: SurveyRow[],
): ForceMonth {
  const total = cohort.find((r) => r.g_team && r.g_area && r.g_channel) ?? { referrals: 0, contacted: 0, within24h: 0 };
  const cohortTotals = { referrals: total.referrals, contacted: total.contacted, contactedWithin24h: total.within24h };
  const counts = (r: CohortRow): Cohort => ({ referrals: r.referrals, contacted: r.contacted, contactedWithin24h: r.within24h });
  const byName = (a: { referrals: number; name: string }, b: { referrals: number; name: string }) =>
    b.referrals - a.referrals || a.name.localeCompare(b.name);

  const teams = foldSmall(
    cohort
      .filter((r) => !r.g_team)
      .map((r) => ({ name: r.team as string, ...counts(r) }))
      .sort(byName),
    OTHER_TEAMS,
  );
  const areas = foldSmall(
    cohort
      .filter((r) => !r.g_area)
      .map((r) => ({ name: r.area ?? 'Not recorded', ...counts(r) }))
      .sort(byName),
    OTHER_AREAS,
  );
  const channelCounts = new Map(cohort.filter((r) => !r.g_channel).map((r) => [r.channel as string, r.referrals]));
  const channels = FORCE_CHANNELS.map((channel) => ({ channel, referrals: channelCounts.get(channel) ?? 0 }));
  // A feed system the contract does not know yet (the schema refuses it today) still counts, under its own name.
  for (const channel of [...channelCounts.keys()].sort())
    if (!FORCE_CHANNELS.includes(channel as SourceSystem))
      channels.push({ channel: channel as SourceSystem, referrals: channelCounts.get(channel) ?? 0 });

  // The month itself, its teams, areas (and, for referrals, channels) are partitions of the same totals: suppressed together.
  const monthRows = [{ month, ...cohortTotals }];
  const referralTables = suppressTables<'referrals', { referrals: number }>(
    [monthRows, teams, areas, channels],
    ['referrals'],
    cohortTotals,
  );
  const reachTables = suppressTables<'contacted' | 'contactedWithin24h', { contacted: number; contactedWithin24h: number }>(
    [monthRows, teams, areas],
    ['contacted', 'contactedWithin24h'],
    cohortTotals,
  );
  // Each row takes its published referrals from the one and its published reach from the other, never a raw count.
  const merged = <R>(t: number, rows: readonly R[]) =>
    rows.map((r, i) => ({
      ...r,
      referrals: referralTables.tables[t][i].referrals,
      contacted: reachTables.tables[t][i].contacted,
      contactedWithin24h: reachTables.tables[t][i].contactedWithin24h,
    })) as Array<Omit<R, keyof Cohort> & Record<keyof Cohort, Count>>;

  const agencyTotal = agencyRows.find((r) => r.g) ?? { sent: 0, accepted: 0 };
  const agencies = suppressTable(
    agencyRows
      .filter((r) => !r.g)
      .map((r) => ({
        partnerName: r.partner as string,
        kind: (r.kind ?? 'unknown') as ServiceKind | 'unknown',
        sent: r.sent,
        accepted: r.accepted,
      }))
      .sort((a, b) => b.sent - a.sent || a.partnerName.localeCompare(b.partnerName) || a.kind.localeCompare(b.kind)),
    ['sent', 'accepted'],
    { sent: agencyTotal.sent, accepted: agencyTotal.accepted },
  );

  const granted = legal?.granted ?? 0;
  const refused = legal?.refused ?? 0;
  // Granted and refused are the two parts of "applied for": one hidden part must not be its total minus the other.
  const legalPublished = suppressTable(
    [
      { k: 'granted', n: granted },
      { k: 'refused', n: refused },
    ],
    ['n'],
    { n: granted + refused },
  );

  const surveyTotal = surveyRows.find((r) => r.g_score && r.g_felt) ?? { n: 0 };
  const scoreCounts = new Map(surveyRows.filter((r) => !r.g_score).map((r) => [Number(r.score), r.n]));
  const feltCounts = new Map(surveyRows.filter((r) => !r.g_felt).map((r) => [r.felt_safer as string, r.n]));
  // The scores and the "felt safer" answers are two partitions of the same responses.
  const surveyTables = suppressTables<'count', { count: number }>(
    [
      SATISFACTION_SCORES.map((score) => ({ score, count: scoreCounts.get(score) ?? 0 })),
      FELT_SAFER.map((answer) => ({ answer: answer as FeltSafer, count: feltCounts.get(answer) ?? 0 })),
    ],
    ['count'],
    { count: surveyTotal.n },
  );

  return {
    row: merged(0, monthRows)[0],
    byTeam: merged(1, teams).map(({ name, ...c }) => ({ team: name, ...c })),
    byArea: merged(2, areas).map(({ name, ...c }) => ({ area: name, ...c })),
    byChannel: referralTables.tables[3] as Array<{ channel: SourceSystem; referrals: Count }>,
    byAgency: agencies.rows,
    referralsOn: agencies.totals.sent,
    referralsOnAccepted: agencies.totals.accepted,
    legal: {
      ordersAppliedFor: legalPublished.totals.n,
      ordersGranted: legalPublished.rows[0].n,
      ordersRefused: legalPublished.rows[1].n,
    },
    satisfaction: {
      responses: surveyTables.totals.count,
      byScore: surveyTables.tables[0] as Array<{ score: number; count: Count }>,
      feltSafer: surveyTables.tables[1] as Array<{ answer: FeltSafer; count: Count }>,
    },
  };
}
