import {
  compactArrays,
  originalPath,
  phonesIn,
  PHONE_CHARS,
  pointerToDotPath,
  reportLeaf,
  setPath,
  typeCell,
  unescapeCsvFormula,
  type FieldError,
  type ImportColumn,
  type ImportRowError,
  type ReportLeaf,
} from '@lantern/shared/domain';

/** How each column of a file is read: its contract path and leaf, or nothing (ignored). */
export interface ColumnPlan {
  headers: string[];
  columns: ImportColumn[];
  /** Headers that are neither a contract path nor mapped (the upload refuses them, 400; the preview lists them). */
  unknown: string[];
  /** Two columns filling one path (400). */
  clashes: string[];
  /**
   * Columns without a header (a spreadsheet's trailing empty column): read only to check they are empty; a value in
   * one is a row error (it would be lost), never dropped silently.
   */
  unnamed: ReadonlySet<number>;
  byIndex: Array<{ path: string; leaf: ReportLeaf } | null>;
  /** contract path → the header that fills it, to name errors by the column the user sees. */
  headerOf: Map<string, string>;
}

/**
 * Reads the header row: a header is a contract path in dot notation, or a key of the saved mapping (whose value is
 * a path, or null to ignore the column). Headers are trimmed; an empty header is unknown ("column 3").
 */
export function planColumns(rawHeaders: readonly string[], mapping: Record<string, string | null | undefined> | null): ColumnPlan {
  // A header errors.csv escaped (a mapped column named "=…" or "-…") reads as it was, as its cells do.
  const headers = rawHeaders.map((h) => unescapeCsvFormula(h.trim()));
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  const clashes: string[] = [];
  const byIndex: ColumnPlan['byIndex'] = [];
  const headerOf = new Map<string, string>();
  const unnamed = new Set<number>();
  const inMapping = (key: string) => !!mapping && Object.prototype.hasOwnProperty.call(mapping, key);
  headers.forEach((header, i) => {
    const name = header || `column ${i + 1} (no header)`;
    // The mapping's key: the header, or (a mapping saved for the header as errors.csv wrote it, "'-notes") as written.
    const key = inMapping(header) ? header : inMapping(rawHeaders[i].trim()) ? rawHeaders[i].trim() : null;
    let path: string | null = null;
    let status: ImportColumn['status'];
    if (!header) {
      unnamed.add(i);
      status = 'ignored';
    } else if (mapping && key !== null) {
      const mapped = mapping[key];
      path = mapped ?? null;
      status = mapped ? 'mapped' : 'ignored';
    } else if (header && reportLeaf(header)) {
      path = header;
      status = 'field';
    } else {
      status = 'unknown';
    }
    const leaf = path ? reportLeaf(path) : null;
    if (path && !leaf) {
      // A saved mapping to a path the contract no longer has: as good as unknown.
      status = 'unknown';
      path = null;
    }
    if (status === 'unknown') unknown.push(name);
    if (path && leaf) {
      if (headerOf.has(path)) clashes.push(`${headerOf.get(path)} and ${name} both fill ${path}`);
      else headerOf.set(path, name);
      byIndex.push({ path, leaf });
    } else {
      byIndex.push(null);
    }
    columns.push({ header: name, path, status });
  });
  return { headers, columns, unknown, clashes, unnamed, byIndex, headerOf };
}

/** What the import fills when a row leaves it out (deterministic: a re-import hashes the same). */
export interface RowDefaults {
  force: string | null;
}

/** A row that could not be typed still carries what could be (the preview shows its reference). */
export type BuiltRow = (
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Array<Omit<ImportRowError, 'line'>>; body: Record<string, unknown> }
) & {
  /** Where each array item packed to a new index came from (`children.0` → `children.1`), to name errors by column. */
  origins: ReadonlyMap<string, string>;
};

/**
 * How a spreadsheet writes a long number: "1.23457E+11" (the digits past the sixth are gone): one digit, maybe a
 * fraction, E and a signed exponent. An id such as "12E3456" is not that shape and is kept.
 */
const SCIENTIFIC = /^[+-]?\d(\.\d+)?E[+-]\d+$/i;

