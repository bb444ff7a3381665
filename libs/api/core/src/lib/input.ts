import { Problems } from './problem';

/** A canonical UUID, as every id in the API is. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request body as an object, or a 400 problem naming the body. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw Problems.validation([{ path: '/', message: 'must be a JSON object' }]);
  return body as Record<string, unknown>;
}

/** Trimmed, non-blank text up to `max` characters, or null. */
export function nonBlankText(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null;
}

/** Sends a generated PDF: shown inline, never cached (documents hold case data). */
export function sendPdf(res: { setHeader(name: string, value: string): unknown; send(body: Buffer): unknown }, pdf: Buffer, filename: string): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(pdf);
}
