import { Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { APP_CONFIG, IdParam, ValidBody, type AppConfig } from '@lantern/api/core';
import {
  AGREED_WITH_POLICE_REQUEST,
  DASH_QUESTIONS,
  type AgreedWithPoliceRequest,
  type CaseSummary,
  RISK_ASSESSMENT_REQUEST,
  type RiskAssessmentRecord,
  type RiskAssessmentRequest,
  type TriageConfig,
} from '@lantern/shared/domain';
import { RiskAssessmentService } from './risk-assessment.service';

@ApiTags('triage')
@Controller('v1')
export class TriageController {
  constructor(
    private readonly assessments: RiskAssessmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The question catalogue, bands, SLA targets, hub calendar and priority weights. Rules, not case data. */
  @Get('triage/config')
  @Allow('triage-rules.read')
  triageConfig(): TriageConfig {
    return { questions: DASH_QUESTIONS, ...this.config.triage };
  }

  /**
   * A hub DASH RIC assessment. Caseworkers and team leads; auditors read only. `sources` {qN: victim |
   * police-prefill | other-agency} says where each answer came from. All 24 RIC questions must be answered
   * ("not-known" and "declined" are answers): otherwise 422 `checklist-incomplete` naming each /answers/qN, unless a
   * professional judgement is given (it then governs; the record's completeness says the score is incomplete) or the
   * answers given are visible high risk already (14+ "yes": scored, recorded as incomplete).
   * The record carries `completeness` {answered, notKnown, declined, unanswered, complete} and `caseGrade` (the
   * higher of the hub's and the police grade).
   */
  @Post('cases/:id/risk-assessments')
  @Allow('case.work')
  @CaseAccess('write')
  assess(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RISK_ASSESSMENT_REQUEST) body: RiskAssessmentRequest,
  ): Promise<RiskAssessmentRecord> {
    return this.assessments.assess(user, id, body);
  }

  /**
   * {grade, reason, version?} (team leads): "agreed with police", grade the case below the police grade with a
   * reason. 422 `agreement-refused` naming /grade when it is not below the police grade (or is below the hub's own
   * assessment, or the police DASH is visible high risk: 14+ may be raised, never lowered), /reason when blank. Audited as `case.risk-agreed-with-police` {from, to, reasonId, policeGrade} (the reason beside the trail); returns the case.
   */
  @Post('cases/:id/risk/agreed-with-police')
  @Allow('risk.agree-with-police')
  @CaseAccess('write')
  @ApiOperation({
    summary: 'Agreed with police: a team lead grades the case below the police grade, with a reason',
    description:
      'Team leads only (403 otherwise). 422 agreement-refused naming /grade (not below the police grade, no police grade, ' +
      'below the hub\'s own assessment, or a police DASH of visible high risk: 14+ "yes", which judgement may raise but never ' +
      'lower, SafeLives) or /reason (blank). Audited as case.risk-agreed-with-police {from, to, reasonId, policeGrade} (the reason kept beside the trail); the agreed grade then ' +
      'takes the police grade’s place and police-derived MARAC reasons no longer apply, until a police revision raises the ' +
      'police grade above it or brings a DASH of visible high risk. Returns the case summary.',
  })
  agreedWithPolice(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(AGREED_WITH_POLICE_REQUEST) body: AgreedWithPoliceRequest,
  ): Promise<CaseSummary> {
    return this.assessments.agreeWithPolice(user, id, body);
  }
}
