import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, CaseReadAudit, CaseVisibility, lockCase, sinceVictimChange } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CallbackEntity, Database } from '@lantern/api/data-access';
import {
  CALLBACK_GRACE_MS,
  can,
  consentSaysNo,
  isMissedCallback,
  timeRuleProblem,
  isOutOfHours,
  CALLBACK_CONSENT_REFUSED_MESSAGE,
  CALLBACK_CONTACT_PAUSED_MESSAGE,
  POLICE_REVISED_CONTACT_MESSAGE,
  SAFE_TIMES_UNCONFIRMED_MESSAGE,
  suggestUnableToContact,
  type CallbackRecord,
  type CallbackRequest,
  type CancelCallbackRequest,
  type DueCallbacksQuery,
  type EffectiveConsentValue,
  type RescheduleCallbackRequest,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { bumpCaseVersion } from './case-version';
import { CaseworkService, instant } from './casework.service';

/**
 * Call-backs: scheduling one inside the victim's safe times, a case's call-backs, the ones due now, the missed
 * ones (for the team lead's alerts), and the contact summary that says when to stop calling back.
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    private readonly changes: CaseChanges,
    private readonly casework: CaseworkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A due time the caller gave: a real instant, not in the past (a minute's grace for clocks). */
  private dueAt(value: string, now: Date): Date {
    const dueAt = instant(value, '/dueAt');
    if (dueAt.getTime() < now.getTime() - 60_000) throw Problems.validation([{ path: '/dueAt', message: 'must be in the future' }]);
    return dueAt;
  }

  /**
   * A call-back time must be inside the victim's confirmed safe times and the hub's staffed hours (422 unsafe-callback
   * naming the rules: `consent-refused`, `contact-paused`, `police-revised-contact` (a safe number a police revision
   * withdrew, until the plan is reviewed), `safe-times-unconfirmed` while the officer's times are not confirmed, `outside-safe-window`,
   * `outside-staffed-hours`), whether it is scheduled or moved.
   */
  private async checkTime(m: EntityManager, caseId: string, dueAt: Date): Promise<void> {
    const view = await this.casework.safeContactIn(m, caseId);
    const due = dueAt.toISOString();
    const rules: string[] = [];
    // No one promises to phone a victim who said no (the contact rule refuses the call itself).
    if (consentSaysNo(view.consentToContact as EffectiveConsentValue | null)) rules.push('consent-refused');
    // Nor while contact is paused after someone else answered: the prompt to call would come before a team lead decided
    // it is safe to try again (the contact rule refuses the call itself).
    if (view.contactPaused) rules.push('contact-paused');
    // Nor while a police revision has withdrawn a safe number: the number to call may be it until the plan is reviewed.
    if (view.revisedSafeContact?.withdrawnNumbers.length) rules.push('police-revised-contact');
    const time = timeRuleProblem(view.plan, due);
    if (time) rules.push(time);
    if (isOutOfHours(due, this.config.triage.calendar)) rules.push('outside-staffed-hours');
    if (rules.length) {
      const p = new ProblemException(
        422,
        'unsafe-callback',
        'Call-back time refused',
        rules[0] === 'consent-refused'
          ? CALLBACK_CONSENT_REFUSED_MESSAGE
          : rules[0] === 'contact-paused'
            ? CALLBACK_CONTACT_PAUSED_MESSAGE
            : rules[0] === 'police-revised-contact'
              ? POLICE_REVISED_CONTACT_MESSAGE
              : rules[0] === 'safe-times-unconfirmed'
                ? SAFE_TIMES_UNCONFIRMED_MESSAGE
                : 'A call-back must be inside the victim’s safe times and the hub’s staffed hours.',
        [{ path: '/dueAt', message: rules.join(', ') }],
      );
      p.extra = { rule: rules[0], rules };
      throw p;
    }
  }

  /** Schedules a call-back; it must fall inside the victim's safe times and the hub's staffed hours. */
  async scheduleCallback(user: AuthUser, caseId: string, body: CallbackRequest, now = new Date()): Promise<CallbackRecord> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const dueAt = this.dueAt(body.dueAt, now);
    const notes = body.notes ?? null;
    return this.changes.run(now, async (tx, m) => {
      // The case first: a call-back scheduled beside a refusal of contact (which cancels pending call-backs under the
      // same lock) either sees the refusal and is refused, or is in place before it and cancelled with the rest.
      await lockCase(m, caseId);
      await this.checkTime(m, caseId, dueAt);
      const due = dueAt.toISOString();
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

  /** The call-back, locked for the change (its case first); 404 when there is none, 409 `callback-not-pending` once done or cancelled. */
  private async pending(m: EntityManager, callbackId: string): Promise<CallbackEntity> {
    if (!UUID.test(callbackId)) throw Problems.notFound('No such call-back.');
    // The case first, then the call-back: the order a consent record or a police revision takes (case row, then its
    // call-backs), so the two never wait on each other.
    const [owner]: Array<{ case_id: string }> = await m.query('SELECT case_id FROM callbacks WHERE id = $1', [callbackId]);
    if (owner) await lockCase(m, owner.case_id);
    const cb = await m.findOne(CallbackEntity, { where: { id: callbackId }, lock: { mode: 'pessimistic_write' } });
    if (!cb) throw Problems.notFound('No such call-back.');
    if (cb.status !== 'pending') throw Problems.conflict('callback-not-pending', `The call-back is already ${cb.status}.`);
    return cb;
  }

  /** Cancels a pending call-back (with an optional reason, kept on the call-back; the audit says only whether there was one). */
  async cancel(user: AuthUser, callbackId: string, body: CancelCallbackRequest, now = new Date()): Promise<CallbackRecord> {
    const reason = body.reason?.trim() || null;
    return this.changes.run(now, async (tx, m) => {
      const cb = await this.pending(m, callbackId);
      await m.update(CallbackEntity, { id: cb.id }, { status: 'cancelled', cancelledAt: now, cancelledBy: user.id, cancelReason: reason });
      await bumpCaseVersion(tx, cb.caseId, user.id, 'callback.cancelled', { callbackIds: [cb.id], because: 'cancelled', reason: !!reason });
      const [row] = await this.callbacksWhere(m, 'cb.id = $1', [cb.id], now);
      return row;
    });
  }

  /**
   * Moves a pending call-back to a new time: in the future, inside the victim's safe times and the hub's staffed
   * hours (422 unsafe-callback, as when scheduling). New notes replace the old when given.
   */
  async reschedule(user: AuthUser, callbackId: string, body: RescheduleCallbackRequest, now = new Date()): Promise<CallbackRecord> {
    const dueAt = this.dueAt(body.dueAt, now);
    return this.changes.run(now, async (tx, m) => {
      const cb = await this.pending(m, callbackId);
      await this.checkTime(m, cb.caseId, dueAt);
      await m.update(CallbackEntity, { id: cb.id }, { dueAt, ...(body.notes !== undefined ? { notes: body.notes } : {}) });
      await bumpCaseVersion(tx, cb.caseId, user.id, 'callback.rescheduled', {
        callbackId: cb.id,
        from: new Date(cb.dueAt).toISOString(),
        to: dueAt.toISOString(),
      });
      const [row] = await this.callbacksWhere(m, 'cb.id = $1', [cb.id], now);
      return row;
    });
  }

  private async callbacksWhere(m: Pick<EntityManager, 'query'>, where: string, params: unknown[], now: Date): Promise<CallbackRecord[]> {
    const rows: Array<{
      id: string;
      case_id: string;
      reference: string;
      due_at: Date;
      assigned_to: string;
      display_name: string;
      status: CallbackRecord['status'];
      notes: string | null;
      cancelled_at: Date | null;
      cancelled_by: string | null;
      canceller: string | null;
      cancel_reason: string | null;
    }> = await m.query(
      `SELECT cb.id, cb.case_id, c.reference, cb.due_at, cb.assigned_to, u.display_name, cb.status, cb.notes,
              cb.cancelled_at, cb.cancelled_by, x.display_name AS canceller, cb.cancel_reason
           FROM callbacks cb JOIN cases c ON c.id = cb.case_id JOIN users u ON u.id = cb.assigned_to
           LEFT JOIN users x ON x.id = cb.cancelled_by
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
      missed: isMissedCallback({ status: r.status, dueAt: new Date(r.due_at).toISOString() }, now.getTime()),
      notes: r.notes,
      cancelled:
        r.status === 'cancelled'
          ? {
              at: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
              by: r.cancelled_by ? { id: r.cancelled_by, displayName: r.canceller ?? '' } : null,
              reason: r.cancel_reason,
            }
          : null,
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
   * "Due now": my pending call-backs due within the next `withinMinutes` (15 unless asked) or already due. Team leads
   * may ask for everyone's (scope=all), which also shows the missed ones. Either way only call-backs of cases the
   * caller may see (a restricted case off their list is not named, case-access.ts).
   */
  async due(user: AuthUser, scope: DueCallbacksQuery['scope'], withinMinutes = 15, now = new Date()): Promise<CallbackRecord[]> {
    if (scope === 'all' && !can(user.roles, 'team.manage')) throw Problems.forbidden('Only team leads see everyone’s call-backs.');
    const horizon = new Date(now.getTime() + withinMinutes * 60_000);
    return this.db.transaction(async (m) => {
      const all =
        scope === 'all'
          ? await this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at <= $1", [horizon], now)
          : await this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at <= $1 AND cb.assigned_to = $2", [horizon, user.id], now);
      const list = (
        await CaseVisibility.forCases(
          m,
          all.map((c) => c.caseId),
          now,
        )
      ).filter(user, all, (c) => c.caseId);
      // A list read: every case it names, counted towards the bulk-read alarm (CaseReadAudit.LIST_ACTIONS).
      if (list.length) await this.reads.recordList(m, user.id, 'callbacks.due-read', [...new Set(list.map((c) => c.caseId))]);
      return list;
    });
  }

  /** Pending call-backs more than CALLBACK_GRACE_MS past their time, read through `m` (a transaction's, or prepared reads). */
  missed(m: Pick<EntityManager, 'query'>, now: Date): Promise<CallbackRecord[]> {
    return this.callbacksWhere(m, "cb.status = 'pending' AND cb.due_at < $1", [new Date(now.getTime() - CALLBACK_GRACE_MS)], now);
  }

  /** Failed attempts so far, and whether to suggest closing as unable-to-contact (an audited read of the case). */
  async contactSummary(user: AuthUser, caseId: string): Promise<{ suggest: boolean; failed: number; days: number }> {
    return this.db.transaction(async (m) => {
      // Attempts to reach the current victim only: before a police revision named another person, they were hers.
      const rows: Array<{ outcome: string | null; attempted_at: Date }> = await m.query(
        `SELECT a.outcome, a.attempted_at FROM contact_attempts a JOIN cases c ON c.id = a.case_id
          WHERE a.case_id = $1 AND ${sinceVictimChange('a.attempted_at')}`,
        [caseId],
      );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.contact-summary-read',
        entityType: 'case',
        entityId: caseId,
      });
      return suggestUnableToContact(rows.map((r) => ({ outcome: r.outcome, attemptedAt: new Date(r.attempted_at).toISOString() })));
    });
  }
}
