import { Global, Module } from '@nestjs/common';
import { CaseAccessGuard, CaseReadAudit } from './case-access';
import { CaseChanges } from './case-changes';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Global()
@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit],
  exports: [CasesService, CaseChanges, CaseAccessGuard, CaseReadAudit],
})
export class CasesModule {}
