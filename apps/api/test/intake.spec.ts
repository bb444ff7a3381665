import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, generateReport } from '@lantern/shared/testing';
import type { CaseDetail, ProblemDetails } from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations, SHARED, startTestApp, testDatabases, type TestApp } from './harness';

const TABLES = ['reports', 'cases', 'persons', 'outbox'] as const;

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await t.count(table);
  return out;
}

function minutesFromNow(m: number): string {
  return new Date(Date.now() + m * 60_000).toISOString();
}

interface HostileCase {
  name: string;
  status: number;
  /** JSON pointer(s) that must be named in errors (400 only). */
  paths?: string[];
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  key?: string | null;
}

/** Hostile and malformed inputs beyond ../shared/data/invalid-reports.json. Each must store nothing. */
function hostileCases(): HostileCase[] {
  const r = () => createReport({}, 9001);
  const big = 'x'.repeat(300 * 1024);
  let deep = '1';
  for (let i = 0; i < 50_000; i++) deep = `[${deep}]`;
  return [
    { name: 'no key', status: 401, body: r(), key: null },
    { name: 'wrong key', status: 401, body: r(), key: 'not-a-key' },
    { name: 'basic auth instead of bearer', status: 401, body: r(), key: null, contentType: 'application/json' },
    { name: 'over 256 KiB', status: 413, raw: JSON.stringify({ ...r(), pad: big }) },
    { name: 'form encoded', status: 415, raw: 'a=1', contentType: 'application/x-www-form-urlencoded' },
    { name: 'json with latin1 charset', status: 415, raw: JSON.stringify(r()), contentType: 'application/json; charset=latin1' },
    { name: 'no content type', status: 415, raw: JSON.stringify(r()), contentType: '' },
    { name: 'empty body', status: 400, raw: '' },
    { name: 'null', status: 400, raw: 'null', paths: ['/'] },
    { name: 'string', status: 400, raw: '"report"', paths: ['/'] },
    { name: 'invalid utf-8', status: 400, raw: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) },
    { name: 'deep nesting', status: 400, raw: `{"schemaVersion":"1","x":${deep}}` },
    { name: 'trailing garbage', status: 400, raw: `${JSON.stringify(r())} {}` },
    {
      name: '__proto__ key',
      status: 400,
      raw: JSON.stringify(r()).replace('"victim":{', '"victim":{"__proto__":{"admin":true},'),
      paths: ['/victim/__proto__'],
    },
    {
      name: 'constructor key',
      status: 400,
      raw: JSON.stringify(r()).replace('"incident":{', '"incident":{"constructor":1,'),
      paths: ['/incident/constructor'],
    },
    { name: 'prototype key at top', status: 400, raw: JSON.stringify({ prototype: 1, ...r() }), paths: ['/prototype'] },
    { name: 'NUL in summary', status: 400, body: createReport({ incident: { summary: 'a\u0000b' } }, 9001), paths: ['/incident/summary'] },
    {
      name: 'carriage return in name',
      status: 400,
      body: createReport({ victim: { firstName: 'Ann\rX' } }, 9001),
      paths: ['/victim/firstName'],
    },
    {
      name: 'DEL char in reference-free field',
      status: 400,
      body: createReport({ officer: { collarNumber: 'PC\u007f1' } }, 9001),
      paths: ['/officer/collarNumber'],
    },
    {
      name: 'unpaired high surrogate',
      status: 400,
      raw: JSON.stringify(r()).replace('"summary":"', '"summary":"\\ud800 '),
      paths: ['/incident/summary'],
    },
    { name: 'unpaired low surrogate in key', status: 400, raw: JSON.stringify(r()).replace('"victim":{', '"victim":{"\\udc00":1,') },
    { name: 'blank area', status: 400, body: createReport({ incident: { area: '   ' } }, 9001), paths: ['/incident/area'] },
    {
      name: 'blank summary tab only',
      status: 400,
      body: createReport({ incident: { summary: '\t\n ' } }, 9001),
      paths: ['/incident/summary'],
    },
    { name: 'blank force', status: 400, body: createReport({ source: { force: '   ' } }, 9001), paths: ['/source/force'] },
    // Invisible characters only (text pasted from an e-mail): blank, like spaces.
    {
      name: 'first name of a zero-width space',
      status: 400,
      body: createReport({ victim: { firstName: '\u200B' } }, 9001),
      paths: ['/victim/firstName'],
    },
    {
      name: 'blank collar number',
      status: 400,
      body: createReport({ officer: { collarNumber: ' ' } }, 9001),
      paths: ['/officer/collarNumber'],
    },
    {
      name: 'sentAt an hour ahead',
      status: 400,
      body: createReport({ source: { sentAt: minutesFromNow(60) } }, 9001),
      paths: ['/source/sentAt'],
    },
    {
      name: 'occurred and reported in the future',
      status: 400,
      body: createReport({ incident: { occurredAt: minutesFromNow(30), reportedAt: minutesFromNow(40) } }, 9001),
      paths: ['/incident/occurredAt', '/incident/reportedAt'],
    },
    {
      name: 'consent recorded tomorrow',
      status: 400,
      body: createReport({ consent: { recordedAt: minutesFromNow(24 * 60) } }, 9001),
      paths: ['/consent/recordedAt'],
    },
    {
      name: 'victim born in the future',
      status: 400,
      body: createReport({ victim: { dateOfBirth: '2099-01-01' } }, 9001),
      paths: ['/victim/dateOfBirth'],
    },
    {
      name: 'victim born after the incident',
      status: 400,
      body: createReport(
        {
          incident: { occurredAt: minutesFromNow(-3 * 24 * 60), reportedAt: minutesFromNow(-60) },
          victim: { dateOfBirth: minutesFromNow(-24 * 60).slice(0, 10) },
        },
        9001,
      ),
      paths: ['/victim/dateOfBirth'],
    },
    {
      name: 'victim born 130 years ago',
      status: 400,
      body: createReport({ victim: { dateOfBirth: '1890-05-05' } }, 9001),
      paths: ['/victim/dateOfBirth'],
    },
    {
      name: 'suspect impossible date',
      status: 400,
      body: createReport({ suspect: { dateOfBirth: '1990-02-30' } }, 9001),
      paths: ['/suspect/dateOfBirth'],
    },
    {
      name: 'timestamp without zone',
      status: 400,
      body: createReport({ source: { sentAt: '2026-10-01T10:00:00' } }, 9001),
      paths: ['/source/sentAt'],
    },
    {
      name: 'dash answers with dara',
      status: 400,
      body: createReport({ officerRiskAssessment: { tool: 'dara', riskLevel: 'high', dash: { q1: 'yes' } } }, 9001),
      paths: ['/officerRiskAssessment/dash'],
    },
    {
      name: 'dash q0',
      status: 400,
      body: createReport({ officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q0: 'yes' } as never } }, 9001),
      paths: ['/officerRiskAssessment/dash/q0'],
    },
    { name: 'revision 1001', status: 400, body: createReport({ revision: 1001 }, 9001), paths: ['/revision'] },
    { name: 'revision fractional', status: 400, body: createReport({ revision: 1.5 }, 9001), paths: ['/revision'] },
    {
      name: 'suspect phone over 30 characters',
      status: 400,
      body: createReport({ suspect: { phone: '0'.repeat(31) } }, 9001),
      paths: ['/suspect/phone'],
    },
    {
      name: 'negative previous incidents',
      status: 400,
      body: createReport({ incident: { previousIncidents12Months: -1 } }, 9001),
      paths: ['/incident/previousIncidents12Months'],
    },
    {
      name: '21 children',
      status: 400,
      body: createReport({ children: Array.from({ length: 21 }, () => ({ ageYears: 3 })) }, 9001),
      paths: ['/children'],
    },
    { name: 'bad email', status: 400, body: createReport({ victim: { email: 'not an email' } }, 9001), paths: ['/victim/email'] },
    { name: 'unknown gender', status: 400, body: createReport({ victim: { gender: 'x' as never } }, 9001), paths: ['/victim/gender'] },
    { name: 'unknown system', status: 400, body: createReport({ source: { system: 'fax' as never } }, 9001), paths: ['/source/system'] },
    {
      name: 'reference with SQL',
      status: 400,
      body: createReport({ reference: "HC/1'; DROP TABLE cases;--" }, 9001),
      paths: ['/reference'],
    },
    {
      name: 'many failures at once are all named',
      status: 400,
      body: { ...createReport({ victim: { firstName: '' }, incident: { area: '' } }, 9001), revision: 0, reference: 'x' },
      paths: ['/victim/firstName', '/incident/area', '/revision', '/reference'],
    },
    {
      // RFC 3339 allows it; a JavaScript Date cannot hold it (it became an Invalid Date past the schema).
      name: 'a leap second',
      status: 400,
      body: createReport({ incident: { occurredAt: '2026-06-30T23:59:60Z' } }, 9001),
      paths: ['/incident/occurredAt'],
    },
    { name: 'another force', status: 403, body: createReport({ source: { force: 'Bedfordshire Police' } }, 9001) },
  ];
}

