import { SocketEvents, type CaseChangedEvent } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp, type TestDatabase } from './harness';

const redisUrl = process.env['REDIS_URL'];
const postgres = testDatabases().find((d) => d.name === 'postgres');

/**
 * Two API instances on one PostgreSQL with the Redis socket.io adapter: a report posted to one instance
 * reaches a caseworker connected to the other. Needs DATABASE_URL and REDIS_URL (CI sets both).
 */
describe.runIf(Boolean(redisUrl && postgres))('two API instances behind one hub', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const db = postgres as TestDatabase;
    a = await startTestApp(db, { REDIS_URL: redisUrl as string });
    const url = new URL(a.config.databaseUrl as string);
    // The second instance shares the first one's database (and does not drop it).
    const shared: TestDatabase = { name: 'postgres', create: async () => url.toString(), drop: async () => undefined };
    b = await startTestApp(shared, { REDIS_URL: redisUrl as string });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('delivers an event committed on instance A to a socket on instance B', async () => {
    const { token } = await b.login('caseworker');
    const s = b.socket(token);
    await new Promise((resolve, reject) => {
      s.once(SocketEvents.ready, resolve);
      s.once('connect_error', reject);
    });
    const events: CaseChangedEvent[] = [];
    s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
    const res = await a.postReport(createReport({}, 700));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const e = await waitFor(() => events.find((x) => x.caseId === caseId));
    expect(e.version).toBe(1);
  });
});
