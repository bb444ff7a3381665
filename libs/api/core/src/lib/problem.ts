import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject, Logger, Optional, type ExceptionFilter } from '@nestjs/common';
import { GENERIC_VALIDATION_DETAIL, type FieldError, type ProblemDetails } from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { errorForLog } from './log-safe';

export const PROBLEM_BASE = 'https://lantern.example/problems/';

/** An error the API answers with as RFC 9457 problem+json. */
export class ProblemException extends Error {
  /** Extra members of the problem body (RFC 9457 extensions), e.g. the rule that refused an unsafe contact. */
  extra: Record<string, unknown> = {};

  constructor(
    readonly status: number,
    readonly problemType: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
  }

  body(instance?: string): ProblemDetails {
    return {
      type: PROBLEM_BASE + this.problemType,
      title: this.title,
      status: this.status,
      code: this.problemType,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const Problems = {
  validation: (errors: FieldError[], detail = GENERIC_VALIDATION_DETAIL) =>
    new ProblemException(400, 'validation', 'Invalid request', detail, errors),
  badRequest: (detail: string) => new ProblemException(400, 'bad-request', 'Bad request', detail),
  unauthenticated: (detail = 'Sign in first.') => new ProblemException(401, 'unauthenticated', 'Not authenticated', detail),
  forbidden: (detail = 'You are not allowed to do this.') => new ProblemException(403, 'forbidden', 'Forbidden', detail),
  notFound: (detail = 'Not found.') => new ProblemException(404, 'not-found', 'Not found', detail),
  conflict: (type: string, detail: string) => new ProblemException(409, type, 'Conflict', detail),
  tooLarge: (detail: string) => new ProblemException(413, 'too-large', 'Payload too large', detail),
  unsupportedMediaType: (detail: string) => new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', detail),
  rateLimited: (retryAfterSeconds: number) =>
    new ProblemException(429, 'rate-limited', 'Too many requests', `Retry after ${retryAfterSeconds} s.`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    }),
};

/**
 * Last resort for input the database refuses (the real fix is at the edge): data exceptions are the client's
 * 400 `invalid-value`, a reference to a row that does not exist is 422 `unknown-reference`. Anything else
 * stays a 500. The fuzz test fails on either code, so a gap at the edge is found, not hidden.
 */
const invalidValue = (detail: string) => () => new ProblemException(400, 'invalid-value', 'Invalid value', detail);
const DATABASE_REFUSALS: Record<string, () => ProblemException> = {
  // invalid text representation (a malformed uuid, integer or json), NUL / invalid byte sequence, untranslatable character
  '22P02': invalidValue('A value is not in the form its field takes.'),
  '22021': invalidValue('Text must not contain NUL or invalid characters.'),
  '22P05': invalidValue('Text must not contain NUL or invalid characters.'),
  // numeric value out of range, string too long, date/time malformed or out of range
  '22003': invalidValue('A number is out of range.'),
  '22001': invalidValue('A value is too long.'),
  '22007': invalidValue('A date or time is malformed.'),
  '22008': invalidValue('A date or time is out of range.'),
  '22009': invalidValue('A time zone offset is out of range.'),
  '23503': () =>
    new ProblemException(422, 'unknown-reference', 'Unknown reference', 'The request refers to something that does not exist.'),
  // unique violation: two requests creating the same thing at once (e.g. two admins adding one username); the
  // services check first, this is the loser of the race
  '23505': () => new ProblemException(409, 'already-exists', 'Already exists', 'Something with the same identity already exists.'),
  // serialisation failure or deadlock left after Database.transaction's retries: busy, not broken — try again
  '40001': () =>
    new ProblemException(503, 'try-again', 'Busy', 'The hub is busy: try again in a moment.', undefined, { 'Retry-After': '1' }),
  '40P01': () =>
    new ProblemException(503, 'try-again', 'Busy', 'The hub is busy: try again in a moment.', undefined, { 'Retry-After': '1' }),
};

/**
 * The SQLSTATE of a database error: TypeORM wraps the driver's error (`driverError.code`), a bare driver error carries
 * `code` itself. Undefined for anything else. Codes only: never the message, which can quote the values that failed.
 */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as { driverError?: { code?: unknown }; code?: unknown } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function databaseRefusal(code: unknown): ProblemException | null {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(DATABASE_REFUSALS, code) ? DATABASE_REFUSALS[code]() : null;
}

/** Errors raised by Express body parsers carry `type` and `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * Records a refused request (401 or 403) before the refusal is sent. Implemented by @lantern/api/audit (which
 * depends on this lib, not the other way round) and optional, so the filter works without it. It must not throw.
 */
export interface RefusalRecorder {
  /** `code`: the problem's code when the refusal came before routing (cross-origin, unsupported-media-type). */
  recordRefusal(req: Request, status: 401 | 403 | 415, code?: string): Promise<void>;
}
export const REFUSAL_RECORDER = Symbol('REFUSAL_RECORDER');

/**
 * The one exception filter: everything leaves as problem+json. Unknown errors become a bare 500 whose log line
 * carries the error class and message only (never a request body: it may hold personal data).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@Optional() @Inject(REFUSAL_RECORDER) private readonly refusals?: RefusalRecorder) {}

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = this.toProblem(exception);
    // A refusal is recorded before the answer leaves, so a client that saw the 401/403 finds it in the trail. The
    // recorder catches its own failures; these catches are the last guard that a refusal never becomes a 500 (and
    // that nothing here is an unhandled rejection).
    if ((problem.status === 401 || problem.status === 403) && this.refusals) {
      return this.refusals
        .recordRefusal(req, problem.status)
        .catch(() => this.logger.error('Could not record a refused request'))
        .then(() => this.send(req, res, problem))
        .catch(() => this.logger.error('Could not answer a refused request'));
    }
    this.send(req, res, problem);
  }

  private send(req: Request, res: Response, problem: ProblemException): void {
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.body(req.path)));
  }

  toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    // Nest's Express adapter wraps body-parser's errors in an HttpException before they reach here (its message can
    // quote the body: never echoed); the original is its cause.
    const cause = exception instanceof HttpException ? (exception as HttpException & { cause?: unknown }).cause : undefined;
    const bp = (
      cause && typeof cause === 'object' && typeof (cause as BodyParserError).type === 'string' ? cause : exception
    ) as BodyParserError;
    if (bp && typeof bp === 'object' && typeof bp.type === 'string' && (bp.status ?? bp.statusCode)) {
      switch (bp.type) {
        case 'entity.too.large':
          return Problems.tooLarge('The body is over the size limit.');
        case 'entity.parse.failed':
          return Problems.validation([{ path: '/', message: 'body is not valid JSON' }], 'The body is not valid JSON.');
        case 'entity.verify.failed':
          return Problems.validation([{ path: '/', message: 'body is not valid UTF-8' }], 'The body is not valid UTF-8.');
        case 'encoding.unsupported':
        case 'charset.unsupported':
          return Problems.unsupportedMediaType('Only UTF-8 is accepted.');
        default:
          return unreadableBody('body could not be read');
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Express's router could not decode a path parameter ("/cases/%"): no such resource, as for any other bad id.
      if (status === 400 && exception.message.startsWith('Failed to decode param')) return Problems.notFound();
      const map: Record<number, () => ProblemException> = {
        // Nothing in the API throws a 400 of Nest's own: what reaches here is a body Express could not read (a
        // Content-Encoding that is not what it says). Its own words ("incorrect header check") are not echoed.
        400: () => unreadableBody('request could not be read'),
        401: () => Problems.unauthenticated(),
        403: () => Problems.forbidden(),
        404: () => Problems.notFound(),
      };
      return map[status]?.() ?? new ProblemException(status, `http-${status}`, HttpStatus[status] ?? 'Error', exception.message);
    }
    const err = exception as Error & { driverError?: { code?: string } };
    const refused = databaseRefusal(sqlStateOf(err));
    if (refused) {
      // The edge should have refused this input already (contracts, UUID pipes): log it so the gap gets fixed.
      this.logger.warn(`Database refused input: SQLSTATE ${sqlStateOf(err)}`);
      return refused;
    }
    // Errors can quote the values that failed (names, numbers): errorForLog keeps the class, the code and the words.
    this.logger.error(`Unhandled ${errorForLog(err)}`);
    return new ProblemException(500, 'internal', 'Internal error', 'Something went wrong; it has been logged.');
  }
}

/** A request the server could not read, named at `/`, without the reader's own words (they can quote the body). */
function unreadableBody(message: string): ProblemException {
  return Problems.validation(
    [{ path: '/', message }],
    'The request could not be read: is the body what its Content-Type and Content-Encoding say?',
  );
}
