import { Module } from '@nestjs/common';
import { ReferralsController } from './referrals.controller';
import { ReferralDeliveryService } from './referral-delivery.service';
import { ReferralsService } from './referrals.service';
import { PartnerDirectoryService } from './partner-directory.service';
import { ReferralPlanWatcher } from './referral-plan-watcher';

@Module({
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralDeliveryService, PartnerDirectoryService, ReferralPlanWatcher],
  exports: [ReferralsService, ReferralDeliveryService, PartnerDirectoryService],
})
export class ReferralsModule {}
