import { Module } from '@nestjs/common';
import { FeedKeyGuard } from './feed-key.guard';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';
import { IntakeRateLimiter } from './rate-limiter';
import { ReportValidator } from './report-validator';

@Module({
  controllers: [IntakeController],
  providers: [IntakeService, ReportValidator, FeedKeyGuard, IntakeRateLimiter],
  exports: [IntakeService, ReportValidator, IntakeRateLimiter],
})
export class IntakeModule {}
