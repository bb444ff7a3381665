import { stringify } from 'csv-stringify/sync';

/** A CSV cell. */
export type CsvCell = string | number | null;

/**
 * A cell a spreadsheet could read as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe: area,
 * team and partner names arrive from police systems and admins, and none may run code in Excel (OWASP CSV
 * injection).
 */
export function safeCell(v: CsvCell): CsvCell {
  // The full-width ＝ ＋ － ＠ as well, as csv-stringify's escape_formulas does for errors.csv and the audit export.
  return typeof v === 'string' && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) ? `'${v}` : v;
}

/**
 * A CSV document for spreadsheets: every cell defused (`safeCell`), CRLF line ends (RFC 4180) and a UTF-8
 * byte-order mark (Excel on Windows reads BOM-less UTF-8 as the local code page and garbles accented names;
 * LibreOffice, Numbers, Google Sheets and csv readers all accept the BOM). docs/outcomes.md explains the choices.
 */
export function spreadsheetCsv(rows: readonly CsvCell[][]): string {
  return (
    '\uFEFF' +
    stringify(
      rows.map((r) => r.map(safeCell)),
      { record_delimiter: '\r\n' },
    )
  );
}
