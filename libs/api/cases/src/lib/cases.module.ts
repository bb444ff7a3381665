import { Global, Module } from '@nestjs/common';
import { CaseAccessGuard, CaseReadAudit } from './case-access';
import { CaseChanges } from './case-changes';
import { CaseRestrictionController, CaseRestrictionService } from './case-restriction';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseSearchController, CaseSearchService } from './case-search';
import { QueueWeights } from './queue-weights';
import { CaseQueueTally } from './case-queue-tally';

@Global()
@Module({
  controllers: [CasesController, CaseRestrictionController, CaseSearchController],
  providers: [
    CasesService,
    CaseChanges,
    CaseAccessGuard,
    CaseReadAudit,
    CaseRestrictionService,
    CaseSearchService,
    QueueWeights,
    CaseQueueTally,
  ],
  exports: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService, QueueWeights, CaseQueueTally],
})
export class CasesModule {}
