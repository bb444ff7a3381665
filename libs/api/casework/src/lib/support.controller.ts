import { Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  SAVE_NEEDS_REQUEST,
  SAVE_SAFETY_PLAN_REQUEST,
  type NeedsContent,
  type SafetyPlanContent,
  type SaveNeedsRequest,
  type SaveSafetyPlanRequest,
  type VersionedDocument,
} from '@lantern/shared/domain';
import { SupportService } from './support.service';

/** The needs assessment and the safety plan of a case. */
@ApiTags('support')
@Controller('v1/cases')
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Get(':id/needs')
  @Allow('case.read')
  @CaseAccess('read')
  needs(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<VersionedDocument<NeedsContent>> {
    return this.support.needs(user, id);
  }

  /** {content: {<domain>: {need, urgency, notes}}, basedOnVersion?} → a new version. */
  @Put(':id/needs')
  @Allow('case.work')
  @CaseAccess('write')
  saveNeeds(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAVE_NEEDS_REQUEST) body: SaveNeedsRequest,
  ): Promise<VersionedDocument<NeedsContent>> {
    return this.support.saveNeeds(user, id, body);
  }

  @Get(':id/safety-plan')
  @Allow('case.read')
  @CaseAccess('read')
  safetyPlan(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.support.safetyPlan(user, id);
  }

  /** {content: {actions: [{action, owner, agreed, done, due?}], notes?}, basedOnVersion?} → a new version. */
  @Put(':id/safety-plan')
  @Allow('case.work')
  @CaseAccess('write')
  saveSafetyPlan(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAVE_SAFETY_PLAN_REQUEST) body: SaveSafetyPlanRequest,
  ): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.support.saveSafetyPlan(user, id, body);
  }
}
