/**
 * An error as the API logs it: no personal data in logs (docs/security.md). Driver and library messages can quote
 * what failed — a database error the value it could not read (`invalid input syntax for type uuid: "…"`), an SMTP
 * error the recipient (`550 5.1.1 <idva@partner.example>: Recipient address rejected`), an HTTP client the URL — so
 * the message is kept for what it says about the failure and stripped of what it quotes: anything in quotes, angle
 * brackets, braces or brackets, e-mail addresses, URLs and runs of 5 or more digits (phone numbers, references) become
 * "…". The error's class and its code (SQLSTATE, errno, SMTP `code` / `responseCode`) are added, since they carry no data.
 */
export function errorForLog(err: unknown): string {
  const e = (err ?? {}) as { message?: unknown; code?: unknown; responseCode?: unknown; driverError?: { code?: unknown } };
  const name = err instanceof Error ? err.constructor.name : typeof err;
  const codes = [e.driverError?.code ?? e.code, e.responseCode].filter((c) => typeof c === 'string' || typeof c === 'number');
  const raw = typeof e.message === 'string' ? e.message : typeof err === 'string' ? err : '';
  const message = redactForLog(raw).slice(0, 200);
  return [name, codes.length ? `(${codes.join(' ')})` : '', message ? `: ${message}` : '']
    .join(' ')
    .replace(/ +:/, ':')
    .replace(/ +/g, ' ')
    .trim();
}

/** Free text with anything that could be a quoted value, an address, a URL or a number removed (errorForLog). */
export function redactForLog(text: string): string {
  return text
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|\([^)]*\)/g, '…')
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '…')
    .replace(/[^\s@]+@[^\s@]+/g, '…')
    .replace(/\d[\d\s-]{3,}\d/g, (m) => (m.replace(/\D/g, '').length >= 5 ? '…' : m))
    .replace(/\s+/g, ' ')
    .trim();
}
