import { Module } from '@nestjs/common';
import { ReferralsModule } from '@lantern/api/referrals';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseworkController } from './casework.controller';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';
import { CaseworkService } from './casework.service';
import { OutreachAreaController } from './outreach-area.controller';
import { OutreachAreaService } from './outreach-area.service';
import { SupportController } from './support.controller';
import { SupportService } from './support.service';
import { TeamLeadAlertsController } from './team-lead-alerts.controller';
import { TeamLeadAlertsService } from './team-lead-alerts.service';
import { CaseNotesController } from './case-notes.controller';
import { CaseNotesService } from './case-notes.service';
import { CaseDuplicatesService } from './case-duplicates.service';
import { ChildrensServicesDecisionController } from './childrens-services-decision.controller';
import { ChildrensServicesDecisionService } from './childrens-services-decision.service';
import { SafetyNoticesController } from './safety-notices.controller';
import { SafetyNoticesService } from './safety-notices.service';

@Module({
  // Consent to share, refused or withdrawn, withdraws what partners hold (ReferralsService.withdrawSharedData).
  imports: [ReferralsModule],
  controllers: [
    CaseworkController,
    CallbacksController,
    SupportController,
    TeamLeadAlertsController,
    ConsentController,
    OutreachAreaController,
    CaseNotesController,
    ChildrensServicesDecisionController,
    SafetyNoticesController,
  ],
  providers: [
    CaseworkService,
    CallbacksService,
    SupportService,
    TeamLeadAlertsService,
    ConsentService,
    OutreachAreaService,
    CaseNotesService,
    CaseDuplicatesService,
    ChildrensServicesDecisionService,
    SafetyNoticesService,
  ],
  exports: [CaseworkService, CallbacksService, SupportService, TeamLeadAlertsService, ConsentService, ChildrensServicesDecisionService],
})
export class CaseworkModule {}
