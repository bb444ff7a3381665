import { Module } from '@nestjs/common';
import { ReferralsController } from './referrals.controller';
import { ReferralDeliveryService } from './referral-delivery.service';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralDeliveryService],
  exports: [ReferralsService, ReferralDeliveryService],
})
export class ReferralsModule {}
