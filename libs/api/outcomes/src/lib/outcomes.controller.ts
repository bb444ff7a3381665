import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUserParam, Roles, type AuthUser } from '@lantern/api/auth';
import { Problems, sendPdf } from '@lantern/api/core';
import { OUTCOME_TABLES, type OutcomesReport, type OutcomeTable, type SatisfactionSurvey } from '@lantern/shared/domain';
import { summaryPdf, toCsv } from './outcomes-export';
import { OutcomesService } from './outcomes.service';

@ApiTags('outcomes')
@Controller('v1')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  /**
   * Counts by month, week, area and agency for London dates `from`…`to` (inclusive; default the last twelve
   * months). `Accept: text/csv` gives CSV (every table, or one with `table=`), UTF-8 with a byte-order mark.
   */
  @Get('reports/outcomes')
  @Roles('team-lead', 'admin', 'auditor')
  async report(
    @CurrentUserParam() user: AuthUser,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('table') tableName: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutcomesReport | string> {
    if (tableName !== undefined && !(OUTCOME_TABLES as readonly string[]).includes(tableName)) {
      throw Problems.validation([{ path: '/table', message: `must be one of: ${OUTCOME_TABLES.join(', ')}` }]);
    }
    const report = await this.outcomes.report(user, from, to);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    if (/\btext\/csv\b/i.test(accept ?? '')) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="lantern-outcomes-${report.from}-to-${report.to}${tableName ? `-${tableName}` : ''}.csv"`);
      return toCsv(report, (tableName as OutcomeTable | undefined) ?? null);
    }
    return report;
  }

  /** The printable summary of a period (PDF); `?month=2026-11` for a calendar month. */
  @Get('reports/outcomes/summary')
  @Roles('team-lead', 'admin', 'auditor')
  async summary(
    @CurrentUserParam() user: AuthUser,
    @Query('month') month: string | undefined,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    let range = { from, to };
    if (month !== undefined) {
      const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
      if (!m) throw Problems.validation([{ path: '/month', message: 'must be YYYY-MM' }]);
      const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      range = { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
    }
    const report = await this.outcomes.report(user, range.from, range.to);
    const pdf = await summaryPdf(report);
    sendPdf(res, pdf, `lantern-outcomes-${report.from}-to-${report.to}.pdf`);
  }

  /** {score 1–5, feltSafer yes|no|unsure, wouldRecommend?, comment?}: the victim's survey, once the case is closed. */
  @Post('cases/:id/satisfaction')
  @HttpCode(201)
  @Roles('caseworker', 'team-lead')
  record(@CurrentUserParam() user: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<SatisfactionSurvey> {
    return this.outcomes.recordSurvey(user, id, body);
  }

  @Get('cases/:id/satisfaction')
  @Roles('caseworker', 'team-lead', 'auditor')
  async survey(@CurrentUserParam() user: AuthUser, @Param('id') id: string): Promise<SatisfactionSurvey> {
    const s = await this.outcomes.survey(user, id);
    if (!s) throw Problems.notFound('No survey recorded for this case.');
    return s;
  }
}
