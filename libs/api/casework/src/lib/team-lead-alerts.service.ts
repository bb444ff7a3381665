import { Inject, Injectable } from '@nestjs/common';
import pLimit from 'p-limit';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  CaseReadAudit,
  CaseVisibility,
  maySeeSql,
  NEXT_DUE_SQL,
  OPEN_QUEUE_SQL,
  OPEN_STATUS_SQL,
  QUEUE_CLOCK,
  queueClock,
  slaBreachedSql,
} from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, type AppConfig } from '@lantern/api/core';
import { Database, preparedQuery } from '@lantern/api/data-access';
import {
  alertKey,
  alertKindOf,
  can,
  ROLES,
  calendarEndingAlert,
  type AlertAcknowledgement,
  type AlertAcknowledgementRequest,
  type RiskGrade,
  type SafetyAlert,
  type TeamLeadAlerts,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { CallbacksService } from './callbacks.service';

/**
 * The team lead's alerts. Their own service, not a part of call-backs: missed call-backs are one of five lists
 * (contact overrides, paused contact, missed call-backs, overdue referral acknowledgements, SLA), each read from
 * its own records; the call-back list is asked of CallbacksService, which owns what "missed" means.
 */
@Injectable()
export class TeamLeadAlertsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    private readonly callbacks: CallbacksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reads outside a transaction as prepared statements (Database.prepared), in the shape of a manager's query. */
  private readonly preparedReads = {
    query: (sql: string, params: unknown[] = []) => this.db.prepared(sql, params),
  } as Pick<EntityManager, 'query'>;

  /**
   * What a team lead must see: contact overrides (the rules broken and why), cases whose contact is paused
   * because someone else answered, and missed call-backs. Each links to its case.
   */
  async teamLeadAlerts(lead: AuthUser, now = new Date()): Promise<TeamLeadAlerts> {
    const all = await this.collect(lead, now);
    return this.db.transaction(async (m) => {
      const acked = new Set(
        (
          await preparedQuery<{ alert_key: string }>(m, `SELECT alert_key FROM alert_acknowledgements WHERE alert_key = ANY($1::text[])`, [
            keysOf(all),
          ])
        ).map((r) => r.alert_key),
      );
      const open = <T extends { alertKey?: string }>(items: T[]): T[] => items.filter((i) => !i.alertKey || !acked.has(i.alertKey));
      const result: TeamLeadAlerts = {
        overrides: open(all.overrides),
        paused: open(all.paused),
        missedCallbacks: open(all.missedCallbacks),
        overdueReferrals: open(all.overdueReferrals),
        sla: open(all.sla),
        victimChanged: open(all.victimChanged ?? []),
        hubAlerts: open(all.hubAlerts ?? []),
        safety: open(all.safety ?? []),
      };
      const safety = result.safety ?? [];
      // Every case the tray names, as a list read (case-access.ts): in the trail, and counted towards the bulk-read alarm.
      const caseIds = [
        ...new Set(
          [
            ...result.overrides.map((x) => x.caseId),
            ...result.paused.map((x) => x.caseId),
            ...result.missedCallbacks.map((x) => x.caseId),
            ...result.overdueReferrals.map((x) => x.caseId),
            ...result.sla.map((x) => x.caseId),
            ...(result.victimChanged ?? []).map((x) => x.caseId),
            ...safety.map((x) => x.caseId),
          ].filter((id): id is string => !!id),
        ),
      ];
      await this.reads.recordList(m, lead.id, 'alerts.read', caseIds, {
        overrides: result.overrides.length,
        paused: result.paused.length,
        missed: result.missedCallbacks.length,
        overdueReferrals: result.overdueReferrals.length,
        sla: result.sla.length,
        victimChanged: result.victimChanged?.length ?? 0,
        hub: result.hubAlerts?.length ?? 0,
        safety: safety.length,
        acknowledgedLeftOut: acked.size,
      });
      return result;
    });
  }

  /**
   * Acknowledges one alert the lead's tray shows now, with a note (what was done about it): the alert leaves every
   * team lead's tray; a newer occurrence has a new key and shows again. 404 when the tray shows no such alert (or
   * it was acknowledged meanwhile: 409 already-acknowledged). Audited (ids and codes; the note stays in its table).
   */
  async acknowledge(lead: AuthUser, body: AlertAcknowledgementRequest, now = new Date()): Promise<AlertAcknowledgement> {
    const note = body.note.trim();
    if (!note) throw Problems.validation([{ path: '/note', message: 'must not be blank' }]);
    const kind = alertKindOf(body.alertKey);
    if (!kind) throw Problems.notFound('No such alert.');
    // The key asked for is kept even when acknowledged, so a second acknowledgement is a 409, not a 404.
    const all = await this.collect(lead, now, body.alertKey);
    return this.db.transaction(async (m) => {
      const found = itemsOf(all).find((i) => i.alertKey === body.alertKey);
      if (!found) throw Problems.notFound('No such alert.');
      // An alert about what this lead did (their own break-glass, bulk read or contact override), or about their own
      // account or an account change they made (a lead who is also an admin), is for another lead to judge:
      // acknowledged by its subject, it would leave every tray before anyone else saw it.
      if (found.userId === lead.id || found.byId === lead.id) {
        throw new ProblemException(
          403,
          'own-alert',
          'Forbidden',
          'This alert is about your own access or action: another team lead acknowledges it.',
        );
      }
      const inserted = (await m.query(
        `INSERT INTO alert_acknowledgements (alert_key, kind, case_id, note, acknowledged_by, acknowledged_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (alert_key) DO NOTHING RETURNING alert_key`,
        [body.alertKey, kind, found.caseId ?? null, note, lead.id, now],
      )) as unknown[];
      if (!inserted.length) throw Problems.conflict('already-acknowledged', 'Another team lead has just acknowledged this alert.');
      await this.audit.record(m, {
        actor: { type: 'user', id: lead.id },
        action: 'alert.acknowledged',
        ...(found.caseId ? { entityType: 'case', entityId: found.caseId } : { entityType: 'alert', entityId: body.alertKey }),
        details: { alertKey: body.alertKey, kind, noteLength: note.length },
      });
      return {
        alertKey: body.alertKey,
        kind,
        note,
        acknowledgedBy: { id: lead.id, displayName: lead.displayName },
        acknowledgedAt: now.toISOString(),
      };
    });
  }

  /** Every alert the lead may see now, each with its stable key, acknowledged or not. */
  /** `keep`: an SLA alert key listed even when acknowledged (the one being acknowledged); null: none. */
  private async collect(lead: AuthUser, now: Date, keep: string | null = null): Promise<TeamLeadAlerts> {
    // The lists are read on pooled connections, three at a time: a dozen reads one after another cost a round trip
    // each (issue 16), and each read holds a connection while it runs, which the pool lends every other request too.
    // They are read-only and each sees the committed data of its moment, as in one READ COMMITTED transaction.
    // Each is a prepared statement (parsed once per connection): a tray read is a dozen statements, and parsing and
    // planning each again took as long as running them (PostgreSQL's log at a million cases, session 29).
    const m = this.preparedReads;
    const lane = pLimit(3);
    const overrides$: Promise<
      Array<{
        id: string;
        case_id: string;
        reference: string;
        attempted_at: Date;
        made_by: string;
        display_name: string;
        override_reason: string;
        overridden_rules: string[];
      }>
    > = lane(() =>
      m.query(
        `SELECT a.id, a.case_id, c.reference, a.attempted_at, a.made_by, u.display_name, a.override_reason, a.overridden_rules
           FROM contact_attempts a JOIN cases c ON c.id = a.case_id JOIN users u ON u.id = a.made_by
          WHERE a.override_reason IS NOT NULL AND a.recorded_at > $1 ORDER BY a.recorded_at DESC LIMIT 200`,
        [new Date(now.getTime() - 14 * 86400_000)],
      ),
    );
    // The attempt that paused contact (someone else answered) is the occurrence: a later pause is a new alert.
    const paused$: Promise<Array<{ id: string; reference: string; updated_at: Date; attempt_id: string | null }>> = lane(() =>
      m.query(
        `SELECT c.id, c.reference, c.updated_at,
                (SELECT a.id FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'someone-else-answered'
                  ORDER BY a.recorded_at DESC LIMIT 1) AS attempt_id
           FROM cases c WHERE c.contact_paused AND ${OPEN_STATUS_SQL} ORDER BY c.updated_at`,
      ),
    );
    const missed$ = lane(() => this.callbacks.missed(m, now));
    const overdue$: Promise<
      Array<{ id: string; case_id: string; reference: string; partner_id: string; service: string; ack_due_at: Date }>
    > = lane(() =>
      m.query(
        `SELECT f.id, f.case_id, c.reference, f.partner_id, f.service, f.ack_due_at FROM referrals f JOIN cases c ON c.id = f.case_id
          WHERE f.status = 'sent' AND f.ack_due_at < $1 ORDER BY f.ack_due_at LIMIT 200`,
        [now],
      ),
    );
    const sla$ = lane(() => this.slaAlerts(lead, now, keep));
    const calendarEnding = calendarEndingAlert(this.config.triage.calendar, now);
    // Safety alerts: glass broken, restricted on arrival (police staff), bulk reads. They are the control on break
    // the glass, so EVERY team lead gets them (who, when, why); the case is named (id, reference) only to a team
    // lead who may see it, otherwise the alert is about "a restricted case" (case-access.ts).
    const since = new Date(now.getTime() - 14 * 86400_000);
    const glass$: Promise<
      Array<{
        id: string;
        case_id: string;
        reference: string;
        granted_at: Date;
        expires_at: Date;
        display_name: string;
        user_id: string;
        reason: string;
      }>
    > = lane(() =>
      m.query(
        `SELECT g.id, g.case_id, c.reference, g.granted_at, g.expires_at, u.display_name, g.user_id, g.reason
             FROM break_glass_grants g JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id
            WHERE g.granted_at > $1 ORDER BY g.granted_at DESC LIMIT 200`,
        [since],
      ),
    );
    // Restricted on arrival: the intake's own entries (actor system). A team lead narrowing such a case's list later
    // keeps its source, and is not an arrival (session 41); nor is a case the police-staff rule restricted because
    // another case of the same people arrived (`follows`: that case is the one on the tray, session 48). And a police revision that named another victim (session
    // 44): what it was judged on, and who holds the case now. One statement (the tray's reads are counted: issue 16),
    // each kind with its own limit, so a run of one cannot push the other out.
    const arrivals$: Promise<
      Array<{
        id: string;
        action: 'case.restricted' | 'case.victim-changed';
        entity_id: string;
        reference: string;
        at: Date;
        source: string | null;
        evidence: string | null;
        revision: string | null;
        assignee: string | null;
        by_id: string | null;
        by_name: string | null;
      }>
    > = lane(() =>
      m.query(
        `(SELECT e.id, e.action, e.entity_id, c.reference, e.at, e.details->>'source' AS source, NULL AS evidence,
                 NULL AS revision, NULL AS assignee, NULL AS by_id, NULL AS by_name
            FROM audit_entries e JOIN cases c ON c.id::text = e.entity_id
           WHERE e.action = 'case.restricted' AND e.details->>'source' IN ('police-staff-rule', 'person-restricted') AND e.at > $1
             AND e.actor_type = 'system' AND e.details->>'follows' IS NULL
           ORDER BY e.at DESC LIMIT 200)
         UNION ALL
         (SELECT e.id, e.action, e.entity_id, c.reference, e.at, NULL, e.details->>'evidence', e.details->>'revision',
                 u.display_name, b.id::text, b.display_name
            FROM audit_entries e JOIN cases c ON c.id::text = e.entity_id LEFT JOIN users u ON u.id = c.assignee_id
            LEFT JOIN users b ON e.actor_type = 'user' AND b.id::text = e.actor_id
           WHERE e.action = 'case.victim-changed' AND e.at > $1
           ORDER BY e.at DESC LIMIT 200)`,
        [since],
      ),
    );
    const bulk$: Promise<Array<{ id: string; entity_id: string; at: Date; display_name: string | null; n: number }>> = lane(() =>
      m.query(
        `SELECT e.id, e.entity_id, e.at, u.display_name, (e.details->>'caseIdsLastHour')::int AS n FROM audit_entries e
           LEFT JOIN users u ON u.id::text = e.entity_id
          WHERE e.action = 'case.bulk-read' AND e.at > $1 ORDER BY e.at DESC LIMIT 200`,
        [since],
      ),
    );
    // An admin reads no case, so an account that reads victims' data is made or taken over by an admin only with a
    // second pair of eyes: every team lead is told when an admin gives an account such access, brings one back, or
    // resets the password or second factor of one that has it (an access review, session 40: one admin could create a
    // team lead and sign in as them). Filtered in the statement, before its limit (other account work cannot push one
    // out), by the roles given or, for a reset or a reactivation, held at the time (in the entry; now for older ones).
    const accounts$: Promise<
      Array<{
        id: string;
        action: string;
        entity_id: string;
        actor_id: string | null;
        at: Date;
        details: { roles?: string[]; from?: string[]; to?: string[] } | null;
        admin_name: string | null;
        user_name: string | null;
        user_roles: string[] | null;
        feed_name: string | null;
      }>
    > = lane(() =>
      // A police feed key issued too (session 41): a key posts reports and their revisions, and a revision can change a
      // victim's safe number or her consent. In the same statement (the tray's reads are counted: issue 16).
      m.query(
        `SELECT e.id, e.action, e.entity_id, e.actor_id, e.at, e.details, a.display_name AS admin_name,
                u.display_name AS user_name, u.roles AS user_roles, f.name AS feed_name
           FROM audit_entries e LEFT JOIN users a ON a.id::text = e.actor_id
           LEFT JOIN users u ON e.action <> 'feed-source.created' AND u.id::text = e.entity_id
           LEFT JOIN feed_sources f ON e.action = 'feed-source.created' AND f.id::text = e.entity_id
          WHERE e.action IN ('user.created', 'user.roles-changed', 'user.password-reset', 'user.mfa-reset', 'user.reactivated',
                             'feed-source.created')
            AND e.at > $1
            AND CASE e.action
                  WHEN 'feed-source.created' THEN true
                  WHEN 'user.created' THEN coalesce(e.details->'roles', '[]'::jsonb) ?| $2::text[]
                  WHEN 'user.roles-changed' THEN coalesce(e.details->'to', '[]'::jsonb) ?| $2::text[]
                  ELSE coalesce(e.details->'roles', to_jsonb(u.roles), '[]'::jsonb) ?| $2::text[]
                END
          ORDER BY e.at DESC LIMIT 200`,
        [since, DATA_READING_ROLES],
      ),
    );
    const [overrides, paused, missed, overdue, sla, glass, arrivals, bulk, accounts] = await Promise.all([
      overrides$,
      paused$,
      missed$,
      overdue$,
      sla$,
      glass$,
      arrivals$,
      bulk$,
      accounts$,
    ]);
    const flagged = arrivals.filter((a) => a.action === 'case.restricted');
    const victimChanges = arrivals.filter((a) => a.action === 'case.victim-changed');
    // The restrictions of the cases these alerts name, and of no other case.
    const visibility = await CaseVisibility.forCases(
      m,
      [
        ...overrides.map((o) => o.case_id),
        ...paused.map((p) => p.id),
        ...missed.map((c) => c.caseId),
        ...overdue.map((o) => o.case_id),
        ...sla.map((c) => c.id),
        ...glass.map((g) => g.case_id),
        ...arrivals.map((f) => f.entity_id),
      ],
      now,
    );
    const sees = (caseId: string) => visibility.maySee(lead, caseId);
    const named = (caseId: string, reference: string) => (sees(caseId) ? { caseId, reference } : {});
    const safety: SafetyAlert[] = [
      ...glass.map(
        (g): SafetyAlert => ({
          kind: 'break-glass',
          alertKey: alertKey('break-glass', g.id),
          at: new Date(g.granted_at).toISOString(),
          ...named(g.case_id, g.reference),
          userId: g.user_id,
          by: g.display_name,
          reason: g.reason,
          until: new Date(g.expires_at).toISOString(),
        }),
      ),
      ...flagged.map(
        (f): SafetyAlert => ({
          kind: 'restricted-on-arrival',
          because: f.source === 'person-restricted' ? 'person-restricted' : 'police-staff',
          alertKey: alertKey('restricted-on-arrival', f.id),
          at: new Date(f.at).toISOString(),
          ...named(f.entity_id, f.reference),
        }),
      ),
      ...bulk.map(
        (b): SafetyAlert => ({
          kind: 'bulk-read',
          alertKey: alertKey('bulk-read', b.id),
          at: new Date(b.at).toISOString(),
          userId: b.entity_id,
          by: b.display_name ?? undefined,
          count: Number(b.n),
        }),
      ),
      ...accounts.flatMap((e): SafetyAlert[] => {
        if (e.action === 'feed-source.created')
          return [
            {
              kind: 'account-change',
              alertKey: alertKey('account-change', e.id),
              at: new Date(e.at).toISOString(),
              change: 'feed-key-issued',
              user: e.feed_name ?? undefined,
              by: e.admin_name ?? undefined,
              ...(e.actor_id ? { byId: e.actor_id } : {}),
            },
          ];
        const change = accountChangeOf(e.action, e.details, e.details?.roles ?? e.user_roles ?? []);
        if (!change) return [];
        return [
          {
            kind: 'account-change',
            alertKey: alertKey('account-change', e.id),
            at: new Date(e.at).toISOString(),
            change: change.change,
            userId: e.entity_id,
            user: e.user_name ?? undefined,
            roles: change.roles,
            by: e.admin_name ?? undefined,
            ...(e.actor_id ? { byId: e.actor_id } : {}),
          },
        ];
      }),
    ].sort((a, b) => b.at.localeCompare(a.at));
    const result: TeamLeadAlerts = {
      overrides: overrides
        .filter((o) => sees(o.case_id))
        .map((o) => ({
          alertKey: alertKey('override', o.case_id, o.id),
          attemptId: o.id,
          caseId: o.case_id,
          reference: o.reference,
          at: new Date(o.attempted_at).toISOString(),
          userId: o.made_by,
          by: o.display_name,
          reason: o.override_reason,
          rules: o.overridden_rules,
        })),
      paused: paused
        .filter((p) => sees(p.id))
        .map((p) => ({
          alertKey: alertKey('paused', p.id, p.attempt_id),
          caseId: p.id,
          reference: p.reference,
          since: new Date(p.updated_at).toISOString(),
        })),
      missedCallbacks: missed
        .filter((c) => sees(c.caseId))
        .map((c) => ({ ...c, alertKey: alertKey('missed-callback', c.caseId, c.id, c.dueAt) })),
      overdueReferrals: overdue
        .filter((o) => sees(o.case_id))
        .map((o) => ({
          alertKey: alertKey('overdue-referral', o.case_id, o.id, new Date(o.ack_due_at).toISOString()),
          referralId: o.id,
          caseId: o.case_id,
          reference: o.reference,
          partnerId: o.partner_id,
          service: o.service,
          ackDueAt: new Date(o.ack_due_at).toISOString(),
        })),
      // Fail closed again: a case restricted since the list above was read is left out unless the lead may see it.
      sla: sla
        .filter((c) => sees(c.id))
        .map((c) => {
          const state = c.breached ? 'breached' : 'near';
          const dueAt = new Date(c.next_due).toISOString();
          return {
            // The clock's state and due time are the occurrence: near, then breached, then a later clock each show again.
            alertKey: alertKey('sla', c.id, state, dueAt),
            caseId: c.id,
            reference: c.reference,
            state,
            dueAt,
            grade: c.grade ?? null,
            assignee: c.assignee ?? null,
          };
        }),
      // Only to a lead who may see the case (as every casework alert): it names the case and who holds it. Newest
      // first. A revision a user sent (a CSV import, the officer app) names them: a lead does not acknowledge their own.
      // An entry written before `evidence` was recorded reads as names-and-dates (the side that asks for a check).
      victimChanged: victimChanges
        .filter((v) => sees(v.entity_id))
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
        .map((v) => ({
          ...(v.by_id ? { byId: v.by_id, by: v.by_name ?? undefined } : {}),
          alertKey: alertKey('victim-changed', v.id),
          caseId: v.entity_id,
          reference: v.reference,
          at: new Date(v.at).toISOString(),
          revision: Number(v.revision),
          evidence: v.evidence === 'police-person-id' ? 'police-person-id' : 'names-and-dates',
          assignee: v.assignee,
        })),
      hubAlerts: calendarEnding ? [{ ...calendarEnding, alertKey: alertKey('hub', calendarEnding.kind, calendarEnding.until) }] : [],
      safety,
    };
    return result;
  }

  /**
   * SLA alerts, actionable only: near a running clock, or a clock still running past its due time (a case contacted
   * late stays "breached" on its record but needs nobody now). PostgreSQL chooses them with the queue's SLA
   * expressions (case-queue.ts, equal to slaStatus), leaves out restricted cases out of the lead's sight and those
   * acknowledged (the key of alertKey('sla', id, state, due)), orders them (breached first, then the earliest due)
   * and keeps the first 200. The keys are built only for the first 200 + (SLA acknowledgements of open cases), since
   * no more than that many can be left out as acknowledged.
   *
   * Every actionable case has a running clock due by the near-breach limit, so they are read from
   * case_queue_next_due_idx in due order, not by testing every open case: among them a breached one is due before
   * `now` and one not breached is due at or after it, so (due, breached first, id) is the tray's order.
   * `keep`: the key of an alert being acknowledged, listed even though acknowledged.
   */
  private async slaAlerts(
    lead: AuthUser,
    now: Date,
    keep: string | null,
  ): Promise<
    Array<{ id: string; reference: string; breached: boolean; next_due: Date; grade: RiskGrade | null; assignee: string | null }>
  > {
    const m = this.preparedReads;
    const params = [...queueClock(now, this.config.triage), lead.id, keep];
    // Only what the tray shows of each case (reference, clock, grade, assignee), not whole case summaries: 200
    // summaries were most of this read at a million cases.
    return m.query(
      `${QUEUE_CLOCK},
       a AS (
         SELECT c.id, ${slaBreachedSql('k.now')} AS breached, ${NEXT_DUE_SQL} AS next_due,
                coalesce(c.risk_grade, c.officer_grade) AS grade, c.assignee_id
           FROM ${OPEN_QUEUE_SQL}, k
          WHERE ${NEXT_DUE_SQL} <= $2::timestamptz
            AND ${can(lead.roles, 'case.read') ? maySeeSql('$3', '$1') : 'false'}
            AND NOT (${slaBreachedSql('k.now')} AND ${NEXT_DUE_SQL} > k.now)
          ORDER BY ${NEXT_DUE_SQL}, ${slaBreachedSql('k.now')} DESC, c.id
          LIMIT 200 + (SELECT count(*) FROM alert_acknowledgements ack JOIN ${OPEN_QUEUE_SQL} ON c.id = ack.case_id
                        WHERE ack.kind = 'sla'))
       SELECT a.id, cs.reference, a.breached, a.next_due, a.grade, u.display_name AS assignee
         FROM a JOIN cases cs ON cs.id = a.id LEFT JOIN users u ON u.id = a.assignee_id,
         LATERAL (SELECT 'sla|' || a.id || '|' || CASE WHEN a.breached THEN 'breached' ELSE 'near' END || '|'
                         || to_char(a.next_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS alert_key) key
        WHERE key.alert_key = $4 OR NOT EXISTS (SELECT 1 FROM alert_acknowledgements ack WHERE ack.alert_key = key.alert_key)
        ORDER BY a.breached DESC, a.next_due, a.id
        LIMIT 200`,
      params,
    );
  }
}

