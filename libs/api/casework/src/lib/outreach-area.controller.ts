import { Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import { OUTREACH_AREA_REQUEST, type CaseSummary, type OutreachAreaRequest } from '@lantern/shared/domain';
import { OutreachAreaService } from './outreach-area.service';

@ApiTags('casework')
@Controller('v1')
export class OutreachAreaController {
  constructor(private readonly areas: OutreachAreaService) {}

  /** The outreach areas a case can be corrected to (the configured postcode table's areas). Rules, not case data. */
  @Get('outreach-areas')
  @Allow('case.read')
  list(): string[] {
    return this.areas.choices();
  }

  /**
   * {area, reason, version?}: corrects where outreach is allocated (`area` one of GET /outreach-areas, or null = out of
   * county); the case's `outreachArea.source` becomes "caseworker" and a later police report keeps it. Audited as
   * `case.outreach-area-corrected`. 400 naming /area for an unknown area; 409 stale-version.
   */
  @Put('cases/:id/outreach-area')
  @Allow('case.work')
  @CaseAccess('write')
  correct(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(OUTREACH_AREA_REQUEST) body: OutreachAreaRequest,
  ): Promise<CaseSummary> {
    return this.areas.correct(user, id, body);
  }
}
