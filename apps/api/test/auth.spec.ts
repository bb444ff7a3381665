import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, testDatabases, type TestApp } from './harness';

/** Every route a session must protect, and which roles may use it. */
const PROTECTED: Array<{ method: string; path: string }> = [
  { method: 'GET', path: '/api/v1/auth/me' },
  { method: 'POST', path: '/api/v1/auth/logout' },
  { method: 'GET', path: '/api/v1/cases' },
  { method: 'GET', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/api/v1/users' },
  { method: 'GET', path: '/api/v1/cases/counts' },
  { method: 'GET', path: '/api/v1/triage/config' },
  { method: 'POST', path: '/api/v1/cases/next' },
  { method: 'GET', path: '/api/v1/callbacks/due' },
  { method: 'GET', path: '/api/v1/alerts' },
  { method: 'POST', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/claim' },
  { method: 'POST', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/contact-attempts' },
  { method: 'PUT', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/safe-contact' },
  { method: 'POST', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/safe-contact/times' },
  { method: 'POST', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/risk-assessments' },
  { method: 'GET', path: '/api/v1/cases/00000000-0000-4000-8000-000000000000/history' },
];

for (const database of testDatabases()) {
  describe(`auth on ${database.name}`, () => {
    let t: TestApp;
    let caseId: string;
    beforeAll(async () => {
      t = await startTestApp(database);
      const res = await t.postReport(createReport({}, 1));
      caseId = ((await res.json()) as { caseId: string }).caseId;
    });
    afterAll(async () => {
      await t?.close();
    });

    it.each(PROTECTED.map((p) => [`${p.method} ${p.path}`, p] as const))('%s needs a session (401 problem+json)', async (_n, p) => {
      const res = await fetch(`${t.url}${p.path}`, { method: p.method });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const forged = await fetch(`${t.url}${p.path}`, { method: p.method, headers: { cookie: '__Host-lantern_session=forged' } });
      expect(forged.status).toBe(401);
    });

    it('keeps the health check public', async () => {
      const res = await fetch(`${t.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('refuses a wrong password with 401 and audits the failure, without the password', async () => {
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'caseworker', password: 'wrong-password' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const rows = await t.db.query<{ details: unknown }>("SELECT details FROM audit_entries WHERE action = 'auth.login-failed'");
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain('wrong-password');
    });

    it('delays further guesses for one username after 5 failures (429 with Retry-After), other users unaffected', async () => {
      const attempt = (username: string, password: string) =>
        fetch(`${t.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      for (let i = 0; i < 5; i++) expect((await attempt('caseworker2', `guess-${i}`)).status).toBe(401);
      const blocked = await attempt('caseworker2', PASSWORD);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await attempt('team-lead', PASSWORD)).status).toBe(200);
    });

    it('answers a malformed sign-in with 400 naming the fields', async () => {
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 42 }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ path: string }> };
      expect(body.errors.map((e) => e.path).sort()).toEqual(['/password', '/username']);
    });

    it('signs in with an http-only SameSite cookie, stores only a hash of the token, and signs out', async () => {
      const res = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'caseworker', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0];
      const token = cookie.slice(cookie.indexOf('=') + 1);
      const sessions = await t.db.query<{ id: string }>('SELECT id FROM sessions');
      expect(sessions.map((s) => s.id)).not.toContain(token);
      const me = await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(await me.json()).toMatchObject({ username: 'caseworker', roles: ['caseworker'] });
      const out = await fetch(`${t.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(204);
      const after = await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(after.status).toBe(401);
    });

    it.each(['officer', 'partner-idva', 'partner-outreach', 'admin'])('refuses case data to %s (403)', async (username) => {
      const { cookie } = await t.login(username);
      for (const path of ['/api/v1/cases', `/api/v1/cases/${caseId}`]) {
        const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
        expect(res.status).toBe(403);
      }
    });

    it.each(['caseworker', 'team-lead', 'auditor'])('lets %s read cases, and audits each read', async (username) => {
      const { cookie } = await t.login(username);
      const me = (await (await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
        id: string;
      };
      const list = await fetch(`${t.url}/api/v1/cases`, { headers: { cookie } });
      expect(list.status).toBe(200);
      const one = await fetch(`${t.url}/api/v1/cases/${caseId}`, { headers: { cookie } });
      expect(one.status).toBe(200);
      const audit = await t.db.query<{ action: string; entity_id: string | null; details: { caseIds?: string[] } }>(
        "SELECT action, entity_id, details FROM audit_entries WHERE actor_id = $1 AND action IN ('case.list', 'case.read') ORDER BY id",
        [me.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['case.list', 'case.read']);
      expect(audit[0].details.caseIds).toContain(caseId);
      expect(audit[1].entity_id).toBe(caseId);
    });

    it('keeps partner users out of every case endpoint', async () => {
      const { cookie } = await t.login('partner-idva');
      const base = `/api/v1/cases/${caseId}`;
      const routes: Array<[string, string]> = [
        ['GET', '/api/v1/cases'],
        ['GET', '/api/v1/cases/counts'],
        ['GET', base],
        ['GET', `${base}/history`],
        ['GET', `${base}/safe-contact`],
        ['PUT', `${base}/safe-contact`],
        ['POST', `${base}/safe-contact/times`],
        ['GET', `${base}/contact-attempts`],
        ['POST', `${base}/contact-attempts`],
        ['POST', `${base}/claim`],
        ['POST', `${base}/assign`],
        ['POST', `${base}/status`],
        ['POST', `${base}/risk-assessments`],
        ['GET', `${base}/callbacks`],
        ['POST', `${base}/callbacks`],
        ['GET', `${base}/needs`],
        ['PUT', `${base}/needs`],
        ['GET', `${base}/safety-plan`],
        ['GET', `${base}/referral-options`],
        ['GET', `${base}/referrals`],
        ['POST', `${base}/referrals`],
        ['POST', `${base}/safeguarding-basis`],
        ['GET', `${base}/consent`],
        ['POST', `${base}/consent`],
        ['GET', '/api/v1/lawful-bases'],
        ['GET', `${base}/contact-summary`],
        ['POST', '/api/v1/cases/next'],
        ['GET', '/api/v1/alerts'],
        ['GET', '/api/v1/callbacks/due'],
        ['GET', '/api/v1/users'],
        ['GET', '/api/v1/partners'],
      ];
      for (const [method, path] of routes) {
        const res = await fetch(`${t.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    });

    it('lists assignable users to team leads only', async () => {
      const lead = (await t.login('team-lead')).cookie;
      const users = (await (await fetch(`${t.url}/api/v1/users`, { headers: { cookie: lead } })).json()) as Array<{ displayName: string }>;
      expect(users.map((u) => u.displayName)).toEqual(['Alex Morgan', 'Jordan Ellis', 'Sam Carter']);
      const cw = (await t.login('caseworker')).cookie;
      expect((await fetch(`${t.url}/api/v1/users`, { headers: { cookie: cw } })).status).toBe(403);
    });

    it('answers an unknown case with 404 and a malformed query with 400', async () => {
      const { cookie } = await t.login('caseworker');
      expect((await fetch(`${t.url}/api/v1/cases/00000000-0000-4000-8000-000000000000`, { headers: { cookie } })).status).toBe(404);
      expect((await fetch(`${t.url}/api/v1/cases/not-a-uuid`, { headers: { cookie } })).status).toBe(404);
      // Cursors this API never issued: not base64 JSON, a score beyond int4, a time PostgreSQL would refuse.
      const cursor = (v: unknown) => `cursor=${Buffer.from(JSON.stringify(v)).toString('base64url')}`;
      const id = '00000000-0000-4000-8000-000000000000';
      const crafted = [
        cursor([2 ** 31, '2026-12-01T00:00:00.000Z', id]),
        cursor([1, '+275760-09-13T00:00:00.000Z', id]),
        cursor([1, '1969-12-31T23:59:59.999Z', id]),
      ];
      for (const q of ['limit=0', 'limit=abc', 'cursor=zzz', ...crafted, 'status=open', 'assignee=bob', 'limit=1&limit=2']) {
        const res = await fetch(`${t.url}/api/v1/cases?${q}`, { headers: { cookie } });
        expect(res.status, q).toBe(400);
      }
    });
  });
}
