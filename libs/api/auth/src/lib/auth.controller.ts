import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, Problems, type AppConfig } from '@lantern/api/core';
import type { CurrentUser } from '@lantern/shared/domain';
import type { Response } from 'express';
import { CurrentUserParam, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { SESSION_COOKIE, type AuthUser } from './auth.types';

function publicUser(user: AuthUser): CurrentUser {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<CurrentUser & { accessToken: string }> {
    const { username, password } = (body ?? {}) as Record<string, unknown>;
    const errors = [];
    if (typeof username !== 'string' || !username.trim() || username.length > 100) {
      errors.push({ path: '/username', message: 'is required' });
    }
    if (typeof password !== 'string' || !password || password.length > 1000) {
      errors.push({ path: '/password', message: 'is required' });
    }
    if (errors.length) throw Problems.validation(errors);
    const result = await this.auth.login((username as string).trim(), password as string);
    if (!result) throw Problems.unauthenticated('Username or password is wrong.');
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.sessionTtlHours * 3600_000,
    });
    return { ...publicUser(result.user), accessToken: result.token };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUserParam() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  me(@CurrentUserParam() user: AuthUser): CurrentUser {
    return publicUser(user);
  }
}
