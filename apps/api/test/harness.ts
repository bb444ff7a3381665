import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { sessionCookieName } from '@lantern/api/auth';
import { loadConfig, type AppConfig } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startApp } from '../src/app/bootstrap';

export const SHARED = join(import.meta.dirname, '../../../../shared');
export const FEED_KEY = 'test-feed-key-0123456789';
export const PASSWORD = 'test-password-0123';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Creates a fresh, empty database and returns its URL (postgres) or undefined (PGlite in memory). */
  create(): Promise<string | undefined>;
  drop(): Promise<void>;
}

/** PGlite always; real PostgreSQL too when DATABASE_URL is set (CI sets it). */
export function testDatabases(): TestDatabase[] {
  const dbs: TestDatabase[] = [{ name: 'pglite', create: async () => undefined, drop: async () => undefined }];
  const adminUrl = process.env['DATABASE_URL'];
  if (adminUrl) {
    let dbName = '';
    dbs.push({
      name: 'postgres',
      async create() {
        dbName = `lantern_t_${randomBytes(6).toString('hex')}`;
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`CREATE DATABASE ${dbName}`);
        await c.end();
        const u = new URL(adminUrl);
        u.pathname = `/${dbName}`;
        return u.toString();
      },
      async drop() {
        if (!dbName) return;
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      },
    });
  }
  return dbs;
}

export interface TestApp {
  app: INestApplication;
  url: string;
  db: Database;
  config: AppConfig;
  close(): Promise<void>;
  /** Signs in: `cookie` is the Cookie header value (`__Host-lantern_session=…`), `token` the session token in it. */
  login(username: string, password?: string): Promise<{ cookie: string; token: string }>;
  postReport(body: unknown, init?: { key?: string | null; contentType?: string; raw?: string | Buffer }): Promise<Response>;
  count(table: string): Promise<number>;
  /** A JSON request to `/api/v1${path}` as the signed-in user whose Cookie header is `cookie`. */
  call(cookie: string, method: string, path: string, body?: unknown): Promise<Response>;
  /**
   * A real socket.io client presenting the session `token` as the session cookie (or `extra.cookie` as the whole
   * Cookie header); `extra.origin` sends an Origin header as a browser would.
   */
  socket(token?: string | null, extra?: { cookie?: string; origin?: string }): Socket;
}

/**
 * Runs migrations' up() or down() by name, in order, on one query runner: a database that went through them (a
 * migration's own re-run, or the chain an older database takes). Fails when a name is not a registered migration.
 */
export async function runMigrations(t: TestApp, steps: ReadonlyArray<readonly [name: string, direction: 'up' | 'down']>): Promise<void> {
  const runner = t.db.dataSource.createQueryRunner();
  try {
    for (const [name, direction] of steps) {
      const migration = t.db.dataSource.migrations.find((m) => m.name === name);
      if (!migration) throw new Error(`no migration named ${name}`);
      await migration[direction](runner);
    }
  } finally {
    await runner.release();
  }
}

export async function startTestApp(database: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await database.create();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LANTERN_DATA_DIR: 'memory://',
    LANTERN_DEMO: 'true',
    LANTERN_DEMO_CASES: '0',
    LANTERN_DEMO_PASSWORD: PASSWORD,
    LANTERN_DEMO_FEED_KEY: FEED_KEY,
    LANTERN_STATIC_DIR: '',
    // The SLA clock ticks only when a test moves it (SlaClock.tick), so no announcement lands in another test's events.
    LANTERN_SLA_CLOCK_MS: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const started = await startApp(config, false);
  const db = started.app.get(Database);
  const url = started.url;
  const sockets: Socket[] = [];
  return {
    app: started.app,
    url,
    db,
    config,
    async close() {
      for (const s of sockets) s.disconnect();
      await started.app.close();
      await database.drop();
    },
    async login(username, password = PASSWORD) {
      const res = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0];
      await res.body?.cancel();
      return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) };
    },
    postReport(body, init = {}) {
      const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
      const key = init.key === undefined ? FEED_KEY : init.key;
      if (key !== null) headers['authorization'] = `Bearer ${key}`;
      return fetch(`${url}/api/v1/intake/reports`, {
        method: 'POST',
        headers,
        body: typeof init.raw === 'string' || init.raw === undefined ? (init.raw ?? JSON.stringify(body)) : new Uint8Array(init.raw),
      });
    },
    call(cookie, method, path, body) {
      return fetch(`${url}/api/v1${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    async count(table) {
      const rows = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(rows[0].n);
    },
    socket(token, extra = {}) {
      const cookie = extra.cookie ?? (token ? `${sessionCookieName(config.cookieSecure)}=${token}` : undefined);
      const s = io(url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { ...(cookie ? { cookie } : {}), ...(extra.origin ? { origin: extra.origin } : {}) },
      });
      sockets.push(s);
      return s;
    },
  };
}

export function sampleReports(): unknown[] {
  const file = join(SHARED, 'data/sample-reports.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

export function waitFor<T>(fn: () => T | undefined, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      const v = fn();
      if (v !== undefined) return resolve(v);
      if (Date.now() - start > timeoutMs) return reject(new Error('timed out'));
      setTimeout(tick, 10);
    };
    tick();
  });
}
