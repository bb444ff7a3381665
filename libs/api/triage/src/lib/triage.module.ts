import { Module } from '@nestjs/common';
import { RiskAssessmentService } from './risk-assessment.service';
import { SlaWatchService } from './sla-watch.service';
import { TriageController } from './triage.controller';

@Module({
  controllers: [TriageController],
  providers: [RiskAssessmentService, SlaWatchService],
  exports: [RiskAssessmentService, SlaWatchService],
})
export class TriageModule {}
