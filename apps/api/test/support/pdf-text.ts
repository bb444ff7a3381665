import { extractText } from 'unpdf';

/**
 * The text of a generated PDF, read with pdf.js (the `unpdf` package) so tests need no system binary.
 * Whitespace is collapsed to single spaces: pdf.js and poppler lay out columns differently, and what the tests
 * check is the words and their order, not the spacing between table cells.
 */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/g, ' ').trim();
}
