import type { CurrentUser } from '@lantern/shared/domain';

/** The authenticated principal attached to a request or socket. */
export interface AuthUser extends CurrentUser {
  sessionId: string;
  partnerId: string | null;
}

/**
 * The session cookie: `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sibling host or
 * plain-http page can set or shadow it. INSECURE_SESSION_COOKIE only with LANTERN_COOKIE_SECURE=false (a demo
 * served over plain http on a host other than localhost); production refuses that.
 */
export const SESSION_COOKIE = '__Host-lantern_session';
export const INSECURE_SESSION_COOKIE = 'lantern_session';

declare module 'express' {
  interface Request {
    user?: AuthUser;
  }
}
