import { GENERIC_VALIDATION_DETAIL, type ProblemDetails } from '@lantern/shared/domain';

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
  if (isProblem(e.error)) {
    // The API's generic validation detail points at `errors`: say which field failed and why instead of "see errors"
    // with nothing to see. A detail of its own (how to save a CSV, the password policy) is kept as it is.
    const fields = (e.error.errors ?? []).filter((f) => f && typeof f.message === 'string');
    const generic = !e.error.detail || e.error.detail === GENERIC_VALIDATION_DETAIL;
    if (fields.length && generic) return `Refused: ${fields.map((f) => `${fieldLabel(f.path)}${f.message}`).join('; ')}.`;
    return e.error.detail || e.error.title || fallback;
  }
  return fallback;
}

/** "/accessList/0" → "access list ": the JSON pointer's named parts as words (none for the body itself). */
function fieldLabel(path: string | undefined): string {
  const words = (path ?? '')
    .split('/')
    .filter((p) => p && !/^\d+$/.test(p))
    .map((p) => p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  return words.length ? `${words.join(' ')} ` : '';
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
