import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody, ValidQuery } from '@lantern/api/core';
import {
  ASSIGN_CASE_REQUEST,
  CALLBACK_REQUEST,
  CASE_STATUS_REQUEST,
  CLAIM_CASE_REQUEST,
  CONTACT_ATTEMPT_REQUEST,
  DUE_CALLBACKS_QUERY,
  RESUME_CONTACT_REQUEST,
  SAFE_CONTACT_UPDATE_REQUEST,
  SAVE_NEEDS_REQUEST,
  SAVE_SAFETY_PLAN_REQUEST,
  type AssignCaseRequest,
  type CallbackRequest,
  type CaseStatusRequest,
  type ClaimCaseRequest,
  type ContactAttemptRequest,
  type DueCallbacksQuery,
  type ResumeContactRequest,
  type SafeContactUpdateRequest,
  type SaveNeedsRequest,
  type SaveSafetyPlanRequest,
  type CallbackRecord,
  type CaseSummary,
  type ContactAttemptRecord,
  type SafeContactView,
  type TeamLeadAlerts,
  type VersionedDocument,
  type NeedsContent,
  type SafetyPlanContent,
} from '@lantern/shared/domain';
import { CaseworkService } from './casework.service';
import { FollowUpService } from './follow-up.service';

@ApiTags('casework')
@Controller('v1/cases')
export class CaseworkController {
  constructor(
    private readonly casework: CaseworkService,
    private readonly followUp: FollowUpService,
  ) {}

  /** Claims the highest-priority unassigned case ("Next case"). 404 when none is waiting. */
  @Post('next')
  @HttpCode(200)
  @Allow('case.work')
  next(@CurrentUserParam() user: AuthUser): Promise<CaseSummary> {
    return this.casework.next(user);
  }

  /** 200 for the one winner, 409 for everyone else. */
  @Post(':id/claim')
  @HttpCode(200)
  @Allow('case.work')
  claim(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CLAIM_CASE_REQUEST) body: ClaimCaseRequest,
  ): Promise<CaseSummary> {
    return this.casework.claim(user, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Allow('case.assign')
  assign(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(ASSIGN_CASE_REQUEST) body: AssignCaseRequest,
  ): Promise<CaseSummary> {
    return this.casework.assign(user, id, body);
  }

  /** {status, reason?, version?}: moves along the lifecycle table (409 for an illegal move). */
  @Post(':id/status')
  @HttpCode(200)
  @Allow('case.work')
  status(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CASE_STATUS_REQUEST) body: CaseStatusRequest,
  ): Promise<CaseSummary> {
    return this.casework.setStatus(user, id, body);
  }

  @Get(':id/safe-contact')
  @Allow('case.read')
  safeContact(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<SafeContactView> {
    return this.casework.safeContact(user, id);
  }

  @Put(':id/safe-contact')
  @Allow('case.work')
  updateSafeContact(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAFE_CONTACT_UPDATE_REQUEST) body: SafeContactUpdateRequest,
  ): Promise<SafeContactView> {
    return this.casework.updateSafeContact(user, id, body);
  }

  /** 201, or 422 {code: "unsafe-contact", rule, rules[]} unless override {reason} is given. */
  @Post(':id/contact-attempts')
  @Allow('case.work')
  attempt(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CONTACT_ATTEMPT_REQUEST) body: ContactAttemptRequest,
  ): Promise<ContactAttemptRecord> {
    return this.casework.attempt(user, id, body);
  }

  @Get(':id/contact-attempts')
  @Allow('case.read')
  attempts(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<ContactAttemptRecord[]> {
    return this.casework.attempts(user, id);
  }

  @Post(':id/contact/resume')
  @HttpCode(200)
  @Allow('contact.resume')
  resume(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RESUME_CONTACT_REQUEST) body: ResumeContactRequest,
  ): Promise<CaseSummary> {
    return this.casework.resume(user, id, body);
  }

  /** {dueAt, notes?}: inside the victim's safe times and staffed hours, else 422 unsafe-callback. */
  @Post(':id/callbacks')
  @Allow('case.work')
  scheduleCallback(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CALLBACK_REQUEST) body: CallbackRequest,
  ): Promise<CallbackRecord> {
    return this.followUp.scheduleCallback(user, id, body);
  }

  @Get(':id/callbacks')
  @Allow('case.read')
  callbacks(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CallbackRecord[]> {
    return this.followUp.caseCallbacks(user, id);
  }

  /** Failed attempts so far and whether to suggest closing as unable-to-contact. */
  @Get(':id/contact-summary')
  @Allow('case.read')
  contactSummary(@IdParam() id: string): Promise<{ suggest: boolean; failed: number; days: number }> {
    return this.followUp.contactSummary(id);
  }

  @Get(':id/needs')
  @Allow('case.read')
  needs(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<VersionedDocument<NeedsContent>> {
    return this.followUp.document(user, id, 'needs');
  }

  /** {content: {<domain>: {need, urgency, notes}}, basedOnVersion?} → a new version. */
  @Put(':id/needs')
  @Allow('case.work')
  saveNeeds(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAVE_NEEDS_REQUEST) body: SaveNeedsRequest,
  ): Promise<VersionedDocument<NeedsContent>> {
    return this.followUp.saveNeeds(user, id, body);
  }

  @Get(':id/safety-plan')
  @Allow('case.read')
  safetyPlan(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.followUp.document(user, id, 'safety-plan');
  }

  /** {content: {actions: [{action, owner, agreed, done, due?}], notes?}, basedOnVersion?} → a new version. */
  @Put(':id/safety-plan')
  @Allow('case.work')
  saveSafetyPlan(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAVE_SAFETY_PLAN_REQUEST) body: SaveSafetyPlanRequest,
  ): Promise<VersionedDocument<SafetyPlanContent>> {
    return this.followUp.saveSafetyPlan(user, id, body);
  }
}

@ApiTags('casework')
@Controller('v1')
export class CallbacksController {
  constructor(private readonly followUp: FollowUpService) {}

  /** "Due now": my pending call-backs (scope=all for team leads: everyone's, with missed ones flagged). */
  @Get('callbacks/due')
  @Allow('case.work')
  due(@CurrentUserParam() user: AuthUser, @ValidQuery(DUE_CALLBACKS_QUERY) query: DueCallbacksQuery): Promise<CallbackRecord[]> {
    return this.followUp.due(user, query.scope);
  }

  /** Team leads: contact overrides of the last 14 days, paused contact, missed call-backs. */
  @Get('alerts')
  @Allow('team.manage')
  alerts(@CurrentUserParam() user: AuthUser): Promise<TeamLeadAlerts> {
    return this.followUp.teamLeadAlerts(user);
  }
}
