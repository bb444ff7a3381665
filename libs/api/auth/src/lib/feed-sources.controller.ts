import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  CREATE_FEED_SOURCE_REQUEST,
  NO_FIELDS_REQUEST,
  type NoFieldsRequest,
  type CreatedFeedSource,
  type CreateFeedSourceRequest,
  type FeedSourceSummary,
} from '@lantern/shared/domain';
import { Allow, CurrentUserParam } from './auth.decorators';
import type { AuthUser } from './auth.types';
import { FeedSourcesService } from './feed-sources.service';

/** Feed keys: which systems may post police reports to /api/v1/intake/reports (admins). */
@ApiTags('feed-sources')
@Controller('v1/feed-sources')
export class FeedSourcesController {
  constructor(private readonly feeds: FeedSourcesService) {}

  @Get()
  @Allow('feed-sources.manage')
  @ApiOperation({ summary: 'Every feed source with its force and whether it is revoked (never the key)' })
  @ApiOkResponse({ description: 'FeedSourceSummary[]' })
  list(@CurrentUserParam() admin: AuthUser): Promise<FeedSourceSummary[]> {
    return this.feeds.list(admin);
  }

  @Post()
  @Allow('feed-sources.manage')
  @ApiOperation({
    summary: 'Create a feed key',
    description:
      'The key is in this answer only; the server keeps its SHA-256. The feed posts with Authorization: Bearer <key> and may only send reports of its force.',
  })
  @ApiCreatedResponse({ description: 'FeedSourceSummary and key' })
  create(
    @ValidBody(CREATE_FEED_SOURCE_REQUEST) body: CreateFeedSourceRequest,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<CreatedFeedSource> {
    return this.feeds.create(admin, body);
  }

  @Post(':id/revoke')
  @Allow('feed-sources.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a feed key', description: 'The key is refused (401) from the next request on, on every instance.' })
  @ApiNoContentResponse({ description: 'Revoked (or was already).' })
  revoke(
    @ValidBody(NO_FIELDS_REQUEST) _body: NoFieldsRequest,
    @IdParam('id', 'No such feed source.') id: string,
    @CurrentUserParam() admin: AuthUser,
  ): Promise<void> {
    return this.feeds.revoke(admin, id);
  }
}
