import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problems } from '@lantern/api/core';
import { can, type Action } from '@lantern/shared/domain';
import type { Request } from 'express';
import { ALLOW, IS_PUBLIC } from './auth.decorators';
import { BACKGROUND_HEADER, SessionsService } from './sessions.service';

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
    private readonly sessions: SessionsService,
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
    // The cookie only: `Authorization: Bearer` is for feed keys, and a session token never leaves the cookie.
    const user = await this.sessions.resolve(this.sessions.tokenFrom(req.headers.cookie), {
      background: req.headers[BACKGROUND_HEADER] === '1',
    });
    if (!user) throw Problems.unauthenticated();
    req.user = user;
    if (!can(user.roles, action)) throw Problems.forbidden();
    return true;
  }
}
