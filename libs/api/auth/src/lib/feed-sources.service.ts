import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainEventBus, DomainEvents, Problems } from '@lantern/api/core';
import { AuditService } from '@lantern/api/audit';
import { Database, FeedSourceEntity } from '@lantern/api/data-access';
import type { CreatedFeedSource, CreateFeedSourceRequest, FeedSourceSummary } from '@lantern/shared/domain';
import type { AuthUser } from './auth.types';
import { sha256 } from './auth.service';

function summary(f: FeedSourceEntity): FeedSourceSummary {
  return {
    id: f.id,
    name: f.name,
    force: f.force,
    demo: f.demo,
    createdAt: new Date(f.createdAt).toISOString(),
    revokedAt: f.revokedAt ? new Date(f.revokedAt).toISOString() : null,
  };
}

/**
 * Feed keys (admins, `feed-sources.manage`): the systems allowed to post police reports. A key is 256 random bits,
 * shown once; the table keeps its SHA-256 (a high-entropy key needs no slow hash), which the intake's FeedKeyGuard
 * looks up (FeedKeyCache: a found key is kept 5 s). Revoking publishes FeedSourceRevoked after commit: the intake
 * forgets the key at once on this instance and, through the realtime gateway, on the others; the 5 s is the bound
 * when that message cannot travel (Redis down).
 */
@Injectable()
export class FeedSourcesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly bus: DomainEventBus,
  ) {}

  list(admin: AuthUser): Promise<FeedSourceSummary[]> {
    return this.db.transaction(async (m) => {
      const rows = await m.find(FeedSourceEntity, { order: { createdAt: 'ASC' } });
      await this.audit.record(m, {
        actor: { type: 'user', id: admin.id },
        action: 'feed-source.list',
        entityType: 'feed-source',
        details: { count: rows.length },
      });
      return rows.map(summary);
    });
  }

  async create(admin: AuthUser, body: CreateFeedSourceRequest): Promise<CreatedFeedSource> {
    const key = `lfk_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const created = await this.db.transaction(async (m) => {
      await m.insert(FeedSourceEntity, {
        id,
        name: body.name.trim(),
        force: body.force.trim(),
        keyHash: sha256(key),
        demo: false,
        revokedAt: null,
      });
      await this.audit.record(m, {
        actor: { type: 'user', id: admin.id },
        action: 'feed-source.created',
        entityType: 'feed-source',
        entityId: id,
      });
      return m.findOneOrFail(FeedSourceEntity, { where: { id } });
    });
    return { ...summary(created), key };
  }

  async revoke(admin: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const f = await m.findOne(FeedSourceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!f) throw Problems.notFound('No such feed source.');
      if (!f.revokedAt) await m.update(FeedSourceEntity, { id }, { revokedAt: new Date() });
      await this.audit.record(m, {
        actor: { type: 'user', id: admin.id },
        action: 'feed-source.revoked',
        entityType: 'feed-source',
        entityId: id,
        details: { alreadyRevoked: Boolean(f.revokedAt) },
      });
    });
    this.bus.publish(DomainEvents.FeedSourceRevoked, { feedSourceId: id });
  }
}
