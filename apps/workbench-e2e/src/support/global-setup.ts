import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** How long the built API may take to answer /api/health (LANTERN_E2E_START_MS: longer on a loaded machine). */
async function waitHealthy(url: string, child: ChildProcess, ms = Number(process.env['LANTERN_E2E_START_MS'] || 180_000)): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy');
}

export interface StartedApi {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (serving the built workbench) on a free port with a fresh in-memory database. `env`
 * adds to or overrides the demo settings (e.g. LANTERN_TRIAGE_CONFIG for a hub staffed around the clock); a test
 * file that needs such settings starts its own API with this and stops it afterwards.
 */
export async function startApi(env: Record<string, string> = {}): Promise<StartedApi> {
  const main = join(ROOT, 'dist/apps/api/main.mjs');
  const ui = join(ROOT, 'dist/apps/workbench/browser/index.html');
  for (const f of [main, ui]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: build first (npx nx run-many -t build --projects=api,workbench)`);
  }
  mkdirSync(join(ROOT, 'dist/e2e-screenshots'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The V8 flags the API runs with wherever it is started (package.json lantern.apiNodeFlags; docs/performance.md, Memory).
  const { apiNodeFlags } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).lantern as { apiNodeFlags: string[] };
  const child = spawn(process.execPath, [...apiNodeFlags, main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      LANTERN_DATA_DIR: 'memory://',
      DATABASE_URL: '',
      REDIS_URL: '',
      LANTERN_DEMO: 'true',
      LANTERN_DEMO_CASES: '12',
      LANTERN_DEMO_PASSWORD: 'lantern-demo',
      LANTERN_DEMO_FEED_KEY: 'demo-feed-key',
      LANTERN_STATIC_DIR: join(ROOT, 'dist/apps/workbench/browser'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  try {
    await waitHealthy(url, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${log.slice(-4000)}`);
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** The API every e2e file shares. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const api = await startApi();
  project.provide('baseUrl', api.url);
  return api.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
