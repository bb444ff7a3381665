import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { APP_CONFIG, type AppConfig } from '@lantern/api/core';
import { AuditService } from '@lantern/api/audit';
import { Database } from '@lantern/api/data-access';
import { ROLES, rolesWith, type Role } from '@lantern/shared/domain';
import type { AuthUser } from './auth.types';
import { SessionsService } from './sessions.service';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  password_hash: string;
}

/** Credentials and sign-in; the session itself is SessionsService's. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  /** Verifying against this when the username is unknown keeps the timing the same. */
  private dummyHash: Promise<string> | null = null;
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; user: AuthUser } | null> {
    const rows = await this.db.query<UserRow>(
      'SELECT id, username, display_name, roles, partner_id, password_hash FROM users WHERE username = $1 AND active',
      [username],
    );
    const row = rows[0];
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = row ? await verify(row.password_hash, password) : (await verify(await this.dummyHash, password), false);
    if (!row || !ok) {
      await this.db.transaction((m) =>
        this.audit.record(m, {
          actor: { type: 'system' },
          action: 'auth.login-failed',
          entityType: 'user',
          entityId: row?.id,
        }),
      );
      return null;
    }
    const { token, sessionId } = await this.db.transaction(async (m) => {
      const session = await this.sessions.start(m, row.id);
      await this.audit.record(m, { actor: { type: 'user', id: row.id }, action: 'auth.login', entityType: 'user', entityId: row.id });
      return session;
    });
    this.logger.log(`sign-in user=${row.id}`);
    return { token, user: this.toUser(row, sessionId) };
  }

  async assignableUsers(): Promise<Array<{ id: string; displayName: string; roles: string[] }>> {
    const rows = await this.db.query<{ id: string; display_name: string; roles: string[] }>(
      `SELECT id, display_name, roles FROM users WHERE active AND roles && $1::text[] ORDER BY display_name`,
      [rolesWith('case.work')],
    );
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles }));
  }

  async logout(user: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.sessions.remove(m, [user.sessionId]);
      await this.audit.record(m, { actor: { type: 'user', id: user.id }, action: 'auth.logout', entityType: 'user', entityId: user.id });
    });
    // After commit: the live connections of this session are closed (the realtime gateway listens).
    this.sessions.announceEnded([user.sessionId]);
  }

  private toUser(row: UserRow, sessionId: string): AuthUser {
    const roles = (row.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles,
      partnerId: row.partner_id,
      sessionId,
    };
  }
}
