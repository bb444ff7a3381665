import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUserParam, Roles, type AuthUser } from '@lantern/api/auth';
import { CASE_READER_ROLES, type PartnerService } from '@lantern/shared/domain';
import { ReferralsService, type ReferralOption } from './referrals.service';

@ApiTags('referrals')
@Controller('v1')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** The partner directory: services, areas, eligibility rules, time to acknowledge. No case data. */
  @Get('partners')
  @Roles('caseworker', 'team-lead', 'admin', 'auditor')
  partners(): PartnerService[] {
    return this.referrals.partners();
  }

  /** Every partner service with `eligible` and the reasons, eligible ones first. */
  @Get('cases/:id/referral-options')
  @Roles(...CASE_READER_ROLES)
  options(@CurrentUserParam() user: AuthUser, @Param('id') id: string): Promise<ReferralOption[]> {
    return this.referrals.options(user.id, id);
  }
}
