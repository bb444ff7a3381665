import { Controller, HttpCode, Logger, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@lantern/api/auth';
import { databaseRefusal, forSwagger, ProblemException, Problems, sqlStateOf } from '@lantern/api/core';
import {
  INTAKE_BATCH_MAX_REPORTS,
  POLICE_REPORT_SCHEMA,
  type IntakeBatchItem,
  type IntakeBatchResponse,
  type IntakeResult,
} from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { FeedKeyGuard } from './feed-key.guard';
import { feedSubmitter, IntakeService, type IntakeBatchOutcome } from './intake.service';
import { IntakeRateLimiter } from './rate-limiter';

export const INTAKE_PATH = '/api/v1/intake/reports';
export const INTAKE_LIMIT_BYTES = 256 * 1024;
/** A batch of reports (INTAKE_BATCH_MAX_REPORTS at most), read raw like one report, with its own size limit. */
export const INTAKE_BATCH_PATH = '/api/v1/intake/reports/batch';
export const INTAKE_BATCH_LIMIT_BYTES = 4 * 1024 * 1024;

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
/** The reports of a batch body (`{ "reports": [ … ] }`, 1 to INTAKE_BATCH_MAX_REPORTS), or 400 naming the envelope's path. */
export function batchReports(body: unknown): unknown[] {
  const reports = (body as { reports?: unknown } | null)?.reports;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw Problems.validation([{ path: '/', message: 'must be an object with `reports`, an array of reports' }]);
  }
  // Named back at most ten: the body can be 4 MiB of keys.
  const extra = Object.keys(body)
    .filter((k) => k !== 'reports')
    .slice(0, 10);
  if (!Array.isArray(reports) || reports.length < 1 || reports.length > INTAKE_BATCH_MAX_REPORTS || extra.length) {
    throw Problems.validation([
      ...(!Array.isArray(reports) || reports.length < 1 || reports.length > INTAKE_BATCH_MAX_REPORTS
        ? [{ path: '/reports', message: `must be an array of 1 to ${INTAKE_BATCH_MAX_REPORTS} reports` }]
        : []),
      ...extra.map((k) => ({ path: `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'is not allowed' })),
    ]);
  }
  return reports;
}

const BATCH_SCHEMA = {
  type: 'object',
  required: ['reports'],
  additionalProperties: false,
  properties: { reports: { type: 'array', minItems: 1, maxItems: INTAKE_BATCH_MAX_REPORTS, items: forSwagger(POLICE_REPORT_SCHEMA) } },
};

/**
 * A report's size as its own POST would send it; 0 when it cannot be written as JSON (nested too deep for the stack):
 * validation then refuses it with a 400 naming where (scanJsonStrings), never a 500.
 */
function jsonBytes(report: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(report) ?? '');
  } catch {
    return 0;
  }
}

@ApiTags('intake')
@ApiBearerAuth()
@Controller('v1/intake')
export class IntakeController {
  private readonly logger = new Logger('Intake');

  constructor(
    private readonly intake: IntakeService,
    private readonly limiter: IntakeRateLimiter,
  ) {}

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

  @Public()
  @UseGuards(FeedKeyGuard)
  @Post('reports/batch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Several police reports in one request',
    description:
      `For a feed with several reports to send at once (catching up after an outage, a records system sending what ` +
      `it holds): \`{ "reports": [ … ] }\`, 1 to ${INTAKE_BATCH_MAX_REPORTS} reports, ${INTAKE_BATCH_LIMIT_BYTES / 1024 / 1024} MiB ` +
      `at most. Each report is received as its own POST /api/v1/intake/reports would be, in the order sent (a ` +
      `revision after the report it revises), and stored in as few transactions as the reports allow. The answer is ` +
      `200 with \`results\`, one per report in order: \`{ index, status, result }\` (201 created, 200 revised or ` +
      `duplicate) or \`{ index, status, problem }\` (the problem+json its own POST would get: 400 naming paths inside ` +
      `that report, 403 another force, 409 a reference or revision conflict, 413 a report over ${INTAKE_LIMIT_BYTES / 1024} KiB, ` +
      `503 the database was too busy: send that report again after \`retryAfter\` seconds). A refused report stores nothing; the others are stored. The envelope itself is all or nothing: ` +
      `401 key, 429 rate (each report counts against the feed's limit; a batch larger than the feed's burst is ` +
      `refused with 400), 415 type, 413 size, 400 a body that is not such an object (naming \`/reports\`).`,
  })
  @ApiBody({ schema: BATCH_SCHEMA as never, required: true })
  @ApiOkResponse({ description: 'one result per report, in order' })
  async receiveBatch(@Req() req: Request): Promise<IntakeBatchResponse> {
    const reports = batchReports(parseReportBody(req));
    const feedSource = req.feedSource;
    if (!feedSource) throw Problems.unauthenticated();
    // The guard took one token for the request; each further report takes one more, all or none (a batch refused
    // here gives the guard's back).
    if (reports.length > this.limiter.burstOf()) {
      this.limiter.refund(feedSource.id);
      throw Problems.validation([
        { path: '/reports', message: `must hold at most ${this.limiter.burstOf()} reports (this feed's rate limit burst)` },
      ]);
    }
    const wait = reports.length > 1 ? this.limiter.take(feedSource.id, Date.now(), undefined, reports.length - 1) : 0;
    if (wait > 0) {
      // Refused whole: the guard's token back, so that the wait said is the wait needed (one token short otherwise).
      this.limiter.refund(feedSource.id);
      throw Problems.rateLimited(Math.ceil(wait / 1000));
    }
    // receiveMany, but a report its own POST would refuse for size (413) is refused here too, alone; the others go on.
    const submitter = feedSubmitter(feedSource);
    const now = new Date();
    const outcomes = await this.intake.storePrepared(
      submitter,
      reports.map((r) => ({
        prepared:
          jsonBytes(r) > INTAKE_LIMIT_BYTES
            ? Problems.tooLarge(`A report is at most ${INTAKE_LIMIT_BYTES} bytes.`)
            : this.intake.tryPrepare(submitter, r, now),
      })),
      now,
    );
    return { results: outcomes.map((o, index) => this.item(index, o)) };
  }

  /** One report's outcome as its own POST would have answered it. */
  private item(index: number, outcome: IntakeBatchOutcome): IntakeBatchItem {
    if (!(outcome instanceof Error)) return { index, status: outcome.httpStatus, result: outcome.result };
    // As the exception filter answers a single POST: a database refusal as its problem (503 try-again for a
    // serialisation failure), anything else 500, logged with the class and SQLSTATE only (never the report's values).
    const problem =
      outcome instanceof ProblemException
        ? outcome
        : (databaseRefusal(sqlStateOf(outcome)) ??
          new ProblemException(500, 'internal', 'Internal error', 'This report could not be stored.'));
    if (!(outcome instanceof ProblemException))
      this.logger.error(`batch report ${index} not stored: ${outcome.constructor.name} ${sqlStateOf(outcome) ?? ''}`.trim());
    const retryAfter = Number(problem.headers['Retry-After']);
    return {
      index,
      status: problem.status,
      problem: problem.body(INTAKE_PATH),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    };
  }
}
