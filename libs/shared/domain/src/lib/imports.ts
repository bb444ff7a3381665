/**
 * Bulk import of police reports from a CSV extract (docs/imports.md): the column → field rules, shared by the API
 * (which types every cell) and the workbench (which offers the contract's paths when a header is mapped).
 * Pure: no I/O.
 */
import REPORT_SCHEMA from './contracts/police-da-report.v1.schema.json';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One bad row: its physical CSV line (the header is line 1), the column (or field path) and why. */
export interface ImportRowError {
  line: number;
  path: string;
  message: string;
}

/** GET /imports/:id, the list's rows and the `import.progress` socket event all carry this shape. */
export interface ImportSummary {
  id: string;
  status: ImportStatus;
  fileName: string | null;
  /** SHA-256 of the uploaded file (hex). */
  sha256: string;
  /** The force the extract is from (`?force=`), or null. */
  force: string | null;
  mappingId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Data rows in the file (known once the file is read to its end; until then, rows read so far). */
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  errorCount: number;
  /** The first errors (at most IMPORT_ERRORS_IN_JSON in GET, fewer on the socket); errorCount counts them all. */
  errors: ImportRowError[];
  /** Why the import failed or was interrupted (no personal data). */
  message: string | null;
}

/** The errors listed in GET /imports/:id. */
export const IMPORT_ERRORS_IN_JSON = 1000;
/** The errors carried by each `import.progress` socket event (fetch GET for the rest). */
export const IMPORT_ERRORS_IN_EVENT = 50;
/** Bad rows whose cells are kept for errors.csv; further errors are counted only. */
export const IMPORT_ERRORS_STORED = 10_000;
/** Preview: at most this many bytes of the file's head and this many data rows. */
export const IMPORT_PREVIEW_MAX_BYTES = 64 * 1024;
export const IMPORT_PREVIEW_MAX_ROWS = 20;

/** A saved mapping: the extract's own header → a contract path in dot notation, or null to ignore that column. */
export interface ImportMapping {
  id: string;
  name: string;
  columns: Record<string, string | null>;
  createdBy: string;
  createdAt: string;
}

/** How one header of the file is read. */
export interface ImportColumn {
  header: string;
  /** The contract path it fills; null when ignored (mapped to null) or unknown. */
  path: string | null;
  status: 'field' | 'mapped' | 'ignored' | 'unknown';
}

/** POST /imports/preview: how the first rows map, and what the intake's validation says of each (nothing stored). */
export interface ImportPreview {
  columns: ImportColumn[];
  unknownHeaders: string[];
  rows: Array<{ line: number; report: Record<string, unknown>; errors: ImportRowError[] }>;
  /** True when the preview stopped before the end of what was sent (row or byte limit). */
  truncated: boolean;
}

type Schema = { [k: string]: unknown };

/** A leaf of the report contract: what a cell may be typed to. */
export interface ReportLeaf {
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'const';
  values?: readonly unknown[];
  /**
   * A string of words (a narrative, notes, an address line, an offence: 200 characters or more, no format or
   * pattern), kept exactly as written as the contract keeps them; other strings (ids, names, codes, numbers, dates)
   * are read without the spaces around them.
   */
  freeText?: boolean;
}

const ROOT = REPORT_SCHEMA as unknown as Schema;

function deref(node: Schema): Schema {
  let n = node;
  for (let i = 0; i < 8 && typeof n['$ref'] === 'string'; i++) {
    const ref = n['$ref'] as string;
    if (!ref.startsWith('#/$defs/')) break;
    n = ((ROOT['$defs'] as Schema)[ref.slice('#/$defs/'.length)] ?? {}) as Schema;
  }
  return n;
}

function leafOf(node: Schema): ReportLeaf | null {
  if ('const' in node) return { kind: 'const', values: [node['const']] };
  if (Array.isArray(node['enum'])) return { kind: 'enum', values: node['enum'] as unknown[] };
  switch (node['type']) {
    case 'string': {
      const words = typeof node['maxLength'] === 'number' && node['maxLength'] >= 200 && !node['format'] && !node['pattern'];
      return words ? { kind: 'string', freeText: true } : { kind: 'string' };
    }
    case 'integer':
      return { kind: 'integer' };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return null;
  }
}

