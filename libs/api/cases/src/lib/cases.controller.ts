import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CaseAccess } from './case-access';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidQuery } from '@lantern/api/core';
import {
  CASE_READ_QUERY,
  QUEUE_QUERY,
  type CaseReadQuery,
  type CaseCounts,
  type CaseDetail,
  type CaseHistoryEntry,
  type CasePage,
  type QueueQuery,
} from '@lantern/shared/domain';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller('v1/cases')
@Allow('case.read')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  list(@CurrentUserParam() user: AuthUser, @ValidQuery(QUEUE_QUERY) query: QueueQuery): Promise<CasePage> {
    return this.cases.queue(user, query);
  }

  @Get('counts')
  counts(@CurrentUserParam() user: AuthUser): Promise<CaseCounts> {
    return this.cases.counts(user);
  }

  @Get(':id/history')
  @CaseAccess('read')
  history(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CaseHistoryEntry[]> {
    return this.cases.history(user, id);
  }

  @Get(':id')
  @CaseAccess('read')
  get(@CurrentUserParam() user: AuthUser, @IdParam() id: string, @ValidQuery(CASE_READ_QUERY) query: CaseReadQuery): Promise<CaseDetail> {
    return this.cases.detail(user, id, query.purpose);
  }
}
