import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, type AuditRecord } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, CasesService } from '@lantern/api/cases';
import { bodyObject, nonBlankText, ProblemException, Problems, UUID } from '@lantern/api/core';
import { CaseEntity, ContactAttemptEntity, Database, UserEntity } from '@lantern/api/data-access';
import {
  canTransition,
  CLOSING_STATUSES,
  CLOSURE_REASONS_BY_STATUS,
  isReopen,
  CASE_STATUSES,
  checkContact,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  isValidWindow,
  needsReason,
  nextSafeWindowStart,
  OPEN_STATUSES,
  planFromReport,
  type CaseStatus,
  type CaseSummary,
  type ContactAttemptRecord,
  type ContactChannel,
  type ContactOutcome,
  type FieldError,
  type PoliceReport,
  type SafeContactPlan,
  type SafeContactView,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';




/** Checks the optional `version` the update was based on; a stale one is a 409 that carries the current case. */
function checkVersion(body: Record<string, unknown>, current: number, errors: FieldError[]): void {
  const v = body['version'];
  if (v === undefined) return;
  if (!Number.isInteger(v)) errors.push({ path: '/version', message: 'must be the case version the change was based on' });
  else if (v !== current) {
    throw new ProblemException(409, 'stale-version', 'Conflict', `The case changed since version ${v as number} (now ${current}): reload it.`);
  }
}

/**
 * Casework: claim, assign, next case, status changes, the safe-contact plan and contact attempts. Every write is
 * one CaseChanges unit of work: its audit entries and outbox row in the transaction, the event after commit.
 */
@Injectable()
export class CaseworkService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
    private readonly cases: CasesService,
  ) {}

  private async locked(m: EntityManager, caseId: string): Promise<CaseEntity> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const c = await m.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw Problems.notFound('No such case.');
    return c;
  }

  /**
   * Claims an unassigned open case. The conditional UPDATE is the lock: under any number of simultaneous
   * claims, from any number of API instances, exactly one row update succeeds.
   */
  async claim(user: AuthUser, caseId: string, body: unknown = {}, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const event = await this.changes.run(now, async (tx, m) => {
      const [rows]: [Array<{ version: number }>, number] = await m.query(
        `UPDATE cases SET assignee_id = $2, assigned_at = COALESCE(assigned_at, $3), version = version + 1
          WHERE id = $1 AND assignee_id IS NULL AND status = ANY($4::text[]) ${Number.isInteger(b['version']) ? 'AND version = $5' : ''}
          RETURNING version`,
        [caseId, user.id, now, [...OPEN_STATUSES], ...(Number.isInteger(b['version']) ? [b['version']] : [])],
      );
      if (!rows.length) {
        const current: Array<{ assignee: string | null; status: string; version: number }> = await m.query(
          'SELECT u.display_name AS assignee, c.status, c.version FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = $1',
          [caseId],
        );
        if (!current.length) throw Problems.notFound('No such case.');
        const c = current[0];
        if (c.assignee) throw Problems.conflict('already-claimed', `Already claimed by ${c.assignee}.`);
        if (!OPEN_STATUSES.includes(c.status as CaseStatus)) throw Problems.conflict('case-closed', `The case is ${c.status}.`);
        throw Problems.conflict('stale-version', `The case changed (now version ${c.version}): reload it.`);
      }
      return tx.caseChanged(caseId, Number(rows[0].version), [
        { actor: { type: 'user', id: user.id }, action: 'case.claimed', entityType: 'case', entityId: caseId },
      ]);
    });
    return event.case;
  }

  /** "Next case": claims the highest-priority unassigned open case, trying the next one if someone was quicker. */
  async next(user: AuthUser, now = new Date()): Promise<CaseSummary> {
    const [me] = await this.db.query<{ availability: string }>('SELECT availability FROM users WHERE id = $1', [user.id]);
    if (me?.availability === 'away') throw Problems.conflict('not-available', 'You are set to Away: set yourself Available to take the next case.');
    const waiting = (await this.cases.unassignedInOrder(now)).slice(0, 20);
    for (const c of waiting) {
      try {
        return await this.claim(user, c.id, {}, now);
      } catch (err) {
        if (err instanceof ProblemException && err.status === 409) continue;
        throw err;
      }
    }
    throw Problems.notFound('No unassigned case is waiting.');
  }

  /** A team lead assigns or reassigns a case to a caseworker or team lead (or unassigns with userId null). */
  async assign(lead: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<CaseSummary> {
    const b = bodyObject(body);
    const userId = b['userId'];
    const errors: FieldError[] = [];
    if (userId !== null && (typeof userId !== 'string' || !UUID.test(userId))) errors.push({ path: '/userId', message: 'must be a user id or null' });
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkVersion(b, c.version, errors);
      if (errors.length) throw Problems.validation(errors);
      if (typeof userId === 'string') {
        const u = await m.findOne(UserEntity, { where: { id: userId, active: true } });
        if (!u || !u.roles.some((r) => r === 'caseworker' || r === 'team-lead')) {
          throw Problems.validation([{ path: '/userId', message: 'must be an active caseworker or team lead' }]);
        }
      }
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { assigneeId: (userId as string | null) ?? null, assignedAt: c.assignedAt ?? (userId ? now : null), version });
      return tx.caseChanged(caseId, version, [
        { actor: { type: 'user', id: lead.id }, action: 'case.assigned', entityType: 'case', entityId: caseId, details: { from: c.assigneeId, to: userId } },
      ]);
    });
    return event.case;
  }

  /** Moves a case along the lifecycle table; closing or reopening needs a reason. */
  async setStatus(user: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<CaseSummary> {
    const b = bodyObject(body);
    const to = b['status'] as CaseStatus;
    const reason = nonBlankText(b['reason'], 2000);
    const errors: FieldError[] = [];
    if (!(CASE_STATUSES as readonly string[]).includes(to)) errors.push({ path: '/status', message: `must be one of: ${CASE_STATUSES.join(', ')}` });
    if (b['reason'] !== undefined && reason === null) errors.push({ path: '/reason', message: 'must be text up to 2000 characters' });
    const closing = (CLOSING_STATUSES as readonly string[]).includes(to) ? (to as keyof typeof CLOSURE_REASONS_BY_STATUS) : null;
    const allowed: readonly string[] = closing ? CLOSURE_REASONS_BY_STATUS[closing] : [];
    if (b['closureReason'] !== undefined && !allowed.includes(b['closureReason'] as string)) {
      errors.push({ path: '/closureReason', message: closing ? `must be one of: ${allowed.join(', ')}` : 'only a closing status takes a closure reason' });
    }
    if (errors.length) throw Problems.validation(errors);
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkVersion(b, c.version, errors);
      const from = c.status as CaseStatus;
      if (!canTransition(from, to)) throw Problems.conflict('illegal-transition', `A case cannot move from ${from} to ${to}.`);
      if (needsReason(from, to) && !reason) {
        throw new ProblemException(422, 'reason-required', 'Reason required', `Moving from ${from} to ${to} needs a reason.`, [{ path: '/reason', message: 'is required' }]);
      }
      const version = c.version + 1;
      // Entering a closing status records when and why (for outcomes); reopening clears it.
      const closure = closing
        ? { closedAt: now, closureReason: (b['closureReason'] as string | undefined) ?? allowed[0], closureNote: reason }
        : isReopen(from, to)
          ? { closedAt: null, closureReason: null, closureNote: null }
          : {};
      await m.update(CaseEntity, { id: caseId }, { status: to, version, ...closure });
      return tx.caseChanged(caseId, version, [
        { actor: { type: 'user', id: user.id }, action: 'case.status-changed', entityType: 'case', entityId: caseId, details: { from, to, reason: !!reason, ...(closing ? { closureReason: closure.closureReason } : {}) } },
      ]);
    });
    return event.case;
  }

  private async planOf(m: EntityManager, c: CaseEntity): Promise<SafeContactPlan> {
    const stored = c.safeContactPlan as Partial<SafeContactPlan> | null;
    if (stored && Array.isArray(stored.numbers)) return stored as SafeContactPlan;
    const [r]: Array<{ body: PoliceReport }> = await m.query('SELECT body FROM reports WHERE case_id = $1 AND revision = $2', [c.id, c.currentRevision]);
    return planFromReport(r.body);
  }

  /** The plan and contact state of a case, in the caller's transaction. */
  async safeContactIn(m: EntityManager, caseId: string, now = new Date()): Promise<SafeContactView> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const c = await m.findOne(CaseEntity, { where: { id: caseId } });
    if (!c) throw Problems.notFound('No such case.');
    const plan = await this.planOf(m, c);
    return {
      plan,
      consentToContact: c.consentToContact,
      contactPaused: c.contactPaused,
      nextSafeWindowAt: plan.timeRule === 'windows' ? nextSafeWindowStart(now.toISOString(), plan.windows) : null,
      editedAt: c.safeContactPlanEditedAt?.toISOString() ?? null,
    };
  }

  async safeContact(user: AuthUser, caseId: string, now = new Date()): Promise<SafeContactView> {
    return this.db.transaction(async (m) => {
      const view = await this.safeContactIn(m, caseId, now);
      await this.audit.record(m, { actor: { type: 'user', id: user.id }, action: 'case.safe-contact-read', entityType: 'case', entityId: caseId });
      return view;
    });
  }

  /** A caseworker confirms or edits the plan: numbers (whose), windows, channels, code word. */
  async updateSafeContact(user: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<SafeContactView> {
    const b = bodyObject(body);
    const plan = parsePlan(b['plan']);
    await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      const errors: FieldError[] = [];
      checkVersion(b, c.version, errors);
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { safeContactPlan: plan, safeContactPlanEditedAt: now, version });
      return tx.caseChanged(caseId, version, [
        {
          actor: { type: 'user', id: user.id },
          action: 'case.safe-contact-updated',
          entityType: 'case',
          entityId: caseId,
          details: { channels: plan.channels, windows: plan.windows.length, numbers: plan.numbers.length, timeRule: plan.timeRule },
        },
      ]);
    });
    return this.safeContact(user, caseId, now);
  }

  /**
   * Records a contact attempt, or refuses it (422 unsafe-contact naming each rule) unless an override with a
   * written reason is given; overrides are audited. "Someone else answered" pauses contact for a team lead.
   */
  async attempt(user: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<ContactAttemptRecord> {
    const b = bodyObject(body);
    const errors: FieldError[] = [];
    for (const k of Object.keys(b)) {
      if (!['channel', 'to', 'at', 'outcome', 'notes', 'override', 'version', 'callbackId'].includes(k)) errors.push({ path: `/${k}`, message: 'is not a field of a contact attempt' });
    }
    const channel = b['channel'] as ContactChannel;
    if (!(CONTACT_CHANNELS as readonly string[]).includes(channel)) errors.push({ path: '/channel', message: `must be one of: ${CONTACT_CHANNELS.join(', ')}` });
    const to = b['to'] === undefined || b['to'] === null ? null : nonBlankText(b['to'], 200);
    if (b['to'] !== undefined && b['to'] !== null && to === null) errors.push({ path: '/to', message: 'must be a phone number or address' });
    const at = b['at'] === undefined ? now.toISOString() : typeof b['at'] === 'string' && !Number.isNaN(Date.parse(b['at'])) && /(Z|[+-]\d\d:?\d\d)$/i.test(b['at']) ? new Date(b['at']).toISOString() : null;
    if (at === null) errors.push({ path: '/at', message: 'must be an ISO 8601 date-time with a zone' });
    else if (Date.parse(at) > now.getTime() + 15 * 60_000) errors.push({ path: '/at', message: 'must not be in the future' });
    const outcome = b['outcome'] === undefined || b['outcome'] === null ? null : (b['outcome'] as ContactOutcome);
    if (outcome !== null && !(CONTACT_OUTCOMES as readonly string[]).includes(outcome)) errors.push({ path: '/outcome', message: `must be one of: ${CONTACT_OUTCOMES.join(', ')}` });
    const notes = b['notes'] === undefined || b['notes'] === null ? null : nonBlankText(b['notes'], 5000);
    if (b['notes'] !== undefined && b['notes'] !== null && notes === null) errors.push({ path: '/notes', message: 'must be text up to 5000 characters' });
    let overrideReason: string | null = null;
    if (b['override'] !== undefined && b['override'] !== null) {
      const o = b['override'] as Record<string, unknown>;
      overrideReason = o && typeof o === 'object' ? nonBlankText(o['reason'], 2000) : null;
      if (!overrideReason) errors.push({ path: '/override/reason', message: 'an override needs a written reason' });
    }
    const callbackId = b['callbackId'];
    if (callbackId !== undefined && (typeof callbackId !== 'string' || !UUID.test(callbackId))) errors.push({ path: '/callbackId', message: 'must be a call-back id' });
    if (errors.length) throw Problems.validation(errors);

    return this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkVersion(b, c.version, errors);
      const plan = await this.planOf(m, c);
      const violations = checkContact(plan, { channel, to: to ?? undefined, at: at as string }, {
        consentToContact: c.consentToContact as 'given' | 'refused' | 'not-asked',
        paused: c.contactPaused,
        suspectNumbers: [],
      });
      if (violations.length && !overrideReason) {
        const p = new ProblemException(
          422,
          'unsafe-contact',
          'Unsafe contact refused',
          violations.map((v) => v.message).join(' '),
          violations.map((v) => ({ path: v.rule === 'channel-not-allowed' ? '/channel' : v.rule === 'outside-safe-window' ? '/at' : ['number-not-on-plan', 'suspect-number', 'email-not-on-plan'].includes(v.rule) ? '/to' : '/', message: v.message })),
        );
        p.extra = { rule: violations[0].rule, rules: violations.map((v) => v.rule) };
        throw p;
      }
      const id = randomUUID();
      await m.insert(ContactAttemptEntity, {
        id,
        caseId,
        channel,
        toAddress: to,
        attemptedAt: new Date(at as string),
        recordedAt: now,
        madeBy: user.id,
        outcome,
        notes,
        overrideReason: violations.length ? overrideReason : null,
        overriddenRules: violations.map((v) => v.rule),
      });
      if (typeof callbackId === 'string') {
        const [done]: [unknown[], number] = await m.query(
          "UPDATE callbacks SET status = 'done', done_attempt_id = $1 WHERE id = $2 AND case_id = $3 AND status = 'pending' RETURNING id",
          [id, callbackId, caseId],
        );
        if (!done.length) throw Problems.validation([{ path: '/callbackId', message: 'is not a pending call-back of this case' }]);
      }
      const status = c.status === 'new' || c.status === 'triage' ? 'contacting' : c.status;
      const paused = c.contactPaused || outcome === 'someone-else-answered';
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { firstContactAt: c.firstContactAt ?? new Date(at as string), status, contactPaused: paused, version });
      const audit: AuditRecord[] = [
        { actor: { type: 'user', id: user.id }, action: 'contact.attempted', entityType: 'case', entityId: caseId, details: { attemptId: id, channel, outcome } },
      ];
      if (violations.length) {
        audit.push({ actor: { type: 'user', id: user.id }, action: 'contact.override', entityType: 'case', entityId: caseId, details: { attemptId: id, rules: violations.map((v) => v.rule) } });
      }
      if (paused && !c.contactPaused) audit.push({ actor: { type: 'user', id: user.id }, action: 'contact.paused', entityType: 'case', entityId: caseId, details: { attemptId: id } });
      if (status !== c.status) audit.push({ actor: { type: 'user', id: user.id }, action: 'case.status-changed', entityType: 'case', entityId: caseId, details: { from: c.status, to: status } });
      await tx.caseChanged(caseId, version, audit);
      const rec: ContactAttemptRecord = {
        id,
        channel,
        to,
        attemptedAt: at as string,
        recordedAt: now.toISOString(),
        by: { id: user.id, displayName: user.displayName },
        outcome,
        notes,
        override: violations.length ? { reason: overrideReason as string, rules: violations.map((v) => v.rule) } : null,
      };
      return rec;
    });
  }

  async attempts(user: AuthUser, caseId: string): Promise<ContactAttemptRecord[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const rows: Array<{ id: string; channel: ContactChannel; to_address: string | null; attempted_at: Date; recorded_at: Date; made_by: string; display_name: string; outcome: ContactOutcome | null; notes: string | null; override_reason: string | null; overridden_rules: string[] }> =
        await m.query(
          `SELECT a.*, u.display_name FROM contact_attempts a JOIN users u ON u.id = a.made_by WHERE a.case_id = $1 ORDER BY a.attempted_at DESC, a.id`,
          [caseId],
        );
      await this.audit.record(m, { actor: { type: 'user', id: user.id }, action: 'case.contact-read', entityType: 'case', entityId: caseId });
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        to: r.to_address,
        attemptedAt: new Date(r.attempted_at).toISOString(),
        recordedAt: new Date(r.recorded_at).toISOString(),
        by: { id: r.made_by, displayName: r.display_name },
        outcome: r.outcome,
        notes: r.notes,
        override: r.override_reason ? { reason: r.override_reason, rules: r.overridden_rules } : null,
      }));
    });
  }

  /** A team lead resumes paused contact, with a reason. */
  async resume(lead: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<CaseSummary> {
    const b = bodyObject(body);
    if (!nonBlankText(b['reason'], 2000)) throw Problems.validation([{ path: '/reason', message: 'is required' }]);
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      if (!c.contactPaused) throw Problems.conflict('not-paused', 'Contact is not paused.');
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { contactPaused: false, version });
      return tx.caseChanged(caseId, version, [
        { actor: { type: 'user', id: lead.id }, action: 'contact.resumed', entityType: 'case', entityId: caseId },
      ]);
    });
    return event.case;
  }
}

