/**
 * Reports as a CSV extract in the import's format (docs/imports.md): one column per contract path in dot notation,
 * one row per report. For tests, the benchmark and the demo's sample files.
 */

/** `{victim: {firstName: 'A'}, children: [{ageYears: 3}]}` → `{'victim.firstName': 'A', 'children.0.ageYears': '3'}`. */
export function flattenReport(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flattenReport(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenReport(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && value !== null) out[prefix] = String(value);
  return out;
}

/** One CSV cell: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header (every path any row has, in first-seen order) and the rows, CRLF line ends. */
export function reportsCsv(rows: ReadonlyArray<Record<string, string>>, header?: readonly string[]): string {
  const columns = header ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
