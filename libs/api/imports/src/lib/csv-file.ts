import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ProblemException, Problems } from '@lantern/api/core';
import { CsvError, parse, type Options, type Parser } from 'csv-parse';

/** Where uploads wait while they are imported: the OS temp dir, files readable by this user only. */
export const IMPORT_TMP_DIR = join(tmpdir(), 'lantern-imports');

export interface StoredUpload {
  file: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * The 400 for a file that is not UTF-8 text, naming what it is where its first bytes say: an Excel workbook renamed
 * .csv, a UTF-16 file (Excel's "Unicode Text"), else most often Windows-1252 (Excel's plain "CSV", an "ë" or "’").
 */
export function notUtf8(first: Uint8Array): ProblemException {
  const starts = (...bytes: number[]) => bytes.every((b, i) => first[i] === b);
  const what = isWorkbook(first)
    ? 'an Excel workbook (.xlsx), not a CSV file: open it and save it as "CSV UTF-8 (Comma delimited)"'
    : starts(0xff, 0xfe) || starts(0xfe, 0xff)
      ? 'UTF-16 text (Excel\'s "Unicode Text"), not UTF-8: save it as "CSV UTF-8 (Comma delimited)"'
      : 'not valid UTF-8 (most often Excel\'s plain "CSV", in Windows-1252): save it as "CSV UTF-8 (Comma delimited)"';
  return Problems.validation([{ path: '/', message: `the file is ${what}` }], `The file is ${what}.`);
}

/** A zip's first bytes, as an .xlsx workbook starts: ASCII, so valid UTF-8 until the compressed bytes that follow. */
function isWorkbook(first: Uint8Array): boolean {
  return first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
}

/**
 * The first bytes of a file the workbench sends for a preview, as text: UTF-8, where only a character left incomplete
 * by the head's end is dropped; anything else is the upload's 400 (notUtf8), so the preview never shows "Zo\uFFFD"
 * for a file the upload would refuse.
 */
export function decodeHead(body: Uint8Array): string {
  if (isWorkbook(body)) throw notUtf8(body);
  // Where the last character starts (a lead byte within the last three), and whether all its bytes came.
  let end = body.length;
  for (let i = body.length - 1; i >= Math.max(0, body.length - 3); i--) {
    const b = body[i];
    if (b < 0x80) break;
    if (b >= 0xc0) {
      if (body.length - i < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2)) end = i;
      break;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, end));
  } catch {
    throw notUtf8(body);
  }
}

/**
 * Streams a request body to a temporary file (never whole in memory) while hashing it (SHA-256) and checking it is
 * UTF-8; over `maxBytes` → 413, not UTF-8 or empty → 400, the file removed in every failure.
 */
export async function storeUpload(body: Readable, maxBytes: number): Promise<StoredUpload> {
  await mkdir(IMPORT_TMP_DIR, { recursive: true, mode: 0o700 });
  const file = join(IMPORT_TMP_DIR, `${randomUUID()}.csv`);
  const out = createWriteStream(file, { mode: 0o600 });
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let first: Uint8Array | null = null;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw Problems.tooLarge(`The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MiB.`);
      if (!first) {
        first = chunk.subarray(0, 4);
        if (isWorkbook(first)) throw notUtf8(first);
      }
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(first);
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    try {
      utf8.decode();
    } catch {
      throw notUtf8(first ?? new Uint8Array());
    }
    if (size === 0)
      throw Problems.validation([{ path: '/', message: 'the file is empty: no data rows' }], 'The file is empty: no data rows.');
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { file, sha256: hash.digest('hex'), sizeBytes: size };
  } catch (err) {
    out.destroy();
    await rm(file, { force: true });
    // The sender went away mid-file (a closed laptop, a dropped connection): their mistake or the network's, never a
    // 500 in the log. Nobody reads the answer; nothing was stored.
    if (!(err instanceof ProblemException) && uploadCutOff(err))
      throw Problems.badRequest('The upload ended before the whole file arrived: nothing was stored. Send it again.');
    throw err;
  }
}

/** Node's errors for a request body whose connection closed before its end. */
function uploadCutOff(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'ECONNRESET' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.message === 'aborted';
}

/**
 * The longest record (row) the import reads: 1 MiB. csv-parse stops at it (`max_record_size`), so one endless line
 * (a 120 MB cell) never grows memory; the upload answers `400` naming the line (csv-parse cannot skip such a record
 * and carry on: it stops reading the stream).
 */
export const IMPORT_MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvRecord {
  cells: string[];
  /** The physical line the record starts on (the header is line 1). */
  line: number;
  /** A blank line, or a row whose every cell is empty or spaces (a spreadsheet's trailing ",,,,"): no record. */
  blank: boolean;
}

/** A csv-parse error with the line its record starts on, which csvSyntaxProblem names. */
interface WithRecordLine {
  recordLine?: number;
}

