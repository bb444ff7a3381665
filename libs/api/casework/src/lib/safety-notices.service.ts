import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseReadAudit, maySeeSql, OPEN_STATUS_SQL } from '@lantern/api/cases';
import { Problems } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  safetyNoticeKey,
  SAFETY_NOTICE_DAYS,
  type SafetyNotice,
  type SafetyNoticeDismissalRequest,
  type SafetyNotices,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

const KEY = /^victim-changed\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\|([1-9][0-9]{0,8})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The police revisions of the last SAFETY_NOTICE_DAYS that named another victim on an open case the user holds and
 * may see, one per case (its latest). `$1` the user, `$2` the window's start, `$3` now; `extra` narrows it further.
 * Driven by the trail's (action, at) index: such revisions are few, and each finds its case by its key.
 */
function changesSql(extra = ''): string {
  return `SELECT DISTINCT ON (c.id) c.id AS case_id, c.reference, (e.details->>'revision')::int AS revision, e.at
            FROM audit_entries e JOIN cases c ON c.id = e.entity_id::uuid
           WHERE e.action = 'case.victim-changed' AND e.entity_type = 'case' AND e.at > $2
             AND c.assignee_id = $1::uuid AND ${OPEN_STATUS_SQL} AND ${maySeeSql('$1', '$3')} ${extra}
           ORDER BY c.id, (e.details->>'revision')::int DESC, e.id DESC`;
}

/**
 * Safety notices that wait for the one who holds the case (docs/casework.md, "Who is told"): told live when they are
 * signed in, and kept until they dismiss it, so a caseworker signed out when the police named another victim on their
 * case is told at their next sign-in, and one who reloads the page is told again. Dismissed per user: a case handed on
 * is told to its new holder.
 */
@Injectable()
export class SafetyNoticesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
  ) {}

  /** The user's notices not yet dismissed, oldest first. The cases it names are a list read (in the trail). */
  async forUser(user: AuthUser, now = new Date()): Promise<SafetyNotices> {
    return this.db.transaction(async (m) => {
      const rows: Array<{ case_id: string; reference: string; revision: number; at: Date }> = await m.query(
        `SELECT n.* FROM (${changesSql()}) n
          WHERE NOT EXISTS (SELECT 1 FROM safety_notice_dismissals d
                             WHERE d.user_id = $1::uuid AND d.case_id = n.case_id AND d.revision >= n.revision)
          ORDER BY n.at, n.case_id`,
        [user.id, new Date(now.getTime() - SAFETY_NOTICE_DAYS * DAY_MS), now],
      );
      const items: SafetyNotice[] = rows.map((r) => ({
        key: safetyNoticeKey(r.case_id, Number(r.revision)),
        kind: 'victim-changed-by-police',
        caseId: r.case_id,
        reference: r.reference,
        revision: Number(r.revision),
        at: new Date(r.at).toISOString(),
      }));
      if (items.length)
        await this.reads.recordList(
          m,
          user.id,
          'safety-notices.read',
          items.map((i) => i.caseId),
          { n: items.length },
        );
      return { items };
    });
  }

  /**
   * Dismisses a notice of the user's (and any earlier one on the same case): it is not listed again. Again for one
   * already dismissed: the same answer. 404 when the user holds no such notice (another case's, one handed on, a key
   * of another shape). Audited as safety-notice.dismissed.
   */
  async dismiss(user: AuthUser, body: SafetyNoticeDismissalRequest, now = new Date()): Promise<{ key: string; dismissedAt: string }> {
    const match = KEY.exec(body.key);
    if (!match) throw Problems.notFound('No such notice.');
    const [, caseId, rev] = match;
    const revision = Number(rev);
    return this.db.transaction(async (m: EntityManager) => {
      // That revision's change, on an open case the user holds and may see, within the window (any revision of it:
      // a bar shown before a later revision is dismissed as what it said).
      const found: unknown[] = await m.query(
        `SELECT 1 FROM audit_entries e JOIN cases c ON c.id = e.entity_id::uuid
          WHERE e.action = 'case.victim-changed' AND e.entity_type = 'case' AND e.at > $2 AND e.entity_id = $4
            AND (e.details->>'revision')::int = $5
            AND c.assignee_id = $1::uuid AND ${OPEN_STATUS_SQL} AND ${maySeeSql('$1', '$3')}
          LIMIT 1`,
        [user.id, new Date(now.getTime() - SAFETY_NOTICE_DAYS * DAY_MS), now, caseId, revision],
      );
      if (!found.length) throw Problems.notFound('No such notice.');
      const inserted: unknown[] = await m.query(
        `INSERT INTO safety_notice_dismissals (user_id, notice_key, case_id, revision, dismissed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, notice_key) DO NOTHING RETURNING 1`,
        [user.id, body.key, caseId, revision, now],
      );
      if (!inserted.length) {
        const [earlier]: Array<{ dismissed_at: Date }> = await m.query(
          'SELECT dismissed_at FROM safety_notice_dismissals WHERE user_id = $1 AND notice_key = $2',
          [user.id, body.key],
        );
        return { key: body.key, dismissedAt: new Date(earlier.dismissed_at).toISOString() };
      }
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'safety-notice.dismissed',
        entityType: 'case',
        entityId: caseId,
        details: { key: body.key, revision },
      });
      return { key: body.key, dismissedAt: now.toISOString() };
    });
  }
}
