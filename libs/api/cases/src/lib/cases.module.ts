import { Global, Module } from '@nestjs/common';
import { CaseChanges } from './case-changes';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Global()
@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseChanges],
  exports: [CasesService, CaseChanges],
})
export class CasesModule {}
