import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, caseClosed, checkCaseVersion, childrensServicesState, lockedCase, recordChangeReason } from '@lantern/api/cases';
import { ProblemException, Problems, UUID } from '@lantern/api/core';
import { CaseEntity, ChildrensServicesDecisionEntity, Database } from '@lantern/api/data-access';
import {
  CLOSING_STATUSES,
  type CaseStatus,
  type CaseSummary,
  type ChildrensServicesDecisionRequest,
  type ChildrensServicesState,
} from '@lantern/shared/domain';

/**
 * A caseworker records what the hub decided about children's services for the children a case names or leaves
 * unclear when it sends no referral of its own (docs/casework.md "Children to safeguard"). A new decision is a new row
 * with the police revision and the reasons it weighed (the latest is in force while those hold and the case is not
 * reopened): what was decided before stays in the History. Refused where a decision cannot answer the closing rule: a
 * child victim, or harm to the children (only a referral), and a case with no children to safeguard.
 */
@Injectable()
export class ChildrensServicesDecisionService {
  constructor(
    private readonly changes: CaseChanges,
    private readonly db: Database,
  ) {}

  /** The case's children's services state (what the closing rule reads), outside any change. */
  state(caseId: string): Promise<ChildrensServicesState> {
    return this.db.transaction((m) => childrensServicesState(m, caseId));
  }

  async record(user: AuthUser, caseId: string, body: ChildrensServicesDecisionRequest, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const reason = body.reason.trim();
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkCaseVersion(body.version, c.version);
      // Judged under the case's lock: a close or a police revision committing meanwhile is seen.
      if (CLOSING_STATUSES.includes(c.status as CaseStatus)) throw caseClosed(c.status);
      const state = await childrensServicesState(m, caseId);
      if (state.referralRequired)
        throw new ProblemException(
          422,
          'childrens-services-referral-required',
          "Children's services referral required",
          state.referralRequired === 'victim-under-18'
            ? "The victim is under 18: only the children's services referral for the victim answers this; a decision cannot."
            : "The abuser has hurt the children or threatened to (DASH question 11 or 12): send the children's services referral; a decision cannot answer it (Working Together 2023).",
          [{ path: '/decision', message: "only a children's services referral answers this case" }],
        );
      if (!state.childrenToSafeguard)
        throw new ProblemException(
          422,
          'no-children-to-safeguard',
          'No children to decide about',
          'Nothing in the case names or leaves open a child or a pregnancy: there is no children’s services decision to record. If she told you of children, record them in the hub’s DASH checklist first.',
          [{ path: '/decision', message: 'the case has no children to safeguard' }],
        );
      const version = c.version + 1;
      const action = 'case.childrens-services-decision';
      // The words may name a social worker or a police reference: beside the trail (case_change_reasons), by id.
      const reasonId = await recordChangeReason(m, { caseId, action, by: user.id, at: now, reason });
      const id = randomUUID();
      await m.insert(ChildrensServicesDecisionEntity, {
        id,
        caseId,
        decision: body.decision,
        reasonId,
        revision: c.currentRevision,
        reasons: state.reasons,
        at: now,
        by: user.id,
      });
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
