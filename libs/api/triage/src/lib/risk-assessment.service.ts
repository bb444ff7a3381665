import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@lantern/api/auth';
import {
  CaseChanges,
  checkCaseVersion,
  lockedCase,
  maracContext,
  recordChangeReason,
  refreshHistoryReasons,
  refreshRiskMarkers,
} from '@lantern/api/cases';
import { APP_CONFIG, ProblemException, Problems, UUID, type AppConfig } from '@lantern/api/core';
import { CaseEntity, RiskAssessmentEntity } from '@lantern/api/data-access';
import {
  assessRisk,
  checkAgreedWithPolice,
  checklistCompleteness,
  combineRisk,
  missingRicAnswers,
  ricScore,
  RiskJudgementError,
  slaDue,
  type AgreedWithPolice,
  type AgreedWithPoliceRequest,
  type AnswerSources,
  type CaseSummary,
  type DashAnswers,
  type MaracReason,
  type PoliceRisk,
  type RiskAssessmentRecord,
  type RiskAssessmentRequest,
  type RiskGrade,
  type RiskJudgement,
} from '@lantern/shared/domain';

/** The answers, their sources and the judgement of a request the contract accepted. */
export function toAssessment(body: RiskAssessmentRequest): {
  answers: DashAnswers;
  sources: AnswerSources;
  judgement: RiskJudgement | null;
} {
  const answers: DashAnswers = {};
  for (const [k, v] of Object.entries(body.answers)) if (v !== undefined) answers[k as `q${number}`] = v;
  const sources: AnswerSources = {};
  for (const [k, v] of Object.entries(body.sources ?? {})) if (v !== undefined) sources[k as `q${number}`] = v;
  return { answers, sources, judgement: body.judgement ?? null };
}

