import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ProblemException, Problems, ValidBody } from '@lantern/api/core';
import { AuditService } from '@lantern/api/audit';
import { Database, UserEntity } from '@lantern/api/data-access';
import {
  CHANGE_PASSWORD_REQUEST,
  MFA_CONFIRM_REQUEST,
  NO_FIELDS_REQUEST,
  type NoFieldsRequest,
  type ChangePasswordRequest,
  type MfaConfirmRequest,
  type MfaEnrolment,
} from '@lantern/shared/domain';
import { verify } from '@node-rs/argon2';
import type { Request } from 'express';
import { Allow, CurrentUserParam } from './auth.decorators';
import type { AuthUser } from './auth.types';
import { hashPassword } from './password-hash';
import { PasswordPolicy } from './password-policy';
import { SignInThrottle } from './sign-in-throttle';
import { TotpService } from './totp';
import { SessionsService } from './sessions.service';

/** The signed-in user's own credentials: change the password, enrol a second factor. */
@ApiTags('auth')
@Controller('v1/auth')
export class AccountController {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly policy: PasswordPolicy,
    private readonly throttle: SignInThrottle,
    private readonly totp: TotpService,
    private readonly sessions: SessionsService,
  ) {}

  @Allow('session.use')
  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'The current password is checked (and throttled like sign-in); the new one must meet the password policy (NIST SP 800-63B: 15–256 characters, not breached/common, no username or service name). Your other sessions end.',
  })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords: Retry-After says when to try again.' })
  async changePassword(
    @ValidBody(CHANGE_PASSWORD_REQUEST) body: ChangePasswordRequest,
    @CurrentUserParam() user: AuthUser,
    @Req() req: Request,
  ): Promise<void> {
    const address = req.ip ?? 'unknown';
    const wait = await this.throttle.attempt(address, user.username);
    if (wait > 0) throw Problems.rateLimited(Math.ceil(wait / 1000));
    const row = await this.db.manager.findOne(UserEntity, { where: { id: user.id }, select: { id: true, passwordHash: true } });
    const current = body.currentPassword.normalize('NFC');
    if (!row || !((await verify(row.passwordHash, current)) || (await verify(row.passwordHash, body.currentPassword)))) {
      throw Problems.validation([{ path: '/currentPassword', message: 'is not your current password' }]);
    }
    // The current password was right: the attempt does not count, whatever the policy says of the new one.
    await this.throttle.succeeded(address, user.username);
    this.policy.assert(body.newPassword, '/newPassword', { username: user.username, displayName: user.displayName });
    const ended = await this.db.transaction(async (m) => {
      await m.update(
        UserEntity,
        { id: user.id },
        { passwordHash: await hashPassword(body.newPassword), mustChangePassword: false, passwordChangedAt: new Date() },
      );
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'auth.password-changed',
        entityType: 'user',
        entityId: user.id,
      });
      return this.sessions.endAllForUser(m, user.id, user.sessionId);
    });
    this.sessions.announceEnded(ended);
  }

  @Allow('session.use')
  @Post('mfa/setup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start enrolling a second factor (TOTP, RFC 6238)',
    description:
      'Returns a new secret, its otpauth:// URI and a 10-minute enrolment token; nothing is stored until /auth/mfa/confirm. 409 when a factor is enrolled already (an admin resets it).',
  })
  @ApiOkResponse({ description: '{secret, otpauthUri, enrolmentToken}' })
  async setup(@ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest, @CurrentUserParam() user: AuthUser): Promise<MfaEnrolment> {
    const row = await this.db.manager.findOne(UserEntity, { where: { id: user.id }, select: { id: true, mfaSecret: true } });
    if (row?.mfaSecret) throw Problems.conflict('mfa-already-enrolled', 'A second factor is enrolled already; an admin can reset it.');
    return this.totp.enrolment(user.id, user.username);
  }

  @Allow('session.use')
  @Post('mfa/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Finish enrolling: the first code from the authenticator app, with the enrolment token' })
  @ApiNoContentResponse({ description: 'Enrolled: sign-in now asks for a code.' })
  async confirm(@ValidBody(MFA_CONFIRM_REQUEST) body: MfaConfirmRequest, @CurrentUserParam() user: AuthUser): Promise<void> {
    const secret = this.totp.secretFromEnrolment(user.id, body.enrolmentToken);
    const invalid = (message: string) => {
      const err = new ProblemException(400, 'mfa-invalid', 'Invalid second-factor code', 'Start again, or wait for the next code.', [
        { path: '/otp', message },
      ]);
      return err;
    };
    if (!secret)
      throw new ProblemException(400, 'mfa-invalid', 'Invalid enrolment', 'The enrolment expired or is not yours: start again.', [
        { path: '/enrolmentToken', message: 'is expired or invalid' },
      ]);
    const step = await this.totp.check(secret, body.otp, null);
    if (step === null) throw invalid('is not the current code');
    await this.db.transaction(async (m) => {
      const [rows] = (await m.query(
        'UPDATE users SET mfa_secret = $2, mfa_last_step = $3, mfa_enrolled_at = now() WHERE id = $1 AND mfa_secret IS NULL RETURNING id',
        [user.id, this.totp.encrypt(user.id, secret), step],
      )) as [unknown[], number];
      if (!rows.length) throw Problems.conflict('mfa-already-enrolled', 'A second factor is enrolled already.');
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'auth.mfa-enrolled',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }
}
