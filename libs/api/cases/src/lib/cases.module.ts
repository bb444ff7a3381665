import { Global, Module } from '@nestjs/common';
import { CaseEvents } from './case-events';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Global()
@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseEvents],
  exports: [CasesService, CaseEvents],
})
export class CasesModule {}
