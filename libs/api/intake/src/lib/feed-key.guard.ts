import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { sha256 } from '@lantern/api/auth';
import { Problems } from '@lantern/api/core';
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

/** `Authorization: Bearer <feed key>`: the key's SHA-256 must match a feed source that is not revoked. */
@Injectable()
export class FeedKeyGuard implements CanActivate {
  constructor(
    private readonly db: Database,
    private readonly limiter: IntakeRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw Problems.unauthenticated('A feed key is required: Authorization: Bearer <key>.');
    const rows = await this.db.query<{ id: string; force: string }>(
      'SELECT id, force FROM feed_sources WHERE key_hash = $1 AND revoked_at IS NULL',
      [sha256(m[1])],
    );
    if (!rows[0]) throw Problems.unauthenticated('The feed key is not valid.');
    const wait = this.limiter.take(rows[0].id);
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));
    req.feedSource = { id: rows[0].id, force: rows[0].force };
    return true;
  }
}
