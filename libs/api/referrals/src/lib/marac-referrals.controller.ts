import { Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, sendPdf, ValidBody } from '@lantern/api/core';
import { MARAC_REFERRAL_REQUEST, type MaracReferral, type MaracReferralRequest } from '@lantern/shared/domain';
import { MaracReferralsService } from './marac-referrals.service';
import { ReferralsService } from './referrals.service';

@ApiTags('marac')
@Controller('v1/cases/:id/marac-referrals')
export class MaracReferralsController {
  constructor(
    private readonly marac: MaracReferralsService,
    private readonly referrals: ReferralsService,
  ) {}

  /**
   * Records a MARAC referral of the case {maracArea, note?} → 201 {id, referredAt, maracArea, perpetratorPersonId, …}.
   * perpetratorPersonId is the police person id of the case's suspect, or null. Repeat (a new incident for the same
   * victim and perpetrator within the repeat window) is counted from these records. Caseworkers and team leads.
   * A case graded high or meeting a MARAC criterion is referred whatever the consent (the MARAC protocol). Any other
   * is a referral on professional judgement: 400 naming /note without one (why the risk is high), and 422
   * `consent-or-basis-required` when the victim has not consented to sharing and no team lead has recorded a lawful
   * basis. Audit details `criterion`: `met` or `professional-judgement`.
   */
  @Post()
  @Allow('marac-referral.record')
  @CaseAccess('write')
  record(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(MARAC_REFERRAL_REQUEST) body: MaracReferralRequest,
  ): Promise<MaracReferral> {
    return this.marac.record(user, id, body);
  }

  /** The MARAC referrals recorded for the case, newest first. Hub staff and auditors; the read is audited. */
  @Get()
  @Allow('case.read')
  @CaseAccess('read')
  list(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<MaracReferral[]> {
    return this.marac.list(user, id);
  }

  /** The MARAC referral form (PDF) of one recorded referral: its date, MARAC, referrer and reasons, and the case. */
  @Get(':referralId/form')
  @ApiOperation({
    summary: 'The MARAC referral form (PDF) of one recorded referral',
    description:
      'Made from the case as it is now, under the referral’s date, MARAC, referrer and reasons. 404 when the referral is not ' +
      'this case’s; 409 `victim-changed` when it was recorded before a police revision named another person as the victim ' +
      '(the form would put her details under the earlier person’s referral).',
  })
  @Allow('case.work')
  @CaseAccess('write', { whenClosed: true })
  async form(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @IdParam('referralId', 'No such MARAC referral.') referralId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { pdf, filename } = await this.referrals.maracForm(user, id, new Date(), referralId);
    sendPdf(res, pdf, filename);
  }
}
