import { Module } from '@nestjs/common';
import { CaseworkModule } from '@lantern/api/casework';
import { ReferralsModule } from '@lantern/api/referrals';
import { FeedKeyCache, FeedKeyGuard } from './feed-key.guard';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';
import { IntakeRateLimiter } from './rate-limiter';
import { ReportValidator } from './report-validator';

@Module({
  // CaseworkModule: a refusal told to the officer is recorded on her other cases as the hub records one (ConsentService).
  imports: [ReferralsModule, CaseworkModule],
  controllers: [IntakeController],
  providers: [IntakeService, ReportValidator, FeedKeyCache, FeedKeyGuard, IntakeRateLimiter],
  exports: [IntakeService, ReportValidator, IntakeRateLimiter],
})
export class IntakeModule {}
