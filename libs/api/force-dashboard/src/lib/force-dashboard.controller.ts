import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { ValidQuery } from '@lantern/api/core';
import { FORCE_DASHBOARD_QUERY, type ForceDashboard, type ForceDashboardQuery } from '@lantern/shared/domain';
import { forceDashboardCsv } from './force-dashboard-export';
import { ForceDashboardService } from './force-dashboard.service';

const DESCRIPTION =
  "The signed-in force lead's own force only (their account's force; the force is never a parameter, and a force lead " +
  'without one gets 403). London dates `from`…`to` inclusive, default this month and the eleven before it, at most 24 ' +
  'months; 400 problem+json names each bad query path (`/from`, `/to`, or an unknown parameter). The period used is ' +
  'widened to whole London calendar months (`from` the 1st, `to` the last day of its month; `requested` echoes the ' +
  'dates asked for), and everything is counted as at the weekly snapshot `snapshotAt` (00:00 London, the most recent ' +
  'Monday; `countedTo` is the last date counted), so periods a day apart cannot be differenced. Teams and areas with ' +
  'fewer than 5 referrals are never named (one "Other teams" / "Other areas" row). Channel = how the first report ' +
  'arrived (import, officer app, feed key). Aggregates only, ' +
  'computed by the database: referrals by month, officer team, area and channel; victims contacted, within 24 hours and ' +
  'the median hours to first contact; referrals on by agency; orders applied for (decided) and granted; satisfaction. ' +
  'Counts of 1–4 are "<5", a count hidden so that no hidden count can be worked out from a total is "[c]", shares or ' +
  'medians based on fewer than 5 are "<5", and a mean or median computed from a hidden count is "[c]" ' +
  '(docs/force-dashboard.md). Every read is audited (force-dashboard.read).';

@ApiTags('force dashboard')
@Controller('v1/force')
@Allow('force-dashboard.read')
export class ForceDashboardController {
  constructor(private readonly dashboard: ForceDashboardService) {}

  @Get('dashboard')
  @ApiOperation({
    summary: "The force dashboard of the force lead's own force (JSON, or CSV with Accept: text/csv)",
    description: DESCRIPTION,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'ForceDashboard (libs/shared/domain force-dashboard.ts), or the same figures as CSV.' })
  async read(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(FORCE_DASHBOARD_QUERY) query: ForceDashboardQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ForceDashboard | string> {
    const d = await this.dashboard.dashboard(user, query.from, query.to);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    return /\btext\/csv\b/i.test(accept ?? '') ? this.csv(d, res) : d;
  }

  @Get('dashboard.csv')
  @ApiOperation({
    summary: 'The force dashboard as CSV (UTF-8 with a byte-order mark, formula-like text defused)',
    description: DESCRIPTION,
  })
  @ApiProduces('text/csv')
  async readCsv(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(FORCE_DASHBOARD_QUERY) query: ForceDashboardQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const d = await this.dashboard.dashboard(user, query.from, query.to);
    res.setHeader('Cache-Control', 'no-store');
    return this.csv(d, res);
  }

  private csv(d: ForceDashboard, res: Response): string {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="lantern-force-dashboard-${d.from}-to-${d.to}.csv"`);
    return forceDashboardCsv(d);
  }
}
