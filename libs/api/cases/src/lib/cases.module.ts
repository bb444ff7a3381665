import { Global, Module } from '@nestjs/common';
import { CaseAccessGuard, CaseReadAudit } from './case-access';
import { CaseChanges } from './case-changes';
import { CaseRestrictionController, CaseRestrictionService } from './case-restriction';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Global()
@Module({
  controllers: [CasesController, CaseRestrictionController],
  providers: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService],
  exports: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit, CaseRestrictionService],
})
export class CasesModule {}
