import { type INestApplication } from '@nestjs/common';
import { DEMO_FORCE, DemoSeedService, isSameOrigin, SESSION_COOKIE } from '@lantern/api/auth';
import { loadConfig } from '@lantern/api/core';
import { RealtimeGateway } from '@lantern/api/realtime';
import { BACKGROUND_REQUEST_HEADER, SocketEvents, type ReadyEvent } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/bootstrap';
import { DemoHistoryService } from '../src/app/demo-history.service';
import { FEED_KEY, PASSWORD, startTestApp, testDatabases, type TestApp } from './harness';

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

function refused(s: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    s.once('connect_error', resolve);
    s.once('connect', () => reject(new Error('the socket connected')));
  });
}

const SESSION_ID = "encode(sha256(convert_to($1, 'UTF8')), 'hex')";
const EVIL = 'https://evil.example';

for (const database of testDatabases()) {
  describe(`sessions and requests on ${database.name}`, () => {
    let t: TestApp;
    let caseId: string;
    const me = (cookie: string) => fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie } });
    const sessionRow = async (token: string) =>
      (await t.db.query<{ last_seen_at: Date }>(`SELECT last_seen_at FROM sessions WHERE id = ${SESSION_ID}`, [token]))[0];

    beforeAll(async () => {
      t = await startTestApp(database);
      const res = await t.postReport(createReport({}, 41));
      caseId = ((await res.json()) as { caseId: string }).caseId;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('signs in with a __Host- browser-session cookie only: no token in the body, no Max-Age, no Domain', async () => {
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'caseworker', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['collarNumber', 'displayName', 'force', 'id', 'roles', 'team', 'username']);
      const setCookie = res.headers.get('set-cookie') ?? '';
      const [pair, ...attributes] = setCookie.split(';').map((a) => a.trim());
      const token = pair.slice(pair.indexOf('=') + 1);
      expect(pair.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
      expect(SESSION_COOKIE).toBe('__Host-lantern_session');
      expect(token.length).toBeGreaterThanOrEqual(40);
      expect(text).not.toContain(token);
      const names = attributes.map((a) => a.split('=')[0].toLowerCase());
      expect(names).toEqual(expect.arrayContaining(['path', 'httponly', 'secure', 'samesite']));
      expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'SameSite=Strict']));
      expect(names).not.toContain('domain');
      expect(names).not.toContain('max-age');
      expect(names).not.toContain('expires');
    });

    it('refuses the session token as a Bearer (sessions are cookies), and a cookie under the old name', async () => {
      const { token, cookie } = await t.login('caseworker');
      expect((await me(cookie)).status).toBe(200);
      const bearer = await fetch(`${t.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(bearer.status).toBe(401);
      expect(bearer.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await me(`lantern_session=${token}`)).status).toBe(401);
    });

    it('records use at most once a minute, and ends a session idle longer than the timeout (deleted)', async () => {
      const { token, cookie } = await t.login('caseworker');
      // Used 30 s ago: within the minute, so this read writes nothing.
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE id = ${SESSION_ID}`, [token]);
      const before = (await sessionRow(token)).last_seen_at;
      expect((await me(cookie)).status).toBe(200);
      expect((await sessionRow(token)).last_seen_at).toEqual(before);
      // Used 29 minutes ago: still live, and this use is recorded.
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = ${SESSION_ID}`, [token]);
      expect((await me(cookie)).status).toBe(200);
      const touched = (await sessionRow(token)).last_seen_at;
      expect(Date.now() - new Date(touched).getTime()).toBeLessThan(60_000);
      // Idle for 31 minutes (the default timeout is 30): refused and gone.
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ${SESSION_ID}`, [token]);
      const idle = await me(cookie);
      expect(idle.status).toBe(401);
      expect(await sessionRow(token)).toBeUndefined();
    });

    it('serves a background request (Lantern-Background: 1) and a socket handshake without counting them as use', async () => {
      const { token, cookie } = await t.login('caseworker');
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '20 minutes' WHERE id = ${SESSION_ID}`, [token]);
      const before = (await sessionRow(token)).last_seen_at;
      // The queue's timed re-read while nobody is at the screen: served, but the idle clock keeps running.
      const poll = await fetch(`${t.url}/api/v1/cases`, { headers: { cookie, [BACKGROUND_REQUEST_HEADER]: '1' } });
      expect(poll.status).toBe(200);
      expect((await sessionRow(token)).last_seen_at).toEqual(before);
      // Nor is a socket handshake (a reconnect nobody asked for).
      const s = t.socket(token);
      await connected(s);
      s.disconnect();
      expect((await sessionRow(token)).last_seen_at).toEqual(before);
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ${SESSION_ID}`, [token]);
      expect((await fetch(`${t.url}/api/v1/cases`, { headers: { cookie, [BACKGROUND_REQUEST_HEADER]: '1' } })).status).toBe(401);
    });

    it('ends a session past its absolute lifetime however recently it was used', async () => {
      const { token, cookie } = await t.login('caseworker');
      await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = ${SESSION_ID}`, [
        token,
      ]);
      expect((await me(cookie)).status).toBe(401);
      expect(await sessionRow(token)).toBeUndefined();
      // The lifetime is set at sign-in from the config (12 h by default).
      const fresh = await t.login('caseworker');
      const row = (
        await t.db.query<{ hours: number }>(
          `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM sessions WHERE id = ${SESSION_ID}`,
          [fresh.token],
        )
      )[0];
      expect(Math.round(Number(row.hours))).toBe(t.config.sessionTtlHours);
    });

    it('closes the socket of an idle session at the sweep, and refuses an idle session at the handshake', async () => {
      const idle = await t.login('caseworker2');
      const keeper = await t.login('team-lead');
      const sockets = [t.socket(idle.token), t.socket(keeper.token)];
      await Promise.all(sockets.map(connected));
      const gone = new Promise<string>((resolve) => sockets[0].once('disconnect', resolve));
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE id = ${SESSION_ID}`, [idle.token]);
      expect(await t.app.get(RealtimeGateway).sweepSessions()).toBe(1);
      expect(await gone).toBe('io server disconnect');
      expect(sockets[1].connected).toBe(true);
      expect(await sessionRow(idle.token)).toBeUndefined();
      const again = t.socket(idle.token);
      expect((await refused(again)).message).toBe('unauthenticated');
    });

    it('ends the session a sign-in brings along (no fixation), and no other session of the user', async () => {
      const other = await t.login('caseworker');
      const planted = await t.login('caseworker');
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: planted.cookie },
        body: JSON.stringify({ username: 'caseworker', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const fresh = (res.headers.get('set-cookie') ?? '').split(';')[0];
      expect(fresh).not.toBe(planted.cookie);
      expect((await me(planted.cookie)).status).toBe(401);
      expect(await sessionRow(planted.token)).toBeUndefined();
      expect((await me(fresh)).status).toBe(200);
      expect((await me(other.cookie)).status).toBe(200);
    });

    it('refuses cross-origin writes with text/plain, form and multipart bodies (403 cross-origin), writing nothing', async () => {
      const { cookie } = await t.login('caseworker');
      const form = new FormData();
      form.set('version', '1');
      const bodies: Array<[string, RequestInit]> = [
        ['text/plain', { body: '{}', headers: { 'content-type': 'text/plain' } }],
        ['form', { body: new URLSearchParams({ a: 'b' }) }],
        ['multipart', { body: form }],
        ['json', { body: '{}', headers: { 'content-type': 'application/json' } }],
      ];
      for (const path of ['/api/v1/cases/next', `/api/v1/cases/${caseId}/claim`]) {
        for (const [kind, init] of bodies) {
          for (const browser of [
            { origin: EVIL },
            { 'sec-fetch-site': 'cross-site' },
            { origin: EVIL, 'sec-fetch-site': 'cross-site' },
            { origin: 'null' },
            // A sibling host on the same site, and the browser's verdict over an Origin that happens to match.
            { 'sec-fetch-site': 'same-site', origin: 'https://other.hub.example' },
            { 'sec-fetch-site': 'cross-site', origin: t.url },
          ]) {
            const res = await fetch(`${t.url}${path}`, {
              ...init,
              method: 'POST',
              headers: { ...(init.headers as Record<string, string>), ...(browser as Record<string, string>), cookie },
            });
            expect(res.status, `${path} ${kind} ${JSON.stringify(browser)}`).toBe(403);
            expect(res.headers.get('content-type')).toMatch(/problem\+json/);
            expect(((await res.json()) as { code: string }).code).toBe('cross-origin');
          }
        }
      }
      const assigned = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE assignee_id IS NOT NULL');
      expect(Number(assigned[0].n)).toBe(0);
    });

    it('applies the checks whatever the case of the path (Express routes /API/… to /api/…), and records each refusal', async () => {
      const { cookie } = await t.login('caseworker');
      for (const path of ['/API/v1/cases/next', '/Api/V1/cases/next', `/api/V1/Cases/${caseId}/claim`]) {
        const res = await fetch(`${t.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site', cookie },
          body: '{}',
        });
        expect(res.status, path).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('cross-origin');
      }
      const read = await fetch(`${t.url}/API/v1/cases/${caseId}`, { headers: { cookie } });
      expect(read.headers.get('cache-control')).toBe('no-store');
      const notJson = await fetch(`${t.url}/API/v1/cases/${caseId}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie },
        body: '{}',
      });
      expect(notJson.status).toBe(415);
      const refusals = await t.db.query<{ code: string; status: number }>(
        `SELECT details->>'code' AS code, (details->>'status')::int AS status FROM audit_entries
          WHERE action = 'request.refused' AND details->>'code' IS NOT NULL ORDER BY id DESC LIMIT 4`,
      );
      expect(refusals.map((r) => `${r.status} ${r.code}`)).toEqual([
        '415 unsupported-media-type',
        '403 cross-origin',
        '403 cross-origin',
        '403 cross-origin',
      ]);
      const assigned = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE assignee_id IS NOT NULL');
      expect(Number(assigned[0].n)).toBe(0);
    });

    it('refuses non-JSON bodies from the workbench origin and header-less clients (415), and judges them by credentials', async () => {
      const { cookie } = await t.login('caseworker');
      const form = new FormData();
      form.set('version', '1');
      const sameOrigin = [{ origin: t.url }, { 'sec-fetch-site': 'same-origin' }, {}];
      for (const headers of sameOrigin) {
        for (const init of [
          { body: '{}', headers: { 'content-type': 'text/plain' } },
          { body: new URLSearchParams({ a: 'b' }) },
          { body: form },
        ] as RequestInit[]) {
          const res = await fetch(`${t.url}/api/v1/cases/${caseId}/claim`, {
            ...init,
            method: 'POST',
            headers: { ...(init.headers as Record<string, string>), ...(headers as Record<string, string>), cookie },
          });
          expect(res.status, JSON.stringify(headers)).toBe(415);
        }
      }
      // A header-less client with no session is refused for its credentials, not its origin.
      const anonymous = await fetch(`${t.url}/api/v1/cases/${caseId}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(anonymous.status).toBe(401);
      // The workbench's own origin, with JSON and the cookie: the claim goes through.
      const claim = await fetch(`${t.url}/api/v1/cases/${caseId}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: t.url, 'sec-fetch-site': 'same-origin', cookie },
        body: '{}',
      });
      expect(claim.status).toBe(200);
      // A body-less POST from a script (no Origin, no body) is judged by its cookie.
      const next = await fetch(`${t.url}/api/v1/cases/next`, { method: 'POST', headers: { cookie } });
      expect([200, 404]).toContain(next.status);
      // The police feed's own route reads its own types and its Bearer feed key still works.
      const report = await fetch(`${t.url}/api/v1/intake/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FEED_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(createReport({}, 42)),
      });
      expect(report.status).toBe(201);
    });

    it('refuses a socket.io handshake from a foreign Origin, and accepts the workbench origin', async () => {
      const { token } = await t.login('caseworker');
      const foreign = t.socket(token, { origin: EVIL });
      const received: unknown[] = [];
      foreign.onAny((...args) => received.push(args));
      expect((await refused(foreign)).message).toBe('cross-origin');
      const own = t.socket(token, { origin: t.url });
      await connected(own);
      expect(received).toEqual([]);
    });

    it('sends case JSON with Cache-Control: no-store and no ETag, like every API response', async () => {
      const { cookie } = await t.login('caseworker');
      for (const path of [`/api/v1/cases/${caseId}`, '/api/v1/cases', '/api/v1/auth/me', '/api/health']) {
        const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe('no-store');
        expect(res.headers.get('etag'), path).toBeNull();
      }
      const refusedRead = await fetch(`${t.url}/api/v1/cases/${caseId}`);
      expect(refusedRead.headers.get('cache-control')).toBe('no-store');
    });

    it('never touches an account demo seeding did not create, and production refuses demo accounts at boot', async () => {
      const seeder = t.app.get(DemoSeedService);
      await t.db.transaction((m) =>
        m.query("UPDATE users SET demo = false, password_hash = 'real-admins-hash', display_name = 'Real Admin' WHERE username = 'admin'"),
      );
      const { feedSourceId } = await seeder.seed();
      const after = await t.db.query<{ password_hash: string; display_name: string; demo: boolean }>(
        "SELECT password_hash, display_name, demo FROM users WHERE username = 'admin'",
      );
      expect(after[0]).toEqual({ password_hash: 'real-admins-hash', display_name: 'Real Admin', demo: false });
      // The demo accounts it did create are still seeded (and present, so production refuses to start).
      expect((await t.login('caseworker')).cookie).toContain('=');
      await expect(seeder.assertNoDemoData()).rejects.toThrowError(/demo accounts or demo feed keys/);
      // The demo history works only as demo accounts: with a real caseworker2 it does nothing at all.
      await t.db.transaction((m) => m.query("UPDATE users SET demo = false WHERE username = 'caseworker2'"));
      const cases = await t.count('cases');
      expect(await t.app.get(DemoHistoryService).seed({ id: feedSourceId, force: DEMO_FORCE }, 3)).toBe(0);
      expect(await t.count('cases')).toBe(cases);
    });
  });
}

describe('the same-origin rule', () => {
  const configured = ['https://lantern.hub.example', 'https://lantern-dr.hub.example:8443'];
  it.each([
    [{}, configured, true],
    [{ origin: 'https://lantern.hub.example' }, configured, true],
    [{ origin: 'https://lantern-dr.hub.example:8443' }, configured, true],
    [{ origin: 'https://lantern-dr.hub.example' }, configured, false],
    [{ origin: 'http://lantern.hub.example' }, configured, false],
    [{ origin: 'https://evil.example', host: 'evil.example' }, configured, false],
    [{ origin: 'null' }, configured, false],
    [{ 'sec-fetch-site': 'same-origin' }, configured, true],
    [{ 'sec-fetch-site': 'same-site', origin: 'https://lantern.hub.example' }, configured, false],
    [{ 'sec-fetch-site': 'none' }, configured, false],
    // Demo without a configured origin: the request's own Host.
    [{ origin: 'http://localhost:3000', host: 'localhost:3000' }, [], true],
    [{ origin: 'http://localhost:3001', host: 'localhost:3000' }, [], false],
    [{ origin: 'not a url', host: 'localhost:3000' }, [], false],
  ] as const)('%o against %o → %s', (headers, origins, expected) => {
    expect(isSameOrigin(headers, origins)).toBe(expected);
  });
});

describe('Swagger UI in production', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    // Production settings on the embedded database: loadConfig refuses PGlite in production, so the config is
    // built for test and switched to production here (only the docs gate reads `production` at this point).
    const config = {
      ...loadConfig({
        NODE_ENV: 'test',
        LANTERN_DATA_DIR: 'memory://',
        LANTERN_DEMO: 'true',
        LANTERN_DEMO_CASES: '0',
        LANTERN_DEMO_PASSWORD: PASSWORD,
        LANTERN_STATIC_DIR: '',
      }),
      production: true,
    };
    app = await createApp(config, false);
    await app.init();
    await app.get(DemoSeedService).seed();
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  async function cookieOf(username: string): Promise<string> {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  }

  it('serves /api/docs and /api/docs-json only to signed-in hub staff', async () => {
    for (const path of ['/api/docs', '/api/docs-json']) {
      const anonymous = await fetch(`${url}${path}`);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const partner = await cookieOf('partner-idva');
    expect((await fetch(`${url}/api/docs-json`, { headers: { cookie: partner } })).status).toBe(403);
    const staff = await cookieOf('caseworker');
    const json = await fetch(`${url}/api/docs-json`, { headers: { cookie: staff } });
    expect(json.status).toBe(200);
    expect(((await json.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    const ui = await fetch(`${url}/api/docs`, { headers: { cookie: staff }, redirect: 'manual' });
    expect([200, 301]).toContain(ui.status);
  });
});
