import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService, type AuditRecord } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import {
  cancelPendingCallbacks,
  CaseChanges,
  CasesService,
  checkCaseVersion,
  childrensServicesState,
  knownSuspectNumbers,
  loadCaseAccessFacts,
  loadSummaries,
  notOnAccessList,
  replaceHubSuspectNumbers,
  lockedCase,
  policeSafeContactsOf,
  savedPlan,
  sinceVictimChange,
} from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity, ClosingOverrideEntity, ContactAttemptEntity, Database, UserEntity } from '@lantern/api/data-access';
import {
  CLOSING_BLOCKER_TITLES,
  HUB_TIME_ZONE,
  can,
  closingBlockers,
  londonDaysCount,
  canTransition,
  CLOSING_STATUSES,
  CLOSURE_REASONS_BY_STATUS,
  isReopen,
  checkContact,
  isValidWindow,
  needsReason,
  nextSafeWindowStart,
  bindingRules,
  CONFIRMED_VICTIM_PHONE_LABEL,
  UNCONFIRMED_VICTIM_PHONE_LABEL,
  phoneKeysIn,
  isSuspectNumber,
  OPEN_STATUSES,
  planFromReport,
  policeRevision,
  policeSafeContact,
  policeSafeContactOfAll,
  settleSafeToTalk,
  suggestSafeTimes,
  timeRuleProblem,
  type AssignCaseRequest,
  type CaseStatusRequest,
  type ClaimCaseRequest,
  type ContactAttemptRequest,
  type ReleaseCaseRequest,
  type ResumeContactRequest,
  type SafeContactUpdateRequest,
  type SafeTimesConfirmRequest,
  type SafeTimesSuggestion,
  type SafeWindow,
  type CaseStatus,
  type CaseSummary,
  type ContactAttemptRecord,
  type ContactChannel,
  type ContactOutcome,
  type EffectiveConsentValue,
  type FieldError,
  type PoliceReport,
  type PoliceSafeContact,
  type RevisedSafeContact,
  type SafeContactPlan,
  type SafeContactView,
  type Role,
  maySeeCase,
  onAccessList,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/** A date-time the contract accepted as RFC 3339 that JavaScript cannot represent (e.g. a leap second) is a 400. */
export function instant(value: string, path: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw Problems.validation([{ path, message: 'must be an ISO 8601 date-time with a zone' }]);
  return d;
}

/** Why a call-back was cancelled when its case closed. */
export const CASE_CLOSED_CANCEL_REASON = 'The case was closed.';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async locked(m: EntityManager, caseId: string): Promise<CaseEntity> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const c = await lockedCase(m, caseId);
    if (!c) throw Problems.notFound('No such case.');
    return c;
  }

  /**
   * Claims an unassigned open case. The conditional UPDATE is the lock: under any number of simultaneous
   * claims, from any number of API instances, exactly one row update succeeds. A restricted case is claimed only by
   * someone on its access list (case-access.ts, `onAccessList`): the condition is in the UPDATE itself, so a case
   * restricted after the caller's guard or list read is not claimed (the UPDATE re-reads a row a concurrent
   * restriction changed before it applies).
   */
  async claim(user: AuthUser, caseId: string, body: ClaimCaseRequest = {}, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const expected = body.version;
    const event = await this.changes.run(now, async (tx, m) => {
      const [rows]: [Array<{ version: number }>, number] = await m.query(
        `UPDATE cases SET assignee_id = $2, assigned_at = COALESCE(assigned_at, $3), version = version + 1
          WHERE id = $1 AND assignee_id IS NULL AND status = ANY($4::text[])
            AND (NOT restricted OR $2::uuid = ANY(access_list)) ${expected !== undefined ? 'AND version = $5' : ''}
          RETURNING version`,
        [caseId, user.id, now, [...OPEN_STATUSES], ...(expected !== undefined ? [expected] : [])],
      );
      if (!rows.length) {
        // Why not: a case the caller may not see is the 404 of a missing case, before anything about its state.
        const facts = await loadCaseAccessFacts(m, caseId, now);
        if (!facts || !maySeeCase(user, facts, now)) throw Problems.notFound('No such case.');
        if (!onAccessList(user, facts)) throw notOnAccessList();
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

  /**
   * "Next case": claims the highest-priority unassigned open case, trying the next one if someone was quicker. The
   * waiting list holds what the user may see, break-glass cases included; the claim takes only cases the user may
   * claim (a restricted one needs its access list), so those are skipped, as is one restricted meanwhile.
   */
  async next(user: AuthUser, now = new Date()): Promise<CaseSummary> {
    const [me] = await this.db.query<{ availability: string }>('SELECT availability FROM users WHERE id = $1', [user.id]);
    if (me?.availability === 'away')
      throw Problems.conflict('not-available', 'You are set to Away: set yourself Available to take the next case.');
    const waiting = await this.cases.unassignedInOrder(user, 20, now);
    for (const c of waiting) {
      try {
        return await this.claim(user, c.id, {}, now);
      } catch (err) {
        if (err instanceof ProblemException && (err.status === 409 || err.status === 404 || err.problemType === 'not-on-access-list'))
          continue;
        throw err;
      }
    }
    throw Problems.notFound('No unassigned case is waiting.');
  }

  /** A team lead assigns or reassigns a case to a caseworker or team lead (or unassigns with userId null). */
  async assign(lead: AuthUser, caseId: string, body: AssignCaseRequest, now = new Date()): Promise<CaseSummary> {
    const userId = body.userId;
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      if (userId !== null) {
        const u = await m.findOne(UserEntity, { where: { id: userId, active: true } });
        // Only someone the permission table lets work cases can be given one; a stored role the table does not know grants nothing.
        if (!u || !can(u.roles as Role[], 'case.work')) {
          throw Problems.validation([{ path: '/userId', message: 'must be an active caseworker or team lead' }]);
        }
        // A restricted case goes only to someone on its access list (case-access.ts); a break-glass grant is not enough.
        const facts = await loadCaseAccessFacts(m, caseId, now);
        if (facts && !onAccessList(u, facts)) {
          throw Problems.validation([{ path: '/userId', message: 'must be on the access list of this restricted case' }]);
        }
      }
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { assigneeId: userId, assignedAt: c.assignedAt ?? (userId ? now : null), version });
      return tx.caseChanged(caseId, version, [
        {
          actor: { type: 'user', id: lead.id },
          action: 'case.assigned',
          entityType: 'case',
          entityId: caseId,
          details: { from: c.assigneeId, to: userId },
        },
      ]);
    });
    return event.case;
  }

  /**
   * "Give back": the assignee returns a claimed case to the queue (unassigned, open to Next case again). A team lead
   * may release anyone's. 409 `not-assigned` when nobody has it, `not-assignee` when someone else has it and the
   * caller is not a team lead, `case-closed` when it is no longer open. The SLA assignment clock stays stopped
   * (`assigned_at` is kept): the hub did pick the case up in time. Pending call-backs stay with whoever scheduled them.
   */
  async release(user: AuthUser, caseId: string, body: ReleaseCaseRequest = {}, now = new Date()): Promise<CaseSummary> {
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      if (!c.assigneeId) throw Problems.conflict('not-assigned', 'The case is not claimed by anyone: there is nothing to give back.');
      if (c.assigneeId !== user.id && !can(user.roles, 'case.assign')) {
        const [holder]: Array<{ display_name: string }> = await m.query('SELECT display_name FROM users WHERE id = $1', [c.assigneeId]);
        throw Problems.conflict(
          'not-assignee',
          `Claimed by ${holder?.display_name ?? 'someone else'}: only they or a team lead can give it back.`,
        );
      }
      if (!OPEN_STATUSES.includes(c.status as CaseStatus)) throw Problems.conflict('case-closed', `The case is ${c.status}.`);
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { assigneeId: null, version });
      return tx.caseChanged(caseId, version, [
        {
          actor: { type: 'user', id: user.id },
          action: 'case.released',
          entityType: 'case',
          entityId: caseId,
          details: { from: c.assigneeId },
        },
      ]);
    });
    return event.case;
  }

  /** Moves a case along the lifecycle table; closing or reopening needs a reason. */
  async setStatus(user: AuthUser, caseId: string, body: CaseStatusRequest, now = new Date()): Promise<CaseSummary> {
    const to: CaseStatus = body.status;
    const reason = body.reason?.trim() || null;
    const errors: FieldError[] = [];
    const closing = (CLOSING_STATUSES as readonly string[]).includes(to) ? (to as keyof typeof CLOSURE_REASONS_BY_STATUS) : null;
    const allowed: readonly string[] = closing ? CLOSURE_REASONS_BY_STATUS[closing] : [];
    // Which closure reasons fit depends on the status: a rule across two fields, so here rather than in the schema.
    if (body.closureReason !== undefined && !allowed.includes(body.closureReason)) {
      errors.push({
        path: '/closureReason',
        message: closing ? `must be one of: ${allowed.join(', ')}` : 'only a closing status takes a closure reason',
      });
    }
    if (errors.length) throw Problems.validation(errors);
    const event = await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      const from = c.status as CaseStatus;
      if (!canTransition(from, to)) throw Problems.conflict('illegal-transition', `A case cannot move from ${from} to ${to}.`);
      if (needsReason(from, to) && !reason) {
        throw new ProblemException(422, 'reason-required', 'Reason required', `Moving from ${from} to ${to} needs a reason.`, [
          { path: '/reason', message: 'is required' },
        ]);
      }
      const override = closing ? await this.checkClosing(m, user, c, to, body.overrideReason?.trim() || null, now) : null;
      const version = c.version + 1;
      // Entering a closing status records when and why (for outcomes); reopening clears it and says when (a children's
      // services decision made before it is spent: childrensServicesState).
      const closure = closing
        ? { closedAt: now, closureReason: body.closureReason ?? allowed[0], closureNote: reason }
        : isReopen(from, to)
          ? { closedAt: null, closureReason: null, closureNote: null, reopenedAt: now }
          : {};
      await m.update(CaseEntity, { id: caseId }, { status: to, version, ...closure });
      const audit: AuditRecord[] = [
        {
          actor: { type: 'user', id: user.id },
          action: 'case.status-changed',
          entityType: 'case',
          entityId: caseId,
          details: { from, to, reason: !!reason, ...(closing ? { closureReason: closure.closureReason } : {}) },
        },
      ];
      if (override) audit.push(override);
      // A closed case promises no call-back: its pending ones are cancelled with it, in the same transaction.
      if (closing) {
        const cancelled = await cancelPendingCallbacks(m, caseId, user.id, now, CASE_CLOSED_CANCEL_REASON);
        if (cancelled.length)
          audit.push({
            actor: { type: 'user', id: user.id },
            action: 'callback.cancelled',
            entityType: 'case',
            entityId: caseId,
            details: { callbackIds: cancelled, because: 'case-closed', status: to },
          });
      }
      return tx.caseChanged(caseId, version, audit);
    });
    return event.case;
  }

  /**
   * No quiet closing (closingBlockers): a case graded high or meeting MARAC criteria now (its summary's grade and
   * MARAC state, whatever decided them) needs a recorded MARAC referral, and for unable-to-contact contact attempts on
   * enough different London days; a child victim her own children's services referral, and children in the household
   * (or pregnancy) a referral or a recorded decision (childrensServicesState). A team lead may close past them with a
   * written reason: the override is recorded and its audit entry returned. Anyone else gets 422 with the first rule's code and every rule in `blockers`.
   */
  private async checkClosing(
    m: EntityManager,
    user: AuthUser,
    c: CaseEntity,
    to: CaseStatus,
    overrideReason: string | null,
    now: Date,
  ): Promise<AuditRecord | null> {
    const rules = this.config.triage;
    const [summary] = await loadSummaries(m, [c.id], rules, now);
    // A MARAC referral recorded before a revision named another victim was the earlier person's: she needs her own.
    const referred: unknown[] = await m.query(
      `SELECT 1 FROM marac_referrals WHERE case_id = $1 AND ${sinceVictimChange('referred_at', '$2::timestamptz')} LIMIT 1`,
      [c.id, c.victimChangedAt],
    );
    // Unable to contact is about the current victim: attempts before a police revision named another person were hers.
    const attempts: Array<{ attempted_at: Date }> = await m.query(
      `SELECT attempted_at FROM contact_attempts WHERE case_id = $1 AND ${sinceVictimChange('attempted_at', '$2::timestamptz')}`,
      [c.id, c.victimChangedAt],
    );
    const contactAttemptDays = londonDaysCount(attempts.map((a) => new Date(a.attempted_at).toISOString()));
    const children = await childrensServicesState(m, c.id);
    const blockers = closingBlockers(
      to,
      {
        grade: summary.risk.grade,
        maracRequired: summary.risk.marac.required,
        maracReferred: referred.length > 0,
        contactAttemptDays,
        victimUnder18: summary.flags.victimUnder18,
        victimUnder16: summary.flags.victimUnder16,
        childrensServicesReferred: children.referred,
        childrenToSafeguard: children.childrenToSafeguard,
        harmToChildren: children.referralRequired === 'harm-to-children',
        childrensServicesDecided: children.decisionInForce,
      },
      rules.closing,
    );
    if (!blockers.length) return null;
    const mayOverride = can(user.roles, 'case.close-override');
    if (overrideReason && mayOverride) {
      const id = randomUUID();
      const codes = blockers.map((b) => b.code);
      await m.insert(ClosingOverrideEntity, { id, caseId: c.id, at: now, by: user.id, toStatus: to, rules: codes, reason: overrideReason });
      return {
        actor: { type: 'user', id: user.id },
        action: 'case.closing-override',
        entityType: 'case',
        entityId: c.id,
        details: { overrideId: id, to, rules: codes },
      };
    }
    const p = new ProblemException(
      422,
      blockers[0].code,
      CLOSING_BLOCKER_TITLES[blockers[0].code],
      blockers.map((b) => b.message).join(' '),
      [
        ...blockers.map((b) => ({ path: '/status', message: b.message })),
        ...(overrideReason && !mayOverride
          ? [{ path: '/overrideReason', message: 'only a team lead may close the case past these rules' }]
          : []),
      ],
    );
    p.extra = {
      blockers,
      contactAttemptDays,
      requiredContactAttemptDays: rules.closing.unableToContactAttemptDays,
      overridable: mayOverride,
    };
    throw p;
  }

  /**
   * The plan in force and what police revisions changed since it was reviewed. A plan no caseworker has saved
   * follows the current report (planFromReport). Safe times: a saved plan whose times are still unconfirmed takes the
   * officer's latest words (nothing confirmed to protect); a confirmed plan keeps its times and the words they were
   * confirmed against until someone confirms again (`revisedTimes`). Numbers and channels (policeRevision): a saved
   * plan against what the police said when it was saved (its `policeContact`), one that follows the report against
   * every earlier revision (`revisedContact`); `current` is what the police say now.
   */
  private async planState(
    m: EntityManager,
    c: CaseEntity,
  ): Promise<{
    plan: SafeContactPlan;
    revisedTimes: SafeContactView['revisedSafeTimes'];
    current: PoliceSafeContact;
    /** What each revision said, oldest first, when they were read (a plan without policeContact); else [current]. */
    revisions: PoliceSafeContact[];
    revisedContact: RevisedSafeContact | null;
  }> {
    const [report]: Array<{ body: PoliceReport }> = await m.query('SELECT body FROM reports WHERE case_id = $1 AND revision = $2', [
      c.id,
      c.currentRevision,
    ]);
    const fromReport = planFromReport(report.body);
    const current = policeSafeContact(report.body);
    const saved = savedPlan(c.safeContactPlan as Partial<SafeContactPlan> | null);
    // What every revision said, when the plan is compared with them (one that follows the report, or fail safe one
    // saved without policeContact); most cases have one revision: nothing earlier to compare with, no second read.
    const revisions =
      !saved?.policeContact && c.currentRevision > 1 ? ((await policeSafeContactsOf(m, [c.id])).get(c.id) ?? [current]) : [current];
    const revisedContact = policeRevision(saved, revisions);
    const state = { current, revisions, revisedContact };
    if (!saved) return { plan: fromReport, revisedTimes: null, ...state };
    const latest = fromReport.safeTimesText;
    if (saved.timeRule === 'unknown') return { plan: { ...saved, safeTimesText: latest }, revisedTimes: null, ...state };
    if ((saved.safeTimesText ?? null) === latest) return { plan: saved, revisedTimes: null, ...state };
    return { plan: saved, revisedTimes: { text: latest, suggestion: suggestionFor(latest) }, ...state };
  }

  private async planOf(m: EntityManager, c: CaseEntity): Promise<SafeContactPlan> {
    return (await this.planState(m, c)).plan;
  }

  /** Every number known to be a suspect's for this case's victim (normalised, once each). */
  private async suspectNumbers(m: EntityManager, caseId: string): Promise<string[]> {
    return [...new Set((await knownSuspectNumbers(m, caseId)).map((k) => k.number))];
  }

  /** The plan and contact state of a case, in the caller's transaction. */
  async safeContactIn(m: EntityManager, caseId: string, now = new Date()): Promise<SafeContactView> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const c = await m.findOne(CaseEntity, { where: { id: caseId } });
    if (!c) throw Problems.notFound('No such case.');
    const { plan, revisedTimes, revisedContact } = await this.planState(m, c);
    return {
      plan,
      consentToContact: c.consentToContact,
      contactPaused: c.contactPaused,
      nextSafeWindowAt: plan.timeRule === 'windows' ? nextSafeWindowStart(now.toISOString(), plan.windows) : null,
      editedAt: c.safeContactPlanEditedAt?.toISOString() ?? null,
      suspectNumbers: await this.suspectNumbers(m, caseId),
      suggestion: suggestionFor(plan.safeTimesText),
      revisedSafeTimes: revisedTimes,
      revisedSafeContact: revisedContact,
    };
  }

  async safeContact(user: AuthUser, caseId: string, now = new Date()): Promise<SafeContactView> {
    return this.db.transaction(async (m) => {
      const view = await this.safeContactIn(m, caseId, now);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.safe-contact-read',
        entityType: 'case',
        entityId: caseId,
      });
      return view;
    });
  }

  /**
   * A caseworker confirms or edits the plan: numbers (whose), windows, channels, code word. Without `timeRule` the
   * plan keeps the one it has (an unconfirmed time rule is never silently turned into "any"); the officer's words
   * stay as the police sent them. A change of the times is also audited as `case.safe-times-confirmed`.
   */
  async updateSafeContact(user: AuthUser, caseId: string, body: SafeContactUpdateRequest, now = new Date()): Promise<SafeContactView> {
    const checked = checkPlan(body.plan);
    let cancelledCallbacks = 0;
    await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      // A number the police or another plan of this victim know as the suspect's is never the victim's safe or shared one.
      const known = new Set((await knownSuspectNumbers(m, caseId, caseId)).map((k) => k.number));
      const errors: FieldError[] = [];
      checked.numbers.forEach((n, i) => {
        if (n.owner !== 'suspect' && (n.safe || n.shared) && isSuspectNumber(n.number, known))
          errors.push({
            path: `/plan/numbers/${i}/${n.safe ? 'safe' : 'shared'}`,
            message: 'is known to be a suspect’s number (a police report or another case of this victim): it is never safe or shared',
          });
      });
      if (errors.length) throw Problems.validation(errors);
      const { plan: inForce, current } = await this.planState(m, c);
      // Saved with the numbers and channels in view: what the police say now is what it was reviewed against.
      const plan: SafeContactPlan = { ...withTimeRule(checked, body.plan.timeRule, inForce), policeContact: current };
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { safeContactPlan: plan, safeContactPlanEditedAt: now, version });
      const suspectNumbers = plan.numbers.filter((n) => n.owner === 'suspect').map((n) => n.number);
      await replaceHubSuspectNumbers(m, caseId, suspectNumbers, now);
      const audit: AuditRecord[] = [
        {
          actor: { type: 'user', id: user.id },
          action: 'case.safe-contact-updated',
          entityType: 'case',
          entityId: caseId,
          details: {
            channels: plan.channels,
            windows: plan.windows.length,
            numbers: plan.numbers.length,
            suspectNumbers: suspectNumbers.length,
            sharedNumbers: plan.numbers.filter((n) => n.shared).length,
            timeRule: plan.timeRule,
          },
        },
      ];
      if (plan.timeRule !== inForce.timeRule || !sameWindows(plan.windows, inForce.windows)) {
        audit.push(timesConfirmed(user, caseId, plan, false));
        const cancelled = await cancelCallbacksOutsideTimes(m, user, caseId, plan, now);
        if (cancelled) audit.push(cancelled);
        cancelledCallbacks = cancelledCount(cancelled);
      }
      return tx.caseChanged(caseId, version, audit);
    });
    return withCancelled(await this.safeContact(user, caseId, now), cancelledCallbacks);
  }

  /**
   * Confirms when the victim may be contacted, in one action: the suggestion read from the officer's words, windows,
   * or "any time" recorded explicitly. The plan then holds the officer's latest words (a police revision that
   * changed them is acknowledged). 409 `no-suggestion` when there is no suggestion to use.
   */
  async confirmSafeTimes(user: AuthUser, caseId: string, body: SafeTimesConfirmRequest, now = new Date()): Promise<SafeContactView> {
    const errors: FieldError[] = [];
    (body.windows ?? []).forEach((w, i) => {
      if (!isValidWindow(w)) errors.push({ path: `/windows/${i}`, message: WINDOW_MESSAGE });
    });
    if (errors.length) throw Problems.validation(errors);
    let cancelledCallbacks = 0;
    await this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      const { plan, revisedTimes, revisions } = await this.planState(m, c);
      const text = revisedTimes ? revisedTimes.text : plan.safeTimesText;
      let times: Pick<SafeContactPlan, 'timeRule' | 'windows'>;
      if (body.useSuggestion) {
        const suggestion = suggestionFor(text);
        if (!suggestion?.windows.length) {
          throw Problems.conflict(
            'no-suggestion',
            text
              ? 'Lantern could not read the officer’s safe times with certainty, so there is no suggestion to use: record the times yourself.'
              : 'The officer wrote no safe times, so there is no suggestion to use: record the times yourself.',
          );
        }
        times = { timeRule: 'windows', windows: suggestion.windows };
      } else if (body.timeRule === 'windows') {
        times = { timeRule: 'windows', windows: (body.windows ?? []).map(copyWindow) };
      } else {
        times = { timeRule: 'any', windows: [] };
      }
      // Times only: the numbers and channels stay reviewed against what they were (a police revision of them is
      // still to review), so that is kept on the plan, where the save time would otherwise stand for it.
      // Times only: the numbers and channels stay reviewed against what they were (a police revision of them is still
      // to review). A plan first saved here had its numbers from the report it follows, none reviewed: it keeps what
      // every revision up to now said, so a number withdrawn before or after is held until the plan itself is saved.
      const next: SafeContactPlan = {
        ...plan,
        ...times,
        safeTimesText: text,
        policeContact: plan.policeContact ?? policeSafeContactOfAll(revisions),
      };
      const version = c.version + 1;
      await m.update(CaseEntity, { id: caseId }, { safeContactPlan: next, safeContactPlanEditedAt: now, version });
      // The plan is the hub's from now on, as after a PUT: its suspect numbers are the hub's record too.
      await replaceHubSuspectNumbers(
        m,
        caseId,
        next.numbers.filter((n) => n.owner === 'suspect').map((n) => n.number),
        now,
      );
      const cancelled = await cancelCallbacksOutsideTimes(m, user, caseId, next, now);
      cancelledCallbacks = cancelledCount(cancelled);
      return tx.caseChanged(caseId, version, [timesConfirmed(user, caseId, next, !!body.useSuggestion), ...(cancelled ? [cancelled] : [])]);
    });
    return withCancelled(await this.safeContact(user, caseId, now), cancelledCallbacks);
  }

  /**
   * Records a contact attempt, or refuses it (422 unsafe-contact naming each rule) unless an override with a
   * written reason is given; overrides are audited. "Someone else answered" pauses contact for a team lead.
   */
  async attempt(user: AuthUser, caseId: string, body: ContactAttemptRequest, now = new Date()): Promise<ContactAttemptRecord> {
    const { channel, callbackId } = body;
    const to = body.to?.trim() ?? null;
    const at = body.at === undefined ? now.toISOString() : instant(body.at, '/at').toISOString();
    if (Date.parse(at) > now.getTime() + 15 * 60_000) throw Problems.validation([{ path: '/at', message: 'must not be in the future' }]);
    const safeToTalk = body.safeToTalk ?? null;
    // "Is it safe to talk now?" answered no is a conversation that did not happen: spoke-not-safe unless the caseworker
    // said someone else answered (which pauses contact, as always).
    const settled = settleSafeToTalk(channel, safeToTalk, body.outcome);
    if (settled.errors.length) throw Problems.validation(settled.errors);
    const outcome = settled.outcome;
    const notes = body.notes?.trim() ?? null;
    const overrideReason = body.override?.reason.trim() ?? null;

    return this.changes.run(now, async (tx, m) => {
      const c = await this.locked(m, caseId);
      checkCaseVersion(body.version, c.version);
      // An attempt about this case cannot precede the police report it answers (a minute's grace for times entered to
      // the minute): dated earlier, it would count as a first contact before anyone knew of the incident, meeting the
      // first-contact SLA and the outcomes' time to contact with a time that cannot be true. The report's own time,
      // not the hub's receipt: a hub that imports cases from its previous system records contact made before.
      const [{ reported }]: Array<{ reported: Date }> = await m.query(
        `SELECT LEAST($2::timestamptz, min((body->'incident'->>'reportedAt')::timestamptz)) AS reported FROM reports WHERE case_id = $1`,
        [caseId, c.receivedAt],
      );
      if (Date.parse(at) < new Date(reported).getTime() - 60_000) {
        const when = DateTime.fromJSDate(new Date(reported), { zone: HUB_TIME_ZONE }).setLocale('en-GB').toFormat('d LLL yyyy HH:mm');
        throw Problems.validation([{ path: '/at', message: `must not be before the police report was made (${when})` }]);
      }
      const { plan, revisedContact } = await this.planState(m, c);
      const violations = checkContact(
        plan,
        { channel, to: to ?? undefined, at: at as string, safeToTalk, outcome },
        {
          // In force: the latest hub consent record, else the police report's (a withdrawal blocks like a refusal).
          consentToContact: c.consentToContact as EffectiveConsentValue,
          paused: c.contactPaused,
          suspectNumbers: await this.suspectNumbers(m, caseId),
          revision: revisedContact,
        },
      );
      const binding = bindingRules(violations, can(user.roles, 'contact.resume'));
      if (violations.length && (!overrideReason || binding.length)) {
        const p = new ProblemException(
          422,
          'unsafe-contact',
          'Unsafe contact refused',
          violations.map((v) => v.message).join(' '),
          violations.map((v) => ({
            path:
              v.rule === 'channel-not-allowed'
                ? '/channel'
                : v.rule === 'outside-safe-window' || v.rule === 'safe-times-unconfirmed'
                  ? '/at'
                  : ['number-not-on-plan', 'suspect-number', 'email-not-on-plan', 'shared-number-channel'].includes(v.rule)
                    ? '/to'
                    : v.rule === 'shared-number-check'
                      ? '/safeToTalk'
                      : v.rule === 'police-revised-contact'
                        ? '/channel'
                        : '/',
            message: v.message,
          })),
        );
        p.extra = {
          rule: violations[0].rule,
          rules: violations.map((v) => v.rule),
          ...(binding.length ? { notOverridable: binding } : {}),
        };
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
        safeToTalk,
        notes,
        overrideReason: violations.length ? overrideReason : null,
        overriddenRules: violations.map((v) => v.rule),
      });
      if (callbackId !== undefined) {
        const [done]: [unknown[], number] = await m.query(
          "UPDATE callbacks SET status = 'done', done_attempt_id = $1 WHERE id = $2 AND case_id = $3 AND status = 'pending' RETURNING id",
          [id, callbackId, caseId],
        );
        if (!done.length) throw Problems.validation([{ path: '/callbackId', message: 'is not a pending call-back of this case' }]);
      }
      const status = c.status === 'new' || c.status === 'triage' ? 'contacting' : c.status;
      const paused = c.contactPaused || outcome === 'someone-else-answered';
      const version = c.version + 1;
      // The first attempt stops the first-contact clock; one dated before a police revision named another victim was
      // an attempt to reach the earlier person (as the closing rules read it: sinceVictimChange), not her first.
      const attemptedAt = new Date(at as string);
      const hers = !c.victimChangedAt || attemptedAt.getTime() >= c.victimChangedAt.getTime();
      await m.update(
        CaseEntity,
        { id: caseId },
        { firstContactAt: c.firstContactAt ?? (hers ? attemptedAt : null), status, contactPaused: paused, version },
      );
      const audit: AuditRecord[] = [
        {
          actor: { type: 'user', id: user.id },
          action: 'contact.attempted',
          entityType: 'case',
          entityId: caseId,
          details: { attemptId: id, channel, outcome, ...(safeToTalk !== null ? { safeToTalk } : {}) },
        },
      ];
      if (violations.length) {
        audit.push({
          actor: { type: 'user', id: user.id },
          action: 'contact.override',
          entityType: 'case',
          entityId: caseId,
          details: { attemptId: id, rules: violations.map((v) => v.rule) },
        });
      }
      if (paused && !c.contactPaused)
        audit.push({
          actor: { type: 'user', id: user.id },
          action: 'contact.paused',
          entityType: 'case',
          entityId: caseId,
          details: { attemptId: id },
        });
      if (status !== c.status)
        audit.push({
          actor: { type: 'user', id: user.id },
          action: 'case.status-changed',
          entityType: 'case',
          entityId: caseId,
          details: { from: c.status, to: status },
        });
      await tx.caseChanged(caseId, version, audit);
      const rec: ContactAttemptRecord = {
        id,
        channel,
        to,
        attemptedAt: at as string,
        recordedAt: now.toISOString(),
        by: { id: user.id, displayName: user.displayName },
        outcome,
        safeToTalk,
        notes,
        override: violations.length ? { reason: overrideReason as string, rules: violations.map((v) => v.rule) } : null,
      };
      return rec;
    });
  }

  async attempts(user: AuthUser, caseId: string): Promise<ContactAttemptRecord[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const rows: Array<{
        id: string;
        channel: ContactChannel;
        to_address: string | null;
        attempted_at: Date;
        recorded_at: Date;
        made_by: string;
        display_name: string;
        outcome: ContactOutcome | null;
        safe_to_talk: boolean | null;
        notes: string | null;
        override_reason: string | null;
        overridden_rules: string[];
      }> = await m.query(
        `SELECT a.*, u.display_name FROM contact_attempts a JOIN users u ON u.id = a.made_by WHERE a.case_id = $1 ORDER BY a.attempted_at DESC, a.id`,
        [caseId],
      );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.contact-read',
        entityType: 'case',
        entityId: caseId,
      });
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        to: r.to_address,
        attemptedAt: new Date(r.attempted_at).toISOString(),
        recordedAt: new Date(r.recorded_at).toISOString(),
        by: { id: r.made_by, displayName: r.display_name },
        outcome: r.outcome,
        safeToTalk: r.safe_to_talk,
        notes: r.notes,
        override: r.override_reason ? { reason: r.override_reason, rules: r.overridden_rules } : null,
      }));
    });
  }

  /** A team lead resumes paused contact, with a reason. */
  async resume(lead: AuthUser, caseId: string, _body: ResumeContactRequest, now = new Date()): Promise<CaseSummary> {
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

const WINDOW_MESSAGE =
  'must be {days: [mon…sun], from: "HH:mm", to: "HH:mm"} with from and to different; a to earlier than from runs past midnight (22:00–02:00)';

/** What Lantern reads in the officer's words, or null (no words, nothing certain, or anything that is not a valid window). */
function suggestionFor(text: string | null | undefined): SafeTimesSuggestion | null {
  if (!text?.trim()) return null;
  try {
    const s = suggestSafeTimes(text);
    return s && s.windows.every(isValidWindow) ? { windows: s.windows.map(copyWindow), text: s.text } : null;
  } catch {
    // A reader that fails gives no suggestion: the times stay unconfirmed, never guessed.
    return null;
  }
}

function copyWindow(w: SafeWindow): SafeWindow {
  return { days: [...w.days], from: w.from, to: w.to };
}

function sameWindows(a: readonly SafeWindow[], b: readonly SafeWindow[]): boolean {
  return JSON.stringify(a.map(copyWindow)) === JSON.stringify(b.map(copyWindow));
}

/** How many call-backs a cancelCallbacksOutsideTimes entry cancelled. */
function cancelledCount(entry: AuditRecord | null): number {
  const ids = (entry?.details as { callbackIds?: unknown[] } | undefined)?.callbackIds;
  return Array.isArray(ids) ? ids.length : 0;
}

/** The view answered to a change of the times, telling of the call-backs it cancelled (none: as GET answers). */
function withCancelled(view: SafeContactView, cancelledCallbacks: number): SafeContactView {
  return cancelledCallbacks ? { ...view, cancelledCallbacks } : view;
}

/** Why a call-back goes when the plan's times change under it (its own time is still the caseworker's to choose). */
export const TIMES_CHANGED_CANCEL_REASON = 'No longer inside the victim’s safe times: the plan’s times changed.';

/**
 * Cancels, in the caller's transaction, the case's pending call-backs still ahead whose time the plan's times now rule
 * out (timeRuleProblem, the rule that refused them when scheduled): the queue would prompt a call at a time she
 * has since said is not safe, and the attempt's own refusal is one a caseworker may override with a reason. Those
 * already past stay pending (missed, for a team lead to see). The audit entry, or null when none went.
 */
async function cancelCallbacksOutsideTimes(
  m: EntityManager,
  user: AuthUser,
  caseId: string,
  plan: SafeContactPlan,
  now: Date,
): Promise<AuditRecord | null> {
  const pending: Array<{ id: string; due_at: Date }> = await m.query(
    `SELECT id, due_at FROM callbacks WHERE case_id = $1 AND status = 'pending' AND due_at > $2`,
    [caseId, now],
  );
  const ruledOut = pending.filter((c) => timeRuleProblem(plan, new Date(c.due_at).toISOString())).map((c) => c.id);
  if (!ruledOut.length) return null;
  const out = await cancelPendingCallbacks(m, caseId, user.id, now, TIMES_CHANGED_CANCEL_REASON, ruledOut);
  return {
    actor: { type: 'user', id: user.id },
    action: 'callback.cancelled',
    entityType: 'case',
    entityId: caseId,
    details: { callbackIds: out, because: 'safe-times-changed' },
  };
}

function timesConfirmed(user: AuthUser, caseId: string, plan: SafeContactPlan, fromSuggestion: boolean): AuditRecord {
  return {
    actor: { type: 'user', id: user.id },
    action: 'case.safe-times-confirmed',
    entityType: 'case',
    entityId: caseId,
    details: { timeRule: plan.timeRule, windows: plan.windows.length, fromSuggestion },
  };
}

/**
 * The rules of a safe-contact plan that its schema cannot say (the shape is checked by the contract): a suspect's
 * number is never safe, a window opens and closes at different times (it may cross midnight), a windows rule needs a
 * window. The time rule itself is settled against the stored plan by withTimeRule.
 */
export function checkPlan(p: SafeContactUpdateRequest['plan']): Omit<SafeContactPlan, 'timeRule' | 'safeTimesText'> {
  const errors: FieldError[] = [];
  p.numbers.forEach((n, i) => {
    if (n.owner === 'suspect' && n.safe) errors.push({ path: `/plan/numbers/${i}/safe`, message: 'a suspect’s number is never safe' });
    if (n.owner === 'suspect' && n.shared)
      errors.push({ path: `/plan/numbers/${i}/shared`, message: 'a suspect’s number is never shared: it is the suspect’s' });
    else if (n.owner === 'other' && n.shared)
      errors.push({ path: `/plan/numbers/${i}/shared`, message: 'only a number of the victim’s can be shared' });
  });
  // The same number may not be both the suspect's and the victim's safe or shared one.
  // Each number of an entry on its own: "07700 900123 / 07700 900666" holds the suspect's second number.
  const suspects = new Set(p.numbers.filter((n) => n.owner === 'suspect').flatMap((n) => phoneKeysIn(n.number)));
  p.numbers.forEach((n, i) => {
    if (n.owner !== 'suspect' && (n.safe || n.shared) && isSuspectNumber(n.number, suspects))
      errors.push({
        path: `/plan/numbers/${i}/${n.safe ? 'safe' : 'shared'}`,
        message: 'is also on the plan as the suspect’s: it is never safe or shared',
      });
  });
  p.windows.forEach((w, i) => {
    if (!isValidWindow(w)) errors.push({ path: `/plan/windows/${i}`, message: WINDOW_MESSAGE });
  });
  if (p.timeRule === 'windows' && p.windows.length === 0)
    errors.push({ path: '/plan/windows', message: 'needs at least one window when timeRule is windows' });
  if (errors.length) throw Problems.validation(errors);
  return {
    numbers: p.numbers.map((n) => ({
      number: n.number,
      owner: n.owner,
      safe: n.safe,
      ...(n.shared ? { shared: true } : {}),
      // The two labels the hub writes itself say whether the number is confirmed safe: they follow the number's state
      // both ways (marked safe, or unticked again when she says the suspect has the phone); anyone else's stays.
      ...(n.label !== undefined
        ? {
            label:
              n.label === UNCONFIRMED_VICTIM_PHONE_LABEL || n.label === CONFIRMED_VICTIM_PHONE_LABEL
                ? n.owner === 'victim' && n.safe
                  ? CONFIRMED_VICTIM_PHONE_LABEL
                  : UNCONFIRMED_VICTIM_PHONE_LABEL
                : n.label,
          }
        : {}),
    })),
    emails: p.emails ?? [],
    windows: p.windows.map(copyWindow),
    channels: [...new Set(p.channels)],
    codeWord: p.codeWord ?? null,
    notes: p.notes ?? null,
  };
}

/**
 * The time rule of an edited plan: the one given, else the stored one. Windows sent without a time rule to a plan
 * whose times are unconfirmed or "any" are refused (say `timeRule: "windows"`), never silently applied or dropped.
 * The officer's words are kept as the plan has them (the police's words, not an edit).
 */
export function withTimeRule(
  p: Omit<SafeContactPlan, 'timeRule' | 'safeTimesText'>,
  given: 'any' | 'windows' | undefined,
  current: SafeContactPlan,
): SafeContactPlan {
  const timeRule = given ?? current.timeRule;
  if (given === undefined && timeRule !== 'windows' && p.windows.length) {
    throw Problems.validation([
      {
        path: '/plan/timeRule',
        message:
          timeRule === 'unknown'
            ? 'is required with windows: the safe times are not confirmed yet (say "windows" to confirm these)'
            : 'is required with windows: the plan allows any time (say "windows" to limit it)',
      },
    ]);
  }
  if (timeRule === 'windows' && p.windows.length === 0)
    throw Problems.validation([{ path: '/plan/windows', message: 'needs at least one window when timeRule is windows' }]);
  return { ...p, windows: timeRule === 'windows' ? p.windows : [], timeRule, safeTimesText: current.safeTimesText };
}
