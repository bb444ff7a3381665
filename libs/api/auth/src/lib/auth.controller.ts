import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, Problems, ValidBody, type AppConfig } from '@lantern/api/core';
import { LOGIN_REQUEST, type CurrentUser, type LoginRequest } from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { Allow, CurrentUserParam, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import type { AuthUser } from './auth.types';
import { SessionsService } from './sessions.service';

function publicUser(user: AuthUser): CurrentUser {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
}

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  /** Team leads: active caseworkers and team leads, to assign cases to. No personal data beyond names. */
  @Get()
  @Allow('team.manage')
  list(): Promise<Array<{ id: string; displayName: string; roles: string[] }>> {
    return this.auth.assignableUsers();
  }
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @ValidBody(LOGIN_REQUEST) body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CurrentUser> {
    const { username, password } = body;
    const name = username.trim();
    const ip = req.ip ?? 'unknown';
    const wait = this.throttle.retryAfterMs(ip, name);
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));
    const result = await this.auth.login(name, password);
    if (!result) {
      this.throttle.failed(ip, name);
      throw Problems.unauthenticated('Username or password is wrong.');
    }
    this.throttle.succeeded(ip, name);
    // No session fixation: a session the browser brought to this sign-in ends; other sessions are untouched.
    await this.sessions.endToken(this.sessions.tokenFrom(req.headers.cookie));
    // A browser-session cookie (no Max-Age): it goes when the browser closes; the server ends it sooner on idle
    // or at the absolute lifetime. The token is never in the body: scripts cannot read it (HttpOnly).
    res.cookie(this.sessions.cookieName, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
    });
    return publicUser(result.user);
  }

  @Allow('session.use')
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUserParam() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user);
    res.clearCookie(this.sessions.cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure });
  }

  @Allow('session.use')
  @Get('me')
  me(@CurrentUserParam() user: AuthUser): CurrentUser {
    return publicUser(user);
  }
}
