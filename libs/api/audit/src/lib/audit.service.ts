import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@lantern/api/data-access';
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
/**
 * The INSERT of `records` into audit_entries, in their order, with its parameters numbered from `$${from}`: what
 * AuditService.record runs, and what a statement that must write the audit together with another row embeds as a
 * data-modifying CTE (the outbox append: one round trip, issue 16). `computed`: a SELECT of entries the statement
 * itself decides on (actor_type, actor_id, action, entity_type, entity_id as text, details jsonb, ord > the records'
 * count), written after the records in the same INSERT, so the chain takes them in `ord` order.
 */
export function auditInsert(records: readonly AuditRecord[], from = 1, computed = ''): { sql: string; params: unknown[] } {
  const $ = (i: number) => `$${from + i}`;
  const given = `SELECT * FROM unnest(${$(0)}::text[], ${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::text[], ${$(5)}::jsonb[])
                 WITH ORDINALITY AS t(actor_type, actor_id, action, entity_type, entity_id, details, ord)`;
  return {
    sql: `INSERT INTO audit_entries (actor_type, actor_id, action, entity_type, entity_id, details)
          SELECT actor_type, actor_id, action, entity_type, entity_id, details
            FROM (${computed ? `${given} UNION ALL ${computed}` : given}) t
           ORDER BY ord`,
    params: [
      records.map((r) => r.actor.type),
      records.map((r) => r.actor.id ?? null),
      records.map((r) => r.action),
      records.map((r) => r.entityType ?? null),
      records.map((r) => r.entityId ?? null),
      records.map((r) => JSON.stringify(r.details ?? {})),
    ],
  };
}

@Injectable()
export class AuditService {
  async record(manager: EntityManager, ...records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { sql, params } = auditInsert(records);
    await preparedQuery(manager, sql, params);
  }
}
