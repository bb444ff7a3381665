import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';

/**
 * The auditor's side of the audit trail (search, CSV, verify). Separate from @lantern/api/audit, the writer every
 * module (auth included) depends on, because it needs @lantern/api/auth's guard decorators.
 */
@Module({ controllers: [AuditTrailController], providers: [AuditTrailService] })
export class AuditTrailModule {}
