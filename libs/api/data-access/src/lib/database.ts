import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { databaseKind, openDatabase, type DatabaseKind, type DatabaseOptions } from './data-source';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/**
 * The application's handle on the database: every write goes through `transaction`, so a use case is all or
 * nothing. PostgreSQL serialisation failures and deadlocks are retried a few times.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', work);
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
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Serialises transactions on one key until commit or rollback (pg_advisory_xact_lock). */
export async function lockKey(manager: EntityManager, namespace: number, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, key]);
}

export const LockNamespace = {
  /** Orders outbox inserts so `seq` order is commit order. */
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