/** The police side of a case as stored (grade, score and the MARAC criteria it meets on its own). */
function storedPolice(c: CaseEntity): PoliceRisk {
  return {
    grade: (c.policeGrade ?? c.officerGrade) as RiskGrade | null,
    score: c.policeScore,
    reasons: (c.policeReasons ?? []) as MaracReason[],
  };
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
    const { answers, sources, judgement } = toAssessment(body);
    // A source is recorded for an answer: one without an answer is refused.
    const orphan = Object.keys(sources).filter((k) => answers[k as `q${number}`] === undefined);
    if (orphan.length) throw Problems.validation(orphan.map((k) => ({ path: `/sources/${k}`, message: 'has a source but no answer' })));
    // A score-based grade needs all 24 RIC questions answered ("not known" and "declined" are answers). An incomplete
    // checklist is accepted only with a professional judgement, which then governs; the record says it is incomplete.
    // Except when the answers given are visible high risk already (14+ "yes"): no unanswered question can change a high
    // grade or the MARAC referral it needs, and refusing it held back the grade a victim at visible high risk must have
    // (an answer-sheet review, session 48: a sheet listing only its "yes" answers was refused; a police DASH with the
    // same gaps was scored). The record still says it is incomplete.
    const missing = missingRicAnswers(answers);
    if (missing.length && !judgement && ricScore(answers) < this.config.triage.bands.high) {
      throw new ProblemException(
        422,
        'checklist-incomplete',
        'Checklist incomplete',
        `A score-based grade needs every one of the 24 RIC questions answered ("not known" and "declined" are answers); ${missing.length} unanswered. Answer them, or record a professional judgement.`,
        missing.map((k) => ({ path: `/answers/${k}`, message: 'is unanswered' })),
      );
    }
    const completeness = checklistCompleteness(answers);
    const rules = this.config.triage;
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkCaseVersion(body.version, c.version);
      let result;
      try {
        result = assessRisk(answers, judgement, await maracContext(m, caseId, rules), rules.bands, rules.marac);
      } catch (err) {
        if (err instanceof RiskJudgementError) {
          throw new ProblemException(422, err.code, 'Judgement refused', err.message, [{ path: '/judgement/grade', message: err.message }]);
        }
        throw err;
      }
      // Police grades count: the case takes the higher of the hub's grade and the police grade (or an agreed one).
      const checklist = result.marac.reasons.filter((r) => r === 'visible-high-risk' || r === 'professional-judgement');
      const combined = combineRisk({
        hubGrade: result.grade,
        hubReasons: checklist,
        police: storedPolice(c),
        agreement: (c.agreedWithPolice ?? null) as AgreedWithPolice | null,
      });
      const caseGrade = combined.grade ?? result.grade;
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
        sources,
        completeness,
        caseGrade,
        assessedAt: now,
        assessedBy: user.id,
      });
      const due = slaDue(c, caseGrade, rules.slaTargets, rules.calendar);
      const version = c.version + 1;
      await m.update(
        CaseEntity,
        { id: caseId },
        {
          version,
          riskGrade: caseGrade,
          hubGrade: result.grade,
          riskScore: result.score,
          riskSource: 'hub',
          maracReasons: result.marac.reasons,
          maracRequired: result.marac.required,
          assignDueAt: new Date(due.assignDueAt),
          firstContactDueAt: new Date(due.firstContactDueAt),
          // An agreement that no longer governs (one recorded under a police DASH now of visible high risk) ends here,
          // as a police revision ends it (case-writer.ts): the case and its record say the same.
          ...(c.agreedWithPolice && !combined.agreementApplies ? { agreedWithPolice: null } : {}),
        },
      );
      await refreshHistoryReasons(m, caseId, rules);
      // The hub's answers count too: a "yes" to strangulation, stalking, threats to kill… raises the priority.
      await refreshRiskMarkers(m, caseId);
      const { case: summary } = await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: user.id },
        action: 'case.risk-assessed',
        entityType: 'case',
        entityId: caseId,
        details: {
          assessmentId: id,
          score: result.score,
          grade: result.grade,
          caseGrade,
          marac: result.marac.reasons,
          judgement: !!judgement,
          complete: completeness.complete,
        },
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
        sources,
        completeness,
        caseGrade,
      };
      return rec;
    });
  }

  /**
   * A team lead grades the case below the police grade ("agreed with police"), with a reason: recorded on the case,
   * audited as `case.risk-agreed-with-police` {from, to, reasonId, policeGrade} (the reason beside the trail). The agreed grade then takes the police grade's
   * place (the hub's own grade can still raise it) and the police-derived MARAC reasons no longer apply.
   */
  async agreeWithPolice(lead: AuthUser, caseId: string, body: AgreedWithPoliceRequest, now = new Date()): Promise<CaseSummary> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const rules = this.config.triage;
    return this.changes.run(now, async (tx, m) => {
      const c = await lockedCase(m, caseId);
      if (!c) throw Problems.notFound('No such case.');
      checkCaseVersion(body.version, c.version);
      const police = storedPolice(c);
      const hubGrade = (c.hubGrade ?? null) as RiskGrade | null;
      const errors = checkAgreedWithPolice({ grade: body.grade, reason: body.reason }, police, hubGrade);
      if (errors.length) {
        throw new ProblemException(
          422,
          'agreement-refused',
          'Agreement refused',
          errors.map((e) => e.message).join(' '),
          errors.map((e) => ({ path: e.path, message: e.message })),
        );
      }
      const from = (c.riskGrade ?? c.officerGrade) as RiskGrade | null;
      const agreement: AgreedWithPolice = {
        grade: body.grade,
        reason: body.reason.trim(),
        at: now.toISOString(),
        by: { id: lead.id, displayName: lead.displayName },
        policeGrade: police.grade as RiskGrade,
        from,
      };
      const combined = combineRisk({ hubGrade, police, agreement });
      const to = combined.grade ?? body.grade;
      const due = slaDue(c, to, rules.slaTargets, rules.calendar);
      const version = c.version + 1;
      await m.update(
        CaseEntity,
        { id: caseId },
        {
          version,
          agreedWithPolice: agreement,
          riskGrade: to,
          assignDueAt: new Date(due.assignDueAt),
          firstContactDueAt: new Date(due.firstContactDueAt),
        },
      );
      await refreshHistoryReasons(m, caseId, rules);
      const { case: summary } = await tx.caseChanged(caseId, version, {
        actor: { type: 'user', id: lead.id },
        action: 'case.risk-agreed-with-police',
        entityType: 'case',
        entityId: caseId,
        // The lead's words beside the trail (case_change_reasons), named by id: the trail takes codes and ids only.
        details: {
          from,
          to,
          reasonId: await recordChangeReason(m, {
            caseId,
            action: 'case.risk-agreed-with-police',
            by: lead.id,
            at: now,
            reason: agreement.reason,
          }),
          policeGrade: police.grade,
        },
      });
      return summary;
    });
  }
}
