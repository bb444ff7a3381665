import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '@lantern/api/audit';
import { createDataSource, openDatabase } from '@lantern/api/data-access';
import { createReport, merge } from '@lantern/shared/testing';
import { RealtimeGateway } from '@lantern/api/realtime';
import { SocketEvents, type AuditPage, type AuditVerification, type CaseHistoryEntry, type CaseChangedEvent } from '@lantern/shared/domain';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@lantern/api/core';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';

const GENESIS = '0'.repeat(64);

describe('DATABASE_APP_ROLE', () => {
  it('is a plain role name, since it is written into a connection option and GRANT statements', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_APP_ROLE: 'lantern_app' }).databaseAppRole).toBe('lantern_app');
    expect(loadConfig({ NODE_ENV: 'test' }).databaseAppRole).toBeUndefined();
    for (const bad of ['Lantern', 'app -c x=1', 'a"; DROP TABLE audit_entries; --', '1app']) {
      expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_APP_ROLE: bad })).toThrow(ConfigError);
    }
  });
});

for (const database of testDatabases()) {
  describe(`the audit trail on ${database.name}`, () => {
    let t: TestApp;
    let auditor: string;
    let cw: string;
    let partner: string;
    let cwId: string;
    let auditorId: string;
    let caseId: string;
    let otherCaseId: string;
    let n = 0;

    const call = (cookie: string | null, path: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/v1${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    const search = async (query: string) => {
      const res = await call(auditor, `/audit?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as AuditPage;
    };
    const verify = async () => {
      const res = await call(auditor, '/audit/verify');
      expect(res.status).toBe(200);
      return (await res.json()) as AuditVerification;
    };
    const newCase = async () => {
      const i = 4100 + n++;
      // Consent to share given: the MARAC form below is a draft, which needs it (or a criterion, or a lead's basis).
      const res = await t.postReport(createReport({ victim: { personId: `P0AU${i}` }, consent: { informationSharing: 'given' } }, i));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const userId = async (username: string) =>
      (await t.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;

    /** The caseworker's live socket, ready, and the case.changed events it hears. */
    const caseworkerSocket = async () => {
      const s = t.socket(null, { cookie: cw });
      await new Promise<void>((resolve, reject) => {
        s.once(SocketEvents.ready, () => resolve());
        s.once('connect_error', reject);
      });
      const events: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      return { s, events };
    };
    /** case.pushed entries naming the caseworker among a case's recipients. */
    const pushedToCaseworker = async (caseId: string) =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_entries WHERE action = 'case.pushed' AND entity_id = $1 AND details->'recipients' @> jsonb_build_array($2::text)",
          [caseId, cwId],
        )
      )[0].n;

    beforeAll(async () => {
      t = await startTestApp(database);
      [auditor, cw, partner] = await Promise.all(['auditor', 'caseworker', 'partner-idva'].map(async (u) => (await t.login(u)).cookie));
      [cwId, auditorId] = await Promise.all([userId('caseworker'), userId('auditor')]);
      caseId = await newCase();
      otherCaseId = await newCase();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('chains every entry to the one before it, in id order, from 64 zeros', async () => {
      const rows = await t.db.query<{ id: string; prev_hash: string; hash: string }>(
        'SELECT id, prev_hash, hash FROM audit_entries ORDER BY id',
      );
      expect(rows.length).toBeGreaterThan(3);
      expect(rows[0].prev_hash).toBe(GENESIS);
      for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
      for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      const v = await verify();
      expect(v).toMatchObject({
        valid: true,
        lastId: expect.stringMatching(/^[0-9]+$/),
        lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(v.entries).toBeGreaterThanOrEqual(rows.length);
    });

    it('refuses UPDATE, DELETE and TRUNCATE of audit entries, even for the table owner', async () => {
      const [{ id }] = await t.db.query<{ id: string }>('SELECT max(id)::text AS id FROM audit_entries');
      await expect(t.db.query("UPDATE audit_entries SET action = 'case.nothing' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_entries WHERE id = $1', [id])).rejects.toThrow(/append-only/);
      await expect(t.db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
      expect(await t.db.query('SELECT 1 FROM audit_entries WHERE id = $1', [id])).toHaveLength(1);
    });

    it('keeps the chain unbroken under concurrent audited writes, rolled-back ones among them', async () => {
      const audit = t.app.get(AuditService);
      const writes = Array.from({ length: 24 }, (_, i) =>
        t.db.transaction(async (m) => {
          await audit.record(m, { actor: { type: 'system' }, action: 'test.concurrent', entityType: 'test', entityId: String(i) });
          // Hold the transaction open so the others queue behind its lock, and interleave differently each time.
          await m.query('SELECT pg_sleep($1)', [(i % 4) / 200]);
          await audit.record(m, { actor: { type: 'system' }, action: 'test.concurrent', entityType: 'test', entityId: `${i}b` });
          if (i % 5 === 0) throw new Error('rolled back');
        }),
      );
      // HTTP reads that audit, at the same time as the direct writes.
      const reads = Array.from({ length: 8 }, () => call(cw, `/cases/${caseId}`));
      const results = await Promise.allSettled([...writes, ...reads]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
      expect(await t.count("audit_entries WHERE action = 'test.concurrent'")).toBe(38);
      const entries = await t.count('audit_entries');
      const v = await verify();
      expect(v.valid).toBe(true);
      expect(v.firstBrokenId).toBeUndefined();
      expect(v.entries).toBeGreaterThanOrEqual(entries);
    });

    it('audits the contact summary and the MARAC form download per case, with the user', async () => {
      // The MARAC form is the assignee's (or a team lead's) to make: the caseworker claims the case first.
      await claim(t, cw, caseId);
      expect((await call(cw, `/cases/${caseId}/contact-summary`)).status).toBe(200);
      const pdf = await call(cw, `/cases/${caseId}/marac-referral`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const page = await search(`caseId=${caseId}&userId=${cwId}`);
      const actions = page.entries.map((e) => e.action);
      expect(actions.slice(0, 2)).toEqual(['case.marac-form', 'case.contact-summary-read']);
      expect(actions).toContain('case.read');
      for (const e of page.entries) expect(e.actor).toEqual({ type: 'user', id: cwId, username: 'caseworker', displayName: 'Sam Carter' });
      expect((await search(`caseId=${otherCaseId}&action=case.marac-form`)).entries).toEqual([]);
    });

    it('keeps an auditor’s looking out of the case’s history (an investigation must not show to who it is about)', async () => {
      const looked = await newCase();
      expect((await call(cw, `/cases/${looked}`)).status).toBe(200);
      // The auditor opens the case and searches the trail by it and by the caseworker.
      expect((await call(auditor, `/cases/${looked}`)).status).toBe(200);
      expect((await call(auditor, `/cases/${looked}/history`)).status).toBe(200);
      await search(`caseId=${looked}&userId=${cwId}`);
      const history = (await (await call(cw, `/cases/${looked}/history`)).json()) as CaseHistoryEntry[];
      expect(history.some((e) => e.action === 'case.read' && e.actor.id === cwId)).toBe(true);
      expect(history.filter((e) => e.actor.id === auditorId || e.action.startsWith('audit.'))).toEqual([]);
      expect(JSON.stringify(history)).not.toContain(auditorId);
      // The trail itself keeps it all.
      const trail = await search(`caseId=${looked}&userId=${auditorId}`);
      expect(trail.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['case.read', 'case.history-read']));
    });

    it('finds what was pushed live to a user’s screen by seenBy (userId stays the actor)', async () => {
      const { s, events } = await caseworkerSocket();
      try {
        const pushed = await newCase();
        await waitFor(() => events.find((e) => e.caseId === pushed));
        // The entry is written just after the event is sent (recordPushes).
        for (const started = Date.now(); (await pushedToCaseworker(pushed)) === 0 && Date.now() - started < 5000; )
          await new Promise((r) => setTimeout(r, 20));
        expect(await pushedToCaseworker(pushed)).toBe(1);
        const page = await search(`seenBy=${cwId}&caseId=${pushed}`);
        expect(page.entries.map((e) => [e.action, e.actor.type, e.entityId])).toEqual([['case.pushed', 'system', pushed]]);
        expect(page.entries[0].details['recipients']).toContain(cwId);
        // "What did the caseworker do" stays theirs alone.
        expect((await search(`userId=${cwId}&caseId=${pushed}`)).entries).toEqual([]);
      } finally {
        s.close();
      }
    });

    it('finds a referral document download by its case', async () => {
      const i = 4100 + n++;
      const report = merge(createReport({ victim: { personId: `P0AU${i}` }, incident: { previousIncidents12Months: 0 } }, i), {
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      const created = await t.postReport(report);
      expect(created.status).toBe(201);
      const referredCase = ((await created.json()) as { caseId: string }).caseId;
      await claim(t, cw, referredCase);
      const sent = await fetch(`${t.url}/api/v1/cases/${referredCase}/referrals`, {
        method: 'POST',
        headers: { cookie: cw, 'content-type': 'application/json' },
        body: JSON.stringify({ partnerId: 'idva', service: 'idva' }),
      });
      expect(sent.status).toBe(201);
      const { id } = (await sent.json()) as { id: string };
      expect((await call(cw, `/referrals/${id}/document`)).status).toBe(200);
      const [entry] = (await search(`caseId=${referredCase}&action=referral.document`)).entries;
      expect(entry).toMatchObject({
        actor: { id: cwId },
        entityType: 'referral',
        entityId: id,
        details: { caseId: referredCase, partnerId: 'idva' },
      });
    });

    it('keeps every unrecorded push for the next write, and stops live pushes while too many wait (fails closed)', async () => {
      const gateway = t.app.get(RealtimeGateway);
      const { s, events } = await caseworkerSocket();
      await t.db.query(
        `CREATE FUNCTION test_refuse_push() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF NEW.action = 'case.pushed' THEN RAISE EXCEPTION 'audit down'; END IF; RETURN NEW; END $$`,
      );
      const pushedFor = pushedToCaseworker;
      try {
        gateway.maxUnrecordedPushes = 1;
        await t.db.query('CREATE TRIGGER test_refuse_push BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_push()');
        // The first goes out and its entry waits; with the backlog full, the next is held back.
        const shown = await newCase();
        await waitFor(() => events.find((e) => e.caseId === shown));
        const held = await newCase();
        await new Promise((r) => setTimeout(r, 1500));
        expect(events.some((e) => e.caseId === held)).toBe(false);
        expect(await pushedFor(shown)).toBe(0);
        // The audit write works again: the waiting entry is written (the relay's next tick), and pushes go out again.
        await t.db.query('DROP TRIGGER test_refuse_push ON audit_entries');
        for (const started = Date.now(); (await pushedFor(shown)) === 0 && Date.now() - started < 5000; )
          await new Promise((r) => setTimeout(r, 50));
        expect(await pushedFor(shown)).toBe(1);
        const after = await newCase();
        await waitFor(() => events.find((e) => e.caseId === after));
      } finally {
        gateway.maxUnrecordedPushes = 20_000;
        s.close();
        await t.db.query('DROP TRIGGER IF EXISTS test_refuse_push ON audit_entries');
        await t.db.query('DROP FUNCTION test_refuse_push()');
      }
    });

    it('searches by case, user, action (or family) and time, newest first, and pages with a cursor', async () => {
      const before = new Date(Date.now() - 1).toISOString();
      for (let i = 0; i < 5; i++) expect((await call(cw, `/cases/${otherCaseId}/contact-summary`)).status).toBe(200);
      const all = await search(`caseId=${otherCaseId}&action=case.contact-summary-read`);
      expect(all.entries).toHaveLength(5);
      expect(all.nextCursor).toBeNull();
      const ids = all.entries.map((e) => BigInt(e.id));
      expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
      expect(all.entries[0]).toMatchObject({ entityType: 'case', entityId: otherCaseId, details: {} });

      // Keyset pages of 2: 2 + 2 + 1, no entry twice, the same order.
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: AuditPage = await search(
          `caseId=${otherCaseId}&action=case.contact-summary-read&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.entries.map((e) => e.id));

      const family = await search(`userId=${cwId}&action=case.*&limit=500`);
      expect(family.entries.length).toBeGreaterThan(5);
      expect(family.entries.every((e) => e.action.startsWith('case.') && e.actor.id === cwId)).toBe(true);
      const later = await search(`action=case.contact-summary-read&from=${encodeURIComponent(before)}`);
      expect(later.entries).toHaveLength(5);
      const earlier = await search(`action=case.contact-summary-read&to=${encodeURIComponent(before)}`);
      expect(earlier.entries.every((e) => e.entityId === caseId)).toBe(true);
      // A list read names its cases in details.caseIds: the search by case finds it.
      expect((await call(cw, '/cases')).status).toBe(200);
      expect((await search(`caseId=${otherCaseId}&action=case.list`)).entries.length).toBeGreaterThan(0);
    });

    it('refuses bad filters with a 400 naming every path', async () => {
      const res = await call(auditor, '/audit?caseId=nope&limit=0&from=yesterday&action=DROP%20TABLE&cursor=-1&bogus=1');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = (await res.json()) as { errors: Array<{ path: string }> };
      expect(new Set(body.errors.map((e) => e.path))).toEqual(new Set(['/caseId', '/limit', '/from', '/action', '/cursor', '/bogus']));
      const order = await call(auditor, '/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
      expect(order.status).toBe(400);
      expect(((await order.json()) as { errors: Array<{ path: string }> }).errors).toEqual([
        { path: '/to', message: 'must be later than from' },
      ]);
    });

    it('exports CSV (format=csv or Accept: text/csv), formula-like cells escaped', async () => {
      const audit = t.app.get(AuditService);
      await t.db.transaction((m) =>
        audit.record(m, { actor: { type: 'system' }, action: 'test.csv', entityType: 'test', entityId: '=HYPERLINK("http://x")' }),
      );
      for (const res of [
        await call(auditor, '/audit?action=test.csv&format=csv'),
        await call(auditor, '/audit?action=test.csv', { accept: 'text/csv' }),
      ]) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-store');
        const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ action: 'test.csv', actor_type: 'system', entity_id: `'=HYPERLINK("http://x")`, details: '{}' });
      }
    });

    it('lets auditors in and refuses everyone else, recording each refusal with the route pattern, user and address', async () => {
      const before = await t.count("audit_entries WHERE action = 'request.refused'");
      expect((await call(cw, '/audit')).status).toBe(403);
      expect((await call(cw, '/audit/verify')).status).toBe(403);
      expect((await call(null, '/audit?caseId=' + caseId)).status).toBe(401);
      expect((await call(partner, `/cases/${caseId}?x=1`)).status).toBe(403);
      const rows = await t.db.query<{ actor_type: string; actor_id: string | null; entity_id: string; details: Record<string, unknown> }>(
        "SELECT actor_type, actor_id, entity_id, details FROM audit_entries WHERE action = 'request.refused' ORDER BY id",
      );
      const mine = rows.slice(before);
      expect(mine).toHaveLength(4);
      expect(mine[0]).toEqual({
        actor_type: 'user',
        actor_id: cwId,
        entity_id: '/api/v1/audit',
        details: { method: 'GET', route: '/api/v1/audit', status: 403, userId: cwId, address: expect.stringMatching(/127\.0\.0\.1|::1/) },
      });
      expect(mine[1].details['route']).toBe('/api/v1/audit/verify');
      expect(mine[2]).toMatchObject({
        actor_type: 'anonymous',
        actor_id: null,
        details: { status: 401, userId: null, route: '/api/v1/audit' },
      });
      // The pattern, never the raw URL with its ids and query.
      expect(mine[3].details).toMatchObject({ route: '/api/v1/cases/:id', status: 403 });
      expect(JSON.stringify(mine)).not.toContain(caseId);
    });

    it('still answers 401/403 (never 500) when the refusal cannot be recorded', async () => {
      await t.db.query(
        `CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$`,
      );
      await t.db.query('CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()');
      try {
        expect((await call(cw, '/audit')).status).toBe(403);
        expect((await call(null, '/audit')).status).toBe(401);
      } finally {
        await t.db.query('DROP TRIGGER test_refuse_audit ON audit_entries');
        await t.db.query('DROP FUNCTION test_refuse_audit()');
      }
    });

    it('audits the auditor: every search, export and verification is an audit.read entry', async () => {
      await search(`caseId=${caseId}`);
      await verify();
      const rows = await t.db.query<{ actor_id: string; details: Record<string, unknown> }>(
        "SELECT actor_id, details FROM audit_entries WHERE action = 'audit.read' ORDER BY id DESC LIMIT 2",
      );
      expect(rows[1]).toEqual({ actor_id: auditorId, details: { caseId, format: 'json', returned: expect.any(Number) } });
      expect(rows[0]).toEqual({ actor_id: auditorId, details: { verify: true, valid: true, entries: expect.any(Number) } });
    });

    // Last: it leaves the chain broken.
    it('reports the first tampered entry: its content no longer matches its hash', async () => {
      const [{ id }] = await t.db.query<{ id: string }>(
        "SELECT id::text AS id FROM audit_entries WHERE action = 'case.contact-summary-read' ORDER BY id LIMIT 1",
      );
      // Only the owner's DDL gets past the trigger: what an attacker with the owner's password would have to do.
      await t.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
        await m.query(`UPDATE audit_entries SET details = '{"failed": 0}' WHERE id = $1`, [id]);
        await m.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
      });
      const v = await verify();
      expect(v).toMatchObject({ valid: false, firstBrokenId: id });
      // Rewriting the hash too does not hide it: the next entry's link breaks instead.
      await t.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
        await m.query(
          `UPDATE audit_entries SET hash = audit_entry_hash(prev_hash, id, at, actor_type, actor_id, action, entity_type, entity_id, details)
            WHERE id = $1`,
          [id],
        );
        await m.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
      });
      const [{ next }] = await t.db.query<{ next: string }>('SELECT min(id)::text AS next FROM audit_entries WHERE id > $1', [id]);
      expect(await verify()).toMatchObject({ valid: false, firstBrokenId: next });
    });
  });
}

