import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import {
  APP_CONFIG,
  databaseRefusal,
  DomainEventBus,
  sqlStateOf,
  DomainEvents,
  ProblemException,
  Problems,
  repeatEvery,
  type AppConfig,
} from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { IntakeService, IntakeStream, ReportValidator, type IntakeBatchOutcome } from '@lantern/api/intake';
import {
  can,
  cleanIdentifier,
  IMPORT_ERRORS_IN_EVENT,
  IMPORT_ERRORS_IN_JSON,
  IMPORT_ERRORS_STORED,
  IMPORT_PREVIEW_MAX_ROWS,
  reportLeaf,
  type ImportMapping,
  type ImportMappingRequest,
  type ImportPreview,
  type ImportRowError,
  type ImportStatus,
  type ImportSummary,
  type Role,
} from '@lantern/shared/domain';
import { stringify } from 'csv-stringify/sync';
import { csvErrorLine, csvRecords, csvSyntaxProblem, decodeHead, scanFile, storeUpload, sweepStaleUploads } from './csv-file';
import { buildRow, planColumns, rowErrorsFromFields, type ColumnPlan } from './csv-rows';
import type { EntityManager } from 'typeorm';

/** A running import's heartbeat: its row's updated_at is touched at least this often. */
export const IMPORT_HEARTBEAT_MS = 10_000;
/** An unfinished import whose heartbeat is older than this was left by a stopped instance: interrupted. */
export const IMPORT_STALE_MS = 60_000;
/** Progress is written (and sent on the socket) at most this often, or every this many rows. */
const FLUSH_MS = 250;
const FLUSH_ROWS = 500;
/** The tables an import grows, whose planner statistics it refreshes as it goes (refreshStatistics). */
const GROWN_TABLES = ['cases', 'persons', 'reports', 'case_search', 'case_search_words', 'case_queue'];
/** Statistics are refreshed once an import has added this many rows, and again each time the cases table doubles. */
const ANALYZE_FIRST_ROWS = 1000;

const INTERRUPTED_MESSAGE =
  'The import stopped before the end (the server restarted). Import the same file again: rows already imported are duplicates.';

/** The two bookkeeping columns the bad-rows CSV adds; an import of a fixed bad-rows file ignores them. */
export const ERRORS_CSV_LINE = 'import.line';
export const ERRORS_CSV_ERRORS = 'import.errors';

/** A bad row's cells are stored capped: each cell at most this many characters, the row at most IMPORT_ERROR_ROW_MAX_CHARS. */
export const IMPORT_ERROR_CELL_MAX_CHARS = 2000;
export const IMPORT_ERROR_ROW_MAX_CHARS = 64 * 1024;
/** Ends a stored cell that was cut (the bad-rows CSV says so; take the cell from the original file). */
export const TRUNCATED_MARK = ' […cut]';
/** Error rows written per INSERT (each row's cells ≤ 64 KiB, so one statement stays a few MiB at most). */
const ERRORS_PER_INSERT = 100;
/** How often expired bad-row cells are emptied (and at boot). */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * A bad row's cells as stored: each cell ≤ 2,000 characters and the row ≤ 64 KiB, a cut cell ending in TRUNCATED_MARK
 * (a 30 MB cell is never stored, nor repeated per error).
 */
export function capCells(cells: readonly string[]): { cells: string[]; truncated: boolean } {
  let budget = IMPORT_ERROR_ROW_MAX_CHARS;
  let truncated = false;
  const out = cells.map((raw) => {
    // Stored as jsonb, which refuses a NUL and a lone surrogate: each becomes U+FFFD (the same length), so a bad row
    // is kept to be seen rather than failing the whole import.
    const cell = storable(raw);
    const limit = Math.min(IMPORT_ERROR_CELL_MAX_CHARS, budget);
    if (cell.length <= limit) {
      budget -= cell.length;
      return cell;
    }
    truncated = true;
    // Past the row's budget a cell keeps only the mark (a few characters each).
    if (limit <= TRUNCATED_MARK.length) return TRUNCATED_MARK.trim();
    // Cut on a character, not inside one: a pair split here would be a lone surrogate.
    const kept = storable(cell.slice(0, limit - TRUNCATED_MARK.length)) + TRUNCATED_MARK;
    budget -= kept.length;
    return kept;
  });
  return { cells: out, truncated };
}

/** Text jsonb and text columns accept: NUL and lone surrogates replaced by U+FFFD. */
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}

/** A bad row's reference and police person ids, as its cells give them (any that are there). */
interface RowKeys {
  reference?: string;
  personIds: string[];
}

