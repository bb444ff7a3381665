import { Injectable, Logger } from '@nestjs/common';
import type { RefusalRecorder } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { AUDIT_ACTIONS } from '@lantern/shared/domain';
import type { Request } from 'express';
import { AuditService } from './audit.service';

/**
 * Writes `request.refused` for every 401 and 403 the API answers (called by the problem+json filter in
 * @lantern/api/core, and by the request checks ahead of routing for cross-origin writes and non-JSON bodies): method, the route pattern (never the raw URL, which can carry ids and query values), status,
 * the user when the session was known, and the client address. In a transaction of its own, since the request's own
 * work has rolled back. A failure is logged without personal data and swallowed: a refusal stays a refusal.
 */
@Injectable()
export class RefusalAuditor implements RefusalRecorder {
  private readonly logger = new Logger('RefusalAuditor');

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async recordRefusal(req: Request, status: 401 | 403 | 415, code?: string): Promise<void> {
    try {
      const user = (req as { user?: { id?: unknown } }).user;
      const userId = typeof user?.id === 'string' ? user.id : null;
      // Express sets req.route once a route matched; a refusal before routing (a middleware) has none.
      const route = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : null;
      await this.db.transaction((m) =>
        this.audit.record(m, {
          actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' },
          action: AUDIT_ACTIONS.requestRefused,
          entityType: 'route',
          entityId: route ?? undefined,
          details: { method: req.method, route, status, userId, address: req.ip ?? null, ...(code ? { code } : {}) },
        }),
      );
    } catch (err) {
      const code = (err as { driverError?: { code?: string } }).driverError?.code;
      this.logger.error(
        `Could not record a refused request: ${code ? `SQLSTATE ${code}` : ((err as Error)?.constructor?.name ?? 'error')}`,
      );
    }
  }
}