for (const database of testDatabases()) {
  describe(`intake on ${database.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(database);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('accepts a valid report: 201, a case in the queue, an outbox row and an audit entry', async () => {
      const report = createReport({}, 1);
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { reportId: string; caseId: string; status: string };
      expect(body.status).toBe('created');
      const [c] = await t.db.query<{ reference: string; version: number }>('SELECT reference, version FROM cases WHERE id = $1', [
        body.caseId,
      ]);
      expect(c.reference).toBe(report.reference);
      const audit = await t.db.query('SELECT 1 FROM audit_entries WHERE action = $1 AND entity_id = $2', ['report.created', body.caseId]);
      expect(audit).toHaveLength(1);
      const outbox = await t.db.query('SELECT 1 FROM outbox WHERE aggregate_id = $1', [body.caseId]);
      expect(outbox).toHaveLength(1);
    });

    it('takes the contract of 2026-12-01: suspect.phone stored as sent, earlier incidents plus this one for escalation', async () => {
      const post = async (personId: string, previous: number, i: number) => {
        const res = await t.postReport(
          createReport({ victim: { personId }, suspect: { phone: '07700 900666' }, incident: { previousIncidents12Months: previous } }, i),
        );
        expect(res.status).toBe(201);
        const { caseId, reportId } = (await res.json()) as { caseId: string; reportId: string };
        const [c] = await t.db.query<{ marac_reasons: string[] }>('SELECT marac_reasons FROM cases WHERE id = $1', [caseId]);
        const [r] = await t.db.query<{ body: { suspect: { phone: string } } }>('SELECT body FROM reports WHERE id = $1', [reportId]);
        return { reasons: c.marac_reasons, suspectPhone: r.body.suspect.phone };
      };
      // Two incidents before this one + this one = 3 in 12 months: potential escalation. One before: 2, not yet.
      expect(await post('P0ESC2', 2, 9201)).toEqual({
        reasons: expect.arrayContaining(['potential-escalation']),
        suspectPhone: '07700 900666',
      });
      expect((await post('P0ESC1', 1, 9202)).reasons).not.toContain('potential-escalation');
    });

    const shared = join(SHARED, 'data/invalid-reports.json');
    const known: Array<{ name: string; contentType: string; body: unknown; expect: number }> = existsSync(shared)
      ? JSON.parse(readFileSync(shared, 'utf8'))
      : [];
    it.each(known.map((k) => [k.name, k] as const))('known-bad input %s gets its 4xx and stores nothing', async (_n, k) => {
      const before = await counts(t);
      const raw = typeof k.body === 'string' ? k.body : JSON.stringify(k.body);
      const res = await t.postReport(undefined, { raw, contentType: k.contentType });
      expect(res.status).toBe(k.expect);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await counts(t)).toEqual(before);
    });

    it.each(hostileCases().map((h) => [h.name, h] as const))(
      'hostile input "%s" gets the right 4xx, problem+json, stores nothing',
      async (_n, h) => {
        const before = await counts(t);
        const res = await t.postReport(h.body, { raw: h.raw, contentType: h.contentType, key: h.key });
        expect(res.status).toBe(h.status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await res.json()) as ProblemDetails;
        expect(problem).toMatchObject({ status: h.status, type: expect.any(String), title: expect.any(String) });
        if (h.status === 400) {
          expect(problem.errors?.length).toBeGreaterThan(0);
          for (const p of h.paths ?? []) expect(problem.errors?.map((e) => e.path)).toContain(p);
        }
        expect(await counts(t)).toEqual(before);
      },
    );

    it('holds the idempotency table: duplicate, conflict, revised, stale', async () => {
      const v1 = createReport({}, 2);
      const first = await t.postReport(v1);
      expect(first.status).toBe(201);
      const created = (await first.json()) as { caseId: string; reportId: string };

      // The same report with its keys in another order is the same body: a retry.
      const reordered = Object.fromEntries(Object.entries(v1).reverse());
      const retry = await t.postReport(reordered);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ ...created, status: 'duplicate' });

      const before = await counts(t);
      const conflict = await t.postReport({ ...v1, incident: { ...v1.incident, summary: 'A different narrative.' } });
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await counts(t)).toEqual(before);

      const v3 = { ...v1, revision: 3, incident: { ...v1.incident, area: 'Watford and Three Rivers' } };
      const revised = await t.postReport(v3);
      expect(revised.status).toBe(200);
      const revisedBody = (await revised.json()) as { caseId: string; status: string; reportId: string };
      expect(revisedBody.status).toBe('revised');
      expect(revisedBody.caseId).toBe(created.caseId);
      expect(revisedBody.reportId).not.toBe(created.reportId);

      const afterRevise = await counts(t);
      const stale = await t.postReport({ ...v1, revision: 2 });
      expect(stale.status).toBe(409);
      expect(await counts(t)).toEqual(afterRevise);

      // A late exact retry of a lower revision already received is a harmless duplicate: nothing changes.
      const oldRetry = await t.postReport(v1);
      expect(oldRetry.status).toBe(200);
      expect(await oldRetry.json()).toEqual({ ...created, status: 'duplicate' });
      expect(await counts(t)).toEqual(afterRevise);
      // The same lower revision with another body is still a conflict, and still stores nothing.
      const oldChanged = await t.postReport({ ...v1, incident: { ...v1.incident, summary: 'Rewritten after the fact.' } });
      expect(oldChanged.status).toBe(409);
      expect(oldChanged.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await counts(t)).toEqual(afterRevise);

      const rows = await t.db.query<{ revision: number }>('SELECT revision FROM reports WHERE case_id = $1 ORDER BY revision', [
        created.caseId,
      ]);
      expect(rows.map((r) => Number(r.revision))).toEqual([1, 3]);
      const [c] = await t.db.query<{ version: number; area: string; current_revision: number }>(
        'SELECT version, area, current_revision FROM cases WHERE id = $1',
        [created.caseId],
      );
      expect(Number(c.version)).toBe(2);
      expect(c.area).toBe('Watford and Three Rivers');
      expect(Number(c.current_revision)).toBe(3);
    });

    it('lets exactly one of many concurrent identical first posts create the case', async () => {
      const report = createReport({}, 3);
      const results = await Promise.all(Array.from({ length: 8 }, () => t.postReport(report)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      const rows = await t.db.query('SELECT 1 FROM cases WHERE reference = $1', [report.reference]);
      expect(rows).toHaveLength(1);
    });

    it('links a new case to earlier cases of the same victim (victim.personId) and flags the repeat', async () => {
      const first = createReport({ victim: { personId: 'P0777001' } }, 4);
      const second = createReport({ victim: { personId: 'P0777001' } }, 5);
      const a = (await (await t.postReport(first)).json()) as { caseId: string };
      const b = (await (await t.postReport(second)).json()) as { caseId: string };
      const { cookie } = await t.login('caseworker');
      const detail = (await (await fetch(`${t.url}/api/v1/cases/${b.caseId}`, { headers: { cookie } })).json()) as CaseDetail;
      expect(detail.flags.repeatVictim).toBe(true);
      expect(detail.linkedCases.map((l) => l.id)).toEqual([a.caseId]);
      const other = (await (await fetch(`${t.url}/api/v1/cases/${a.caseId}`, { headers: { cookie } })).json()) as CaseDetail;
      expect(other.flags.repeatVictim).toBe(false);
      expect(other.linkedCases.map((l) => l.id)).toEqual([b.caseId]);
    });

    it('links a victim whose person id came with an invisible character or spaces to her earlier cases (one person)', async () => {
      const first = createReport({ victim: { personId: 'P0777101' } }, 7101);
      const second = createReport({ victim: { personId: 'P0777101\u200B' } }, 7102);
      const third = createReport({ victim: { personId: ' P0777101 ' } }, 7103);
      // An id of nothing but an invisible character is no id (as "" is): a report of its own, linked to nobody.
      const none = createReport({ victim: { personId: '\u200B' } }, 7104);
      const ids: string[] = [];
      for (const r of [first, second, third, none]) {
        const res = await t.postReport(r);
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { caseId: string }).caseId);
      }
      const { cookie } = await t.login('caseworker');
      const detail = (await (await fetch(`${t.url}/api/v1/cases/${ids[2]}`, { headers: { cookie } })).json()) as CaseDetail;
      expect(detail.flags.repeatVictim).toBe(true);
      expect(detail.linkedCases.map((l) => l.id).sort()).toEqual([ids[0], ids[1]].sort());
      const persons = await t.db.query<{ n: number }>('SELECT count(DISTINCT victim_id)::int AS n FROM cases WHERE id = ANY($1::uuid[])', [
        ids.slice(0, 3),
      ]);
      expect(persons[0].n).toBe(1);
      const [stored] = await t.db.query<{ id: string }>("SELECT body->'victim'->>'personId' AS id FROM reports WHERE case_id = $1", [
        ids[1],
      ]);
      expect(stored.id).toBe('P0777101');
      const [unlinked] = await t.db.query<{ id: string | null }>(
        "SELECT body->'victim'->>'personId' AS id FROM reports WHERE case_id = $1",
        [ids[3]],
      );
      expect(unlinked.id).toBeNull();
      const alone = (await (await fetch(`${t.url}/api/v1/cases/${ids[3]}`, { headers: { cookie } })).json()) as CaseDetail;
      expect(alone.linkedCases).toEqual([]);
    });

    it('cleans the person ids stored before intake cleaned them (migration 1764750000000), two that clean alike aside', async () => {
      const rows = async () =>
        t.db.query<{ id: string; pid: string | null }>(
          "SELECT id, police_person_id AS pid FROM persons WHERE first_name = 'Migrated' ORDER BY created_at, id",
        );
      const insert = (pid: string, at: string) =>
        t.db.query(
          `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, created_at, updated_at, version)
           VALUES (gen_random_uuid(), 'Hertfordshire Constabulary', 'victim', $1, 'Migrated', 'Person', $2, $2, 1)`,
          [pid, at],
        );
      await insert('PMIG-1\u200B', '2026-01-01T00:00:00Z');
      await insert(' PMIG-2 ', '2026-01-02T00:00:00Z');
      await insert('PMIG-2\u200E', '2026-01-03T00:00:00Z'); // cleans to the same id as the row before: left
      await insert('\uFEFF', '2026-01-04T00:00:00Z');
      await insert('PMIG-3', '2026-01-05T00:00:00Z');
      await runMigrations(t, [['PersonIdsCleaned1764750000000', 'up']]);
      expect((await rows()).map((r) => r.pid)).toEqual(['PMIG-1', 'PMIG-2', 'PMIG-2\u200E', null, 'PMIG-3']);
    });

    it('stores names exactly as sent after NFC normalisation', async () => {
      const decomposed = 'Ni\u0301 Bhriain'; // i + combining acute
      const report = createReport({ victim: { lastName: decomposed, firstName: 'Zoë' } }, 6);
      const res = await t.postReport(report);
      const { caseId } = (await res.json()) as { caseId: string };
      const [row] = await t.db.query<{ last_name: string }>(
        'SELECT v.last_name FROM cases c JOIN persons v ON v.id = c.victim_id WHERE c.id = $1',
        [caseId],
      );
      expect(row.last_name).toBe('N\u00ed Bhriain');
      const [rep] = await t.db.query<{ body: { victim: { lastName: string; firstName: string } } }>(
        'SELECT body FROM reports WHERE case_id = $1',
        [caseId],
      );
      expect(rep.body.victim.lastName).toBe('N\u00ed Bhriain');
      expect(rep.body.victim.firstName).toBe('Zoë');
    });

    it('accepts every shared sample report or explains why not', async () => {
      // Generated reports of every shape go in; none may produce a 5xx.
      for (let i = 100; i < 130; i++) {
        const res = await t.postReport(generateReport(i));
        expect([200, 201]).toContain(res.status);
      }
    });

    it('stores feed keys hashed, never in clear', async () => {
      const rows = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM feed_sources');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(r.key_hash).not.toContain(t.config.demoFeedKey);
      }
    });
  });
}
