import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, ValidBody, type AppConfig } from '@lantern/api/core';
import { LOGIN_REQUEST, type CurrentUser, type LoginRequest } from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { Allow, CurrentUserParam, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';
import { SessionsService } from './sessions.service';

/** Who is signed in; officers and force leads also their force (officers their collar number and team), null otherwise. */
function publicUser(user: AuthUser): CurrentUser {
  const police = user.roles.includes('officer') || user.roles.includes('force-lead');
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    force: police ? (user.force ?? null) : null,
    collarNumber: police ? (user.collarNumber ?? null) : null,
    team: police ? (user.team ?? null) : null,
  };
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
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Credentials are checked by CredentialsService (docs/sign-in-and-administration.md): password, then what the account still needs, each asked for by a 401 problem+json code: password-change-required (send newPassword), mfa-enrolment-required (the body carries enrolment {secret, otpauthUri, enrolmentToken}; send otp and enrolmentToken), mfa-required (send otp), mfa-invalid. Throttled per client address and per account with a progressive delay.',
  })
  @ApiUnauthorizedResponse({
    description: 'code: unauthenticated | password-change-required | mfa-enrolment-required | mfa-required | mfa-invalid',
  })
  @ApiTooManyRequestsResponse({ description: 'rate-limited: wait Retry-After seconds (progressive delay, never a lock-out)' })
  async login(
    @ValidBody(LOGIN_REQUEST) body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CurrentUser> {
    // The real client address: Express believes X-Forwarded-For only from LANTERN_TRUSTED_PROXIES.
    const result = await this.auth.login({ ...body, address: req.ip ?? req.socket.remoteAddress ?? 'unknown' });
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
