import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUserParam, Roles, type AuthUser } from '@lantern/api/auth';
import { CASE_READER_ROLES, type CaseCounts, type CaseDetail, type CaseHistoryEntry, type CasePage } from '@lantern/shared/domain';
import { CasesService, type QueueQuery } from './cases.service';

@ApiTags('cases')
@Controller('v1/cases')
@Roles(...CASE_READER_ROLES)
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  list(@CurrentUserParam() user: AuthUser, @Query() query: QueueQuery): Promise<CasePage> {
    return this.cases.queue(user.id, query);
  }

  @Get('counts')
  counts(@CurrentUserParam() user: AuthUser): Promise<CaseCounts> {
    return this.cases.counts(user.id);
  }

  @Get(':id/history')
  history(@CurrentUserParam() user: AuthUser, @Param('id') id: string): Promise<CaseHistoryEntry[]> {
    return this.cases.history(user.id, id);
  }

  @Get(':id')
  get(@CurrentUserParam() user: AuthUser, @Param('id') id: string): Promise<CaseDetail> {
    return this.cases.detail(user.id, id);
  }
}
