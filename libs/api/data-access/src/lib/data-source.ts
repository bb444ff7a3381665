import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { APP_ROLE_SETTING } from './migrations/1764200000000-audit-trail';
import { PGliteHandle } from './pglite-pool';

export interface DatabaseOptions {
  /** postgres://… → PostgreSQL. Otherwise embedded PGlite. */
  databaseUrl?: string;
  /** Directory of the embedded database; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string;
  /** TLS to PostgreSQL (node-postgres `ssl`): the config's `databaseSsl`. */
  ssl?: false | { rejectUnauthorized: boolean; ca?: string };
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * The application's runtime role (DATABASE_APP_ROLE), for migrations run as the owner: the audit-trail migration
   * grants it INSERT and SELECT only on the audit table. Passed as the `lantern.app_role` setting of each connection.
   */
  appRole?: string;
}

export type DatabaseKind = 'postgres' | 'pglite';

export function databaseKind(options: DatabaseOptions): DatabaseKind {
  return options.databaseUrl ? 'postgres' : 'pglite';
}

/**
 * Settings every PostgreSQL connection starts with (the startup packet's `options`, so they cost no statement):
 * READ COMMITTED as the default isolation, whatever the server's default (the audit chain and the outbox order
 * rely on it: see Database.transaction, which therefore does not send SET TRANSACTION on each transaction), and the
 * runtime role's name for migrations run as the owner. A space in a value is escaped with a backslash.
 */
export function connectionSettings(appRole?: string): string {
  const escape = (value: string) => value.replace(/[\\ ]/g, (c) => `\\${c}`);
  return [
    `-c default_transaction_isolation=${escape('read committed')}`,
    ...(appRole ? [`-c ${APP_ROLE_SETTING}=${escape(appRole)}`] : []),
  ].join(' ');
}

/**
 * The one DataSource factory: the same entities and migrations on PostgreSQL and on embedded PGlite.
 * `synchronize` is always off; the schema comes from migrations only.
 */
export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;

  if (options.databaseUrl) {
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      ssl: options.ssl ?? false,
      poolSize: options.poolSize ?? 10,
      extra: {
        application_name: 'lantern-api',
        options: connectionSettings(options.appRole),
      },
    } as DataSourceOptions);
  }

  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const handle = new PGliteHandle({ dataDir });
  return new DataSource({
    ...common,
    driver: handle.driver(),
    installExtensions: false,
  } as DataSourceOptions);
}

/** Opens the DataSource and applies pending migrations (each in its own transaction). */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const ds = createDataSource(options);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
