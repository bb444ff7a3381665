import { UUID_PATTERN } from '@lantern/shared/domain';

/** A canonical UUID, as every id in the API is. */
export const UUID = new RegExp(UUID_PATTERN);

/** Sends a generated PDF: shown inline, never cached (documents hold case data). */
export function sendPdf(
  res: { setHeader(name: string, value: string): unknown; send(body: Buffer): unknown },
  pdf: Buffer,
  filename: string,
): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(pdf);
}
