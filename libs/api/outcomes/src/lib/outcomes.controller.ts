import { Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, Problems, sendPdf, ValidBody, ValidQuery } from '@lantern/api/core';
import {
  OUTCOMES_QUERY,
  OUTCOMES_SUMMARY_QUERY,
  SATISFACTION_REQUEST,
  type OutcomesQuery,
  type OutcomesReport,
  type OutcomesSummaryQuery,
  type SatisfactionRequest,
  type SatisfactionSurvey,
} from '@lantern/shared/domain';
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
  @Allow('outcomes.read')
  async report(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(OUTCOMES_QUERY) query: OutcomesQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutcomesReport | string> {
    const tableName = query.table;
    const report = await this.outcomes.report(user, query.from, query.to);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    if (/\btext\/csv\b/i.test(accept ?? '')) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="lantern-outcomes-${report.from}-to-${report.to}${tableName ? `-${tableName}` : ''}.csv"`,
      );
      return toCsv(report, tableName ?? null);
    }
    return report;
  }

  /** The printable summary of a period (PDF); `?month=2026-11` for a calendar month. */
  @Get('reports/outcomes/summary')
  @Allow('outcomes.read')
  async summary(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(OUTCOMES_SUMMARY_QUERY) query: OutcomesSummaryQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { month } = query;
    let range = { from: query.from, to: query.to };
    if (month !== undefined) {
      const [year, mm] = month.split('-').map(Number);
      const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
      range = { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
    }
    const report = await this.outcomes.report(user, range.from, range.to);
    const pdf = await summaryPdf(report);
    sendPdf(res, pdf, `lantern-outcomes-${report.from}-to-${report.to}.pdf`);
  }

  /** {score 1–5, feltSafer yes|no|unsure, wouldRecommend?, comment?}: the victim's survey, once the case is closed. */
  @Post('cases/:id/satisfaction')
  @HttpCode(201)
  @Allow('case.work')
  @CaseAccess('write', { whenClosed: true })
  record(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(SATISFACTION_REQUEST) body: SatisfactionRequest,
  ): Promise<SatisfactionSurvey> {
    return this.outcomes.recordSurvey(user, id, body);
  }

  @Get('cases/:id/satisfaction')
  @Allow('case.read')
  @CaseAccess('read')
  async survey(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<SatisfactionSurvey> {
    const s = await this.outcomes.survey(user, id);
    if (!s) throw Problems.notFound('No survey recorded for this case.');
    return s;
  }
}
