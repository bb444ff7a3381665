import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Action } from '@lantern/shared/domain';
import type { Request } from 'express';
import type { AuthUser } from './auth.types';

export const IS_PUBLIC = 'lantern:public';
export const ALLOW = 'lantern:allow';
/** The OpenAPI extension that names each operation's action, so clients and tests read the table's key. */
export const ACTION_EXTENSION = 'x-lantern-action';

/** No session needed (sign-in, health, and intake, which has its own feed-key guard). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The signed-in user's roles must grant this action in the permission table (`PERMISSIONS` in
 * @lantern/shared/domain). Every endpoint carries either this or @Public(); the guard refuses one with neither.
 */
export const Allow = (action: Action) => applyDecorators(SetMetadata(ALLOW, action), ApiExtension(ACTION_EXTENSION, action));

export const CurrentUserParam = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<Request>().user;
  if (!user) throw new Error('CurrentUserParam used on a route without a session');
  return user;
});
