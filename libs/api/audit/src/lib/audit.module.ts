import { Global, Module } from '@nestjs/common';
import { REFUSAL_RECORDER } from '@lantern/api/core';
import { AuditService } from './audit.service';
import { RefusalAuditor } from './refusal-auditor';

@Global()
@Module({
  providers: [AuditService, RefusalAuditor, { provide: REFUSAL_RECORDER, useExisting: RefusalAuditor }],
  exports: [AuditService, REFUSAL_RECORDER],
})
export class AuditModule {}
