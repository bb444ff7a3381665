/**
 * An error as the API logs it: no personal data in logs (docs/security.md). Driver and library messages can quote
 * what failed — a database error the value it could not read (`invalid input syntax for type uuid: "…"`), an SMTP
 * error the recipient (`550 5.1.1 <idva@partner.example>: Recipient address rejected`), an HTTP client the URL — so
 * the message is kept for what it says about the failure and stripped of what it quotes: anything in quotes, angle
 * brackets, braces or brackets, e-mail addresses, URLs and runs of 5 or more digits (phone numbers, references) become
 * "…". The error's class and its code (SQLSTATE, errno, SMTP `code` / `responseCode`) are added, since they carry no data.
 */
export function errorForLog(err: unknown): string {
  const e = (err ?? {}) as {
    message?: unknown;
    code?: unknown;
    responseCode?: unknown;
    driverError?: { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
  };
  const name = err instanceof Error ? err.constructor.name : typeof err;
  const codes = [e.driverError?.code ?? e.code, e.responseCode].filter((c) => typeof c === 'string' || typeof c === 'number');
  // A database error's schema names (constraint, table, column) are the schema's, never a value: kept, since the
  // message's own mention of them is quoted and removed.
  const d = e.driverError ?? e;
  const schema = (['constraint', 'table', 'column'] as const).flatMap((k) => (typeof d[k] === 'string' ? [`${k} ${d[k]}`] : []));
  const raw = typeof e.message === 'string' ? e.message : typeof err === 'string' ? err : '';
  const message = redactForLog(raw).slice(0, 200);
  const tag = [...codes.map(String), ...schema].join(' ');
  return `${name}${tag ? ` (${tag})` : ''}${message ? `: ${message}` : ''}`;
}

/** How much of a message is read at all: the patterns below stay linear-ish on it, and a log line needs no more. */
const REDACT_INPUT_MAX = 1000;

/**
 * Free text with anything that could be a quoted value, an address, a URL, a postcode, a date or a number removed
 * (errorForLog). An opening quote or bracket with no close runs to the end (a message cut mid-value); an apostrophe
 * inside a word ("can't") opens nothing.
 */
export function redactForLog(text: string): string {
  return text
    .slice(0, REDACT_INPUT_MAX)
    .replace(/"[^"]*(?:"|$)|(?<![A-Za-z])'[^']*(?:'|$)|`[^`]*(?:`|$)|<[^>]*(?:>|$)|\{[^}]*(?:\}|$)|\[[^\]]*(?:\]|$)|\([^)]*(?:\)|$)/g, '…')
    .replace(/\b[a-z][a-z0-9+.-]{0,20}:\/\/\S*/gi, '…')
    .replace(/[^\s@]{1,64}@\S{1,255}/g, '…')
    .replace(/\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/gi, '…')
    .replace(/\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b/g, '…')
    .replace(/\d[\d\s-]{3,}\d/g, (m) => (m.replace(/\D/g, '').length >= 5 ? '…' : m))
    .replace(/\s+/g, ' ')
    .trim();
}