/**
 * Records of a CSV stream as the import reads them: BOM dropped, ragged rows kept (a row error, not a failed file),
 * rows ending in CRLF, LF or CR, mixed in one file (csv-parse's guess from the first line failed a file whose header
 * ended in LF and rows in CRLF, or kept a CR on every row's last cell), each with the physical line it starts on.
 * The line is counted as csv-parse reads each record (`on_record`, from its raw text: the next record starts after
 * this one's inner line breaks), because csv-parse's own count is off inside CRLF cells and an error can come before
 * the records read ahead of it are consumed: a malformed row's error names the line that row starts on.
 */
export async function* csvRecords(source: Readable): AsyncGenerator<CsvRecord> {
  let next = 1;
  const parser: Parser = source.pipe(
    parse({
      bom: true,
      raw: true,
      relax_column_count: true,
      max_record_size: IMPORT_MAX_RECORD_BYTES,
      record_delimiter: ['\r\n', '\n', '\r'],
      // With `raw`, csv-parse hands on_record the record with its raw text (its types do not say so).
      on_record: (({ record, raw }: { record: string[]; raw?: string }): CsvRecord => {
        // Line breaks inside the record's quoted cells (not its own end), whatever the file's line ends: an old
        // Mac's lone CR counts as a line, as csv-parse reads it.
        const inner = ((raw ?? '').replace(/(\r\n|\n|\r)$/, '').match(/\r\n|\n|\r/g) ?? []).length;
        const line = next;
        next += inner + 1;
        return { cells: record, line, blank: record.every((cell) => cell.trim() === '') };
      }) as unknown as Options['on_record'],
    }),
  );
  source.on('error', (err) => parser.destroy(err));
  try {
    yield* parser as AsyncIterable<CsvRecord>;
  } catch (err) {
    // The failing record starts where the last record csv-parse read ended.
    if (err && typeof err === 'object') (err as WithRecordLine).recordLine = next;
    throw err;
  }
}

/** The line a CSV error names: where its row starts (csvRecords), else csv-parse's own count; undefined when neither is known. */
export function csvErrorLine(err: unknown): number | undefined {
  const e = err as ({ lines?: unknown } & WithRecordLine) | null;
  return typeof e?.recordLine === 'number' ? e.recordLine : typeof e?.lines === 'number' ? e.lines : undefined;
}

/** A csv-parse error (malformed CSV) as a 400 naming the line, or null when the error is something else. */
export function csvSyntaxProblem(err: unknown): Error | null {
  // Any error of the parser's own is the file's syntax (its codes are not all `CSV_…`: INVALID_OPENING_QUOTE).
  const e = err as { code?: unknown };
  const parserCode = typeof e?.code === 'string' && (e.code.startsWith('CSV_') || e.code === 'INVALID_OPENING_QUOTE');
  if (!(err instanceof CsvError) && !parserCode) return null;
  const line = csvErrorLine(err);
  const reason =
    e.code === 'CSV_MAX_RECORD_SIZE'
      ? `a row is longer than ${IMPORT_MAX_RECORD_BYTES / (1024 * 1024)} MiB (the longest row the import reads)`
      : e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted cell${line ? ` opened in the row on line ${line}` : ''} is never closed`
        : e.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quote inside a cell is not doubled'
          : e.code === 'INVALID_OPENING_QUOTE'
            ? 'a cell that is not quoted holds a quote: put the cell in quotes and double the quote (RFC 4180)'
            : 'the CSV is malformed';
  return Problems.validation(
    [{ path: line ? `line ${line}` : '/', message: reason }],
    `The file is not valid CSV${line ? ` (near line ${line})` : ''}: ${reason}. Nothing was imported.`,
  );
}

/**
 * Reads the whole file once before anything is imported: its header row and how many data rows it has (blank lines
 * not counted), so the upload answers a malformed CSV with 400 and the progress bar knows its total.
 */
export async function scanFile(file: string): Promise<{ headers: string[]; rows: number }> {
  let headers: string[] | null = null;
  let rows = 0;
  try {
    for await (const rec of csvRecords(createReadStream(file))) {
      if (rec.blank) continue;
      if (!headers) headers = rec.cells;
      else rows++;
    }
  } catch (err) {
    throw csvSyntaxProblem(err) ?? err;
  }
  if (!headers) throw Problems.validation([{ path: '/', message: 'the file has no header row' }], 'The file has no header row.');
  return { headers, rows };
}

/** Removes uploads left behind by a stopped process (older than an hour: another instance may be reading its own). */
export async function sweepStaleUploads(olderThanMs = 60 * 60 * 1000): Promise<void> {
  const names = await readdir(IMPORT_TMP_DIR).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(IMPORT_TMP_DIR, name);
    const s = await stat(path).catch(() => null);
    if (s && Date.now() - s.mtimeMs > olderThanMs) await rm(path, { force: true });
  }
}
