import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  CREATE_USER_REQUEST,
  NO_FIELDS_REQUEST,
  type NoFieldsRequest,
  USER_ROLES_REQUEST,
  type CreateUserRequest,
  type OneTimePassword,
  type UserAccount,
  type UserRolesRequest,
} from '@lantern/shared/domain';
import { Allow, CurrentUserParam } from './auth.decorators';
import type { AuthUser } from './auth.types';
import { UsersAdminService } from './users-admin.service';

const ENDS_SESSIONS = 'Ends every session of the user at once (HTTP and live connections, on every instance).';

/** Account administration (admins). Every call is audited; none returns a password hash or second-factor secret. */
@ApiTags('users')
@Controller('v1/users')
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService) {}

  @Get('accounts')
  @Allow('users.manage')
  @ApiOperation({ summary: 'Every account, active or not, with its roles, agency and whether a second factor is enrolled' })
  @ApiOkResponse({ description: 'UserAccount[]' })
  accounts(@CurrentUserParam() admin: AuthUser): Promise<UserAccount[]> {
    return this.users.accounts(admin);
  }

  @Post()
  @Allow('users.manage')
  @ApiOperation({
    summary: 'Create an account',
    description:
      'Any role. A partner user names an agency of the partner directory (partnerId) and has only the partner role. An officer needs force and collarNumber (team and email optional), a force lead force; no other role has them (400 naming the field). The answer carries a server-generated one-time password, shown once; the user must change it at first sign-in (401 password-change-required). 409 username-taken.',
  })
  @ApiCreatedResponse({ description: '{id, username, oneTimePassword}' })
  create(@ValidBody(CREATE_USER_REQUEST) body: CreateUserRequest, @CurrentUserParam() admin: AuthUser): Promise<OneTimePassword> {
    return this.users.create(admin, body);
  }

  @Post(':id/deactivate')
  @Allow('users.manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate an account',
    description: `${ENDS_SESSIONS} An admin cannot deactivate themself (409 self-deactivation).`,
  })
  @ApiNoContentResponse({ description: 'Deactivated.' })
  deactivate(
    @ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest,
    @IdParam('id', 'No such user.') id: string,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<void> {
    return this.users.deactivate(admin, id);
  }

  @Post(':id/reactivate')
  @Allow('users.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reactivate an account' })
  @ApiNoContentResponse({ description: 'Reactivated.' })
  reactivate(
    @ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest,
    @IdParam('id', 'No such user.') id: string,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<void> {
    return this.users.reactivate(admin, id);
  }

  @Post(':id/password-reset')
  @Allow('users.manage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reset the password',
    description: `A new one-time password, shown once, to be changed at next sign-in. ${ENDS_SESSIONS}`,
  })
  @ApiOkResponse({ description: '{id, username, oneTimePassword}' })
  resetPassword(
    @ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest,
    @IdParam('id', 'No such user.') id: string,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<OneTimePassword> {
    return this.users.resetPassword(admin, id);
  }

  @Post(':id/mfa-reset')
  @Allow('users.manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove the second factor',
    description: `The user enrols again at next sign-in (when required). ${ENDS_SESSIONS}`,
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  resetMfa(
    @ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest,
    @IdParam('id', 'No such user.') id: string,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<void> {
    return this.users.resetMfa(admin, id);
  }

  @Put(':id/roles')
  @Allow('users.manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the roles',
    description: `${ENDS_SESSIONS} The user signs in again under the new roles. An admin cannot remove their own admin role (409 self-demotion). The police profile (force, collarNumber, team, email) may be sent with the roles: a field left out keeps its value, null clears it; an officer needs force and collarNumber, a force lead force, and an account with no police role loses all four.`,
  })
  @ApiNoContentResponse({ description: 'Changed.' })
  setRoles(
    @IdParam('id', 'No such user.') id: string,
    @ValidBody(USER_ROLES_REQUEST) body: UserRolesRequest,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<void> {
    return this.users.setRoles(admin, id, body);
  }
}
