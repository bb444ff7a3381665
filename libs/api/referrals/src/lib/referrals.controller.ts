import { Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, PatternParam, sendPdf, ValidBody, ValidQuery } from '@lantern/api/core';
import {
  CREATE_PARTNER_SERVICE_REQUEST,
  CREATE_REFERRAL_REQUEST,
  PARTNERS_QUERY,
  REFERRAL_ACTION_REQUEST,
  REFERRAL_ACTIONS,
  REFERRALS_QUERY,
  SAFEGUARDING_BASIS_REQUEST,
  slug,
  UPDATE_PARTNER_SERVICE_REQUEST,
  type CreatePartnerServiceRequest,
  type CreateReferralRequest,
  type LawfulBasis,
  type PartnerServiceRecord,
  type PartnersQuery,
  type Referral,
  type ReferralAction,
  type ReferralActionRequest,
  type ReferralOption,
  type ReferralsQuery,
  type SafeguardingBasis,
  type SafeguardingBasisRequest,
  type UpdatePartnerServiceRequest,
} from '@lantern/shared/domain';
import { PartnerDirectoryService } from './partner-directory.service';
import { ReferralsService } from './referrals.service';

/** A referral lifecycle step, as a path segment. */
const ACTION = { type: 'string', enum: Object.keys(REFERRAL_ACTIONS), pattern: `^(${Object.keys(REFERRAL_ACTIONS).join('|')})$` };

