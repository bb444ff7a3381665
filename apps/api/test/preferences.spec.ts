import { DEFAULT_PREFERENCES, QUEUE_COLUMNS, type Preferences } from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

interface Problem {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

for (const database of testDatabases()) {
  describe(`preferences (/me/preferences) on ${database.name}`, () => {
    let t: TestApp;
    let caseworker: string;
    let caseworker2: string;

    const call = (method: string, cookie: string | null, body?: unknown, raw?: string) =>
      fetch(`${t.url}/api/v1/me/preferences`, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    beforeAll(async () => {
      t = await startTestApp(database);
      caseworker = (await t.login('caseworker')).cookie;
      caseworker2 = (await t.login('caseworker2')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('answers the defaults before anything is saved, and refuses without a session', async () => {
      const res = await call('GET', caseworker);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(DEFAULT_PREFERENCES);
      expect((await call('GET', null)).status).toBe(401);
      expect((await call('PUT', null, {})).status).toBe(401);
    });

    it('saves the whole document, keeps the fixed columns and fills in what was not sent', async () => {
      const put = await call('PUT', caseworker, {
        queue: { columns: ['area', 'assignee'], density: 'compact' },
        arrivals: { alerts: true },
      });
      expect(put.status).toBe(200);
      const expected: Preferences = {
        // The reference, victim and risk grade cannot be hidden; the order is the queue's own.
        queue: { columns: ['grade', 'victim', 'reference', 'assignee', 'area'], density: 'compact' },
        arrivals: { alerts: true },
      };
      expect(await put.json()).toEqual(expected);
      expect(await (await call('GET', caseworker)).json()).toEqual(expected);
      expect(await t.count('user_preferences')).toBe(1);

      // PUT replaces: a document without `arrivals` turns alerts back to the default (off).
      const again = await call('PUT', caseworker, { queue: { density: 'comfortable' } });
      expect(again.status).toBe(200);
      expect(await (await call('GET', caseworker)).json()).toEqual({
        queue: { columns: [...QUEUE_COLUMNS], density: 'comfortable' },
        arrivals: { alerts: false },
      });
      expect(await t.count('user_preferences')).toBe(1);
    });

    it("one user never reads or changes another's preferences", async () => {
      expect((await call('PUT', caseworker, { queue: { columns: ['waiting'], density: 'compact' } })).status).toBe(200);
      // caseworker2 sees only their own (the defaults), and saving theirs leaves caseworker's as they were.
      expect(await (await call('GET', caseworker2)).json()).toEqual(DEFAULT_PREFERENCES);
      expect((await call('PUT', caseworker2, { arrivals: { alerts: true } })).status).toBe(200);
      const mine = (await (await call('GET', caseworker)).json()) as Preferences;
      expect(mine.queue).toEqual({ columns: ['grade', 'victim', 'reference', 'waiting'], density: 'compact' });
      expect(mine.arrivals.alerts).toBe(false);
      expect(((await (await call('GET', caseworker2)).json()) as Preferences).arrivals.alerts).toBe(true);
    });

    it('refuses unknown keys and bad values with problem+json naming every path, storing nothing', async () => {
      const before = await (await call('GET', caseworker)).json();
      const res = await call('PUT', caseworker, {
        theme: 'dark',
        queue: { columns: ['grade', 'nationalInsurance'], density: 'tiny', width: 3 },
        arrivals: { alerts: 'yes' },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as Problem;
      expect(problem.code).toBe('validation');
      const paths = (problem.errors ?? []).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/theme', '/queue/columns/1', '/queue/density', '/queue/width', '/arrivals/alerts']));
      expect(await (await call('GET', caseworker)).json()).toEqual(before);
    });

    it('refuses a document that is too big, or repeats a column, with 400 problem+json', async () => {
      const big = await call('PUT', caseworker, { queue: { columns: Array.from({ length: 2000 }, () => 'area') } });
      expect(big.status).toBe(400);
      expect(big.headers.get('content-type')).toContain('application/problem+json');
      expect(((await big.json()) as Problem).errors?.map((e) => e.path)).toContain('/queue/columns');
      const padded = await call('PUT', caseworker, undefined, `{"queue":{"density":"compact"},"note":"${'x'.repeat(20_000)}"}`);
      expect(padded.status).toBe(400);
      expect(((await padded.json()) as Problem).errors?.map((e) => e.path)).toContain('/note');
      const repeated = await call('PUT', caseworker, { queue: { columns: ['area', 'area'] } });
      expect(repeated.status).toBe(400);
      for (const body of ['[]', '"compact"', 'null']) expect((await call('PUT', caseworker, undefined, body)).status).toBe(400);
    });

    it('every role may keep preferences (session.use): a partner and an officer too', async () => {
      for (const username of ['partner-idva', 'officer', 'auditor']) {
        const { cookie } = await t.login(username);
        expect((await call('PUT', cookie, { queue: { density: 'compact' } })).status, username).toBe(200);
        expect(((await (await call('GET', cookie)).json()) as Preferences).queue.density, username).toBe('compact');
      }
    });

    it('reads a body sent as application/*+json, which the request checks admit, instead of dropping it', async () => {
      const lead = (await t.login('team-lead')).cookie;
      const put = await fetch(`${t.url}/api/v1/me/preferences`, {
        method: 'PUT',
        headers: { cookie: lead, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ queue: { density: 'compact' } }),
      });
      expect(put.status).toBe(200);
      expect(((await put.json()) as Preferences).queue.density).toBe('compact');
      const bad = await fetch(`${t.url}/api/v1/me/preferences`, {
        method: 'PUT',
        headers: { cookie: lead, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ queue: { density: 'tiny' } }),
      });
      expect(bad.status).toBe(400);
    });

    it('answers a body that is not JSON, or too large, with its own problem, never quoting the body', async () => {
      const lead = (await t.login('team-lead')).cookie;
      const broken = await call('PUT', lead, undefined, '{"queue":{"density":"Jane Doe 07700 900123"x}}');
      expect(broken.status).toBe(400);
      const problem = (await broken.json()) as { code: string; detail: string; errors: unknown };
      expect(problem.code).toBe('validation');
      expect(problem.errors).toEqual([{ path: '/', message: 'body is not valid JSON' }]);
      expect(JSON.stringify(problem)).not.toContain('Jane Doe');
      const huge = await call('PUT', lead, { queue: { density: 'x'.repeat(1_100_000) } });
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as { code: string }).code).toBe('too-large');
    });
  });
}