/** A spreadsheet's error value (#N/A from a look-up, #VALUE! from a number typed as a formula…), or "####". */
const SPREADSHEET_ERROR =
  /^(#(N\/A|NA|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)|#+)$/i;

/**
 * UTF-8 read as Windows-1252 and saved again (a file opened in Excel without its BOM, then saved as CSV UTF-8):
 * "Zoë" becomes "ZoÃ«", "O’Brien" "Oâ€™Brien". Stored, it would be a victim's name no one can search for.
 */
const MISDECODED = /Ã[\u0080-\u00BF]|â€|Â[\u00A0-\u00BF]/;

/**
 * What a spreadsheet did to a cell: an error value or mis-decoded text in any column; and, where the contract has
 * text, a number written in scientific notation (two different ids become the same string, and two people one) or
 * as a decimal ("7700900798.0"), or a phone number whose leading 0 or + it dropped (7700900123 cannot be dialled,
 * and is not matched to 07700 900123 as a suspect's number), or a phone cell that is not one number. Refused with
 * how to fix it; null when the cell is not damaged that way.
 */
export function spreadsheetDamage(path: string, leaf: ReportLeaf, cell: string): string | null {
  const t = cell.trim();
  if (SPREADSHEET_ERROR.test(t))
    return `reads "${t}", a spreadsheet's error or a column too narrow to show its value, not a value: export the column's values again`;
  if (MISDECODED.test(t))
    return `reads "${t}", text decoded in one encoding and saved in another (an "Ã«" or "â€™" where "ë" or "’" was): export the file again as UTF-8 from the system it came from`;
  if (leaf.kind !== 'string') return null;
  if (SCIENTIFIC.test(t))
    return `reads "${t}", a number a spreadsheet wrote in scientific notation: its digits are lost. Format the column as Text and export it again`;
  if (/(^|\.)(phone|personId)$/.test(path) && /^\d+\.0+$/.test(t))
    return `reads "${t}", a number written as a decimal by a spreadsheet or a script: write it as it is in the police record${
      path.endsWith('phone') ? ', like 07700 900123' : ''
    }, and format the column as Text`;
  if (/(^|\.)phone$/.test(path)) {
    if (/^[1-9][0-9]{8,14}$/.test(t))
      return `reads "${t}", a phone number without its leading 0 or + (a spreadsheet drops them from numbers): write it as it is dialled, like 07700 900123 or +44 7700 900123, and format the column as Text`;
    const oneNumber = (x: string) => PHONE_CHARS.test(x) && x.replace(/\D/g, '').length >= 7 && x.replace(/\D/g, '').length <= 15;
    // A word ("N/A", "refused", "none") is not a number to call or to block. The suspect's numbers may be several
    // ("07700 900123 / 01632 960000": each is blocked, phonesIn); the victim's is the one number to ring.
    if (path === 'suspect.phone') {
      const parts = phonesIn(t);
      if (!parts.length || !parts.every(oneNumber))
        return `reads "${t}", which is not a phone number (digits with spaces, + ( ) - . / only, 7 to 15 digits; the suspect's several numbers separated by / or ,): leave the cell empty when there is none`;
    } else if (!oneNumber(t))
      return `reads "${t}", which is not one phone number (digits with spaces, + ( ) - . / only, 7 to 15 digits): write one number as it is dialled, like 07700 900123; leave the cell empty when there is none`;
  }
  return null;
}

/**
 * One data row → a report body: an empty (or blank) cell is an absent field, other cells typed by the contract,
 * array items compacted; then the import's defaults (source.system `csv-import`, source.force from `?force=`,
 * source.sentAt = incident.reportedAt, schemaVersion "1", revision 1) where the row has none.
 */
export function buildRow(plan: ColumnPlan, cells: readonly string[], defaults: RowDefaults): BuiltRow {
  const origins = new Map<string, string>();
  if (cells.length !== plan.headers.length) {
    return {
      ok: false,
      errors: [{ path: '(row)', message: `has ${cells.length} cells; the header has ${plan.headers.length}` }],
      body: {},
      origins,
    };
  }
  const body: Record<string, unknown> = {};
  const errors: Array<Omit<ImportRowError, 'line'>> = [];
  for (let i = 0; i < cells.length; i++) {
    if (plan.unnamed.has(i) && cells[i].trim() !== '') {
      errors.push({
        path: plan.columns[i].header,
        message: 'holds a value but the column has no header: name the column or remove the value',
      });
      continue;
    }
    const col = plan.byIndex[i];
    if (!col) continue;
    // A line break inside a quoted cell is LF whatever the file's line ends (a CRLF narrative from Windows).
    const cell = unescapeCsvFormula(cells[i]).replace(/\r\n?/g, '\n');
    if (cell.trim() === '') continue;
    const damage = spreadsheetDamage(col.path, col.leaf, cell);
    if (damage) {
      errors.push({ path: plan.columns[i].header, message: damage });
      continue;
    }
    const typed = typeCell(col.leaf, cell);
    if ('error' in typed) errors.push({ path: plan.columns[i].header, message: typed.error });
    else setPath(body, col.path, typed.value);
  }
  compactArrays(body, origins);
  if (errors.length) return { ok: false, errors, body, origins };
  applyDefaults(body, defaults);
  return { ok: true, body, origins };
}

function applyDefaults(body: Record<string, unknown>, defaults: RowDefaults): void {
  if (body['schemaVersion'] === undefined) body['schemaVersion'] = '1';
  if (body['revision'] === undefined) body['revision'] = 1;
  const source = (body['source'] && typeof body['source'] === 'object' ? body['source'] : (body['source'] = {})) as Record<string, unknown>;
  if (source['system'] === undefined) source['system'] = 'csv-import';
  if (source['force'] === undefined && defaults.force) source['force'] = defaults.force;
  const incident = body['incident'] as Record<string, unknown> | undefined;
  if (source['sentAt'] === undefined && typeof incident?.['reportedAt'] === 'string') source['sentAt'] = incident['reportedAt'];
}

/**
 * The intake's field errors (JSON pointers) named by the column that fills each path where there is one (an array
 * item packed to a new index is named by the column it came from), with the form a date is written in.
 */
export function rowErrorsFromFields(
  plan: ColumnPlan,
  errors: readonly FieldError[],
  origins: ReadonlyMap<string, string> = new Map(),
): Array<Omit<ImportRowError, 'line'>> {
  return errors.map((e) => {
    const dot = originalPath(pointerToDotPath(e.path), origins);
    const message = /format "date-time"/.test(e.message)
      ? `${e.message}: write the date and time with its offset, like 2026-12-02T21:30:00Z, or 2026-07-02T21:30:00+01:00 for 21:30 London time in summer (BST)`
      : /format "date"/.test(e.message)
        ? `${e.message}: write the date as year-month-day, like 1990-04-01`
        : e.message;
    return { path: plan.headerOf.get(dot) ?? (dot || '(row)'), message };
  });
}
