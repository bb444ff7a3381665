import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, loadSummariesByStatus, type CaseUnitOfWork } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CallbackEntity, CaseDocumentEntity, CaseEntity, Database } from '@lantern/api/data-access';
import {
  OPEN_STATUSES,
  inSafeWindow,
  isOutOfHours,
  suggestUnableToContact,
  type CallbackRecord,
  type CallbackRequest,
  type DueCallbacksQuery,
  type NeedsContent,
  type SaveNeedsRequest,
  type SaveSafetyPlanRequest,
  type TeamLeadAlerts,
  type SafetyPlanContent,
  type Versioned,
  type VersionedDocument,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { CaseworkService, instant } from './casework.service';

export type DocumentKind = 'needs' | 'safety-plan';

/** A pending call-back this long past its time is missed, and shown to team leads. */
export const CALLBACK_GRACE_MS = 30 * 60_000;

/** Call-backs, contact summary, and the versioned needs assessment and safety plan. */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly casework: CaseworkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A follow-up record of the case changed: the case gets a new version, and the change goes through the unit of work. */
  private async bump(tx: CaseUnitOfWork, caseId: string, userId: string, action: string, details: Record<string, unknown>) {
    const m = tx.manager;
    const c = await m.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw Problems.notFound('No such case.');
    const version = c.version + 1;
    await m.update(CaseEntity, { id: caseId }, { version });
    return tx.caseChanged(caseId, version, { actor: { type: 'user', id: userId }, action, entityType: 'case', entityId: caseId, details });
  }

  /** Schedules a call-back; it must fall inside the victim's safe times and the hub's staffed hours. */
  async scheduleCallback(user: AuthUser, caseId: string, body: CallbackRequest, now = new Date()): Promise<CallbackRecord> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const dueAt = instant(body.dueAt, '/dueAt');
    if (dueAt.getTime() < now.getTime() - 60_000) throw Problems.validation([{ path: '/dueAt', message: 'must be in the future' }]);
    const notes = body.notes ?? null;
    return this.changes.run(now, async (tx, m) => {
      const view = await this.casework.safeContactIn(m, caseId);
      const due = dueAt.toISOString();
      const rules: string[] = [];
      if (view.plan.timeRule === 'unknown' || (view.plan.timeRule === 'windows' && !inSafeWindow(due, view.plan.windows)))
        rules.push('outside-safe-window');
      if (isOutOfHours(due, this.config.triage.calendar)) rules.push('outside-staffed-hours');
      if (rules.length) {
        const p = new ProblemException(
          422,
          'unsafe-callback',
          'Call-back time refused',
          'A call-back must be inside the victim’s safe times and the hub’s staffed hours.',
          [{ path: '/dueAt', message: rules.join(', ') }],
        );
        p.extra = { rule: rules[0], rules };
        throw p;
      }
      const id = randomUUID();
      await m.insert(CallbackEntity, {
        id,
        caseId,
        dueAt,
        assignedTo: user.id,
        createdBy: user.id,
        createdAt: now,
        status: 'pending',
        doneAttemptId: null,
        notes: notes ?? null,
      });
      await this.bump(tx, caseId, user.id, 'callback.scheduled', { callbackId: id, dueAt: due });
      const [row] = await this.callbacksWhere(m, 'cb.id = $1', [id], now);
      return row;
    });
  }

  private async callbacksWhere(m: EntityManager, where: string, params: unknown[], now: Date): Promise<CallbackRecord[]> {
    const rows: Array<{
      id: string;
      case_id: string;
      reference: string;
      due_at: Date;
      assigned_to: string;
      display_name: string;
      status: CallbackRecord['status'];
      notes: string | null;
    }> = await m.query(
      `SELECT cb.id, cb.case_id, c.reference, cb.due_at, cb.assigned_to, u.display_name, cb.status, cb.notes
           FROM callbacks cb JOIN cases c ON c.id = cb.case_id JOIN users u ON u.id = cb.assigned_to
          WHERE ${where} ORDER BY cb.due_at, cb.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      reference: r.reference,
      dueAt: new Date(r.due_at).toISOString(),
      assignedTo: { id: r.assigned_to, displayName: r.display_name },
      status: r.status,
      missed: r.status === 'pending' && new Date(r.due_at).getTime() < now.getTime() - CALLBACK_GRACE_MS,
      notes: r.notes,
    }));
  }

  async caseCallbacks(user: AuthUser, caseId: string, now = new Date()): Promise<CallbackRecord[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const list = await this.callbacksWhere(m, 'cb.case_id = $1', [caseId], now);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.callbacks-read',
        entityType: 'case',
        entityId: caseId,
      });
      return list;
    });
  }

  /**
   * "Due now": my pending call-backs due within the next 15 minutes or already due. Team leads may ask for
   * everyone's (scope=all), which also shows the missed ones.
   */
  async due(user: AuthUser, scope: DueCallbacksQuery['scope'], now = new Date()): Promise<CallbackRecord[]> {
    if (scope === 'all' && !user.roles.includes('team-lead')) throw Problems.forbidden('Only team leads see everyone’s call-backs.');
    const horizon = new Date(now.getTime() + 15 * 60_000);
    return this.db.transaction(async (m) => {
      const list =
        scope === 'all'
          ? await this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at <= $1", [horizon], now)
          : await this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at <= $1 AND cb.assigned_to = $2", [horizon, user.id], now);
      if (list.length) {
        await this.audit.record(m, {
          actor: { type: 'user', id: user.id },
          action: 'callbacks.due-read',
          entityType: 'case',
          details: { caseIds: [...new Set(list.map((c) => c.caseId))] },
        });
      }
      return list;
    });
  }

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
      const missed = await this.callbacksWhere(
        m,
        "cb.status = 'pending' AND cb.due_at < $1",
        [new Date(now.getTime() - CALLBACK_GRACE_MS)],
        now,
      );
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
      await this.audit.record(m, {
        actor: { type: 'user', id: lead.id },
        action: 'alerts.read',
        details: {
          overrides: overrides.length,
          paused: paused.length,
          missed: missed.length,
          overdueReferrals: overdue.length,
          sla: sla.length,
        },
      });
      return {
        overrides: overrides.map((o) => ({
          attemptId: o.id,
          caseId: o.case_id,
          reference: o.reference,
          at: new Date(o.attempted_at).toISOString(),
          by: o.display_name,
          reason: o.override_reason,
          rules: o.overridden_rules,
        })),
        paused: paused.map((p) => ({ caseId: p.id, reference: p.reference, since: new Date(p.updated_at).toISOString() })),
        missedCallbacks: missed,
        overdueReferrals: overdue.map((o) => ({
          referralId: o.id,
          caseId: o.case_id,
          reference: o.reference,
          partnerId: o.partner_id,
          service: o.service,
          ackDueAt: new Date(o.ack_due_at).toISOString(),
        })),
        sla: sla.slice(0, 200).map((c) => ({
          caseId: c.id,
          reference: c.reference,
          state: c.sla.state as 'near' | 'breached',
          dueAt: c.sla.nextDueAt,
          grade: c.risk.grade ?? null,
          assignee: c.assignee?.displayName ?? null,
        })),
      };
    });
  }

  /** Failed attempts so far, and whether to suggest closing as unable-to-contact. */
  async contactSummary(caseId: string): Promise<{ suggest: boolean; failed: number; days: number }> {
    const rows = await this.db.query<{ outcome: string | null; attempted_at: Date }>(
      'SELECT outcome, attempted_at FROM contact_attempts WHERE case_id = $1',
      [caseId],
    );
    return suggestUnableToContact(rows.map((r) => ({ outcome: r.outcome, attemptedAt: new Date(r.attempted_at).toISOString() })));
  }

  async document<T>(user: AuthUser, caseId: string, kind: DocumentKind): Promise<VersionedDocument<T>> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const exists = await m.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
      if (!exists.length) throw Problems.notFound('No such case.');
      const rows: Array<{ version: number; content: T; saved_at: Date; saved_by: string; display_name: string }> = await m.query(
        `SELECT d.version, d.content, d.saved_at, d.saved_by, u.display_name FROM case_documents d JOIN users u ON u.id = d.saved_by
          WHERE d.case_id = $1 AND d.kind = $2 ORDER BY d.version DESC`,
        [caseId, kind],
      );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: `case.${kind}-read`,
        entityType: 'case',
        entityId: caseId,
      });
      const all: Versioned<T>[] = rows.map((r) => ({
        version: Number(r.version),
        content: r.content,
        savedAt: new Date(r.saved_at).toISOString(),
        savedBy: { id: r.saved_by, displayName: r.display_name },
      }));
      return { current: all[0] ?? null, history: all.slice(1) };
    });
  }

  /** Saves a new needs version; `basedOnVersion` (the version the user edited) must still be the latest. */
  saveNeeds(user: AuthUser, caseId: string, body: SaveNeedsRequest, now = new Date()): Promise<VersionedDocument<NeedsContent>> {
    return this.saveDocument(user, caseId, 'needs', toNeeds(body.content), body.basedOnVersion, now);
  }

  saveSafetyPlan(
    user: AuthUser,
    caseId: string,
    body: SaveSafetyPlanRequest,
    now = new Date(),
  ): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.saveDocument(user, caseId, 'safety-plan', toSafetyPlan(body.content), body.basedOnVersion, now);
  }

  /** Saves a new version; `based` (the version the user edited) must still be the latest. */
  private async saveDocument<T extends NeedsContent | SafetyPlanContent>(
    user: AuthUser,
    caseId: string,
    kind: DocumentKind,
    content: T,
    based: number | null | undefined,
    now: Date,
  ): Promise<VersionedDocument<T>> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    await this.changes.run(now, async (tx, m) => {
      const exists: unknown[] = await m.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      if (!exists.length) throw Problems.notFound('No such case.');
      const [latest]: Array<{ version: number }> = await m.query(
        'SELECT max(version) AS version FROM case_documents WHERE case_id = $1 AND kind = $2',
        [caseId, kind],
      );
      const current = latest?.version === null || latest?.version === undefined ? 0 : Number(latest.version);
      if (based !== undefined && based !== null && based !== current) {
        throw Problems.conflict(
          'stale-version',
          `Someone saved version ${current} since you opened version ${based as number}: reload it.`,
        );
      }
      await m.insert(CaseDocumentEntity, {
        id: randomUUID(),
        caseId,
        kind,
        version: current + 1,
        content: content as object,
        savedAt: now,
        savedBy: user.id,
      });
      return this.bump(tx, caseId, user.id, `case.${kind}-saved`, { version: current + 1 });
    });
    return this.document<T>(user, caseId, kind);
  }
}

/** The needs content as stored: every entry complete (the contract already required an urgency for a need). */
export function toNeeds(content: SaveNeedsRequest['content']): NeedsContent {
  const out: NeedsContent = {};
  for (const [k, e] of Object.entries(content) as Array<
    [keyof NeedsContent, NonNullable<SaveNeedsRequest['content'][keyof NeedsContent]>]
  >) {
    out[k] = { need: e.need, urgency: e.urgency ?? null, notes: e.notes ?? null };
  }
  return out;
}

/** The safety plan as stored: every action with an id, trimmed text and explicit flags. */
export function toSafetyPlan(content: SaveSafetyPlanRequest['content']): SafetyPlanContent {
  return {
    actions: content.actions.map((a) => ({
      id: a.id ?? randomUUID(),
      action: a.action.trim(),
      owner: a.owner,
      agreed: a.agreed === true,
      done: a.done === true,
      due: a.due ?? null,
    })),
    notes: content.notes ?? null,
  };
}