const INDEX = /^(0|[1-9][0-9]{0,3})$/;
const leafCache = new Map<string, ReportLeaf | null>();

/**
 * The contract leaf a dot path names (`victim.firstName`, `children.0.ageYears`, `officerRiskAssessment.dash.q1`),
 * or null when the path is not a field of the contract (or names an object or array rather than a value).
 */
export function reportLeaf(path: string): ReportLeaf | null {
  if (leafCache.has(path)) return leafCache.get(path) ?? null;
  let node: Schema | null = ROOT;
  const segments = path.split('.');
  for (const seg of segments) {
    if (!node || seg === '') {
      node = null;
      break;
    }
    node = deref(node);
    if (node['type'] === 'array') {
      const max = typeof node['maxItems'] === 'number' ? (node['maxItems'] as number) : 1000;
      node = INDEX.test(seg) && Number(seg) < max ? deref((node['items'] ?? {}) as Schema) : null;
      continue;
    }
    const props = node['properties'] as Record<string, Schema> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, seg)) {
      node = props[seg];
      continue;
    }
    const patterns = node['patternProperties'] as Record<string, Schema> | undefined;
    const match = patterns ? Object.entries(patterns).find(([re]) => new RegExp(re, 'u').test(seg)) : undefined;
    node = match ? match[1] : null;
  }
  const leaf = node ? leafOf(deref(node)) : null;
  if (leafCache.size < 10_000) leafCache.set(path, leaf);
  return leaf;
}

/**
 * The contract's value paths, for a mapping's select: arrays listed with indices up to `arrayItems` (children.0 …),
 * the DASH questions q1…q27.
 */
