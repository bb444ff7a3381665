import { Module } from '@nestjs/common';
import { IntakeModule } from '@lantern/api/intake';
import { OfficerReferralsController } from './officer-referrals.controller';
import { OfficerReferralsService } from './officer-referrals.service';

/** The officer at the scene: referrals through the one intake, and the officer's own list (docs/officer-app.md). */
@Module({
  imports: [IntakeModule],
  controllers: [OfficerReferralsController],
  providers: [OfficerReferralsService],
})
export class OfficerModule {}