/** Validates a safe-contact plan sent by a caseworker. */
export function parsePlan(raw: unknown): SafeContactPlan {
  const errors: FieldError[] = [];
  const p = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : null) as Record<string, unknown> | null;
  if (!p) throw Problems.validation([{ path: '/plan', message: 'is required' }]);
  const numbers = Array.isArray(p['numbers']) ? p['numbers'] : (errors.push({ path: '/plan/numbers', message: 'must be a list' }), []);
  numbers.forEach((n: Record<string, unknown>, i: number) => {
    if (!n || typeof n['number'] !== 'string' || !/^[0-9+ ()-]{6,30}$/.test(n['number'])) errors.push({ path: `/plan/numbers/${i}/number`, message: 'must be a phone number' });
    if (!['victim', 'suspect', 'other'].includes(n?.['owner'] as string)) errors.push({ path: `/plan/numbers/${i}/owner`, message: 'must be victim, suspect or other' });
    if (typeof n?.['safe'] !== 'boolean') errors.push({ path: `/plan/numbers/${i}/safe`, message: 'must be true or false' });
    if (n?.['owner'] === 'suspect' && n?.['safe'] === true) errors.push({ path: `/plan/numbers/${i}/safe`, message: 'a suspect’s number is never safe' });
  });
  const emails = Array.isArray(p['emails']) ? p['emails'] : [];
  emails.forEach((e: unknown, i: number) => {
    if (typeof e !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(e)) errors.push({ path: `/plan/emails/${i}`, message: 'must be an email address' });
  });
  const windows = Array.isArray(p['windows']) ? p['windows'] : (errors.push({ path: '/plan/windows', message: 'must be a list' }), []);
  windows.forEach((w: unknown, i: number) => {
    if (!isValidWindow(w as never)) errors.push({ path: `/plan/windows/${i}`, message: 'must be {days: [mon…sun], from: "HH:mm", to: "HH:mm"} with from before to' });
  });
  const channels = Array.isArray(p['channels']) ? p['channels'] : (errors.push({ path: '/plan/channels', message: 'must be a list' }), []);
  channels.forEach((c: unknown, i: number) => {
    if (!(CONTACT_CHANNELS as readonly unknown[]).includes(c)) errors.push({ path: `/plan/channels/${i}`, message: `must be one of: ${CONTACT_CHANNELS.join(', ')}` });
  });
  const timeRule = p['timeRule'] ?? (windows.length ? 'windows' : 'any');
  if (!['any', 'windows'].includes(timeRule as string)) errors.push({ path: '/plan/timeRule', message: 'must be any or windows' });
  if (timeRule === 'windows' && windows.length === 0) errors.push({ path: '/plan/windows', message: 'needs at least one window when timeRule is windows' });
  for (const k of ['codeWord', 'notes', 'safeTimesText'] as const) {
    if (p[k] !== undefined && p[k] !== null && (typeof p[k] !== 'string' || (p[k] as string).length > 1000)) errors.push({ path: `/plan/${k}`, message: 'must be text up to 1000 characters' });
  }
  if (errors.length) throw Problems.validation(errors);
  return {
    numbers: numbers.map((n: Record<string, unknown>) => ({ number: n['number'] as string, owner: n['owner'] as 'victim', safe: n['safe'] as boolean, ...(typeof n['label'] === 'string' ? { label: n['label'] } : {}) })),
    emails: emails as string[],
    windows: windows as SafeContactPlan['windows'],
    channels: [...new Set(channels as ContactChannel[])],
    codeWord: (p['codeWord'] as string) ?? null,
    safeTimesText: (p['safeTimesText'] as string) ?? null,
    timeRule: timeRule as 'any' | 'windows',
    notes: (p['notes'] as string) ?? null,
  };
}
