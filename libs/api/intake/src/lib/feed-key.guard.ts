import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { sha256 } from '@lantern/api/auth';
import { DomainEvents, OnDomainEvent, Problems, type FeedSourceRevokedEvent } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import type { Request } from 'express';
import { IntakeRateLimiter } from './rate-limiter';

export interface FeedSourcePrincipal {
  id: string;
  force: string;
}

declare module 'express' {
  interface Request {
    feedSource?: FeedSourcePrincipal;
  }
}

/** How long a found feed key is trusted without reading it again: the bound on a revocation no message reached. */
export const FEED_KEY_CACHE_MS = 5_000;

/** At most this many keys are kept (a hub has a handful of feeds; only keys that exist are ever kept). */
const FEED_KEY_CACHE_SIZE = 1_000;

/**
 * Feed keys found in `feed_sources`, by their SHA-256, for FEED_KEY_CACHE_MS (issue 16, part 3: the look-up was one
 * more statement per report). Only keys that exist and are not revoked are kept, so a new key works at once and
 * made-up keys cannot fill it. A revocation (FeedSourceRevoked, from this instance or another through the realtime
 * gateway) drops the key at once; the time limit covers a message that never came.
 */
@Injectable()
export class FeedKeyCache {
  private readonly found = new Map<string, { feed: FeedSourcePrincipal; until: number }>();
  /** Revocations heard so far: a look-up that one overtook keeps its answer for that request only. */
  private revocations = 0;

  constructor(private readonly db: Database) {}

  async lookup(keyHash: string, now = Date.now()): Promise<FeedSourcePrincipal | null> {
    const hit = this.found.get(keyHash);
    if (hit && hit.until > now) return hit.feed;
    this.found.delete(keyHash);
    const heard = this.revocations;
    const [row] = await this.db.query<{ id: string; force: string }>(
      'SELECT id, force FROM feed_sources WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    if (!row) return null;
    const feed = { id: row.id, force: row.force };
    // A revocation heard while the row was being read may be of this key, read before it committed: not kept.
    if (heard === this.revocations) {
      if (this.found.size >= FEED_KEY_CACHE_SIZE) this.found.clear();
      this.found.set(keyHash, { feed, until: now + FEED_KEY_CACHE_MS });
    }
    return feed;
  }

  @OnDomainEvent(DomainEvents.FeedSourceRevoked)
  forget({ feedSourceId }: FeedSourceRevokedEvent): void {
    this.revocations++;
    for (const [hash, { feed }] of this.found) if (feed.id === feedSourceId) this.found.delete(hash);
  }
}

/** `Authorization: Bearer <feed key>`: the key's SHA-256 must match a feed source that is not revoked. */
@Injectable()
export class FeedKeyGuard implements CanActivate {
  constructor(
    private readonly keys: FeedKeyCache,
    private readonly limiter: IntakeRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw Problems.unauthenticated('A feed key is required: Authorization: Bearer <key>.');
    const feed = await this.keys.lookup(sha256(m[1]));
    if (!feed) throw Problems.unauthenticated('The feed key is not valid.');
    const wait = this.limiter.take(feed.id);
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));
    req.feedSource = feed;
    return true;
  }
}