export function reportFieldPaths(arrayItems = 3): string[] {
  const out: string[] = [];
  const walk = (raw: Schema, prefix: string) => {
    const node = deref(raw);
    if (leafOf(node)) {
      out.push(prefix);
      return;
    }
    if (node['type'] === 'array') {
      for (let i = 0; i < arrayItems; i++) walk((node['items'] ?? {}) as Schema, `${prefix}.${i}`);
      return;
    }
    for (const [k, v] of Object.entries((node['properties'] ?? {}) as Record<string, Schema>)) walk(v, prefix ? `${prefix}.${k}` : k);
    if (node['patternProperties'] && prefix.endsWith('.dash')) for (let q = 1; q <= 27; q++) out.push(`${prefix}.q${q}`);
  };
  walk(ROOT, '');
  return out;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * One non-empty cell typed by the contract: integer and number (digits, a dot for numbers), boolean
 * (true/false, yes/no, y/n, 1/0, any case), enum and const values as written or matched without case ("Medium",
 * "Not known", "Y" for yes, "High Risk" for high; otherwise the validator names the allowed ones), strings as written
 * (ids, names and codes without the spaces around them). `{ error }` when the cell cannot be that type.
 */
export function typeCell(leaf: ReportLeaf, cell: string): { value: unknown } | { error: string } {
  const t = cell.trim();
  switch (leaf.kind) {
    case 'integer':
      return /^-?[0-9]{1,15}$/.test(t) ? { value: Number(t) } : { error: 'must be a whole number' };
    case 'number': {
      const n = /^-?[0-9]+(\.[0-9]+)?$/.test(t) ? Number(t) : NaN;
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'boolean': {
      const l = t.toLowerCase();
      if (TRUE.has(l)) return { value: true };
      if (FALSE.has(l)) return { value: false };
      return { error: 'must be true or false (yes/no); leave the cell empty when it is not known' };
    }
    case 'enum':
    case 'const': {
      // Typed like their allowed values (all strings in the contract today); an integer enum would take digits.
      const numeric = leaf.values?.every((v) => typeof v === 'number');
      if (numeric) return /^-?[0-9]{1,15}$/.test(t) ? { value: Number(t) } : { error: `must be one of ${leaf.values?.join(', ')}` };
      // As written when it is a value; else the one value it is, read without case and with spaces for hyphens
      // ("Yes" → "yes", "Not known" → "not-known"); else as written, and the validator names the allowed values.
      const values = (leaf.values ?? []).filter((v): v is string => typeof v === 'string');
      if (values.includes(t)) return { value: t };
      const key = (x: string) => x.toLowerCase().replace(/[\s_]+/g, '-');
      // A records system's spelling of the same answer: "Y"/"N" where the values are yes and no (as a boolean column
      // reads them), "High Risk" where the value is high. Never a guess between two values.
      const spelt = key(t) === 'y' ? 'yes' : key(t) === 'n' ? 'no' : key(t).replace(/-risk$/, '');
      const hits = values.filter((v) => key(v) === key(t) || key(v) === spelt);
      return { value: hits.length === 1 ? hits[0] : t };
    }
    default:
      // Spaces around an id, a name or a code are padding (a fixed-width extract's columns), never meant:
      // " P0100000 " is P0100000. Words are kept as written.
      return { value: leaf.freeText ? cell : t };
  }
}

/**
 * Sets `value` at a dot path, creating objects and arrays (a numeric segment makes an array). Arrays are compacted
 * afterwards by `compactArrays`: `children.0` empty and `children.1` filled gives one child.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segs.length - 1; i++) {
    const key = segs[i];
    const nextIsIndex = INDEX.test(segs[i + 1]);
    const holder = node as Record<string, unknown>;
    let child = holder[key];
    if (child === undefined || child === null || typeof child !== 'object') {
      child = nextIsIndex ? [] : {};
      holder[key] = child;
    }
    node = child as Record<string, unknown>;
  }
  (node as Record<string, unknown>)[segs[segs.length - 1]] = value;
}

/**
 * Drops array holes left by empty cells (in place), depth first. With `origins`, records where each moved item came
 * from, packed dot path → original (`children.0` → `children.1`), so an error is named by the column it came from
 * (`originalPath`).
 */
export function compactArrays<T>(value: T, origins?: Map<string, string>): T {
  compactAt(value, '', '', origins);
  return value;
}

function compactAt(value: unknown, packed: string, original: string, origins: Map<string, string> | undefined): void {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((v, i) => {
      if (v === undefined) return;
      const at = `${packed}.${kept.length}`;
      const from = `${original}.${i}`;
      kept.push(v);
      if (origins && at !== from) origins.set(at, from);
      compactAt(v, at, from, origins);
    });
    value.length = 0;
    value.push(...kept);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) compactAt(v, packed ? `${packed}.${k}` : k, original ? `${original}.${k}` : k, origins);
  }
}

/** A packed dot path (`children.0.ageYears`) → the one it was written at (`children.1.ageYears`), by compactArrays' origins. */
export function originalPath(dot: string, origins: ReadonlyMap<string, string>): string {
  const segs = dot.split('.');
  for (let n = segs.length; n > 0; n--) {
    const from = origins.get(segs.slice(0, n).join('.'));
    if (from !== undefined) return [from, ...segs.slice(n)].join('.');
  }
  return dot;
}

/** `/victim/firstName` (a validator's JSON pointer) → `victim.firstName`. */
export function pointerToDotPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/**
 * The inverse of csv-stringify's `escape_formulas` (used for errors.csv): a cell written as `'=…`, `'+…`, `'-…`,
 * `'@…` (or an apostrophe before a tab or CR) is read without the apostrophe, so a downloaded bad-rows file, fixed
 * and imported again, means what it said. A value that really starts with an apostrophe before one of those is
 * not expected in a police extract.
 */
export function unescapeCsvFormula(cell: string): string {
  // csv-stringify escapes the full-width ＝ ＋ － ＠ too (a spreadsheet may read them as formulas): read back the same.
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell;
}
