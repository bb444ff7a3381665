import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, CaseVisibility, loadCaseAccessFacts, noSuchCase, type CaseUnitOfWork, lockedCase } from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { CaseEntity, Database } from '@lantern/api/data-access';
import { maySeeCase, onAccessList, type CaseDuplicateLink, type CaseDuplicateRequest } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

interface LinkRow {
  other_id: string;
  reference: string;
  status: string;
  reason: string;
  linked_by: string;
  display_name: string;
  linked_at: Date;
}

/** The pair as stored: the smaller id first, so a link is one row whichever case it was made from. */
const pair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * Possible duplicates: two cases linked, with a reason, so whoever opens either sees "Possible duplicate of HC/…".
 * Records are never merged. Both cases must be ones the user may see; linking and unlinking change both cases
 * (a new version each, so both open pages update) and are audited on both.
 */
@Injectable()
export class CaseDuplicatesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
  ) {}

  private async linksOf(m: Pick<EntityManager, 'query'>, caseId: string): Promise<CaseDuplicateLink[]> {
    const rows = (await m.query(
      `SELECT CASE WHEN d.case_a = $1 THEN d.case_b ELSE d.case_a END AS other_id, c.reference, c.status, d.reason,
              d.linked_by, u.display_name, d.linked_at
         FROM case_duplicates d
         JOIN cases c ON c.id = CASE WHEN d.case_a = $1 THEN d.case_b ELSE d.case_a END
         JOIN users u ON u.id = d.linked_by
        WHERE d.case_a = $1 OR d.case_b = $1
        ORDER BY d.linked_at DESC`,
      [caseId],
    )) as LinkRow[];
    return rows.map((r) => ({
      caseId: r.other_id,
      reference: r.reference,
      status: r.status,
      reason: r.reason,
      linkedBy: { id: r.linked_by, displayName: r.display_name },
      linkedAt: new Date(r.linked_at).toISOString(),
    }));
  }

  /** The case's links; a linked restricted case the user may not see is left out (like linked cases). */
  async list(user: AuthUser, caseId: string, now = new Date()): Promise<CaseDuplicateLink[]> {
    if (!UUID.test(caseId)) throw noSuchCase();
    return this.db.transaction(async (m) => {
      const linked = await this.linksOf(m, caseId);
      const links = (
        await CaseVisibility.forCases(
          m,
          linked.map((l) => l.caseId),
          now,
        )
      ).filter(user, linked, (l) => l.caseId);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.duplicates-read',
        entityType: 'case',
        entityId: caseId,
        details: { caseIds: links.map((l) => l.caseId) },
      });
      return links;
    });
  }

  /**
   * The other case, which the user must be able to see: the same answer as a case that does not exist otherwise. A
   * link changes it too (a new version, an entry in its history), so a restricted one must have the user on its
   * access list: a break-the-glass grant is for reading.
   */
  private async checkOther(m: EntityManager, user: AuthUser, caseId: string, otherCaseId: string, now: Date): Promise<void> {
    if (otherCaseId === caseId)
      throw Problems.validation([{ path: '/otherCaseId', message: 'must be another case' }], 'A case cannot be a duplicate of itself.');
    await this.mayChangeOther(m, user, otherCaseId, now, () =>
      Problems.validation([{ path: '/otherCaseId', message: 'is not a case you can open' }], 'No such case to link.'),
    );
  }

  /** `hidden()` when the user may not see the other case; 403 when only a break-the-glass grant shows it. */
  private async mayChangeOther(m: EntityManager, user: AuthUser, otherCaseId: string, now: Date, hidden: () => Error): Promise<void> {
    const facts = await loadCaseAccessFacts(m, otherCaseId, now);
    if (!facts || !maySeeCase(user, facts, now)) throw hidden();
    if (!onAccessList(user, facts))
      throw Problems.forbidden('Break the glass is for reading: only those on the other case’s access list may link or unlink it.');
  }

  /** Both cases get a new version and an audit entry naming the other. */
  private async touchBoth(tx: CaseUnitOfWork, user: AuthUser, a: string, b: string, action: string): Promise<void> {
    const m = tx.manager;
    const records = [];
    // Locked in the pair's order, whichever case the link was made from (no deadlock between two people).
    const [x, y] = pair(a, b);
    for (const [id, other] of [
      [x, y],
      [y, x],
    ]) {
      const c = await lockedCase(m, id);
      if (!c) throw noSuchCase();
      const version = c.version + 1;
      await m.update(CaseEntity, { id }, { version });
      records.push({
        caseId: id,
        version,
        audit: { actor: { type: 'user' as const, id: user.id }, action, entityType: 'case', entityId: id, details: { otherCaseId: other } },
      });
    }
    await tx.casesChanged(records);
  }

  /** 201 with this case's links; 409 `already-linked` when the two are linked already. */
  async link(user: AuthUser, caseId: string, body: CaseDuplicateRequest, now = new Date()): Promise<CaseDuplicateLink[]> {
    const reason = body.reason.trim();
    const otherCaseId = body.otherCaseId.toLowerCase();
    if (!reason) throw Problems.validation([{ path: '/reason', message: 'must not be blank' }]);
    return this.changes.run(now, async (tx, m) => {
      await this.checkOther(m, user, caseId, otherCaseId, now);
      const [a, b] = pair(caseId, otherCaseId);
      const [exists] = (await m.query('SELECT 1 FROM case_duplicates WHERE case_a = $1 AND case_b = $2', [a, b])) as unknown[];
      if (exists) throw Problems.conflict('already-linked', 'These two cases are already linked as possible duplicates.');
      await m.query('INSERT INTO case_duplicates (case_a, case_b, reason, linked_by, linked_at) VALUES ($1, $2, $3, $4, $5)', [
        a,
        b,
        reason,
        user.id,
        now,
      ]);
      await this.touchBoth(tx, user, caseId, otherCaseId, 'case.duplicate-linked');
      const linked = await this.linksOf(m, caseId);
      return (
        await CaseVisibility.forCases(
          m,
          linked.map((l) => l.caseId),
          now,
        )
      ).filter(user, linked, (l) => l.caseId);
    });
  }

  /** 404 "No such duplicate link." when the two are not linked (or the other case is not one the user may see). */
  async unlink(user: AuthUser, caseId: string, otherCaseId: string, now = new Date()): Promise<void> {
    await this.changes.run(now, async (tx, m) => {
      const [a, b] = pair(caseId, otherCaseId);
      const [exists] = (await m.query('SELECT 1 FROM case_duplicates WHERE case_a = $1 AND case_b = $2', [a, b])) as unknown[];
      const noLink = () => Problems.notFound('No such duplicate link.');
      if (!exists) throw noLink();
      await this.mayChangeOther(m, user, otherCaseId, now, noLink);
      await m.query('DELETE FROM case_duplicates WHERE case_a = $1 AND case_b = $2', [a, b]);
      await this.touchBoth(tx, user, caseId, otherCaseId, 'case.duplicate-unlinked');
    });
  }
}
