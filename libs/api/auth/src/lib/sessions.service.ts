import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainEventBus, DomainEvents, type AppConfig } from '@lantern/api/core';
import { Database, SessionEntity } from '@lantern/api/data-access';
import { BACKGROUND_REQUEST_HEADER, ROLES, type Role } from '@lantern/shared/domain';
import { parse as parseCookie } from 'cookie';
import type { EntityManager } from 'typeorm';
import { INSECURE_SESSION_COOKIE, SESSION_COOKIE, type AuthUser } from './auth.types';

/** A session's last use is written at most this often, so that every authenticated read is not also a write. */
export const TOUCH_EVERY_SECONDS = 60;

/**
 * BACKGROUND_REQUEST_HEADER (shared domain), as Node spells incoming header names. A request carrying it is
 * served but is not use; sending it can only shorten the sender's own session.
 */
export const BACKGROUND_HEADER = BACKGROUND_REQUEST_HEADER.toLowerCase();

/** The cookie's name: `__Host-` (Secure, no Domain, Path=/) unless insecure cookies are allowed (demo over http). */
export function sessionCookieName(cookieSecure: boolean): string {
  return cookieSecure ? SESSION_COOKIE : INSECURE_SESSION_COOKIE;
}

/**
 * The session token from a Cookie header, under the one name the config allows: with Secure cookies only the
 * `__Host-` cookie counts, so a cookie planted by a sibling subdomain or over plain http cannot stand in for it.
 * Sessions are never read from `Authorization`: that header carries feed keys only (intake).
 */
export function sessionToken(cookieHeader: string | undefined, name: string = SESSION_COOKIE): string | null {
  if (!cookieHeader) return null;
  return parseCookie(cookieHeader)[name] || null;
}

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface SessionUserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  force: string | null;
  collar_number: string | null;
  team: string | null;
  ended: boolean;
  stale: boolean;
}

/**
 * Sessions: opaque random tokens (the database holds only their SHA-256) with an absolute lifetime from sign-in
 * (LANTERN_SESSION_TTL_HOURS) and an idle timeout (LANTERN_SESSION_IDLE_MINUTES) measured from the last HTTP
 * request that used them. Socket traffic does not count as use: an open tab left alone ends like any other.
 * Time is the database's clock, so every instance agrees.
 */
@Injectable()
export class SessionsService {
  readonly cookieName: string;

  constructor(
    private readonly db: Database,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookieName = sessionCookieName(config.cookieSecure);
  }

  /** The session token a request's Cookie header presents, if any. */
  tokenFrom(cookieHeader: string | undefined): string | null {
    return sessionToken(cookieHeader, this.cookieName);
  }

  /** A new session for the user, in the caller's transaction (sign-in). The token leaves only in the cookie. */
  async start(manager: EntityManager, userId: string): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const sessionId = sessionIdOf(token);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await manager.insert(SessionEntity, { id: sessionId, userId, expiresAt });
    return { token, sessionId, expiresAt };
  }

  /**
   * The user behind a session token, or null when unknown, past its absolute lifetime, idle too long or its user
   * is inactive. A session found expired or idle is deleted (and its sockets closed); a live one is touched unless
   * the request is `background` (not the user's doing: see BACKGROUND_HEADER).
   */
  async resolve(token: string | undefined | null, { background = false }: { background?: boolean } = {}): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const sessionId = sessionIdOf(token);
    // Every request and socket asks this: a named statement, parsed once per connection (Database.prepared).
    const rows = await this.db.prepared<SessionUserRow>(
      `SELECT u.id, u.username, u.display_name, u.roles, u.partner_id, u.force, u.collar_number, u.team,
              (s.expires_at <= now() OR s.last_seen_at <= now() - make_interval(mins => $2)) AS ended,
              s.last_seen_at < now() - make_interval(secs => $3) AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.active`,
      [sessionId, this.config.sessionIdleMinutes, TOUCH_EVERY_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.ended) {
      await this.end(sessionId);
      return null;
    }
    if (row.stale && !background) await this.touch(sessionId);
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

  /** Records use of the session, at most once a minute (the condition makes concurrent touches one write). */
  async touch(sessionId: string): Promise<void> {
    await this.db.transaction((m) =>
      m.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`, [
        sessionId,
        TOUCH_EVERY_SECONDS,
      ]),
    );
  }

  /** Ends one session now (sign-out, idle, fixation) and closes its sockets on every instance. */
  async end(sessionId: string): Promise<void> {
    await this.db.transaction((m) => this.remove(m, [sessionId]));
    this.announceEnded([sessionId]);
  }

  /** Ends the session a token names, if it is one (a token presented with a sign-in: no session fixation). */
  async endToken(token: string | null): Promise<void> {
    if (token && token.length <= 200) await this.end(sessionIdOf(token));
  }

  /**
   * Ends every session of a user in the caller's transaction (deactivation, role change, password or second-factor
   * reset; a password change keeps the session it was made in) and returns their ids: after commit, pass them to
   * announceEnded so open sockets close at once.
   */
  async endAllForUser(manager: EntityManager, userId: string, keep?: string): Promise<string[]> {
    const rows = (await manager.query(`DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2) RETURNING id`, [
      userId,
      keep ?? null,
    ])) as Array<{ id: string }> | [Array<{ id: string }>, number];
    // TypeORM's postgres driver returns [rows, count] for DELETE … RETURNING.
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string }>) : (rows as Array<{ id: string }>);
    return list.map((r) => r.id);
  }

  /** Deletes sessions in the caller's transaction; announce them after commit. */
  async remove(manager: EntityManager, sessionIds: string[]): Promise<void> {
    if (sessionIds.length) await manager.query(`DELETE FROM sessions WHERE id = ANY($1::text[])`, [sessionIds]);
  }

  /** After commit: the live connections of these sessions are closed (the realtime gateway listens). */
  announceEnded(sessionIds: string[]): void {
    for (const sessionId of sessionIds) this.events.publish(DomainEvents.SessionEnded, { sessionId });
  }

  /**
   * Of the given session ids, those still valid: not past their lifetime, not idle too long, not signed out, their
   * user still active (the socket sweep). Sessions past either timeout are deleted on the way, everyone's, so the
   * table holds only sessions that could still be used.
   */
  async live(sessionIds: string[]): Promise<Set<string>> {
    await this.db.transaction((m) =>
      m.query(`DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`, [
        this.config.sessionIdleMinutes,
      ]),
    );
    if (!sessionIds.length) return new Set();
    const rows = await this.db.query<{ id: string }>(
      'SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::text[]) AND u.active',
      [sessionIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