function rowKeys(plan: ColumnPlan, cells: readonly string[]): RowKeys {
  const keys: RowKeys = { personIds: [] };
  plan.byIndex.forEach((col, i) => {
    const value = cells[i]?.trim();
    if (!col || !value) return;
    if (col.path === 'reference') keys.reference = value;
    // As intake stores them (cleanIdentifier), so a bad row about a restricted person is still recognised.
    else if (col.path === 'victim.personId' || col.path === 'suspect.personId') {
      const id = cleanIdentifier(value);
      if (id) keys.personIds.push(id);
    }
  });
  return keys;
}

/** The stored cells of a bad row about a restricted case (jsonb: an object, where kept cells are an array). */
const WITHHELD_CELLS = { withheld: 'restricted-case' } as const;
const WITHHELD_MESSAGE =
  'the row’s cells are not kept: its reference or a person in it is on a restricted case; take them from the original file';

function isWithheld(cells: unknown): boolean {
  return !!cells && !Array.isArray(cells) && (cells as { withheld?: unknown }).withheld === WITHHELD_CELLS.withheld;
}

/**
 * A bad row whose reference is a restricted case's, or whose victim or suspect (police person id) is on a restricted
 * case, keeps no cells: errors.csv goes to every team lead (they fix an admin's rows), and a revision of a restricted
 * case refused for a bad date would hand her new address to a lead left off its list (an audit review, session 41).
 * The importer has the file; the line, column and reason stay. Fail safe: a person id matches in any force.
 */
async function withholdRestrictedCells(
  m: EntityManager,
  errs: Array<{ cells: string[] | null | typeof WITHHELD_CELLS; keys?: RowKeys }>,
): Promise<void> {
  const withCells = errs.filter((e) => Array.isArray(e.cells) && e.keys);
  // As written and upper-cased (a reference in small letters is a bad row, and its case may be the held one); compared
  // exactly, so the reference index answers.
  const references = [...new Set(withCells.flatMap((e) => (e.keys?.reference ? [e.keys.reference, e.keys.reference.toUpperCase()] : [])))];
  const personIds = [...new Set(withCells.flatMap((e) => e.keys?.personIds ?? []))];
  if (!references.length && !personIds.length) return;
  const rows: Array<{ reference: string | null; person_id: string | null }> = await m.query(
    `SELECT c.reference, NULL AS person_id FROM cases c WHERE c.restricted AND c.reference = ANY($1::text[])
     UNION
     SELECT NULL, p.police_person_id FROM persons p
      WHERE p.police_person_id = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM cases c WHERE c.restricted AND (c.victim_id = p.id OR c.suspect_id = p.id))`,
    [references, personIds],
  );
  if (!rows.length) return;
  const refs = new Set(rows.flatMap((r) => (r.reference ? [r.reference] : [])));
  const people = new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])));
  for (const e of withCells)
    if (
      (e.keys?.reference && (refs.has(e.keys.reference) || refs.has(e.keys.reference.toUpperCase()))) ||
      e.keys?.personIds.some((p) => people.has(p))
    )
      e.cells = WITHHELD_CELLS;
}

/** Who sees an import (its counts, errors and bad rows): its creator, and case readers who run imports (team leads). */
export function mayReadImport(user: { id: string; roles: readonly Role[] }, createdBy: string): boolean {
  return user.id === createdBy || (can(user.roles, 'case.read') && can(user.roles, 'imports.run'));
}

interface ImportRow {
  id: string;
  created_by: string;
  force: string | null;
  mapping_id: string | null;
  file_name: string | null;
  sha256: string;
  headers: string[];
  status: ImportStatus;
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  error_count: number;
  message: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

interface Running {
  id: string;
  stop: boolean;
  finished: Promise<void>;
}

function toSummary(row: ImportRow, errors: ImportRowError[]): ImportSummary {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    sha256: row.sha256,
    force: row.force,
    mappingId: row.mapping_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    finishedAt: iso(row.finished_at),
    total: Number(row.total),
    done: Number(row.done),
    imported: Number(row.imported),
    duplicates: Number(row.duplicates),
    errorCount: Number(row.error_count),
    errors,
    message: row.message,
  };
}

/** The file's name as a label: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    /* keep as sent */
  }
  const last = decoded.split(/[\\/]/).pop() ?? '';
  // No control characters (U+0000–U+001F, U+007F) in a label shown on the page and in a download's name.
  const base = [...last]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return base ? base.slice(0, 200) : null;
}

