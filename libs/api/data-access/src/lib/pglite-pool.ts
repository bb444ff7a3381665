import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * A `pg`-shaped driver for TypeORM over one embedded PGlite database.
 *
 * PGlite is a single connection. typeorm-pglite shares it between every query runner at once, so two
 * concurrent transactions interleave on it (BEGIN inside BEGIN, one's ROLLBACK undoing the other's work).
 * This pool hands the one connection to one query runner at a time and queues the rest, which gives
 * embedded mode the same transaction isolation the code relies on with PostgreSQL.
 */
export interface PGliteDriverOptions {
  /** Directory for a persistent database; undefined for in-memory. */
  dataDir?: string;
}

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number; command: string }> {
    const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
    if (params && params.length > 0) {
      const res = await this.db.query(sql, params);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length, command };
    }
    const results = await this.db.exec(sql);
    const last = results[results.length - 1];
    return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command };
  }
}

export class PGliteHandle {
  private dbPromise: Promise<PGlite> | null = null;
  private client: PGliteClient | null = null;
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: PGliteDriverOptions) {}

  async db(): Promise<PGlite> {
    // pg_trgm and unaccent: search (migration 1764400000000-case-search, docs/search.md).
    this.dbPromise ??= PGlite.create({ dataDir: this.options.dataDir, extensions: { pg_trgm, unaccent } });
    return this.dbPromise;
  }

  async acquire(): Promise<[PGliteClient, (err?: unknown) => void]> {
    const db = await this.db();
    this.client ??= new PGliteClient(db);
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    };
    return [this.client, release];
  }

  async close(): Promise<void> {
    if (!this.dbPromise) return;
    const db = await this.dbPromise;
    this.dbPromise = null;
    this.client = null;
    if (!db.closed) await db.close();
  }

  /** The `driver` option for TypeORM's postgres type: an object with a `Pool` constructor. */
  driver(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const handle = this;
    class Pool extends EventEmitter {
      connect(cb: (err: unknown, client: unknown, release: (err?: unknown) => void) => void): void {
        handle.acquire().then(
          ([client, release]) => cb(null, client, release),
          (err) => cb(err, null, () => undefined),
        );
      }
      end(cb?: (err: unknown) => void): void {
        handle.close().then(
          () => cb?.(null),
          (err) => cb?.(err),
        );
      }
    }
    return { Pool };
  }
}
