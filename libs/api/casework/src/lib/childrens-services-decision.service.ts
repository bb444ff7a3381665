import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, lockedCase, recordChangeReason } from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { CaseEntity, ChildrensServicesDecisionEntity } from '@lantern/api/data-access';
import type { CaseSummary, ChildrensServicesDecisionRequest } from '@lantern/shared/domain';

/**
 * A caseworker records what the hub decided about children's services for the children in the household when it
 * sends no referral of its own (docs/referrals.md "Children in the household: a decision before closing"). A new
 * decision is a new row (the latest is in force): what was decided before stays in the History.
 */
@Injectable()
export class ChildrensServicesDecisionService {
  constructor(private readonly changes: CaseChanges) {}

  async record(user: AuthUser, caseId: string, body: ChildrensServicesDecisionRequest, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const reason = body.reason.trim();
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      if (body.version !== undefined && body.version !== c.version)
        throw Problems.conflict('stale-version', `The case changed since version ${body.version} (now ${c.version}); reload it.`);
      const version = c.version + 1;
      const action = 'case.childrens-services-decision';
      // The words may name a social worker or a police reference: beside the trail (case_change_reasons), by id.
      const reasonId = await recordChangeReason(m, { caseId, action, by: user.id, at: now, reason });
      const id = randomUUID();
      await m.insert(ChildrensServicesDecisionEntity, { id, caseId, decision: body.decision, reasonId, at: now, by: user.id });
      await m.update(CaseEntity, { id: caseId }, { version });
      const { case: summary } = await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: user.id },
        action,
        entityType: 'case',
        entityId: caseId,
        details: { decisionId: id, decision: body.decision, reasonId },
      });
      return summary;
    });
  }
}