for (const database of testDatabases()) {
  describe(`the audit-trail migration on ${database.name}`, () => {
    it('chains the entries written before it, then refuses to change them', async () => {
      const url = await database.create();
      const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'lantern-audit-'));
      try {
        // The schema as it was before the audit-trail migration, with entries in it.
        const before = createDataSource({ databaseUrl: url, dataDir });
        const all = before.options.migrations as Array<{ name: string }>;
        const stamp = (m: { name: string }) => Number(/\d{13}$/.exec(m.name)?.[0]);
        before.setOptions({ migrations: all.filter((m) => stamp(m) < 1764200000000) as typeof before.options.migrations });
        await before.initialize();
        await before.runMigrations({ transaction: 'each' });
        await before.query(
          `INSERT INTO audit_entries (at, actor_type, actor_id, action, entity_type, entity_id, details) VALUES
             ('2026-11-01T09:00:00.123456Z', 'system', NULL, 'report.created', 'case', 'c1', '{"revision": 1}'),
             ('2026-11-01T09:05:00Z', 'user', 'u1', 'case.read', 'case', 'c1', '{}'),
             ('2026-11-01T09:06:00Z', 'feed', 'f1', 'report.received', NULL, NULL, '{"b": [1, 2], "a": "x"}')`,
        );
        await before.destroy();

        const after = await openDatabase({ databaseUrl: url, dataDir });
        try {
          const rows: Array<{ prev_hash: string; hash: string; recomputed: string }> = await after.query(
            `SELECT prev_hash, hash,
                    audit_entry_hash(prev_hash, id, at, actor_type, actor_id, action, entity_type, entity_id, details) AS recomputed
               FROM audit_entries ORDER BY id`,
          );
          expect(rows).toHaveLength(3);
          expect(rows[0].prev_hash).toBe(GENESIS);
          expect(rows[1].prev_hash).toBe(rows[0].hash);
          expect(rows[2].prev_hash).toBe(rows[1].hash);
          for (const r of rows) expect(r.hash).toBe(r.recomputed);
          // The next entry continues the chain.
          const [next]: Array<{ prev_hash: string }> = await after.query(
            "INSERT INTO audit_entries (actor_type, action) VALUES ('system', 'test.after') RETURNING prev_hash",
          );
          expect(next.prev_hash).toBe(rows[2].hash);
          await expect(after.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
        } finally {
          await after.destroy();
        }
      } finally {
        await database.drop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}

// Least privilege needs real roles: PostgreSQL only.
const postgres = testDatabases().find((d) => d.name === 'postgres');
describe.runIf(postgres)('the application role on postgres (DATABASE_APP_ROLE)', () => {
  const role = `lantern_app_${randomBytes(4).toString('hex')}`;
  const adminUrl = process.env['DATABASE_URL'] ?? '';
  let t: TestApp;

  const asOwner = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: t.config.databaseUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} NOLOGIN`);
    await admin.end();
    if (!postgres) throw new Error('runs only with DATABASE_URL');
    t = await startTestApp(postgres, { DATABASE_APP_ROLE: role });
  });
  afterAll(async () => {
    await t?.close();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('may INSERT and SELECT audit entries, and is refused UPDATE, DELETE and TRUNCATE', async () => {
    await asOwner(async (c) => {
      await c.query(`SET ROLE ${role}`);
      const inserted = await c.query<{ id: string; hash: string }>(
        "INSERT INTO audit_entries (actor_type, action) VALUES ('system', 'test.as-app-role') RETURNING id::text AS id, hash",
      );
      expect(inserted.rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
      const { id } = inserted.rows[0];
      expect((await c.query('SELECT action FROM audit_entries WHERE id = $1', [id])).rows).toEqual([{ action: 'test.as-app-role' }]);
      for (const sql of [
        `UPDATE audit_entries SET action = 'x' WHERE id = ${id}`,
        `DELETE FROM audit_entries WHERE id = ${id}`,
        'TRUNCATE audit_entries',
      ]) {
        // 42501: permission denied, by the grants (before the trigger would refuse it anyway).
        await expect(c.query(sql)).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(/permission denied for table audit_entries/),
        });
      }
      // The role cannot switch the trigger off either: that is the owner's DDL.
      await expect(c.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only')).rejects.toMatchObject({ code: '42501' });
      const grants = await c.query<{ privilege_type: string }>(
        "SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'audit_entries' AND grantee = $1 ORDER BY 1",
        [role],
      );
      expect(grants.rows.map((g) => g.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });
    // The trigger of case_queue (migration 1764470000000) writes with the writer's rights: the role has them there.
    await asOwner(async (c) => {
      const grants = await c.query<{ privilege_type: string }>(
        "SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'case_queue' AND grantee = $1 ORDER BY 1",
        [role],
      );
      expect(grants.rows.map((g) => g.privilege_type)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
      // The SLA clock (migration 1764480000000) is moved on by the runtime role.
      const clock = await c.query<{ privilege_type: string }>(
        "SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'sla_clock' AND grantee = $1 ORDER BY 1",
        [role],
      );
      expect(clock.rows.map((g) => g.privilege_type)).toEqual(['SELECT', 'UPDATE']);
      // The hub's queue weights (migration 1764520000000) and the list-read tally (1764530000000), written by the API;
      // the open cases' tally (1764570000000), written by case_queue's triggers with the writer's rights and folded.
      for (const [table, privileges] of [
        ['queue_weights', ['INSERT', 'SELECT', 'UPDATE']],
        ['list_read_tally', ['DELETE', 'INSERT', 'SELECT', 'UPDATE']],
        ['case_queue_tally', ['DELETE', 'INSERT', 'SELECT', 'UPDATE']],
      ] as const) {
        const granted = await c.query<{ privilege_type: string }>(
          'SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = $1 AND grantee = $2 ORDER BY 1',
          [table, role],
        );
        expect(
          granted.rows.map((g) => g.privilege_type),
          table,
        ).toEqual(privileges);
      }
    });
    // The entry the role wrote is part of an intact chain.
    const auditor = (await t.login('auditor')).cookie;
    const v = (await (await fetch(`${t.url}/api/v1/audit/verify`, { headers: { cookie: auditor } })).json()) as AuditVerification;
    expect(v.valid).toBe(true);
  });
});