/** Every alert of the tray, whatever its list. */
function itemsOf(a: TeamLeadAlerts): Array<{ alertKey?: string; caseId?: string | null; userId?: string; byId?: string }> {
  return [
    ...a.overrides,
    ...a.paused,
    ...a.missedCallbacks,
    ...a.overdueReferrals,
    ...a.sla,
    ...(a.victimChanged ?? []),
    ...(a.hubAlerts ?? []),
    ...(a.safety ?? []),
  ];
}

function keysOf(a: TeamLeadAlerts): string[] {
  return itemsOf(a)
    .map((i) => i.alertKey)
    .filter((k): k is string => !!k);
}

/** Roles that read victims' personal data: every role that reads cases, and a partner agency's (its referrals). */
const DATA_READING_ROLES = ROLES.filter((r) => can([r], 'case.read') || r === 'partner');

/**
 * Whether an account audit entry gave access to victims' data (a role that reads cases or a partner's referrals), or
 * brought back, or reset the credentials of, an account that has it: which change, and the roles concerned (given, or
 * held then). Null for one that did not (an officer created, a role taken away).
 */
export function accountChangeOf(
  action: string,
  details: { roles?: string[]; from?: string[]; to?: string[] } | null,
  rolesThen: readonly string[],
): { change: NonNullable<SafetyAlert['change']>; roles: string[] } | null {
  const reads = (roles: readonly string[]) => roles.some((r) => (DATA_READING_ROLES as readonly string[]).includes(r));
  if (action === 'user.created') {
    const roles = details?.roles ?? [];
    return reads(roles) ? { change: 'created', roles: [...roles] } : null;
  }
  if (action === 'user.roles-changed') {
    const from = details?.from ?? [];
    const added = (details?.to ?? []).filter((r) => !from.includes(r));
    return reads(added) ? { change: 'roles-added', roles: added.filter((r) => reads([r])) } : null;
  }
  const change = ({ 'user.password-reset': 'password-reset', 'user.mfa-reset': 'mfa-reset', 'user.reactivated': 'reactivated' } as const)[
    action as 'user.password-reset' | 'user.mfa-reset' | 'user.reactivated'
  ];
  return change && reads(rolesThen) ? { change, roles: [...rolesThen] } : null;
}
