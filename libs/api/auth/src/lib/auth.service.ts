import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import { Database } from '@lantern/api/data-access';
import { ROLES, rolesWith, type Role } from '@lantern/shared/domain';
import type { AuthUser } from './auth.types';
import { CredentialsService, type SignInAttempt, type VerifiedUser } from './credentials.service';
import { SessionsService } from './sessions.service';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export { ARGON2_OPTIONS, hashPassword } from './password-hash';

/** Sign-in: CredentialsService checks who it is (throttle, password, second factor), SessionsService holds the session. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  constructor(
    private readonly db: Database,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  /** Checks the credentials (CredentialsService throws 401/429), then opens a session in the sign-in's transaction. */
  async login(attempt: SignInAttempt): Promise<{ token: string; user: AuthUser }> {
    const row = await this.credentials.verify(attempt);
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

  private toUser(row: VerifiedUser, sessionId: string): AuthUser {
    const roles = (row.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles,
      partnerId: row.partner_id,
      force: row.force,
      collarNumber: row.collar_number,
      team: row.team,
      sessionId,
    };
  }
}
