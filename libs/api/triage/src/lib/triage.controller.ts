import { Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { APP_CONFIG, IdParam, ValidBody, type AppConfig } from '@lantern/api/core';
import {
  DASH_QUESTIONS,
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

  /** A hub DASH RIC assessment. Caseworkers and team leads; auditors read only. */
  @Post('cases/:id/risk-assessments')
  @Allow('case.work')
  assess(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RISK_ASSESSMENT_REQUEST) body: RiskAssessmentRequest,
  ): Promise<RiskAssessmentRecord> {
    return this.assessments.assess(user, id, body);
  }
}
