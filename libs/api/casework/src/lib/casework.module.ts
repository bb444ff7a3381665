import { Module } from '@nestjs/common';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseworkController } from './casework.controller';
import { CaseworkService } from './casework.service';
import { SupportController } from './support.controller';
import { SupportService } from './support.service';
import { TeamLeadAlertsController } from './team-lead-alerts.controller';
import { TeamLeadAlertsService } from './team-lead-alerts.service';

@Module({
  controllers: [CaseworkController, CallbacksController, SupportController, TeamLeadAlertsController],
  providers: [CaseworkService, CallbacksService, SupportService, TeamLeadAlertsService],
  exports: [CaseworkService, CallbacksService, SupportService, TeamLeadAlertsService],
})
export class CaseworkModule {}