/**
 * Bulk import of police reports from CSV (docs/imports.md). The upload is streamed to a temporary file, read once
 * (header and row count; a malformed file or an unknown column is a 400 before anything is stored), then imported in
 * the background: batches of rows through IntakeService.receiveMany (channel `import`; each row the outcome it would
 * have had alone), one batch at a time in file order. Progress is written every FLUSH_MS / FLUSH_ROWS and published as ImportProgress.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private readonly running = new Map<string, Running>();
  private stopHeartbeat: (() => void) | null = null;
  private stopPurge: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly intake: IntakeService,
    private readonly validator: ReportValidator,
    private readonly events: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Imports left unfinished by a stopped instance (stale heartbeat) are marked interrupted; old uploads removed. */
  async onApplicationBootstrap(): Promise<void> {
    await this.interruptStale();
    await this.purgeExpiredCells();
    await sweepStaleUploads();
    this.stopHeartbeat = repeatEvery(IMPORT_HEARTBEAT_MS, 'import heartbeat', this.logger, () => this.beat());
    // A job of its own: a long purge never holds up the heartbeat (a running import's updated_at), which another
    // instance reads to tell a live import from one a stopped instance left.
    this.stopPurge = repeatEvery(PURGE_EVERY_MS, 'import cells purge', this.logger, () => this.purgeExpiredCells());
  }

  async interruptStale(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: string }>(
      `WITH stale AS (
         UPDATE imports SET status = 'interrupted', message = $1, finished_at = now(), updated_at = now()
          WHERE status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => $2) RETURNING id)
       SELECT count(*) AS n FROM stale`,
      [INTERRUPTED_MESSAGE, IMPORT_STALE_MS / 1000],
    );
    if (Number(n)) this.logger.warn(`${n} unfinished import(s) marked interrupted`);
    return Number(n);
  }

  /**
   * Empties the stored cells of bad rows (personal data) of imports older than LANTERN_IMPORT_ERROR_CELLS_DAYS: the
   * line, column and reason stay (GET lists them, the audit is untouched), the bad-rows CSV says the cells expired.
   * At boot and hourly. An emptied row's cells are `[]` (a CSV record always has a cell).
   */
  async purgeExpiredCells(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: string }>(
      `WITH purged AS (
         UPDATE import_errors SET cells = '[]'::jsonb
          WHERE import_id IN (SELECT id FROM imports WHERE created_at < now() - make_interval(days => $1))
            AND jsonb_typeof(cells) = 'array' AND cells <> '[]'::jsonb RETURNING 1)
       SELECT count(*) AS n FROM purged`,
      [this.config.importErrorCellsDays],
    );
    if (Number(n)) this.logger.log(`emptied the cells of ${n} expired import error row(s)`);
    return Number(n);
  }

  private async beat(): Promise<void> {
    const ids = [...this.running.keys()];
    if (!ids.length) return;
    await this.db.query(`UPDATE imports SET updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Shutdown: running imports stop reading rows, finish the ones in flight and are marked interrupted. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopHeartbeat?.();
    this.stopPurge?.();
    for (const r of this.running.values()) r.stop = true;
    await Promise.all([...this.running.values()].map((r) => r.finished.catch(() => undefined)));
  }

  onModuleDestroy(): void {
    this.stopHeartbeat?.();
    this.stopPurge?.();
  }

  private async loadMapping(id: string | undefined): Promise<ImportMapping | null> {
    if (!id) return null;
    const mapping = await this.mapping(id);
    if (!mapping) throw Problems.validation([{ path: '/mapping', message: 'no saved mapping has this id' }]);
    return mapping;
  }

  /**
   * What refuses a file's header, upload and preview alike: another locale's separators, two columns for one field;
   * and on upload (`unknownToo`) a column that is no field of the contract (the preview shows those, to map them).
   * Before, the preview showed a semicolon file as one unknown column and a duplicated header as fine, and the upload
   * then refused them (a review of messy extracts, session 48).
   */
  private refuseColumns(plan: ColumnPlan, unknownToo = true): void {
    // One header holding the separators of another locale: the file is not comma-separated at all.
    const sep = plan.headers.length === 1 ? (/;/.test(plan.headers[0]) ? 'semicolons' : /\t/.test(plan.headers[0]) ? 'tabs' : null) : null;
    if (sep)
      throw Problems.validation(
        [{ path: '/', message: `the file is separated by ${sep}, not commas` }],
        `The file is separated by ${sep}, not commas: save it as CSV (comma delimited) UTF-8. Nothing was imported.`,
      );
    const unknown = unknownToo ? plan.unknown : [];
    const errors = [
      ...unknown.map((h) => ({ path: h, message: 'is not a field of the police report contract: map it, or remove the column' })),
      ...plan.clashes.map((c) => ({ path: c.split(' and ')[0], message: c })),
    ];
    if (!errors.length) return;
    const detail = unknown.length
      ? `Unknown columns: ${plan.unknown.join(', ')}. Map them (a saved mapping, ?mapping=) or remove them. Nothing was imported.`
      : `${plan.clashes.join('; ')}. Nothing was imported.`;
    throw Problems.validation(errors, detail);
  }

  /**
   * POST /imports: stores the upload, checks it (CSV syntax, header, size), records the import (queued) and starts it.
   * Nothing is stored on any 4xx.
   */
  async start(
    user: { id: string; roles: readonly Role[] },
    body: Readable,
    options: { force?: string; mappingId?: string; fileName: string | null; contentLength?: number },
  ): Promise<ImportSummary> {
    if (options.contentLength !== undefined && options.contentLength > this.config.importMaxBytes) {
      throw Problems.tooLarge(`The file is larger than ${Math.floor(this.config.importMaxBytes / (1024 * 1024))} MiB.`);
    }
    const mapping = await this.loadMapping(options.mappingId);
    const upload = await storeUpload(body, this.config.importMaxBytes);
    let plan: ColumnPlan;
    let rows: number;
    try {
      const scanned = await scanFile(upload.file);
      plan = planColumns(scanned.headers, { ...mapping?.columns, [ERRORS_CSV_LINE]: null, [ERRORS_CSV_ERRORS]: null });
      this.refuseColumns(plan);
      rows = scanned.rows;
      if (rows === 0) {
        throw Problems.validation(
          [{ path: '/', message: 'the file has no data rows' }],
          'The file has a header but no data rows: nothing to import.',
        );
      }
    } catch (err) {
      await rm(upload.file, { force: true });
      throw err;
    }
    const id = randomUUID();
    const actor = { type: 'user' as const, id: user.id };
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO imports (id, created_by, force, mapping_id, file_name, sha256, size_bytes, headers, status, total)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9)`,
        [
          id,
          user.id,
          options.force ?? null,
          mapping?.id ?? null,
          options.fileName,
          upload.sha256,
          upload.sizeBytes,
          JSON.stringify(plan.headers),
          rows,
        ],
      );
      await this.audit.record(m, {
        actor,
        action: 'import.started',
        entityType: 'import',
        entityId: id,
        details: { rows, sizeBytes: upload.sizeBytes, mappingId: mapping?.id ?? null },
      });
    });
    const running: Running = { id, stop: false, finished: Promise.resolve() };
    running.finished = this.run(running, user.id, can(user.roles, 'case.work'), upload.file, plan, options.force ?? null).finally(() => {
      this.running.delete(id);
      return rm(upload.file, { force: true });
    });
    this.running.set(id, running);
    const summary = await this.summary(id, IMPORT_ERRORS_IN_JSON);
    if (!summary) throw Problems.notFound('No such import.');
    return summary;
  }

  /** Waits for an import this instance runs (tests, the benchmark); resolves at once for any other. */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.finished;
  }

  private async run(
    running: Running,
    userId: string,
    mayRevise: boolean,
    file: string,
    plan: ColumnPlan,
    force: string | null,
  ): Promise<void> {
    const id = running.id;
    const counts = { total: 0, done: 0, imported: 0, duplicates: 0, errorCount: 0 };
    const head: ImportRowError[] = [];
    // Errors not yet written, each with its seq; removed only once written (a failed write keeps them for the next).
    const pendingErrors: Array<{
      seq: number;
      line: number;
      path: string;
      message: string;
      cells: string[] | null | typeof WITHHELD_CELLS;
      /** The row's reference and police person ids (flush withholds the cells of a row about a restricted case). */
      keys?: RowKeys;
    }> = [];
    let stored = 0;
    let lastFlush = Date.now();
    let rowsSinceFlush = 0;
    const submitter = { channel: 'import' as const, userId, importId: id, mayRevise, ...(force ? { force } : {}) };

    const addErrors = (line: number, errors: Array<Omit<ImportRowError, 'line'>>, cells: string[]) => {
      counts.errorCount += errors.length;
      // The row's cells once per line (on its first stored error; the others null), capped.
      let rowCells: string[] | null = capCells(cells).cells;
      for (const e of errors) {
        if (head.length < IMPORT_ERRORS_IN_JSON) head.push({ line, ...e });
        if (stored < IMPORT_ERRORS_STORED) {
          pendingErrors.push({ seq: stored++, line, ...e, cells: rowCells, ...(rowCells ? { keys: rowKeys(plan, cells) } : {}) });
          rowCells = null;
        }
      }
    };
    const flush = async (status: ImportStatus, message: string | null = null) => {
      const written = pendingErrors.length;
      const errs = pendingErrors.slice(0, written);
      const final = status !== 'running';
      await this.db.transaction(async (m) => {
        await withholdRestrictedCells(m, errs);
        for (let from = 0; from < errs.length; from += ERRORS_PER_INSERT) {
          const values: unknown[] = [];
          const tuples = errs.slice(from, from + ERRORS_PER_INSERT).map((e, i) => {
            values.push(id, e.seq, e.line, e.path, e.message, JSON.stringify(e.cells));
            const o = i * 6;
            return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}::jsonb)`;
          });
          await m.query(`INSERT INTO import_errors (import_id, seq, line, path, message, cells) VALUES ${tuples.join(', ')}`, values);
        }
        await m.query(
          `UPDATE imports SET status = $2, done = $3, imported = $4, duplicates = $5, error_count = $6, message = $7, updated_at = now(),
                  finished_at = CASE WHEN $8 THEN now() ELSE finished_at END
            WHERE id = $1`,
          [id, status, counts.done, counts.imported, counts.duplicates, counts.errorCount, message, final],
        );
        if (final) {
          await this.audit.record(m, {
            actor: { type: 'user', id: userId },
            action: 'import.finished',
            entityType: 'import',
            entityId: id,
            details: {
              status,
              total: counts.total,
              imported: counts.imported,
              duplicates: counts.duplicates,
              errorCount: counts.errorCount,
            },
          });
        }
      });
      pendingErrors.splice(0, written);
      lastFlush = Date.now();
      rowsSinceFlush = 0;
      const summary = await this.summary(id, 0);
      if (summary) {
        const errors = [...head].sort((a, b) => a.line - b.line).slice(0, IMPORT_ERRORS_IN_EVENT);
        this.events.publish(DomainEvents.ImportProgress, { userId, summary: { ...summary, errors } });
      }
    };

    // A row's outcome in the counts, or its refusal as errors naming the column the refused path came from.
    const settle = (line: number, cells: string[], outcome: IntakeBatchOutcome, origins?: ReadonlyMap<string, string>) => {
      if (!(outcome instanceof Error)) {
        if (outcome.result.status === 'duplicate') counts.duplicates++;
        else counts.imported++;
        return;
      }
      const err = outcome;
      if (err instanceof ProblemException) {
        if (err.status === 400 && err.errors?.length) addErrors(line, rowErrorsFromFields(plan, err.errors, origins), cells);
        else if (err.status === 409 && err.problemType === 'reference-taken')
          addErrors(line, [{ path: plan.headerOf.get('reference') ?? 'reference', message: err.detail ?? err.title }], cells);
        else if (err.status === 409)
          addErrors(line, [{ path: plan.headerOf.get('revision') ?? 'revision', message: err.detail ?? err.title }], cells);
        else if (err.status === 403)
          addErrors(line, [{ path: plan.headerOf.get('source.force') ?? 'source.force', message: err.detail ?? err.title }], cells);
        else addErrors(line, [{ path: '(row)', message: err.detail ?? err.title }], cells);
        return;
      }
      this.logger.error(`import ${id} line ${line}: ${err?.constructor?.name ?? 'Error'}`);
      addErrors(line, [{ path: '(row)', message: 'could not be stored; import the file again later' }], cells);
    };
    // The intake throws the driver's error when the database refuses (a serialisation failure or deadlock left after
    // the transaction's own retries): seen as the problem the HTTP layer would send (503 for those), so it is retried.
    const asProblem = (outcome: IntakeBatchOutcome): IntakeBatchOutcome => {
      if (!(outcome instanceof Error) || outcome instanceof ProblemException) return outcome;
      return databaseRefusal(sqlStateOf(outcome)) ?? outcome;
    };
    type Row = { line: number; body: Record<string, unknown>; cells: string[]; origins: ReadonlyMap<string, string> };
    // Rows through the one intake in batches, two in the database at once (IntakeStream: the same outcome each row
    // would have had alone, rows of the same people and references in file order); a row the database was too busy
    // for (503) is tried again on its own, up to three times.
    const stream = new IntakeStream<Row>(this.intake, submitter, async (row, result) => {
      let outcome = asProblem(result);
      for (let attempt = 1; outcome instanceof ProblemException && outcome.status === 503 && attempt < 4; attempt++) {
        await new Promise((r) => setTimeout(r, 50 * attempt));
        outcome = await this.intake.receive(submitter, row.body, new Date()).catch((e: unknown) => asProblem(e as Error));
      }
      settle(row.line, row.cells, outcome, row.origins);
      counts.done++;
      rowsSinceFlush++;
    });
    let batch: Row[] = [];
    // Rows imported when the planner statistics are next refreshed (see refreshStatistics); null once they cannot be.
    let analyzeAt: number | null = ANALYZE_FIRST_ROWS;
    const send = async () => {
      const rows = batch;
      batch = [];
      await stream.add(rows.map((row) => ({ tag: row, body: row.body })));
      if (analyzeAt !== null && counts.imported >= analyzeAt) {
        const rows = await this.refreshStatistics();
        analyzeAt = rows === null ? null : counts.imported + rows;
      }
    };
    try {
      await this.db.query(`UPDATE imports SET status = 'running', updated_at = now() WHERE id = $1`, [id]);
      let header = true;
      for await (const rec of csvRecords(createReadStream(file))) {
        if (rec.blank) continue;
        if (header) {
          header = false;
          continue;
        }
        if (running.stop) break;
        counts.total++;
        const built = buildRow(plan, rec.cells, { force });
        if (!built.ok) {
          addErrors(rec.line, built.errors, rec.cells);
          counts.done++;
          rowsSinceFlush++;
        } else {
          batch.push({ line: rec.line, body: built.body, cells: rec.cells, origins: built.origins });
          if (batch.length >= this.config.importBatchRows) await send();
        }
        if (rowsSinceFlush >= FLUSH_ROWS || Date.now() - lastFlush >= FLUSH_MS) await flush('running');
      }
      // The rows already read are stored, also when the import is stopped (shutdown waits for them).
      if (batch.length) await send();
      await stream.finish();
      // The statistics after a load of any size worth it, for the reads that follow.
      if (analyzeAt !== null && counts.imported >= ANALYZE_FIRST_ROWS) await this.refreshStatistics();
      if (running.stop) await flush('interrupted', INTERRUPTED_MESSAGE);
      else await flush('done');
    } catch (err) {
      const syntax = csvSyntaxProblem(err);
      this.logger.error(`import ${id} failed: ${(err as Error)?.constructor?.name ?? 'Error'}`);
      const near = csvErrorLine(err);
      const at = near !== undefined ? ` (near line ${near})` : '';
      // Every good row read before the failure is stored, as it would have been row by row: the batch in the intake
      // finishes and the rows read since go too (their errors are written with the failure).
      if (batch.length) await send().catch(() => undefined);
      await stream.finish().catch(() => undefined);
      const message = syntax
        ? `The file is not valid CSV part-way through${at}: ${(syntax as ProblemException).errors?.[0]?.message ?? 'malformed'}; fix it and import it again.`
        : 'The import failed; import the file again.';
      // The failure is recorded even when the bad rows pending were what failed (they are dropped then): an import is
      // never left "running" with nothing running it.
      await flush('failed', message).catch(async () => {
        pendingErrors.length = 0;
        await flush('failed', message).catch((e: Error) =>
          this.logger.error(`import ${id}: the failure could not be recorded (${e.constructor.name})`),
        );
      });
    }
  }

  /**
   * ANALYZE of the tables an import grows; returns the cases table's row count, or null when it cannot (then the
   * import stops trying). Why: a bulk import grows them faster
   * than autovacuum re-reads them (it looks once a minute), and with statistics from when the hub held a few hundred
   * cases the planner reads "the cases of these 36 victims" as thousands of rows and scans the whole table for them,
   * so each batch got slower as the import went on (PostgreSQL's manual, "Populating a Database": run ANALYZE after
   * loading). Refreshed at the first ANALYZE_FIRST_ROWS and whenever the import has added as many rows again as the
   * table held: a handful of ANALYZEs for any import (each reads a sample, not the table). Best effort: a failure
   * leaves the old statistics (the import is only slower), and ANALYZE does not block readers or writers.
   */
  private async refreshStatistics(): Promise<number | null> {
    try {
      // Only a table's owner may ANALYZE it (before PostgreSQL 17's MAINTAIN privilege); for anyone else PostgreSQL
      // skips it with a warning, not an error. An API running as a least-privilege role (docs/audit.md) is told so once.
      const mine: Array<{ relname: string }> = await this.db.query(
        `SELECT relname FROM pg_class WHERE oid = ANY($1::regclass[]) AND pg_has_role(relowner, 'USAGE')`,
        [GROWN_TABLES],
      );
      if (mine.length < GROWN_TABLES.length) {
        this.logger.warn(
          'cannot refresh planner statistics during an import: the API role does not own the tables (docs/imports.md, "Speed")',
        );
        return null;
      }
      for (const table of GROWN_TABLES) await this.db.query(`ANALYZE ${table}`);
      const [{ n }] = await this.db.query<{ n: number }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE oid = 'cases'::regclass`);
      return Math.max(ANALYZE_FIRST_ROWS, Number(n));
    } catch (err) {
      this.logger.warn(`could not refresh planner statistics: ${(err as Error)?.constructor?.name ?? 'Error'}`);
      return null;
    }
  }

  /**
   * One import's summary; with `viewer`, null (404) unless the viewer may read it (mayReadImport: its creator, or a
   * case reader who runs imports), so an import's existence is not revealed to others.
   */
  async summary(
    id: string,
    errorLimit = IMPORT_ERRORS_IN_JSON,
    viewer?: { id: string; roles: readonly Role[] },
  ): Promise<ImportSummary | null> {
    const [row] = await this.db.query<ImportRow>(`SELECT * FROM imports WHERE id = $1`, [id]);
    if (!row) return null;
    if (viewer && !mayReadImport(viewer, row.created_by)) return null;
    const errors = errorLimit
      ? await this.db.query<ImportRowError>(
          `SELECT line, path, message FROM import_errors WHERE import_id = $1 ORDER BY line, seq LIMIT $2`,
          [id, errorLimit],
        )
      : [];
    return toSummary(
      row,
      errors.map((e) => ({ line: Number(e.line), path: e.path, message: e.message })),
    );
  }

  /** GET /imports: the 50 most recent imports the viewer may read (no errors listed). */
  async list(viewer: { id: string; roles: readonly Role[] }): Promise<ImportSummary[]> {
    const all = can(viewer.roles, 'case.read') && can(viewer.roles, 'imports.run');
    const rows = all
      ? await this.db.query<ImportRow>(`SELECT * FROM imports ORDER BY created_at DESC LIMIT 50`)
      : await this.db.query<ImportRow>(`SELECT * FROM imports WHERE created_by = $1 ORDER BY created_at DESC LIMIT 50`, [viewer.id]);
    return rows.map((r) => toSummary(r, []));
  }

  /**
   * GET /imports/:id/errors.csv: each bad row once, as `import.line`, `import.errors` and the row's original cells
   * under the file's own headers (formula-like cells escaped). Audited: the cells are case data.
   */
  async errorsCsv(user: { id: string; roles: readonly Role[] }, id: string): Promise<{ csv: string; fileName: string } | null> {
    const [row] = await this.db.query<ImportRow>(`SELECT * FROM imports WHERE id = $1`, [id]);
    if (!row || !mayReadImport(user, row.created_by)) return null;
    const errors = await this.db.query<{ line: number; path: string; message: string; cells: unknown }>(
      `SELECT line, path, message, cells FROM import_errors WHERE import_id = $1 ORDER BY line, seq`,
      [id],
    );
    // Checked again as it is read: a case restricted since the import (or later in the same file) keeps its rows' cells
    // from every team lead too. The row's columns are planned again from the stored headers and mapping.
    const stored = errors.filter((e) => Array.isArray(e.cells) && (e.cells as string[]).length);
    if (stored.length) {
      const mapping = row.mapping_id ? await this.mapping(row.mapping_id) : null;
      if (row.mapping_id && !mapping) {
        // Its mapping is gone: which column held the reference or a person id cannot be told, so no cells (fail safe).
        for (const e of stored) e.cells = WITHHELD_CELLS;
      } else {
        const plan = planColumns(row.headers ?? [], { ...mapping?.columns, [ERRORS_CSV_LINE]: null, [ERRORS_CSV_ERRORS]: null });
        const checked = stored.map((e) => ({
          error: e,
          cells: e.cells as string[] | typeof WITHHELD_CELLS,
          keys: rowKeys(plan, e.cells as string[]),
        }));
        await withholdRestrictedCells(this.db.manager, checked);
        for (const c of checked) if (isWithheld(c.cells)) c.error.cells = c.cells;
      }
    }
    // A line's cells are stored on its first error (null on the others); `[]` once expired (purgeExpiredCells).
    const byLine = new Map<number, { reasons: string[]; cells: string[] | null }>();
    const withheld = new Set<number>();
    for (const e of errors) {
      const line = Number(e.line);
      const entry = byLine.get(line) ?? { reasons: [], cells: null };
      entry.reasons.push(`${e.path}: ${e.message}`);
      if (entry.cells === null && Array.isArray(e.cells)) entry.cells = e.cells;
      if (isWithheld(e.cells)) withheld.add(line);
      byLine.set(line, entry);
    }
    for (const [line, e] of byLine) {
      if (withheld.has(line)) {
        e.reasons.push(`(row): ${WITHHELD_MESSAGE}`);
        e.cells = [];
      } else if (!e.cells?.length) {
        e.reasons.push(
          `(row): the row's cells were deleted after ${this.config.importErrorCellsDays} days (they are personal data); take them from the original file`,
        );
        e.cells = [];
      } else if (e.cells.some((c) => c.endsWith(TRUNCATED_MARK.trim()))) {
        e.reasons.push(
          `(row): cells longer than ${IMPORT_ERROR_CELL_MAX_CHARS} characters were cut (${TRUNCATED_MARK.trim()}); take them from the original file`,
        );
      }
    }
    const headers = (row.headers ?? []).filter((h) => h !== ERRORS_CSV_LINE && h !== ERRORS_CSV_ERRORS);
    const keep = (row.headers ?? []).map((h) => h !== ERRORS_CSV_LINE && h !== ERRORS_CSV_ERRORS);
    const records = [...byLine.entries()].map(([line, e]) => [
      String(line),
      e.reasons.join('; '),
      ...(e.cells ?? []).filter((_, i) => keep[i] ?? true),
    ]);
    const csv = stringify(records, {
      header: true,
      columns: [ERRORS_CSV_LINE, ERRORS_CSV_ERRORS, ...headers],
      escape_formulas: true,
      record_delimiter: 'windows',
      bom: true,
    });
    await this.db.transaction((m) =>
      this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'import.errors-exported',
        entityType: 'import',
        entityId: id,
        details: { rows: byLine.size },
      }),
    );
    const stem = (row.file_name ?? 'import').replace(/\.csv$/i, '').replace(/[^A-Za-z0-9._-]/g, '-');
    return { csv, fileName: `${stem}-bad-rows.csv` };
  }

  /**
   * POST /imports/preview: how the header maps and what the intake's validation says of the first rows (the
   * same typing, defaults and validation as the import, without the idempotency check). Stores nothing.
   */
  async preview(body: Buffer, options: { force?: string; mappingId?: string }): Promise<ImportPreview> {
    const mapping = await this.loadMapping(options.mappingId);
    // The workbench sends the file's first 64 KiB: the last line may be cut (a character too), so it is dropped.
    const text = decodeHead(body);
    const records: Array<{ cells: string[]; line: number }> = [];
    let truncated = false;
    let plan: ColumnPlan | null = null;
    try {
      for await (const rec of csvRecords(Readable.from([text]))) {
        if (rec.blank) continue;
        if (!plan) {
          plan = planColumns(rec.cells, { ...mapping?.columns, [ERRORS_CSV_LINE]: null, [ERRORS_CSV_ERRORS]: null });
          continue;
        }
        if (records.length >= IMPORT_PREVIEW_MAX_ROWS) {
          truncated = true;
          break;
        }
        records.push(rec);
      }
    } catch (err) {
      // A cut quoted cell at the end of the sent head is not an error of the file.
      if (!csvSyntaxProblem(err) || !records.length) throw csvSyntaxProblem(err) ?? err;
      truncated = true;
    }
    if (!plan) throw Problems.validation([{ path: '/', message: 'the file has no header row' }], 'The file has no header row.');
    this.refuseColumns(plan, false);
    if (!records.length && !truncated && body.length < 64 * 1024)
      throw Problems.validation(
        [{ path: '/', message: 'the file has no data rows' }],
        'The file has a header but no data rows: nothing to import.',
      );
    if (body.length >= 64 * 1024 && !truncated && records.length) {
      records.pop();
      truncated = true;
    }
    const p = plan;
    const now = new Date();
    const rows = records.map((rec) => {
      const built = buildRow(p, rec.cells, { force: options.force ?? null });
      if (!built.ok) return { line: rec.line, report: built.body, errors: built.errors.map((e) => ({ line: rec.line, ...e })) };
      const validation = this.validator.validate(built.body, now);
      const errors: ImportRowError[] = validation.ok
        ? []
        : rowErrorsFromFields(p, validation.errors, built.origins).map((e) => ({ line: rec.line, ...e }));
      const report = validation.ok ? (validation.report as unknown as Record<string, unknown>) : built.body;
      const source = report['source'] as { force?: unknown } | undefined;
      if (options.force && source?.force !== options.force) {
        errors.push({
          line: rec.line,
          path: p.headerOf.get('source.force') ?? 'source.force',
          message: `must be ${options.force} (the force this import is for)`,
        });
      }
      return { line: rec.line, report, errors };
    });
    return { columns: p.columns, unknownHeaders: p.unknown, rows, truncated };
  }

  async mapping(id: string): Promise<ImportMapping | null> {
    const [row] = await this.db.query<{
      id: string;
      name: string;
      columns: Record<string, string | null>;
      created_by: string;
      created_at: Date;
    }>(`SELECT * FROM import_mappings WHERE id = $1`, [id]);
    return row
      ? { id: row.id, name: row.name, columns: row.columns, createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString() }
      : null;
  }

  async mappings(): Promise<ImportMapping[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM import_mappings ORDER BY name, created_at LIMIT 200`);
    const out: ImportMapping[] = [];
    for (const r of rows) {
      const m = await this.mapping(r.id);
      if (m) out.push(m);
    }
    return out;
  }

  /** POST /imports/mappings: every mapped path must be a value of the contract (400 naming each that is not). */
  async createMapping(user: { id: string }, body: ImportMappingRequest): Promise<ImportMapping> {
    const columns: Record<string, string | null> = {};
    const errors: Array<{ path: string; message: string }> = [];
    for (const [header, path] of Object.entries(body.columns)) {
      const h = header.trim();
      const at = `/columns/${header.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (path !== null && path !== undefined && !reportLeaf(path)) {
        errors.push({ path: at, message: `${path} is not a field of the police report contract` });
      }
      // Headers are matched trimmed: " A" and "A " would be one column, and one of the two mappings silently lost.
      if (Object.prototype.hasOwnProperty.call(columns, h))
        errors.push({ path: at, message: `is the header "${h}" again (headers are matched without their outer spaces)` });
      columns[h] = path ?? null;
    }
    if (errors.length) throw Problems.validation(errors);
    const id = randomUUID();
    await this.db.transaction(async (m) => {
      await m.query(`INSERT INTO import_mappings (id, name, columns, created_by) VALUES ($1, $2, $3, $4)`, [
        id,
        body.name.trim(),
        JSON.stringify(columns),
        user.id,
      ]);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'import-mapping.created',
        entityType: 'import-mapping',
        entityId: id,
        details: { columns: Object.keys(columns).length },
      });
    });
    const created = await this.mapping(id);
    if (!created) throw Problems.notFound('No such mapping.');
    return created;
  }
}
