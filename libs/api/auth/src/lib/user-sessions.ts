import { Injectable } from '@nestjs/common';
import { DomainEventBus, DomainEvents } from '@lantern/api/core';
import type { EntityManager } from 'typeorm';

/**
 * Ends every session of a user (deactivation, password or second-factor reset, a role change, a password change):
 * the rows go in the caller's transaction, and after commit SessionEnded is published per session, which the
 * realtime gateway turns into closing `session:<id>` rooms on every API instance.
 */
@Injectable()
export class UserSessions {
  constructor(private readonly events: DomainEventBus) {}

  /** Deletes the user's sessions (but `keep`) and returns their ids, to publish after commit. */
  async end(m: EntityManager, userId: string, keep?: string): Promise<string[]> {
    const [rows] = (await m.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2) RETURNING id', [
      userId,
      keep ?? null,
    ])) as [Array<{ id: string }>, number];
    return rows.map((r) => r.id);
  }

  published(sessionIds: string[]): void {
    for (const sessionId of sessionIds) this.events.publish(DomainEvents.SessionEnded, { sessionId });
  }
}
