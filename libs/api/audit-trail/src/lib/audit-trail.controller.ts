import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { ValidQuery } from '@lantern/api/core';
import { AUDIT_QUERY, type AuditPage, type AuditQuery, type AuditVerification } from '@lantern/shared/domain';
import { AuditTrailService } from './audit-trail.service';

@ApiTags('audit')
@Controller('v1/audit')
@Allow('audit.read')
export class AuditTrailController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the audit trail (auditors)',
    description:
      'Filters combine: caseId (entries about the case or naming it), userId (the acting user), seenBy (a user a live ' +
      'push reached: case.pushed entries naming them among their recipients), action (exact, or a family ' +
      'such as `case.*`), from (inclusive) and to (exclusive), RFC 3339. Newest first, keyset-paged: `limit` (1–500, ' +
      "default 50) and `cursor` = the previous page's `nextCursor`. JSON {entries, nextCursor}; `format=csv` or " +
      '`Accept: text/csv` gives CSV (up to 10,000 entries or `limit`; header `X-Next-Cursor` when more remain). ' +
      'Every search is itself audited (audit.read). 400 problem+json names each bad parameter.',
  })
  @ApiProduces('application/json', 'text/csv')
  async search(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(AUDIT_QUERY) query: AuditQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditPage | string> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return this.trail.search(user, query);
    const out = await this.trail.csv(user, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="lantern-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    if (out.nextCursor) res.setHeader('X-Next-Cursor', out.nextCursor);
    return out.csv;
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the audit hash chain (auditors)',
    description:
      "Recomputes every entry's hash and link in one pass: {valid, entries, firstBrokenId?, lastId?, lastHash?}. " +
      'firstBrokenId is the first entry whose content no longer matches its hash or whose prev_hash is not the previous ' +
      "entry's hash. Keep lastId and lastHash outside Lantern to detect later removal from the end. Audited (audit.read).",
  })
  verify(@CurrentUserParam() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<AuditVerification> {
    res.setHeader('Cache-Control', 'no-store');
    return this.trail.verify(user);
  }
}
