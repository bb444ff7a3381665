import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problems } from '@lantern/api/core';
import type { Role } from '@lantern/shared/domain';
import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';
import { IS_PUBLIC, ROLES } from './auth.decorators';
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
 * Global guard: every HTTP route needs a valid session unless marked @Public(); @Roles() narrows it further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const user = await this.auth.userForToken(sessionToken(req.headers.cookie, req.headers.authorization));
    if (!user) throw Problems.unauthenticated();
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.some((r) => user.roles.includes(r))) throw Problems.forbidden();
    return true;
  }
}
