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
 * runtime role's name for migrations run as the owner. A space in a value is escaped with a backslash. `fromUrl`: the
 * connection string's own `options`, kept (node-postgres would let them replace these). The audit chain refuses an
 * entry written in any other isolation (migration 1764500000000), so a pooler that drops these settings on a server
 * with a stricter default fails loudly rather than forking the chain.
 */
export function connectionSettings(appRole?: string, fromUrl?: string | null): string {
  const escape = (value: string) => value.replace(/[\\ ]/g, (c) => `\\${c}`);
  return [
    ...(fromUrl ? [fromUrl] : []),
    `-c default_transaction_isolation=${escape('read committed')}`,
    ...(appRole ? [`-c ${APP_ROLE_SETTING}=${escape(appRole)}`] : []),
  ].join(' ');
}

/** DATABASE_URL without its `options` parameter, and that parameter (merged by connectionSettings). */
function splitOptions(databaseUrl: string): { url: string; options: string | null } {
  try {
    const url = new URL(databaseUrl);
    const options = url.searchParams.get('options');
    if (options === null) return { url: databaseUrl, options: null };
    url.searchParams.delete('options');
    return { url: url.toString(), options };
  } catch {
    return { url: databaseUrl, options: null }; // not a URL the WHATWG parser reads: left to node-postgres as it is
  }
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
    const { url, options: urlOptions } = splitOptions(options.databaseUrl);
    return new DataSource({
      ...common,
      url,
      ssl: options.ssl ?? false,
      poolSize: options.poolSize ?? 10,
      extra: {
        application_name: 'lantern-api',
        options: connectionSettings(options.appRole, urlOptions),
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
