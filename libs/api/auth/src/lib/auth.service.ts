import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, DomainEventBus, DomainEvents, type AppConfig } from '@lantern/api/core';
import { AuditService } from '@lantern/api/audit';
import { Database, SessionEntity } from '@lantern/api/data-access';
import { ROLES, rolesWith, type Role } from '@lantern/shared/domain';
import type { AuthUser } from './auth.types';
import { CredentialsService, type SignInAttempt } from './credentials.service';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export { ARGON2_OPTIONS, hashPassword } from './password-hash';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  password_hash: string;
}

/** Sessions are opaque random tokens; the database holds only their SHA-256. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  constructor(
    private readonly db: Database,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks the credentials (throttle, password, second factor: CredentialsService throws 401/429), then opens a session. */
  async login(attempt: SignInAttempt): Promise<{ token: string; user: AuthUser }> {
    const row = await this.credentials.verify(attempt);
    const token = randomBytes(32).toString('base64url');
    const sessionId = sha256(token);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.db.transaction(async (m) => {
      await m.insert(SessionEntity, { id: sessionId, userId: row.id, expiresAt });
      await this.audit.record(m, { actor: { type: 'user', id: row.id }, action: 'auth.login', entityType: 'user', entityId: row.id });
    });
    this.logger.log(`sign-in user=${row.id}`);
    return { token, user: this.toUser(row, sessionId) };
  }

  /** The user behind a session token, or null when unknown, expired or the user is inactive. */
  async userForToken(token: string | undefined | null): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const sessionId = sha256(token);
    const rows = await this.db.query<UserRow>(
      `SELECT u.id, u.username, u.display_name, u.roles, u.partner_id, '' AS password_hash
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND u.active`,
      [sessionId],
    );
    return rows[0] ? this.toUser(rows[0], sessionId) : null;
  }

  /** Of the given session ids, those still valid: not expired, not signed out, their user still active. */
  async liveSessions(sessionIds: string[]): Promise<Set<string>> {
    if (!sessionIds.length) return new Set();
    const rows = await this.db.query<{ id: string }>(
      'SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::text[]) AND s.expires_at > now() AND u.active',
      [sessionIds],
    );
    return new Set(rows.map((r) => r.id));
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
      await m.delete(SessionEntity, { id: user.sessionId });
      await this.audit.record(m, { actor: { type: 'user', id: user.id }, action: 'auth.logout', entityType: 'user', entityId: user.id });
    });
    // After commit: the live connections of this session are closed (the realtime gateway listens).
    this.events.publish(DomainEvents.SessionEnded, { sessionId: user.sessionId });
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
