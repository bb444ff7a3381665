import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseVisibility, loadSummariesByStatus } from '@lantern/api/cases';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { calendarEndingAlert, OPEN_STATUSES, type SafetyAlert, type TeamLeadAlerts } from '@lantern/shared/domain';
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
    private readonly callbacks: CallbacksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What a team lead must see: contact overrides (the rules broken and why), cases whose contact is paused
   * because someone else answered, and missed call-backs. Each links to its case.
   */
  async teamLeadAlerts(lead: AuthUser, now = new Date()): Promise<TeamLeadAlerts> {
    return this.db.transaction(async (m) => {
      const overrides: Array<{
        id: string;
        case_id: string;
        reference: string;
        attempted_at: Date;
        display_name: string;
        override_reason: string;
        overridden_rules: string[];
      }> = await m.query(
        `SELECT a.id, a.case_id, c.reference, a.attempted_at, u.display_name, a.override_reason, a.overridden_rules
           FROM contact_attempts a JOIN cases c ON c.id = a.case_id JOIN users u ON u.id = a.made_by
          WHERE a.override_reason IS NOT NULL AND a.recorded_at > $1 ORDER BY a.recorded_at DESC LIMIT 200`,
        [new Date(now.getTime() - 14 * 86400_000)],
      );
      const paused: Array<{ id: string; reference: string; updated_at: Date }> = await m.query(
        `SELECT id, reference, updated_at FROM cases WHERE contact_paused AND status = ANY($1::text[]) ORDER BY updated_at`,
        [['new', 'triage', 'contacting', 'assessment', 'support']],
      );
      const missed = await this.callbacks.missed(m, now);
      const overdue: Array<{ id: string; case_id: string; reference: string; partner_id: string; service: string; ack_due_at: Date }> =
        await m.query(
          `SELECT f.id, f.case_id, c.reference, f.partner_id, f.service, f.ack_due_at FROM referrals f JOIN cases c ON c.id = f.case_id
          WHERE f.status = 'sent' AND f.ack_due_at < $1 ORDER BY f.ack_due_at LIMIT 200`,
          [now],
        );
      const sla = (await loadSummariesByStatus(m, OPEN_STATUSES, this.config.triage, now))
        // Actionable only: near a running clock, or a clock still running past its due time (a case contacted
        // late stays "breached" on its record but needs nobody now).
        .filter(
          (c) =>
            c.sla.state === 'near' ||
            (c.sla.state === 'breached' && c.sla.nextDueAt !== null && Date.parse(c.sla.nextDueAt) <= now.getTime()),
        )
        .sort(
          (a, b) =>
            Number(b.sla.state === 'breached') - Number(a.sla.state === 'breached') ||
            (a.sla.nextDueAt ?? '').localeCompare(b.sla.nextDueAt ?? ''),
        );
      const calendarEnding = calendarEndingAlert(this.config.triage.calendar, now);
      // Safety alerts: glass broken, restricted on arrival (police staff), bulk reads. They are the control on break
      // the glass, so EVERY team lead gets them (who, when, why); the case is named (id, reference) only to a team
      // lead who may see it, otherwise the alert is about "a restricted case" (case-access.ts).
      const since = new Date(now.getTime() - 14 * 86400_000);
      const glass: Array<{
        case_id: string;
        reference: string;
        granted_at: Date;
        expires_at: Date;
        display_name: string;
        user_id: string;
        reason: string;
      }> = await m.query(
        `SELECT g.case_id, c.reference, g.granted_at, g.expires_at, u.display_name, g.user_id, g.reason
             FROM break_glass_grants g JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id
            WHERE g.granted_at > $1 ORDER BY g.granted_at DESC LIMIT 200`,
        [since],
      );
      const flagged: Array<{ entity_id: string; reference: string; at: Date }> = await m.query(
        `SELECT e.entity_id, c.reference, e.at FROM audit_entries e JOIN cases c ON c.id::text = e.entity_id
          WHERE e.action = 'case.restricted' AND e.details->>'source' = 'police-staff-rule' AND e.at > $1 ORDER BY e.at DESC LIMIT 200`,
        [since],
      );
      const bulk: Array<{ entity_id: string; at: Date; display_name: string | null; n: number }> = await m.query(
        `SELECT e.entity_id, e.at, u.display_name, (e.details->>'caseIdsLastHour')::int AS n FROM audit_entries e
           LEFT JOIN users u ON u.id::text = e.entity_id
          WHERE e.action = 'case.bulk-read' AND e.at > $1 ORDER BY e.at DESC LIMIT 200`,
        [since],
      );
      const visibility = await CaseVisibility.load(m, now);
      const sees = (caseId: string) => visibility.maySee(lead, caseId);
      const named = (caseId: string, reference: string) => (sees(caseId) ? { caseId, reference } : {});
      const safety: SafetyAlert[] = [
        ...glass.map(
          (g): SafetyAlert => ({
            kind: 'break-glass',
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
            at: new Date(f.at).toISOString(),
            ...named(f.entity_id, f.reference),
          }),
        ),
        ...bulk.map(
          (b): SafetyAlert => ({
            kind: 'bulk-read',
            at: new Date(b.at).toISOString(),
            userId: b.entity_id,
            by: b.display_name ?? undefined,
            count: Number(b.n),
          }),
        ),
      ].sort((a, b) => b.at.localeCompare(a.at));
      const result: TeamLeadAlerts = {
        overrides: overrides
          .filter((o) => sees(o.case_id))
          .map((o) => ({
            attemptId: o.id,
            caseId: o.case_id,
            reference: o.reference,
            at: new Date(o.attempted_at).toISOString(),
            by: o.display_name,
            reason: o.override_reason,
            rules: o.overridden_rules,
          })),
        paused: paused
          .filter((p) => sees(p.id))
          .map((p) => ({ caseId: p.id, reference: p.reference, since: new Date(p.updated_at).toISOString() })),
        missedCallbacks: missed.filter((c) => sees(c.caseId)),
        overdueReferrals: overdue
          .filter((o) => sees(o.case_id))
          .map((o) => ({
            referralId: o.id,
            caseId: o.case_id,
            reference: o.reference,
            partnerId: o.partner_id,
            service: o.service,
            ackDueAt: new Date(o.ack_due_at).toISOString(),
          })),
        sla: sla
          .filter((c) => sees(c.id))
          .slice(0, 200)
          .map((c) => ({
            caseId: c.id,
            reference: c.reference,
            state: c.sla.state as 'near' | 'breached',
            dueAt: c.sla.nextDueAt,
            grade: c.risk.grade ?? null,
            assignee: c.assignee?.displayName ?? null,
          })),
        hubAlerts: calendarEnding ? [calendarEnding] : [],
        safety,
      };
      await this.audit.record(m, {
        actor: { type: 'user', id: lead.id },
        action: 'alerts.read',
        details: {
          overrides: overrides.length,
          paused: paused.length,
          missed: missed.length,
          overdueReferrals: overdue.length,
          sla: sla.length,
          hub: calendarEnding ? 1 : 0,
          safety: safety.length,
          // Every case the tray names, like every list read (case-access.ts).
          caseIds: [
            ...new Set(
              [
                ...result.overrides.map((x) => x.caseId),
                ...result.paused.map((x) => x.caseId),
                ...result.missedCallbacks.map((x) => x.caseId),
                ...result.overdueReferrals.map((x) => x.caseId),
                ...result.sla.map((x) => x.caseId),
                ...safety.map((x) => x.caseId),
              ].filter((id): id is string => !!id),
            ),
          ],
        },
      });
      return result;
    });
  }
}
