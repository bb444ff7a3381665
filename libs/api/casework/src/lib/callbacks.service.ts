import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CallbackEntity, Database } from '@lantern/api/data-access';
import {
  can,
  inSafeWindow,
  isOutOfHours,
  SAFE_TIMES_UNCONFIRMED_MESSAGE,
  suggestUnableToContact,
  type CallbackRecord,
  type CallbackRequest,
  type DueCallbacksQuery,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { bumpCaseVersion } from './case-version';
import { CaseworkService, instant } from './casework.service';

/** A pending call-back this long past its time is missed, and shown to team leads. */
export const CALLBACK_GRACE_MS = 30 * 60_000;

/**
 * Call-backs: scheduling one inside the victim's safe times, a case's call-backs, the ones due now, the missed
 * ones (for the team lead's alerts), and the contact summary that says when to stop calling back.
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly casework: CaseworkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
      if (view.plan.timeRule === 'unknown') rules.push('safe-times-unconfirmed');
      else if (view.plan.timeRule === 'windows' && !inSafeWindow(due, view.plan.windows)) rules.push('outside-safe-window');
      if (isOutOfHours(due, this.config.triage.calendar)) rules.push('outside-staffed-hours');
      if (rules.length) {
        const p = new ProblemException(
          422,
          'unsafe-callback',
          'Call-back time refused',
          rules[0] === 'safe-times-unconfirmed'
            ? SAFE_TIMES_UNCONFIRMED_MESSAGE
            : 'A call-back must be inside the victim’s safe times and the hub’s staffed hours.',
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
      await bumpCaseVersion(tx, caseId, user.id, 'callback.scheduled', { callbackId: id, dueAt: due });
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
    if (scope === 'all' && !can(user.roles, 'team.manage')) throw Problems.forbidden('Only team leads see everyone’s call-backs.');
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

  /** Pending call-backs more than CALLBACK_GRACE_MS past their time, in the caller's transaction. */
  missed(m: EntityManager, now: Date): Promise<CallbackRecord[]> {
    return this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at < $1", [new Date(now.getTime() - CALLBACK_GRACE_MS)], now);
  }

  /** Failed attempts so far, and whether to suggest closing as unable-to-contact. */
  async contactSummary(caseId: string): Promise<{ suggest: boolean; failed: number; days: number }> {
    const rows = await this.db.query<{ outcome: string | null; attempted_at: Date }>(
      'SELECT outcome, attempted_at FROM contact_attempts WHERE case_id = $1',
      [caseId],
    );
    return suggestUnableToContact(rows.map((r) => ({ outcome: r.outcome, attemptedAt: new Date(r.attempted_at).toISOString() })));
  }
}
