import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FEED_KEY, testDatabases } from './harness';
import { claim } from './support/claim';
import { startSmtpSink } from './support/smtp';

/**
 * A port nothing listens on now, as the OS hands out (a random pick in 20000–40000 once landed on a port in use and
 * the API exited at start, failing CI).
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const MAIN = join(import.meta.dirname, '../../../dist/apps/api/main.mjs');
/** The V8 flags the API runs with wherever it is started (package.json lantern.apiNodeFlags). */
const API_NODE_FLAGS = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { lantern: { apiNodeFlags: string[] } }
).lantern.apiNodeFlags;

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...API_NODE_FLAGS, MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      LANTERN_DEMO: 'true',
      LANTERN_DEMO_CASES: '0',
      LANTERN_DEMO_FEED_KEY: FEED_KEY,
      LANTERN_STATIC_DIR: '',
      REDIS_URL: '',
      ...env,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`API exited ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('API did not start');
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Acknowledged reports survive the API process being killed outright (kill -9), on both databases. */
describe('crash safety of the built API (nx test api builds it first)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const database of testDatabases()) {
    it(`keeps every acknowledged report after kill -9 (${database.name})`, async () => {
      expect(existsSync(MAIN), `${MAIN} is missing: run npx nx build api`).toBe(true);
      const url = await database.create();
      const dataDir = mkdtempSync(join(tmpdir(), 'lantern-crash-'));
      dirs.push(dataDir);
      const env = { LANTERN_DATA_DIR: dataDir, DATABASE_URL: url ?? '' };
      try {
        const first = await start(env);
        const acked: string[] = [];
        for (let i = 0; i < 10; i++) {
          const res = await fetch(`${first.url}/api/v1/intake/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
            body: JSON.stringify(createReport({}, 800 + i)),
          });
          expect(res.status).toBe(201);
          acked.push(((await res.json()) as { caseId: string }).caseId);
        }
        await kill9(first.child);

        const second = await start(env);
        try {
          const login = await fetch(`${second.url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'caseworker', password: 'lantern-demo' }),
          });
          const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
          for (const id of acked) {
            const res = await fetch(`${second.url}/api/v1/cases/${id}`, { headers: { cookie } });
            expect(res.status, id).toBe(200);
          }
        } finally {
          await kill9(second.child);
        }
      } finally {
        await database.drop();
      }
    });
  }

  for (const database of testDatabases()) {
    it(`loses no referral and sends none twice when killed between "sent" and delivery (${database.name})`, async () => {
      expect(existsSync(MAIN), `${MAIN} is missing: run npx nx build api`).toBe(true);
      const smtp = await startSmtpSink();
      const url = await database.create();
      const dataDir = mkdtempSync(join(tmpdir(), 'lantern-crash-'));
      dirs.push(dataDir);
      const env = { LANTERN_DATA_DIR: dataDir, DATABASE_URL: url ?? '', LANTERN_SMTP_URL: smtp.url };
      try {
        // Delivery held back for ten minutes: the referral is sent (committed) but not yet delivered.
        const first = await start({ ...env, LANTERN_DELIVERY_DELAY_MS: '600000' });
        const report = merge(createReport({ victim: { personId: 'P0CRASH1' }, incident: { previousIncidents12Months: 0 } }, 850), {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        });
        const posted = await fetch(`${first.url}/api/v1/intake/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
          body: JSON.stringify(report),
        });
        const { caseId } = (await posted.json()) as { caseId: string };
        const login = await fetch(`${first.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'caseworker', password: 'lantern-demo' }),
        });
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
        await claim({ url: first.url }, cookie, caseId);
        const referral = await fetch(`${first.url}/api/v1/cases/${caseId}/referrals`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ partnerId: 'idva', service: 'idva' }),
        });
        expect(referral.status).toBe(201);
        const { id } = (await referral.json()) as { id: string };
        await new Promise((r) => setTimeout(r, 1500));
        expect(smtp.messages().filter((m) => m.raw.includes(id))).toHaveLength(0);
        await kill9(first.child);

        const second = await start(env);
        try {
          for (let i = 0; i < 50 && smtp.messages().filter((m) => m.raw.includes(id)).length === 0; i++)
            await new Promise((r) => setTimeout(r, 100));
          await new Promise((r) => setTimeout(r, 2500));
          expect(smtp.messages().filter((m) => m.raw.includes(id))).toHaveLength(1);
        } finally {
          await kill9(second.child);
        }
      } finally {
        await smtp.stop();
        await database.drop();
      }
    });
  }
});
