import { Module } from '@nestjs/common';
import { MaracReferralsController } from './marac-referrals.controller';
import { MaracReferralsService } from './marac-referrals.service';
import { ReferralsController } from './referrals.controller';
import { ReferralDeliveryService } from './referral-delivery.service';
import { ReferralsService } from './referrals.service';
import { PartnerDirectoryService } from './partner-directory.service';
import { ReferralPlanWatcher } from './referral-plan-watcher';

@Module({
  controllers: [ReferralsController, MaracReferralsController],
  providers: [MaracReferralsService, ReferralsService, ReferralDeliveryService, PartnerDirectoryService, ReferralPlanWatcher],
  exports: [MaracReferralsService, ReferralsService, ReferralDeliveryService, PartnerDirectoryService],
})
export class ReferralsModule {}
