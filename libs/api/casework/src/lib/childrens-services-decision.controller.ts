import { Controller, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import { CHILDRENS_SERVICES_DECISION_REQUEST, type CaseSummary, type ChildrensServicesDecisionRequest } from '@lantern/shared/domain';
import { ChildrensServicesDecisionService } from './childrens-services-decision.service';

/** Children in the household: the hub's decision about children's services when it sends no referral (docs/referrals.md). */
@ApiTags('casework')
@Controller('v1/cases')
export class ChildrensServicesDecisionController {
  constructor(private readonly decisions: ChildrensServicesDecisionService) {}

  @Put(':id/childrens-services-decision')
  @Allow('case.work')
  @CaseAccess('write')
  @ApiOperation({
    summary: "Record the hub's children's services decision for the children in the household",
    description:
      "{decision, reason, version?}: `decision` is `police-notified` (the police have notified children's services), `already-involved` (children's services already work with the family) or `not-needed` (no referral needed, in the caseworker's professional judgement); `reason` (1–1000 characters, not blank) says who, which reference or why. Children in the household (or pregnancy) block closing until a children's services referral is sent or a decision is recorded (422 `childrens-services-decision-required` on POST /cases/:id/status). A new decision is a new record; the latest is in force (CaseDetail.childrensServices.decision). The case gets a new version (case.changed), audited as `case.childrens-services-decision` with `decision` and `reasonId` (the words are kept beside the trail). 400 naming /decision or /reason; 409 stale-version or case-closed.",
  })
  record(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CHILDRENS_SERVICES_DECISION_REQUEST) body: ChildrensServicesDecisionRequest,
  ): Promise<CaseSummary> {
    return this.decisions.record(user, id, body);
  }
}
