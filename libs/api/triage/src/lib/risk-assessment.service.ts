import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges, maracContext, refreshHistoryReasons } from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity, RiskAssessmentEntity } from '@lantern/api/data-access';
import {
  assessRisk,
  DASH_ANSWERS,
  DASH_KEY,
  RISK_GRADES,
  RiskJudgementError,
  slaDue,
  type DashAnswers,
  type FieldError,
  type RiskAssessmentRecord,
  type RiskGrade,
  type RiskJudgement,
} from '@lantern/shared/domain';


/** Validates POST /risk-assessments: answers q1…q27 with the four values, an optional judgement. */
export function parseAssessment(body: unknown): { answers: DashAnswers; judgement: RiskJudgement | null } {
  const errors: FieldError[] = [];
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : null) as Record<string, unknown> | null;
  if (!b) throw Problems.validation([{ path: '/', message: 'must be an object with answers' }]);
  for (const key of Object.keys(b)) {
    if (!['answers', 'judgement', 'version'].includes(key)) errors.push({ path: `/${key}`, message: 'is not a field of an assessment' });
  }
  const answers: DashAnswers = {};
  const a = b['answers'];
  if (!a || typeof a !== 'object' || Array.isArray(a)) {
    errors.push({ path: '/answers', message: 'is required: an object of q1…q27' });
  } else {
    for (const [k, v] of Object.entries(a)) {
      if (!DASH_KEY.test(k)) errors.push({ path: `/answers/${k}`, message: 'is not a DASH question (q1…q27)' });
      else if (!(DASH_ANSWERS as readonly unknown[]).includes(v)) {
        errors.push({ path: `/answers/${k}`, message: `must be one of: ${DASH_ANSWERS.join(', ')}` });
      } else answers[k as `q${number}`] = v as DashAnswers[`q${number}`];
    }
  }
  let judgement: RiskJudgement | null = null;
  const j = b['judgement'];
  if (j !== undefined && j !== null) {
    if (typeof j !== 'object' || Array.isArray(j)) errors.push({ path: '/judgement', message: 'must be {grade, rationale}' });
    else {
      const { grade, rationale, ...rest } = j as Record<string, unknown>;
      for (const k of Object.keys(rest)) errors.push({ path: `/judgement/${k}`, message: 'is not a field of a judgement' });
      if (!(RISK_GRADES as readonly unknown[]).includes(grade)) errors.push({ path: '/judgement/grade', message: `must be one of: ${RISK_GRADES.join(', ')}` });
      if (typeof rationale !== 'string' || rationale.length > 5000) errors.push({ path: '/judgement/rationale', message: 'must be text up to 5000 characters' });
      judgement = { grade: grade as RiskGrade, rationale: typeof rationale === 'string' ? rationale : '' };
    }
  }
  if (b['version'] !== undefined && !Number.isInteger(b['version'])) errors.push({ path: '/version', message: 'must be the case version it was based on' });
  if (errors.length) throw Problems.validation(errors);
  return { answers, judgement };
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
  async assess(user: AuthUser, caseId: string, body: unknown, now = new Date()): Promise<RiskAssessmentRecord> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const { answers, judgement } = parseAssessment(body);
    const rules = this.config.triage;
    return this.changes.run(now, async (tx, m) => {
      const c = await m.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw Problems.notFound('No such case.');
      const expected = (body as { version?: number }).version;
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
