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
      "{decision, reason, version?}: `decision` is `police-notified` (the police have notified children's services), `already-involved` (children's services already work with the family) or `not-needed` (no referral needed, in the caseworker's professional judgement); `reason` (1–1000 characters, not blank) says who, which reference or why. A case with children to safeguard (children at home, a child present or listed, a pregnancy or baby under 18 months, or children the report leaves unclear: CaseDetail.childrensServices.reasons) does not close until a children's services referral is sent or a decision is in force (422 `childrens-services-decision-required` on POST /cases/:id/status). A new decision is a new record; the latest is in force while the case is on the police revision it was made on and not reopened since (`decisionInForce`). The case gets a new version (case.changed), audited as `case.childrens-services-decision` with `decision`, `decisionId` and `reasonId` (the words are kept beside the trail). 400 naming /decision or /reason; 409 stale-version or case-closed; 422 `childrens-services-referral-required` when only a referral answers (a victim under 18, or police or hub DASH question 11 or 12 \"yes\": the abuser has hurt or threatened the children), 422 `no-children-to-safeguard` when the case has none.",
  })
  record(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CHILDRENS_SERVICES_DECISION_REQUEST) body: ChildrensServicesDecisionRequest,
  ): Promise<CaseSummary> {
    return this.decisions.record(user, id, body);
  }
}
