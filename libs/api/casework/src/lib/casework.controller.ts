import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  ASSIGN_CASE_REQUEST,
  CASE_STATUS_REQUEST,
  CLAIM_CASE_REQUEST,
  CONTACT_ATTEMPT_REQUEST,
  RELEASE_CASE_REQUEST,
  RESUME_CONTACT_REQUEST,
  SAFE_CONTACT_UPDATE_REQUEST,
  SAFE_TIMES_CONFIRM_REQUEST,
  type AssignCaseRequest,
  type CaseStatusRequest,
  type ClaimCaseRequest,
  type ContactAttemptRequest,
  type ReleaseCaseRequest,
  type ResumeContactRequest,
  type SafeContactUpdateRequest,
  type SafeTimesConfirmRequest,
  type CaseSummary,
  type ContactAttemptRecord,
  type SafeContactView,
} from '@lantern/shared/domain';
import { CaseworkService } from './casework.service';

@ApiTags('casework')
@Controller('v1/cases')
export class CaseworkController {
  constructor(private readonly casework: CaseworkService) {}

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
  @CaseAccess('claim')
  claim(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CLAIM_CASE_REQUEST) body: ClaimCaseRequest,
  ): Promise<CaseSummary> {
    return this.casework.claim(user, id, body);
  }

  /** "Give back": the assignee (or a team lead) returns a claimed case to the queue; 409 when it is not theirs to give. */
  @Post(':id/release')
  @HttpCode(200)
  @Allow('case.work')
  @CaseAccess('claim')
  release(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RELEASE_CASE_REQUEST) body: ReleaseCaseRequest,
  ): Promise<CaseSummary> {
    return this.casework.release(user, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Allow('case.assign')
  @CaseAccess('write')
  assign(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(ASSIGN_CASE_REQUEST) body: AssignCaseRequest,
  ): Promise<CaseSummary> {
    return this.casework.assign(user, id, body);
  }

  /**
   * {status, reason?, closureReason?, overrideReason?, version?}: moves along the lifecycle table (409 for an illegal
   * move). No quiet closing: 422 `marac-referral-required`, `contact-attempts-required` or
   * `childrens-services-referral-required` (with `blockers`) unless a team lead gives an `overrideReason`
   * (docs/casework.md).
   */
  @Post(':id/status')
  @HttpCode(200)
  @Allow('case.work')
  @CaseAccess('write', { whenClosed: true })
  status(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CASE_STATUS_REQUEST) body: CaseStatusRequest,
  ): Promise<CaseSummary> {
    return this.casework.setStatus(user, id, body);
  }

  @Get(':id/safe-contact')
  @ApiOperation({
    summary: 'The safe-contact plan in force, and what police revisions changed since it was reviewed',
    description:
      '`plan` (a plan no caseworker has saved follows the latest police report; `plan.policeContact` is what the police ' +
      'said of the safe phone, texts and voicemail when its numbers were last saved), `consentToContact`, `contactPaused`, ' +
      '`suspectNumbers`, `suggestion`. `revisedSafeTimes`: the police changed the safe-times words after the times were ' +
      'confirmed. `revisedSafeContact` `{was, now, withdrawnNumbers, heldChannels}`: a police revision changed the safe ' +
      'phone, or whether texts or voicemail are safe, since the plan was reviewed; calls, texts and voicemail to ' +
      '`withdrawnNumbers` and the channels in `heldChannels` are refused (`police-revised-contact`, no override) until ' +
      'the plan is saved again (`PUT`), which clears it.',
  })
  @Allow('case.read')
  @CaseAccess('read')
  safeContact(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<SafeContactView> {
    return this.casework.safeContact(user, id);
  }

  /**
   * Saves the plan (numbers, windows, channels, code word). When its times change, pending call-backs still ahead that
   * the new times rule out are cancelled with it, and the answer says how many (`cancelledCallbacks`).
   */
  @Put(':id/safe-contact')
  @Allow('case.work')
  @CaseAccess('write')
  updateSafeContact(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAFE_CONTACT_UPDATE_REQUEST) body: SafeContactUpdateRequest,
  ): Promise<SafeContactView> {
    return this.casework.updateSafeContact(user, id, body);
  }

  /**
   * Confirms the victim's safe times in one action: `{useSuggestion: true}`, `{timeRule: "windows", windows}` or
   * `{timeRule: "any"}` (`version` optional). Until then (timeRule unknown) every call, SMS and voicemail is refused.
   * 409 no-suggestion when there is no suggestion to use. Pending call-backs still ahead that the new times rule out
   * are cancelled with it, and the answer says how many (`cancelledCallbacks`).
   */
  @Post(':id/safe-contact/times')
  @HttpCode(200)
  @Allow('case.work')
  @CaseAccess('write')
  confirmSafeTimes(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAFE_TIMES_CONFIRM_REQUEST) body: SafeTimesConfirmRequest,
  ): Promise<SafeContactView> {
    return this.casework.confirmSafeTimes(user, id, body);
  }

  /** 201, or 422 {code: "unsafe-contact", rule, rules[]} unless override {reason} is given. */
  @Post(':id/contact-attempts')
  @ApiOperation({
    summary: 'Record a contact attempt, or refuse it as unsafe',
    description:
      '201, or 422 `unsafe-contact` with `rule` and `rules[]`: consent-refused, contact-paused, channel-not-allowed, ' +
      'suspect-number, shared-number-channel, shared-number-check, number-not-on-plan, email-not-on-plan, ' +
      'safe-times-unconfirmed, outside-safe-window, police-revised-contact (a number or channel held by a police revision the plan ' +
      'has not been saved against: GET …/safe-contact `revisedSafeContact`; an outcome saying the call was not safe is ' +
      'always recorded). An `override: {reason}` lets a rule through ' +
      'except those in `notOverridable` (shared-number-check, police-revised-contact; suspect-number unless a team lead).',
  })
  @Allow('case.work')
  @CaseAccess('write')
  attempt(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CONTACT_ATTEMPT_REQUEST) body: ContactAttemptRequest,
  ): Promise<ContactAttemptRecord> {
    return this.casework.attempt(user, id, body);
  }

  @Get(':id/contact-attempts')
  @Allow('case.read')
  @CaseAccess('read')
  attempts(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<ContactAttemptRecord[]> {
    return this.casework.attempts(user, id);
  }

  @Post(':id/contact/resume')
  @HttpCode(200)
  @Allow('contact.resume')
  @CaseAccess('write')
  resume(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RESUME_CONTACT_REQUEST) body: ResumeContactRequest,
  ): Promise<CaseSummary> {
    return this.casework.resume(user, id, body);
  }
}
