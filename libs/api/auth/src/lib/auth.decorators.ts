import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@lantern/shared/domain';
import type { Request } from 'express';
import type { AuthUser } from './auth.types';

export const IS_PUBLIC = 'lantern:public';
export const ROLES = 'lantern:roles';

/** No session needed (sign-in, health, and intake, which has its own feed-key guard). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The signed-in user must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUserParam = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<Request>().user;
  if (!user) throw new Error('CurrentUserParam used on a route without a session');
  return user;
});
