import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Public } from '@lantern/api/auth';
import { forSwagger, Problems } from '@lantern/api/core';
import { POLICE_REPORT_SCHEMA, type IntakeResult } from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { FeedKeyGuard } from './feed-key.guard';
import { feedSubmitter, IntakeService } from './intake.service';

export const INTAKE_PATH = '/api/v1/intake/reports';
export const INTAKE_LIMIT_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** application/json, optionally with charset=utf-8. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/**
 * A report body read raw (express.raw on the route): application/json in UTF-8, strictly decoded, parsed once.
 * 415 for another type, 400 naming `/` for an empty body, bad UTF-8 or bad JSON. Shared by every channel that
 * posts a report (the feed here, the officer app).
 */
export function parseReportBody(req: Request): unknown {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw Problems.unsupportedMediaType('Send one report as application/json (UTF-8).');
  }
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    throw Problems.validation([{ path: '/', message: 'body is empty' }], 'The body is empty.');
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw Problems.validation([{ path: '/', message: 'body is not valid UTF-8' }], 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw Problems.validation([{ path: '/', message: 'body is not valid JSON' }], 'The body is not valid JSON.');
  }
}

/**
 * The police report intake. The body arrives raw (see the app bootstrap), so the order of answers is:
 * 413 size → 401 key → 429 rate → 415 type → 400 JSON/schema/rules → 403 force → 409 idempotency.
 */
@ApiTags('intake')
@ApiBearerAuth()
@Controller('v1/intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Public()
  @UseGuards(FeedKeyGuard)
  @Post('reports')
  @HttpCode(201)
  // The police contract, validated by the intake itself (raw body: size, strict UTF-8, then schema and rules).
  @ApiBody({ schema: forSwagger(POLICE_REPORT_SCHEMA), required: true, description: 'one police report' })
  async receive(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<IntakeResult> {
    const body = parseReportBody(req);
    const feedSource = req.feedSource;
    if (!feedSource) throw Problems.unauthenticated();
    const outcome = await this.intake.receive(feedSubmitter(feedSource), body);
    res.status(outcome.httpStatus);
    return outcome.result;
  }
}
