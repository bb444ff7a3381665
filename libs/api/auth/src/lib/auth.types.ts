import type { CurrentUser } from '@lantern/shared/domain';

/** The authenticated principal attached to a request or socket. */
export interface AuthUser extends CurrentUser {
  sessionId: string;
  partnerId: string | null;
}

export const SESSION_COOKIE = 'lantern_session';

declare module 'express' {
  interface Request {
    user?: AuthUser;
  }
}
