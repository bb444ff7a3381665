import {
  compactArrays,
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
  byIndex: Array<{ path: string; leaf: ReportLeaf } | null>;
  /** contract path → the header that fills it, to name errors by the column the user sees. */
  headerOf: Map<string, string>;
}

/**
 * Reads the header row: a header is a contract path in dot notation, or a key of the saved mapping (whose value is
 * a path, or null to ignore the column). Headers are trimmed; an empty header is unknown ("column 3").
 */
export function planColumns(rawHeaders: readonly string[], mapping: Record<string, string | null | undefined> | null): ColumnPlan {
  const headers = rawHeaders.map((h) => h.trim());
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  const clashes: string[] = [];
  const byIndex: ColumnPlan['byIndex'] = [];
  const headerOf = new Map<string, string>();
  headers.forEach((header, i) => {
    const name = header || `column ${i + 1} (no header)`;
    let path: string | null = null;
    let status: ImportColumn['status'];
    if (mapping && Object.prototype.hasOwnProperty.call(mapping, header) && header) {
      const mapped = mapping[header];
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
  return { headers, columns, unknown, clashes, byIndex, headerOf };
}

/** What the import fills when a row leaves it out (deterministic: a re-import hashes the same). */
export interface RowDefaults {
  force: string | null;
}

/** A row that could not be typed still carries what could be (the preview shows its reference). */
export type BuiltRow =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Array<Omit<ImportRowError, 'line'>>; body: Record<string, unknown> };

/**
 * One data row → a report body: an empty (or blank) cell is an absent field, other cells typed by the contract,
 * array items compacted; then the import's defaults (source.system `csv-import`, source.force from `?force=`,
 * source.sentAt = incident.reportedAt, schemaVersion "1", revision 1) where the row has none.
 */
export function buildRow(plan: ColumnPlan, cells: readonly string[], defaults: RowDefaults): BuiltRow {
  if (cells.length !== plan.headers.length) {
    return {
      ok: false,
      errors: [{ path: '(row)', message: `has ${cells.length} cells; the header has ${plan.headers.length}` }],
      body: {},
    };
  }
  const body: Record<string, unknown> = {};
  const errors: Array<Omit<ImportRowError, 'line'>> = [];
  for (let i = 0; i < cells.length; i++) {
    const col = plan.byIndex[i];
    if (!col) continue;
    const cell = unescapeCsvFormula(cells[i]);
    if (cell.trim() === '') continue;
    const typed = typeCell(col.leaf, cell);
    if ('error' in typed) errors.push({ path: plan.columns[i].header, message: typed.error });
    else setPath(body, col.path, typed.value);
  }
  if (errors.length) return { ok: false, errors, body: compactArrays(body) };
  compactArrays(body);
  applyDefaults(body, defaults);
  return { ok: true, body };
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

/** The intake's field errors (JSON pointers) named by the column that fills each path where there is one. */
export function rowErrorsFromFields(plan: ColumnPlan, errors: readonly FieldError[]): Array<Omit<ImportRowError, 'line'>> {
  return errors.map((e) => {
    const dot = pointerToDotPath(e.path);
    return { path: plan.headerOf.get(dot) ?? (dot || '(row)'), message: e.message };
  });
}
