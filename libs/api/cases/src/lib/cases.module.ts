import { Global, Module } from '@nestjs/common';
import { CaseAccessGuard, CaseReadAudit } from './case-access';
import { CaseChanges } from './case-changes';
import { CaseRestrictionController, CaseRestrictionService } from './case-restriction';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseSearchController, CaseSearchService } from './case-search';

@Global()
@Module({
  controllers: [CasesController, CaseRestrictionController, CaseSearchController],
  providers: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService, CaseSearchService],
  exports: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService],
})
export class CasesModule {}
