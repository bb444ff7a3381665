import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseReadAudit, maySeeSql, OPEN_QUEUE_SQL } from '@lantern/api/cases';
import { DomainEventBus, DomainEvents, Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  safetyNoticeKey,
  SAFETY_NOTICE_KEY_PREFIX,
  type RiskGrade,
  type SafetyNotice,
  type SafetyNoticeDismissalRequest,
  type SafetyNoticeKind,
  type SafetyNotices,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/**
 * The trail entry each kind of notice is read from (written by intake with the police revision in its details). The
 * partial index audit_entries_safety_notice_idx (migration 1764720000000) is of exactly these actions.
 */
const ACTION_OF: Readonly<Record<SafetyNoticeKind, string>> = {
  'victim-changed-by-police': 'case.victim-changed',
  'risk-raised-by-police': 'case.risk-raised-by-police',
};
const KIND_OF_PREFIX = new Map(Object.entries(SAFETY_NOTICE_KEY_PREFIX).map(([kind, prefix]) => [prefix, kind as SafetyNoticeKind]));
const KEY = /^([a-z-]+)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\|([1-9][0-9]{0,8})$/;
const ACTIONS_SQL = Object.values(ACTION_OF)
  .map((a) => `'${a}'`)
  .join(', ');
/** Each trail entry `e`'s notice kind, in SQL. */
const KIND_SQL = `CASE e.action ${Object.entries(ACTION_OF)
  .map(([kind, action]) => `WHEN '${action}' THEN '${kind}'`)
  .join(' ')} END`;

/**
 * Safety notices that wait for the one who holds the case (docs/casework.md, "Who is told"): told live when they are
 * signed in, and kept until they dismiss it, so a caseworker signed out when the police named another victim on their
 * case, or raised its grade, is told at their next sign-in, and one who reloads the page is told again. Dismissed per
 * user: a case handed on is told to its new holder.
 */
@Injectable()
export class SafetyNoticesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    private readonly bus: DomainEventBus,
  ) {}

  /**
   * The user's notices not yet dismissed, oldest first (of one revision, the changed victim before the raised risk: who
   * she is comes before how at risk): for each open case they hold and may see, the latest police
   * revision of each kind, unless they dismissed that revision's notice of that kind or a later one's. No time limit:
   * a caseworker back from leave to a case still theirs is told (fail safe). Read from the open cases' table
   * (case_queue: only open cases, with their holder and access list) and each case's own trail entries of the two
   * actions (their partial index). The cases it names are a list read (in the trail; not counted towards the bulk-read
   * alarm, like the team leads' tray).
   */
  async forUser(user: AuthUser, now = new Date()): Promise<SafetyNotices> {
    return this.db.transaction(async (m) => {
      const rows: Array<{
        case_id: string;
        reference: string;
        kind: SafetyNoticeKind;
        revision: number;
        at: Date;
        from: RiskGrade | null;
        to: RiskGrade | null;
      }> = await m.query(
        `SELECT n.* FROM (
           SELECT DISTINCT ON (c.id, e.action) c.id AS case_id, c.reference, e.action, ${KIND_SQL} AS kind,
                  (e.details->>'revision')::int AS revision, e.at, e.details->>'from' AS "from", e.details->>'to' AS "to"
             FROM ${OPEN_QUEUE_SQL} JOIN audit_entries e ON e.entity_type = 'case' AND e.entity_id = c.id::text
            WHERE c.assignee_id = $1::uuid AND e.action IN (${ACTIONS_SQL}) AND ${maySeeSql('$1', '$2')}
            ORDER BY c.id, e.action, (e.details->>'revision')::int DESC NULLS LAST, e.id DESC) n
          WHERE NOT EXISTS (SELECT 1 FROM safety_notice_dismissals d
                             WHERE d.user_id = $1::uuid AND d.case_id = n.case_id AND d.kind = n.kind AND d.revision >= n.revision)
          ORDER BY n.at, n.case_id, n.kind <> 'victim-changed-by-police'`,
        [user.id, now],
      );
      const items = rows.map((r): SafetyNotice => {
        const base = {
          key: safetyNoticeKey(r.kind, r.case_id, Number(r.revision)),
          caseId: r.case_id,
          reference: r.reference,
          revision: Number(r.revision),
          at: new Date(r.at).toISOString(),
        };
        return r.kind === 'risk-raised-by-police'
          ? { ...base, kind: r.kind, from: r.from, to: r.to as RiskGrade }
          : { ...base, kind: 'victim-changed-by-police' };
      });
      if (items.length) await this.reads.recordList(m, user.id, 'safety-notices.read', [...new Set(items.map((i) => i.caseId))]);
      return { items };
    });
  }

  /**
   * Dismisses a notice of the user's (and any earlier one of its kind on the same case): it is not listed again. Again
   * for one already dismissed: the same answer. 404 when the user holds no such notice (another's case, one handed on
   * or closed, a key of another shape): decided in the statement, like the list (a user's own notices only), so such a
   * refusal is not a case access refused. Audited as safety-notice.dismissed.
   */
  async dismiss(user: AuthUser, body: SafetyNoticeDismissalRequest, now = new Date()): Promise<{ key: string; dismissedAt: string }> {
    const match = KEY.exec(body.key);
    const kind = match ? KIND_OF_PREFIX.get(match[1]) : undefined;
    if (!match || !kind) throw Problems.notFound('No such notice.');
    const caseId = match[2];
    const revision = Number(match[3]);
    const answer = await this.db.transaction(async (m: EntityManager) => {
      // That revision's entry of that kind, on an open case the user holds and may see (any revision of it: a bar
      // shown before a later revision arrived is dismissed as what it said).
      const found: unknown[] = await m.query(
        `SELECT 1 FROM ${OPEN_QUEUE_SQL} JOIN audit_entries e ON e.entity_type = 'case' AND e.entity_id = c.id::text
          WHERE c.id = $3::uuid AND c.assignee_id = $1::uuid AND ${maySeeSql('$1', '$2')}
            AND e.action IN (${ACTIONS_SQL}) AND e.action = $5 AND (e.details->>'revision')::int = $4
          LIMIT 1`,
        [user.id, now, caseId, revision, ACTION_OF[kind]],
      );
      if (!found.length) throw Problems.notFound('No such notice.');
      const inserted: unknown[] = await m.query(
        `INSERT INTO safety_notice_dismissals (user_id, case_id, kind, revision, dismissed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, case_id, kind, revision) DO NOTHING RETURNING 1`,
        [user.id, caseId, kind, revision, now],
      );
      if (!inserted.length) {
        const [earlier]: Array<{ dismissed_at: Date }> = await m.query(
          'SELECT dismissed_at FROM safety_notice_dismissals WHERE user_id = $1 AND case_id = $2 AND kind = $3 AND revision = $4',
          [user.id, caseId, kind, revision],
        );
        return { key: body.key, dismissedAt: new Date(earlier.dismissed_at).toISOString() };
      }
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'safety-notice.dismissed',
        entityType: 'case',
        entityId: caseId,
        details: { key: body.key, kind, revision },
      });
      return { key: body.key, dismissedAt: now.toISOString() };
    });
    // After commit: the user's other tabs let the bar go at once (before, it stayed until their next read).
    this.bus.publish(DomainEvents.SafetyNoticeDismissed, { userId: user.id, key: body.key, kind, caseId, revision });
    return answer;
  }
}
