import { Injectable } from '@nestjs/common';
import { AuditEntryEntity } from '@lantern/api/data-access';
import type { EntityManager } from 'typeorm';

export type Actor =
  | { type: 'user'; id: string }
  | { type: 'feed'; id: string }
  | { type: 'system'; id?: string }
  /** A client that is not signed in (a refused request). */
  | { type: 'anonymous'; id?: undefined };

export interface AuditRecord {
  actor: Actor;
  /** Dotted verb, e.g. case.read, case.list, report.received, auth.login. */
  action: string;
  entityType?: string;
  entityId?: string;
  /** Ids, counts and codes only: never names, narratives or contact details. */
  details?: Record<string, unknown>;
}

/**
 * Who did or saw what, when. Written with the caller's EntityManager so an audited write commits or rolls back
 * with the change it records. The database chains each entry to the previous one and refuses UPDATE and DELETE
 * (migration 1764200000000-audit-trail), so the application can only append.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, ...records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await manager.insert(
      AuditEntryEntity,
      records.map((r) => ({
        actorType: r.actor.type,
        actorId: r.actor.id ?? null,
        action: r.action,
        entityType: r.entityType ?? null,
        entityId: r.entityId ?? null,
        details: r.details ?? {},
      })),
    );
  }
}
