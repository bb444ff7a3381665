import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problems } from '@lantern/api/core';
import { can, type Action } from '@lantern/shared/domain';
import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';
import { ALLOW, IS_PUBLIC } from './auth.decorators';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './auth.types';

/** The session token from the cookie, or from `Authorization: Bearer` for scripts. */
export function sessionToken(cookieHeader: string | undefined, authorization?: string): string | null {
  if (cookieHeader) {
    const token = parseCookie(cookieHeader)[SESSION_COOKIE];
    if (token) return token;
  }
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return m ? m[1] : null;
}

/**
 * Global guard: every HTTP route is either @Public() or @Allow(action); the user's roles must grant the action in
 * the permission table. Fail safe: a route with neither is refused (403) to everyone, signed in or not, so an
 * endpoint added without a decision is closed rather than open (apps/api/test/permissions.spec.ts lists any).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const action = this.reflector.getAllAndOverride<Action | undefined>(ALLOW, targets);
    if (!action) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} has neither @Allow nor @Public: refused`);
      throw Problems.forbidden();
    }
    const req = context.switchToHttp().getRequest<Request>();
    const user = await this.auth.userForToken(sessionToken(req.headers.cookie, req.headers.authorization));
    if (!user) throw Problems.unauthenticated();
    req.user = user;
    if (!can(user.roles, action)) throw Problems.forbidden();
    return true;
  }
}
