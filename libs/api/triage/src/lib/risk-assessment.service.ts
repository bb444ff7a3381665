import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, maracContext, refreshHistoryReasons, refreshRiskMarkers } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity, RiskAssessmentEntity } from '@lantern/api/data-access';
import {
  assessRisk,
  RiskJudgementError,
  slaDue,
  type DashAnswers,
  type RiskAssessmentRecord,
  type RiskAssessmentRequest,
  type RiskJudgement,
} from '@lantern/shared/domain';

/** The answers and judgement of a request the contract accepted. */
export function toAssessment(body: RiskAssessmentRequest): { answers: DashAnswers; judgement: RiskJudgement | null } {
  const answers: DashAnswers = {};
  for (const [k, v] of Object.entries(body.answers)) if (v !== undefined) answers[k as `q${number}`] = v;
  return { answers, judgement: body.judgement ?? null };
}

@Injectable()
export class RiskAssessmentService {
  constructor(
    private readonly changes: CaseChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Scores the hub's checklist, records it with who and when, and updates the case's risk, MARAC criteria and
   * SLA clocks in one transaction; the change is pushed live after commit.
   */
  async assess(user: AuthUser, caseId: string, body: RiskAssessmentRequest, now = new Date()): Promise<RiskAssessmentRecord> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const { answers, judgement } = toAssessment(body);
    const rules = this.config.triage;
    return this.changes.run(now, async (tx, m) => {
      const c = await m.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw Problems.notFound('No such case.');
      const expected = body.version;
      if (expected !== undefined && expected !== c.version) {
        throw Problems.conflict('stale-version', `The case changed since version ${expected} (now ${c.version}); reload it.`);
      }
      let result;
      try {
        result = assessRisk(answers, judgement, await maracContext(m, caseId), rules.bands);
      } catch (err) {
        if (err instanceof RiskJudgementError) {
          throw new ProblemException(422, err.code, 'Judgement refused', err.message, [{ path: '/judgement/grade', message: err.message }]);
        }
        throw err;
      }
      const id = randomUUID();
      await m.insert(RiskAssessmentEntity, {
        id,
        caseId,
        answers,
        score: result.score,
        scoreGrade: result.scoreGrade,
        grade: result.grade,
        judgement: result.judgement,
        maracReasons: result.marac.reasons,
        assessedAt: now,
        assessedBy: user.id,
      });
      const due = slaDue(c.receivedAt, result.grade, rules.slaTargets, rules.calendar);
      const version = c.version + 1;
      await m.update(
        CaseEntity,
        { id: caseId },
        {
          version,
          riskGrade: result.grade,
          riskScore: result.score,
          riskSource: 'hub',
          maracReasons: result.marac.reasons,
          maracRequired: result.marac.required,
          maracReferredAt: c.maracReferredAt ?? (result.marac.required ? now : null),
          assignDueAt: new Date(due.assignDueAt),
          firstContactDueAt: new Date(due.firstContactDueAt),
        },
      );
      await refreshHistoryReasons(m, caseId, now);
      // The hub's answers count too: a "yes" to strangulation, stalking, threats to kill… raises the priority.
      await refreshRiskMarkers(m, caseId);
      const { case: summary } = await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: user.id },
        action: 'case.risk-assessed',
        entityType: 'case',
        entityId: caseId,
        details: { assessmentId: id, score: result.score, grade: result.grade, marac: result.marac.reasons, judgement: !!judgement },
      });
      const rec: RiskAssessmentRecord = {
        id,
        answers,
        score: result.score,
        scoreGrade: result.scoreGrade,
        grade: result.grade,
        judgement: result.judgement,
        marac: { required: summary.risk.marac.required, reasons: summary.risk.marac.reasons },
        assessedAt: now.toISOString(),
        assessedBy: { id: user.id, displayName: user.displayName },
      };
      return rec;
    });
  }
}
