import { Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { forSwagger, Problems, ValidBody } from '@lantern/api/core';
import { Database, UserPreferencesEntity } from '@lantern/api/data-access';
import {
  PREFERENCES_MAX_BYTES,
  PREFERENCES_REQUEST,
  resolvePreferences,
  type Preferences,
  type PreferencesRequest,
} from '@lantern/shared/domain';
import { Allow, CurrentUserParam } from './auth.decorators';
import type { AuthUser } from './auth.types';

/**
 * The signed-in user's own workbench preferences (queue columns and density, arrival alerts). Only ever one's own:
 * there is no user id in the path. Not audited: they hold no case or personal data (docs/workbench.md).
 */
@ApiTags('auth')
@Controller('v1/me/preferences')
export class PreferencesController {
  constructor(private readonly db: Database) {}

  @Allow('session.use')
  @Get()
  @ApiOperation({ summary: 'Your workbench preferences', description: 'Every key filled in: defaults for what was never saved.' })
  @ApiOkResponse({ description: '{queue: {columns, density}, arrivals: {alerts}}', schema: forSwagger(PREFERENCES_REQUEST.schema) })
  async get(@CurrentUserParam() user: AuthUser): Promise<Preferences> {
    const row = await this.db.manager.findOne(UserPreferencesEntity, { where: { userId: user.id } });
    return resolvePreferences(row?.preferences);
  }

  @Allow('session.use')
  @Put()
  @ApiOperation({
    summary: 'Save your workbench preferences (the whole document)',
    description: `Known keys only (400 naming any other), at most ${PREFERENCES_MAX_BYTES} bytes. Answers the preferences as GET does.`,
  })
  @ApiOkResponse({ description: 'The saved preferences, every key filled in.', schema: forSwagger(PREFERENCES_REQUEST.schema) })
  @ApiBadRequestResponse({ description: 'problem+json naming every unknown key or bad value.' })
  async put(@ValidBody(PREFERENCES_REQUEST) body: PreferencesRequest, @CurrentUserParam() user: AuthUser): Promise<Preferences> {
    if (Buffer.byteLength(JSON.stringify(body)) > PREFERENCES_MAX_BYTES) {
      throw Problems.validation([{ path: '/', message: `must be at most ${PREFERENCES_MAX_BYTES} bytes` }]);
    }
    await this.db.query(
      `INSERT INTO user_preferences (user_id, preferences) VALUES ($1, $2::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = now()`,
      [user.id, JSON.stringify(body)],
    );
    return resolvePreferences(body);
  }
}
