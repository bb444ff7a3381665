import type { IncomingHttpHeaders } from 'node:http';
import { ProblemException, Problems, type AppConfig, type RefusalRecorder } from '@lantern/api/core';
import { can } from '@lantern/shared/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SessionsService } from './sessions.service';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether a request (or socket.io handshake) comes from the workbench's own origin, by the headers a browser sets
 * and a page cannot forge: `Sec-Fetch-Site: same-origin` when the browser sends Fetch Metadata; otherwise (older
 * browsers) an `Origin` equal to one of the configured origins (LANTERN_PUBLIC_ORIGIN) — or, when none is
 * configured (demo), to the request's own Host. A request with neither
 * header is not from a browser: no page can make a browser send it with the user's cookie, so it is judged by its
 * credentials alone.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const site = one(headers['sec-fetch-site']);
  const origin = one(headers.origin);
  if (site === undefined && origin === undefined) return true;
  // Fetch Metadata, where the browser sends it, is the browser's own verdict: nothing but same-origin passes.
  if (site !== undefined) return site === 'same-origin';
  if (origin === undefined || origin === 'null') return false;
  if (allowedOrigins.length) return allowedOrigins.includes(origin);
  try {
    return new URL(origin).host === one(headers.host);
  } catch {
    return false;
  }
}

export const crossOriginRefused = (): ProblemException =>
  new ProblemException(
    403,
    'cross-origin',
    'Cross-origin request refused',
    'Requests that change data must come from the workbench itself.',
  );

function send(res: Response, req: Request, problem: ProblemException): void {
  for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.body(req.path)));
}

/**
 * Express matches routes case-insensitively (`/API/v1/cases` reaches the `/api/v1/cases` handler), so the checks
 * compare the lower-cased path: a capitalised path must not slip past them.
 */
function isApiPath(path: string): boolean {
  const p = path.toLowerCase();
  return p === '/api' || p.startsWith('/api/');
}

/** A body is present when one is announced: any Content-Type, chunked transfer, or a non-zero Content-Length. */
function announcesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['content-type'] !== undefined || req.headers['transfer-encoding'] !== undefined || (!!length && length !== '0');
}

/**
 * The API's request checks, ahead of routing (docs/security.md):
 * - every /api response is `Cache-Control: no-store` (victim data must not sit in a browser or proxy cache;
 *   ETags are off for the same reason: `app.set('etag', false)` in bootstrap);
 * - an unsafe request (POST, PUT, PATCH, DELETE) from a browser on another origin is refused, 403 `cross-origin`;
 * - an unsafe request's body must be JSON (415 otherwise): a cross-site form or a `text/plain` fetch cannot be
 *   dressed up as a JSON call. Routes that read another type (the intake's raw body) are listed in `ownBodyPaths`
 *   and check their own. Routes listed in `csvBodyPaths` (the CSV import's upload and preview) also take `text/csv`
 *   (their handlers refuse anything else, 415); they keep the origin check (a signed-in person's cookie rides on them).
 */
export function apiRequestChecks(
  config: AppConfig,
  ownBodyPaths: readonly string[],
  refusals?: RefusalRecorder,
  csvBodyPaths: readonly string[] = [],
): RequestHandler {
  const own = new Set(ownBodyPaths.map((p) => p.toLowerCase()));
  const csv = new Set(csvBodyPaths.map((p) => p.toLowerCase()));
  // A refusal is recorded in the audit trail (request.refused) before it is answered; recording never changes it.
  const refuse = async (req: Request, res: Response, problem: ProblemException, status: 403 | 415, code: string) => {
    await refusals?.recordRefusal(req, status, code).catch(() => undefined);
    send(res, req, problem);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-store');
    if (!UNSAFE_METHODS.has(req.method) || own.has(req.path.toLowerCase())) return next();
    if (!isSameOrigin(req.headers, config.publicOrigins)) return void refuse(req, res, crossOriginRefused(), 403, 'cross-origin');
    // A JSON body there passes on to the guard and the handler (which answers 415 after 401/403); other types stop here.
    if (csv.has(req.path.toLowerCase().replace(/\/+$/, '')) && req.is('text/csv')) return next();
    // `req.is` is null when no body comes at all (a DELETE sent with a JSON Content-Type and nothing after it):
    // nothing to refuse. It is false for a body of another type.
    if (announcesBody(req) && req.is(['application/json', 'application/*+json']) === false) {
      const problem = Problems.unsupportedMediaType('The body must be application/json.');
      return void refuse(req, res, problem, 415, 'unsupported-media-type');
    }
    next();
  };
}

/**
 * Production: the OpenAPI description and Swagger UI only for signed-in hub staff (any role but a partner's),
 * so the API's map is not handed to anyone who finds the host.
 */
export function staffOnly(sessions: SessionsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    sessions.resolve(sessions.tokenFrom(req.headers.cookie)).then(
      (user) => {
        if (!user) return send(res, req, Problems.unauthenticated());
        if (!can(user.roles, 'session.use') || user.roles.every((r) => r === 'partner')) return send(res, req, Problems.forbidden());
        next();
      },
      (err: unknown) => next(err),
    );
  };
}
