import type { ProblemDetails } from '@lantern/shared/domain';

interface HttpErrorLike {
  status?: number;
  error?: unknown;
}

function isProblem(body: unknown): body is Partial<ProblemDetails> {
  return typeof body === 'object' && body !== null && ('title' in body || 'detail' in body);
}

/** A sentence for a person from an HTTP error (RFC 9457 problem+json when the API sent one). */
export function describeHttpError(err: unknown, fallback = 'Something went wrong. Try again.'): string {
  const e = (err ?? {}) as HttpErrorLike;
  if (e.status === 0) return 'Cannot reach Lantern. Check your connection and try again.';
  if (isProblem(e.error)) return e.error.detail || e.error.title || fallback;
  return fallback;
}

export function httpStatus(err: unknown): number | null {
  const status = (err as HttpErrorLike | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** The RFC 9457 body of an HTTP error, when the API sent one. */
export function problemDetails(err: unknown): Partial<ProblemDetails> | null {
  const body = ((err ?? {}) as HttpErrorLike).error;
  return isProblem(body) ? body : null;
}
