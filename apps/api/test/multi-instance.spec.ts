import {
  PresenceEvents,
  SocketEvents,
  StaffEvents,
  type CaseChangedEvent,
  type PresenceChangedEvent,
  type StaffChangedEvent,
} from '@lantern/shared/domain';
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

  it('gives exactly one winner per case to 1,000 concurrent claims over 50 cases from both instances, no 5xx', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await a.postReport(createReport({}, 1500 + i));
      expect(res.status).toBe(201);
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    const cookies = [
      (await a.login('caseworker')).cookie,
      (await b.login('caseworker2')).cookie,
      (await a.login('team-lead')).cookie,
      (await b.login('caseworker')).cookie,
    ];
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => {
        const app = i % 2 ? b : a;
        return fetch(`${app.url}/api/v1/cases/${caseIds[i % 50]}/claim`, {
          method: 'POST',
          headers: { cookie: cookies[i % 4], 'content-type': 'application/json' },
          body: '{}',
        }).then(async (r) => ({ status: r.status, caseId: caseIds[i % 50] }));
      }),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(50);
    expect(new Set(winners.map((w) => w.caseId)).size).toBe(50);
    expect(results.filter((r) => r.status === 409)).toHaveLength(950);
    const rows = await a.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE id = ANY($1::uuid[]) AND assignee_id IS NOT NULL', [
      caseIds,
    ]);
    expect(Number(rows[0].n)).toBe(50);
  });

  it('refuses a feed key on instance B as soon as instance A revokes it, though B had just accepted it', async () => {
    const { cookie } = await a.login('admin');
    const created = await fetch(`${a.url}/api/v1/feed-sources`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Second records system', force: 'Hertfordshire Constabulary' }),
    });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string; key: string };
    // B has found the key (and keeps it for FEED_KEY_CACHE_MS): only the revocation's message can make it forget.
    expect((await b.postReport(createReport({}, 1800), { key: feed.key })).status).toBe(201);
    const revoked = await fetch(`${a.url}/api/v1/feed-sources/${feed.id}/revoke`, { method: 'POST', headers: { cookie } });
    expect(revoked.status).toBe(204);
    // Well inside the 5 s a message that never came would take: the message reached B.
    const began = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 40 && statuses.at(-1) !== 401 && Date.now() - began < 2_500; i++) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      statuses.push((await b.postReport(createReport({}, 1801 + i), { key: feed.key })).status);
    }
    expect(statuses.at(-1)).toBe(401);
    expect(Date.now() - began).toBeLessThan(2_500);
    expect(statuses.filter((s) => s !== 201 && s !== 401)).toEqual([]);
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

  it('shows presence across instances', async () => {
    // Its own report number: 1800 is the feed-key test's report, and posting it again from another feed can be a 409
    // (its times come from the clock, so a second later it is a different report under the same reference).
    const res = await a.postReport(createReport({}, 1900));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const [ta, tb] = [(await a.login('caseworker')).token, (await b.login('caseworker2')).token];
    const sa = a.socket(ta);
    const sb = b.socket(tb);
    await Promise.all([sa, sb].map((s) => new Promise((r) => s.once(SocketEvents.ready, r))));
    await sa.emitWithAck(PresenceEvents.open, { caseId });
    const both = (await sb.emitWithAck(PresenceEvents.open, { caseId })) as PresenceChangedEvent;
    expect(both.viewers.map((v) => v.displayName)).toEqual(['Alex Morgan', 'Sam Carter']);
  });

  // Domain events stay in the instance that raised them; the gateway's emit goes through the Redis adapter.
  it('closes a session’s socket on instance B when it signs out on instance A', async () => {
    const session = await a.login('caseworker');
    const s = b.socket(session.token);
    await new Promise((resolve, reject) => {
      s.once(SocketEvents.ready, resolve);
      s.once('connect_error', reject);
    });
    const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
    const res = await fetch(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session.cookie } });
    expect(res.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('tells a team lead on instance B when a caseworker changes availability on instance A', async () => {
    const lead = b.socket((await b.login('team-lead')).token);
    await new Promise((resolve) => lead.once(SocketEvents.ready, resolve));
    const seen: StaffChangedEvent[] = [];
    lead.on(StaffEvents.changed, (e: StaffChangedEvent) => seen.push(e));
    const { cookie } = await a.login('caseworker2');
    const put = (availability: string) =>
      fetch(`${a.url}/api/v1/users/me/availability`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ availability }),
      });
    expect((await put('busy')).status).toBe(200);
    try {
      expect(await waitFor(() => seen.find((e) => e.availability === 'busy'))).toMatchObject({ availability: 'busy' });
    } finally {
      await put('available');
    }
  });
});