@ApiTags('referrals')
@Controller('v1')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly directory: PartnerDirectoryService,
  ) {}

  /** The partner directory: services, areas, eligibility rules, hours, time to acknowledge. No case data. `?include=inactive` too. */
  @Get('partners')
  @Allow('partners.read')
  partners(@ValidQuery(PARTNERS_QUERY) query: PartnersQuery): Promise<PartnerServiceRecord[]> {
    return this.directory.list({ includeInactive: query.include === 'inactive' });
  }

  /** Admin: add a service to the directory (problem+json with every failing field). */
  @Post('partners')
  @Allow('partners.manage')
  addPartnerService(
    @CurrentUserParam() user: AuthUser,
    @ValidBody(CREATE_PARTNER_SERVICE_REQUEST) body: CreatePartnerServiceRequest,
  ): Promise<PartnerServiceRecord> {
    return this.directory.create(user, body);
  }

  /** Admin: replace a service's entry (send the `version` you edited; 409 if someone changed it since). */
  @Put('partners/:service')
  @Allow('partners.manage')
  updatePartnerService(
    @CurrentUserParam() user: AuthUser,
    @PatternParam('service', slug, 'No such partner service.') service: string,
    @ValidBody(UPDATE_PARTNER_SERVICE_REQUEST) body: UpdatePartnerServiceRequest,
  ): Promise<PartnerServiceRecord> {
    return this.directory.update(user, service, body);
  }

  /**
   * The hub's MARAC / IDVA referral form (PDF) pre-filled from the case: the latest recorded MARAC referral's form, or
   * a draft (marked so) when none is recorded yet. One referral's form: GET /cases/:id/marac-referrals/:referralId/form.
   * The draft follows the rule a recorded referral does: a case meeting no MARAC criterion, without the victim's consent
   * to share or a team lead's lawful basis, is 422 `consent-or-basis-required`.
   */
  @Get('cases/:id/marac-referral')
  @Allow('case.work')
  @CaseAccess('write', { whenClosed: true })
  async maracForm(@CurrentUserParam() user: AuthUser, @IdParam() id: string, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.referrals.maracForm(user, id);
    sendPdf(res, pdf, filename);
  }

  /** Every partner service with `eligible` and the reasons, eligible ones first. */
  @Get('cases/:id/referral-options')
  @Allow('case.read')
  @CaseAccess('read')
  options(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<ReferralOption[]> {
    return this.referrals.options(user.id, id);
  }

  /**
   * {partnerId, service, notes?, draft?, victimInformed?, victimInformedReason?}: 201 (sent unless draft), 422
   * not-eligible / consent-required. A children's services referral needs `victimInformed` ('yes' | 'no-risk-to-child',
   * the latter with a reason): 400 naming the path otherwise; its dataset carries `childrensServices` (docs/referrals.md).
   */
  @Post('cases/:id/referrals')
  @Allow('case.work')
  @CaseAccess('write')
  create(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CREATE_REFERRAL_REQUEST) body: CreateReferralRequest,
  ): Promise<Referral> {
    return this.referrals.create(user, id, body);
  }

  @Get('cases/:id/referrals')
  @Allow('case.read')
  @CaseAccess('read')
  forCase(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<Referral[]> {
    return this.referrals.list(user, { caseId: id });
  }

  /** The lawful bases a team lead may record for sharing without consent: [{code, title, legalReference, description?}]. */
  @Get('lawful-bases')
  @Allow('case.read')
  lawfulBases(): LawfulBasis[] {
    return this.referrals.lawfulBases();
  }

  /** {ground: a lawful-basis code, reason} (team leads): the lawful basis for sharing without consent (400 /ground if unknown). */
  @Post('cases/:id/safeguarding-basis')
  @Allow('safeguarding-basis.record')
  @CaseAccess('write')
  basis(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SAFEGUARDING_BASIS_REQUEST) body: SafeguardingBasisRequest,
  ): Promise<SafeguardingBasis> {
    return this.referrals.recordSafeguardingBasis(user, id, body);
  }

  /** Staff: all referrals (?caseId=); a partner user: only their own agency's. */
  @Get('referrals')
  @Allow('referrals.read')
  list(@CurrentUserParam() user: AuthUser, @ValidQuery(REFERRALS_QUERY) query: ReferralsQuery): Promise<Referral[]> {
    return this.referrals.list(user, query.caseId !== undefined ? { caseId: query.caseId } : {});
  }

  /** One referral: a partner only their own agency's (404 otherwise), never a draft; a withdrawn one is its tombstone. */
  @Get('referrals/:id')
  @Allow('referrals.read')
  @ApiOperation({
    summary: 'One referral (a partner: only their own agency’s)',
    description:
      'A partner gets only its own agency’s referrals (404 otherwise), never a draft; a withdrawn one is a tombstone without its dataset. ' +
      'The dataset’s `area` is where the victim lives as the hub holds it (the case’s outreach area; the incident’s only when her home is not known; ' +
      '"Outside the county" for a home outside it), with `incidentArea` for the kinds given the incident when the incident was in another area ' +
      '(datasets sent before 2026-12-07 hold the incident’s area). On an open referral `dataset.safeContact` is the hub’s current plan, and ' +
      '`safeContact.changedAt` says when the hub last changed it after sending (the agency is emailed `contact-changed`, docs/referrals.md).',
  })
  one(@CurrentUserParam() user: AuthUser, @IdParam('id', 'No such referral.') id: string): Promise<Referral> {
    return this.referrals.get(user, id);
  }

  /** The referral document (PDF): the partner's minimal dataset, pre-filled from the case. 410 once withdrawn. */
  @Get('referrals/:id/document')
  @Allow('referrals.read')
  async document(@CurrentUserParam() user: AuthUser, @IdParam('id', 'No such referral.') id: string, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.referrals.document(user, id);
    sendPdf(res, pdf, filename);
  }

  /** send | acknowledge | accept | decline {reason} | outcome {outcome, note?} | close | revoke {reason} */
  @Post('referrals/:id/:action')
  @HttpCode(200)
  @Allow('referrals.act')
  act(
    @CurrentUserParam() user: AuthUser,
    @IdParam('id', 'No such referral.') id: string,
    @PatternParam('action', ACTION, 'No such referral action.') action: ReferralAction,
    @ValidBody(REFERRAL_ACTION_REQUEST) body: ReferralActionRequest,
  ): Promise<Referral> {
    return this.referrals.act(user, id, action, body);
  }
}
