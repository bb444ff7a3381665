import { Module } from '@nestjs/common';
import { ReferralsModule } from '@lantern/api/referrals';
import { FeedKeyCache, FeedKeyGuard } from './feed-key.guard';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';
import { IntakeRateLimiter } from './rate-limiter';
import { ReportValidator } from './report-validator';

@Module({
  imports: [ReferralsModule],
  controllers: [IntakeController],
  providers: [IntakeService, ReportValidator, FeedKeyCache, FeedKeyGuard, IntakeRateLimiter],
  exports: [IntakeService, ReportValidator, IntakeRateLimiter],
})
export class IntakeModule {}
