import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager, type QueryRunner } from 'typeorm';
import { databaseKind, openDatabase, type DatabaseKind, type DatabaseOptions } from './data-source';
import { errorForLog } from '@lantern/api/core';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/**
 * Statement names by text: a hash of the text, remembered (the queue's ranking is ~7 kB, and hashing it on every read
 * cost more than looking it up). The texts are a bounded set (the contract of Database.prepared and preparedQuery);
 * should that ever not hold, the memo starts again rather than grow.
 */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= 1_000) statementNames.clear();
    name = `lantern_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** A node-postgres client as far as a named query needs it. */
interface PreparedClient {
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

/**
 * `manager.query` for a statement of a transaction (Database.transaction's manager) as a named prepared statement on
 * PostgreSQL: its connection parses and plans it once and keeps the plan, rather than on every call. For the hot
 * statements of a write path whose text is one of a bounded set (intake's: issue 16, parsing and planning them was
 * ~2 ms of a report's ~5 ms in the database); the text must not carry values (they are parameters). The rows come
 * back as from a SELECT, whatever the statement and wherever it runs (TypeORM's `manager.query` would give an UPDATE's
 * or DELETE's as [rows, count]), and an error as TypeORM's QueryFailedError with the driver's error (sqlStateOf reads
 * its code either way). Outside a transaction, and on PGlite (in-process, nothing to save), it is TypeORM's query.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner;
  // PGlite comes as a driver of its own (createDataSource); PostgreSQL through TypeORM's, over a pg pool.
  if (!runner || runner.isReleased || (manager.connection.options as { driver?: unknown }).driver !== undefined) {
    const own = runner && !runner.isReleased ? null : manager.connection.createQueryRunner();
    try {
      return (await (own ?? (runner as QueryRunner)).query(sql, params, true)).records as T[];
    } finally {
      await own?.release();
    }
  }
  const client = (await runner.connect()) as PreparedClient;
  try {
    return (await client.query<T>({ name: statementName(sql), text: sql, values: params })).rows;
  } catch (err) {
    throw new QueryFailedError(sql, params, err as Error);
  }
}

/** The pg Pool under TypeORM's PostgreSQL driver (driver.master), as far as a named query needs it. */
interface PreparedPool {
  options: Record<string, unknown> & { options?: string; password?: unknown };
  on(event: 'error', listener: (err: Error) => void): void;
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
  end(): Promise<void>;
}

/** The driver's view of node-postgres (TypeORM loads it as driver.postgres) and its pool. */
interface PostgresDriver {
  master: PreparedPool;
  postgres: { Pool: new (options: Record<string, unknown>) => PreparedPool };
}

/** Connections of the generic-plan pool (Database.prepared): a few, for one hot read. */
const GENERIC_PLAN_CONNECTIONS = 3;

/** Which call of `Database.transaction` runs, and which attempt of it (a retry after a deadlock is the next one). */
export interface TransactionAttempt {
  /** The same object for every attempt of one call. */
  call: object;
  attempt: number;
}

const transactionAttempts = new AsyncLocalStorage<TransactionAttempt>();

/**
 * The transaction attempt the running code is in, or null outside `Database.transaction`. A check made once per
 * change (case-access.ts, judged again at the case's lock) is made again in a retry: the first attempt was rolled back.
 */
export function currentTransactionAttempt(): TransactionAttempt | null {
  return transactionAttempts.getStore() ?? null;
}

/**
 * The application's handle on the database: every write goes through `transaction`, so a use case is all or
 * nothing. PostgreSQL serialisation failures and deadlocks are retried a few times.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    readonly dataSource: DataSource,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  get kind(): DatabaseKind {
    return databaseKind(this.options);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const call = {};
    for (let attempt = 1; ; attempt++) {
      const attemptWork = (m: EntityManager) => transactionAttempts.run({ call, attempt }, () => work(m));
      try {
        // PostgreSQL connections start READ COMMITTED (connectionSettings), so the level is not sent again: one
        // statement fewer per transaction. PGlite (in-process) is told each time.
        return await (this.kind === 'postgres'
          ? this.dataSource.transaction(attemptWork)
          : this.dataSource.transaction('READ COMMITTED', attemptWork));
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code;
        if (attempt < 4 && (code === '40001' || code === '40P01')) continue;
        throw err;
      }
    }
  }

  /** Runs a read-only query outside any transaction. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /**
   * A statement outside any transaction (a read, or a write that is one statement and so its own transaction), as a
   * named prepared statement on PostgreSQL: each pooled connection parses it once, and PostgreSQL's plan cache may
   * settle on one plan after a few runs. For a hot statement whose text is one of a bounded set (the queue's ranking:
   * its filters make a few hundred at most; the list-read audit: one per action); every distinct text stays
   * prepared on each connection for the connection's life. Named statements need a session per connection (a pooler
   * in transaction mode would break them). Errors come as node-postgres raises them (with `code`), not wrapped by
   * TypeORM, and the query is not in TypeORM's log. PGlite (in-process, nothing to save) runs it as a plain query.
   *
   * `genericPlan`: run on a few connections of their own that plan every prepared statement once, for any parameters
   * (plan_cache_mode=force_generic_plan), for a statement whose plan does not depend on its parameters' values and
   * whose planning costs more than a good part of its run: the open queue's page and its list-read audit (issue 16:
   * planning was 1–2.6 ms of a 4–5 ms statement, and PostgreSQL kept choosing a custom plan). Those connections run
   * nothing else, since the setting would apply to every statement on them (and to the triggers the statement fires).
   */
  async prepared<T = Record<string, unknown>>(sql: string, params: unknown[] = [], { genericPlan = false } = {}): Promise<T[]> {
    if (this.kind !== 'postgres') return this.query<T>(sql, params);
    const pool = genericPlan ? this.genericPlanPool() : (this.dataSource.driver as unknown as PostgresDriver).master;
    const result = await pool.query<T>({ name: statementName(sql), text: sql, values: params });
    return result.rows;
  }

  private genericPool: PreparedPool | null = null;

  /** The generic-plan pool: the driver's own pool's settings (server, TLS, role, isolation) plus plan_cache_mode. */
  private genericPlanPool(): PreparedPool {
    if (!this.genericPool) {
      const driver = this.dataSource.driver as unknown as PostgresDriver;
      const base = driver.master.options;
      this.genericPool = new driver.postgres.Pool({
        ...base,
        // pg-pool keeps the password out of its enumerable options.
        password: base.password,
        max: GENERIC_PLAN_CONNECTIONS,
        // Kept for minutes, not the default 10 s: a new connection plans the statement again.
        idleTimeoutMillis: 300_000,
        application_name: 'lantern-api-generic-plans',
        // Not read-only: the queue's page writes its own list-read audit in the statement that ranks it (issue 16).
        options: `${base.options ?? ''} -c plan_cache_mode=force_generic_plan`.trim(),
      });
      // A connection lost while idle (a server restart, a failover) is reported here and replaced on the next
      // query; without a listener node-postgres's 'error' event would end the process.
      this.genericPool.on('error', (err) => this.logger.warn(`an idle generic-plan connection failed: ${errorForLog(err)}`));
    }
    return this.genericPool;
  }

  /** True when the database answers. */
  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.genericPool?.end();
    this.genericPool = null;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Serialises transactions on one key until commit or rollback (pg_advisory_xact_lock). */
export async function lockKey(manager: EntityManager, namespace: number, key: string): Promise<void> {
  await preparedQuery(manager, 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, key]);
}

export const LockNamespace = {
  /** Orders outbox inserts so `seq` order is commit order (taken by the outbox's own trigger, key hashtext('case.changed')). */
  outbox: 1,
  /** One intake at a time per (force, reference). */
  reportReference: 2,
  /** The audit hash chain (taken by the audit_entries triggers; AUDIT_CHAIN_LOCK in the audit-trail migration). */
  auditChain: 3,
} as const;

@Global()
@Module({})
export class DataAccessModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DataAccessModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        { provide: DataSource, useFactory: () => openDatabase(options) },
        Database,
      ],
      exports: [Database, DataSource],
    };
  }
}

/**
 * Inserts many rows of one entity in one statement with one parameter: the rows travel as a JSON array and
 * PostgreSQL builds them (jsonb_populate_recordset), so neither the ORM's query builder nor thousands of bind
 * parameters are paid for per row. Only the properties the rows carry are written (the rest take their defaults);
 * values must be what the column takes in JSON (ISO strings for timestamps, arrays for arrays, objects for jsonb).
 */
export async function insertRows<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: ReadonlyArray<Partial<T>>,
): Promise<void> {
  if (!rows.length) return;
  const meta = manager.connection.getMetadata(entity);
  const value = (r: Partial<T>, p: string) => (r as Record<string, unknown>)[p];
  // A property no row sets takes its column's default; one some rows leave out would be written NULL: refused.
  const properties = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((p) => rows.some((r) => value(r, p) !== undefined));
  if (rows.some((r) => properties.some((p) => value(r, p) === undefined)))
    throw new Error(`insertRows(${entity.name}): every row must set the same properties`);
  const columns = properties.map((p) => {
    const column = meta.findColumnWithPropertyName(p);
    if (!column) throw new Error(`${meta.name} has no column ${p}`);
    return column.databaseName;
  });
  const json = rows.map((r) => Object.fromEntries(properties.map((p, i) => [columns[i], value(r, p)])));
  const list = columns.map((c) => `"${c}"`).join(', ');
  // Its text depends only on the entity and the properties written: a bounded set, so prepared.
  await preparedQuery(
    manager,
    `INSERT INTO "${meta.tableName}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${meta.tableName}", $1::jsonb)`,
    [JSON.stringify(json)],
  );
}
