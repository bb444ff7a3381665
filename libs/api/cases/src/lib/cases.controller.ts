import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from './case-access';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidQuery } from '@lantern/api/core';
import {
  CASE_COUNTS_QUERY,
  CASE_READ_QUERY,
  QUEUE_QUERY,
  type CaseReadQuery,
  type CaseCounts,
  type CaseCountsQuery,
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
  @ApiOperation({
    summary: 'Open cases per queue filter',
    description:
      'Open cases this user may see: `total`, `byGrade`, `byArea`, `marac`, `unassigned`, `mine`, `breached`, and `matching`: ' +
      'those the queue filters given here (the same `assignee`, `grade`, `area`, `marac`, `breached` as GET /cases) match ' +
      '(`total` when none are given). The workbench holds only the first pages of a long queue and takes its count from here. ' +
      '`asOf` is the instant counted at (SLA breaches are those at it) and `seq` the last `case.changed` seq the counts ' +
      'include (read in the same snapshot): the workbench adds a later new case (change `created`) or recorded breach ' +
      '(change `breached`) to the counts it holds, and reads them again after any other change.',
  })
  counts(@CurrentUserParam() user: AuthUser, @ValidQuery(CASE_COUNTS_QUERY) query: CaseCountsQuery): Promise<CaseCounts> {
    return this.cases.counts(user, query);
  }

  @Get(':id/history')
  @CaseAccess('read')
  history(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CaseHistoryEntry[]> {
    return this.cases.history(user, id);
  }

  @Get(':id')
  @CaseAccess('read')
  @ApiOperation({
    summary: 'One case in full (an audited read)',
    description:
      'The case summary with every police revision (newest first), the hub risk assessments, MARAC context and referrals, ' +
      'consent in force, the lawful basis, ages, `childrensServices` and `victimChangedAt`: when a police revision last ' +
      'named another person as the victim (another police person id; without ids, a different date of birth or both names), ' +
      'or null. Since then nothing the hub recorded for the earlier person counts: consent, the saved safe-contact plan ' +
      '(back to the report, safe times unconfirmed), the hub checklist and its grade (`riskAssessments` lists hers only), an ' +
      'agreed grade, needs and safety plan, call-backs (cancelled), contact attempts toward unable-to-contact, what partners ' +
      'were sent (withdrawn; a statutory referral stays with no contact details), a lawful basis, and a MARAC or children’s ' +
      'services referral made before it (docs/casework.md).',
  })
  get(@CurrentUserParam() user: AuthUser, @IdParam() id: string, @ValidQuery(CASE_READ_QUERY) query: CaseReadQuery): Promise<CaseDetail> {
    return this.cases.detail(user, id, query.purpose);
  }
}
