import { Global, Module } from '@nestjs/common';
import { CaseAccessGuard, CaseReadAudit } from './case-access';
import { CaseChanges } from './case-changes';
import { CaseRestrictionController, CaseRestrictionService } from './case-restriction';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseSearchController, CaseSearchService } from './case-search';
import { QueueWeights } from './queue-weights';

@Global()
@Module({
  controllers: [CasesController, CaseRestrictionController, CaseSearchController],
  providers: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService, CaseSearchService, QueueWeights],
  exports: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService, QueueWeights],
})
export class CasesModule {}
