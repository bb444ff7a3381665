import { randomUUID } from 'node:crypto';
import { createReport, merge } from '@lantern/shared/testing';
import { DASH_KEY_PATTERN, HHMM_PATTERN, SLUG_PATTERN, UUID_PATTERN } from '@lantern/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';

/**
 * Fuzzes every operation the OpenAPI description documents (so a new endpoint is fuzzed as soon as it is
 * described) with malformed ids, NUL characters, huge numbers, wrong types, missing and unknown fields, signed
 * in with a role that may call it and anonymously. No answer may be a 5xx; every 4xx must be problem+json.
 * Bounded: a fixed list of values per field, at most MAX_PER_OPERATION requests per operation and caller.
 */

type Schema = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  params: Array<{ name: string; in: 'path' | 'query'; schema?: Schema }>;
  body: Schema | null;
}
interface Probe {
  label: string;
  path: string;
  query?: string;
  body?: unknown;
  /** Send this exact text as the body (for values JSON cannot carry). */
  raw?: string;
}

const MAX_PER_OPERATION = 160;
/** Problem codes of the exception filter's database last resort (libs/api/core problem.ts). */
const DATABASE_REFUSALS = ['invalid-value', 'unknown-reference'];
const ROLES = ['team-lead', 'caseworker', 'admin', 'partner-idva', 'auditor', 'officer'] as const;

const MALFORMED_IDS = [
  'not-a-uuid',
  '%00',
  `${'0'.repeat(8)}-0000-4000-8000-00000000000%00`,
  'a'.repeat(2000),
  encodeURIComponent('ünï✓😀'),
  '%F0%28%8C%28',
  '-1',
  '1e308',
];
const BAD_VALUES: Array<[string, unknown]> = [
  ['NUL', 'a\u0000b'],
  ['control', '\u0007\u001b'],
  ['lone surrogate', '\ud800'],
  ['long string', 'x'.repeat(20_000)],
  ['1e308', 1e308],
  ['2**64', 2 ** 64],
  ['-1', -1],
  ['fraction', 0.5],
  ['array', ['a\u0000']],
  ['object', { a: '\u0000' }],
  ['null', null],
  ['boolean', true],
  ['unicode', 'ünï✓😀'],
];
const BAD_QUERY = ['%00', 'a%00b', 'x'.repeat(3000), '-1', '1e308', '18446744073709551616', encodeURIComponent('ünï✓😀'), '%F0%28%8C%28'];

/** A value the schema accepts (as far as a schema can say), to mutate one field at a time. */
function sample(s: Schema | undefined, ids: Ids, key = ''): unknown {
  if (!s) return null;
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum'])) return s['enum'][0];
  const union = (s['anyOf'] ?? s['oneOf']) as Schema[] | undefined;
  if (union) return sample(union.find((b) => b['type'] !== 'null') ?? union[0], ids, key);
  switch (s['type']) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s['properties'] ?? {}) as Record<string, Schema>)) out[k] = sample(v, ids, k);
      if (s['patternProperties']) {
        const [pattern, v] = Object.entries(s['patternProperties'] as Record<string, Schema>)[0];
        if (pattern === DASH_KEY_PATTERN) out['q1'] = sample(v, ids);
      }
      return out;
    }
    case 'array':
      if (Array.isArray(s['prefixItems']))
        return (s['prefixItems'] as Schema[]).map((p, i) => (p['pattern'] === HHMM_PATTERN ? ['09:00', '17:00'][i] : sample(p, ids)));
      return s['items'] ? [sample(s['items'] as Schema, ids)] : [];
    case 'string':
      return sampleString(s, ids, key);
    case 'integer':
    case 'number':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function sampleString(s: Schema, ids: Ids, key: string): string {
  // A call-back is due in the future; a contact attempt happened in the past.
  if (s['format'] === 'date-time') return new Date(Date.now() + (key === 'dueAt' ? 86_400_000 : -3_600_000)).toISOString();
  if (s['format'] === 'date') return '2026-11-02';
  if (s['format'] === 'email') return 'fuzz@partners.example';
  const byPattern: Record<string, string> = {
    [UUID_PATTERN]: randomUUID(),
    [HHMM_PATTERN]: '09:00',
    [SLUG_PATTERN]: 'idva',
    '^[0-9+ ()-]{6,30}$': '07700 900123',
    '^[^@\\s]+@[^@\\s]+$': 'fuzz@partners.example',
  };
  const p = s['pattern'] as string | undefined;
  if (p && byPattern[p]) return byPattern[p];
  if (p?.includes('me|none')) return ids.userId;
  if (p?.startsWith('^([1-9]')) return '5';
  if (p?.includes('new|')) return 'new';
  if (p?.includes('standard|')) return 'high';
  if (p?.startsWith('^[0-9]{4}-')) return '2026-11';
  return 'Fuzz text';
}

/** JSON Pointer paths of every field of a sample, up to `depth` levels. */
function fieldPaths(value: unknown, depth = 4, prefix: string[] = []): string[][] {
  if (depth === 0 || !value || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, depth - 1, [...prefix, k])]);
}

function withField(root: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

interface Ids {
  caseId: string;
  referralId: string;
  userId: string;
}

function realParam(op: Operation, name: string, ids: Ids): string {
  if (name === 'service') return 'idva';
  if (name === 'action') return 'acknowledge';
  if (op.path.startsWith('/api/v1/referrals')) return ids.referralId;
  if (op.path.startsWith('/api/v1/users')) return ids.userId;
  return ids.caseId;
}

function fill(op: Operation, ids: Ids, over: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => over[name] ?? realParam(op, name, ids));
}

/** The bounded set of malformed requests for one operation. */
function probes(op: Operation, ids: Ids): Probe[] {
  const out: Probe[] = [];
  const body = op.body ? sample(op.body, ids) : undefined;
  const path = fill(op, ids);
  out.push({ label: 'well-formed', path, body });
  for (const p of op.params.filter((x) => x.in === 'path')) {
    for (const bad of [...MALFORMED_IDS, randomUUID()])
      out.push({ label: `path ${p.name}=${bad.slice(0, 40)}`, path: fill(op, ids, { [p.name]: bad }), body });
  }
  for (const p of op.params.filter((x) => x.in === 'query')) {
    for (const bad of BAD_QUERY) out.push({ label: `query ${p.name}=${bad.slice(0, 40)}`, path, query: `${p.name}=${bad}`, body });
    out.push({ label: `query ${p.name} twice`, path, query: `${p.name}=a&${p.name}=b`, body });
    out.push({ label: `query ${p.name}[x]`, path, query: `${p.name}[x]=1`, body });
  }
  if (op.body) {
    for (const [label, whole] of [
      ['array body', [body]],
      ['string body', 'a\u0000'],
      ['null body', null],
      ['number body', 1e308],
      ['empty object', {}],
    ] as const) {
      out.push({ label, path, body: whole });
    }
    out.push({ label: 'unknown property', path, body: { ...(body as object), ['unknown\u0000']: 1, __proto__x: 2 } });
    out.push({ label: '__proto__ key', path, raw: JSON.stringify(body).replace(/^\{/, '{"__proto__":{"admin":true},') });
    for (const field of fieldPaths(body)) {
      for (const [label, value] of BAD_VALUES)
        out.push({ label: `${field.join('/')}=${label}`, path, body: withField(body, field, value) });
    }
  }
  return out.slice(0, MAX_PER_OPERATION);
}

function operations(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        // The CSV import's upload and preview document a text/csv body (they refuse JSON with 415).
        body: op.requestBody?.content?.['application/json']?.schema ?? op.requestBody?.content?.['text/csv']?.schema ?? null,
      });
    }
  }
  // Signing out ends the fuzzer's session: do it last.
  return ops.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

for (const database of testDatabases()) {
  describe(`fuzz of every documented operation on ${database.name}`, () => {
    let t: TestApp;
    let doc: Parameters<typeof operations>[0];
    const cookies: Record<string, string> = {};
    let ids: Ids;

    const send = async (op: Operation, probe: Probe, auth: Record<string, string>) => {
      const url = `${t.url}${probe.path}${probe.query ? `?${probe.query}` : ''}`;
      const hasBody = op.method !== 'GET' && (probe.raw !== undefined || probe.body !== undefined);
      const res = await fetch(url, {
        method: op.method,
        headers: { ...auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        ...(hasBody ? { body: probe.raw ?? JSON.stringify(probe.body) } : {}),
      });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      const code = type.startsWith('application/problem+json') ? ((JSON.parse(text) as { code?: string }).code ?? '') : '';
      // A batch of reports answers 200 with each report's own status and problem: the worst of them is what counts.
      if (res.status === 200 && op.path === '/api/v1/intake/reports/batch') {
        const items = (JSON.parse(text) as { results: Array<{ status: number; problem?: { code?: string } }> }).results;
        const worst = [...items].sort((a, b) => b.status - a.status)[0];
        if (worst && worst.status >= 400)
          return { status: worst.status, type: 'application/problem+json', code: worst.problem?.code ?? '' };
      }
      return { status: res.status, type, code };
    };

    beforeAll(async () => {
      // The officer's referrals are fuzzed past the per-officer rate limit (a 429 would hide what the intake answers).
      // Likewise the feed's, which a batch of reports spends one token per report of.
      t = await startTestApp(database, { LANTERN_OFFICER_BURST: '100000', LANTERN_INTAKE_BURST: '100000' });
      for (const r of ROLES) cookies[r] = (await t.login(r)).cookie;
      const report = merge(createReport({ victim: { personId: 'P0FUZZ1' }, incident: { previousIncidents12Months: 0 } }, 4242), {
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      const posted = await t.postReport(report);
      expect(posted.status).toBe(201);
      const caseId = ((await posted.json()) as { caseId: string }).caseId;
      await claim(t, cookies['caseworker'], caseId);
      const referral = await fetch(`${t.url}/api/v1/cases/${caseId}/referrals`, {
        method: 'POST',
        headers: { cookie: cookies['caseworker'], 'content-type': 'application/json' },
        body: JSON.stringify({ partnerId: 'idva', service: 'idva' }),
      });
      expect(referral.status).toBe(201);
      const [user] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      ids = { caseId, referralId: ((await referral.json()) as { id: string }).id, userId: user.id };
      const res = await fetch(`${t.url}/api/docs-json`);
      expect(res.status).toBe(200);
      doc = (await res.json()) as typeof doc;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('names the path of a date the database could not hold, reads no body it cannot decode, and never answers 5xx', async () => {
      const get = async (who: string, path: string) => {
        const res = await fetch(`${t.url}/api/v1${path}`, { headers: { cookie: (await t.login(who)).cookie } });
        const text = await res.text();
        expect(res.headers.get('content-type'), `${path}: ${text}`).toMatch(/^application\/problem\+json/);
        return {
          status: res.status,
          paths: [...new Set(((JSON.parse(text) as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path))],
        };
      };
      const plus16 = encodeURIComponent('2026-06-01T00:00:00+16:00');
      const yearZero = encodeURIComponent('0000-01-01T00:00:00+00:01');
      expect(await get('auditor', `/audit?from=${plus16}`)).toEqual({ status: 400, paths: ['/from'] });
      expect(await get('auditor', `/audit?to=${encodeURIComponent('2026-06-01T00:00:00-23:59')}&format=csv`)).toEqual({
        status: 400,
        paths: ['/to'],
      });
      expect(await get('auditor', `/audit?from=${yearZero}`)).toEqual({ status: 400, paths: ['/from'] });
      expect(await get('auditor', '/audit?cursor=9999999999999999999')).toEqual({ status: 400, paths: ['/cursor'] });
      expect(await get('officer', `/officer/referrals?before=${plus16}`)).toEqual({ status: 400, paths: ['/before'] });
      expect(await get('team-lead', '/reports/outcomes?from=9999-12-31&to=9999-12-31')).toEqual({ status: 400, paths: ['/from', '/to'] });
      expect(await get('team-lead', '/reports/outcomes?from=0000-01-01&to=0000-12-31')).toEqual({ status: 400, paths: ['/from', '/to'] });
      expect(await get('team-lead', '/reports/outcomes/summary?month=9999-12')).toEqual({ status: 400, paths: ['/month'] });
      expect(await get('force-lead', '/force/dashboard?from=0000-01-01&to=0000-02-01')).toEqual({ status: 400, paths: ['/from', '/to'] });
      expect((await get('caseworker', '/cases/%')).status).toBe(404);
      // A report whose instant is before year 1 once its offset is applied, and one whose text grows past its limit in
      // NFC (U+FB2C is three characters composed): 400 naming the field, nothing stored.
      const before = await t.count('reports');
      const report = createReport({ victim: { personId: 'P0FUZZ2' } }, 4243);
      const zero = await t.postReport(merge(report, { incident: { occurredAt: '0000-01-01T00:00:00+00:01' } }));
      expect(zero.status).toBe(400);
      expect(((await zero.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain('/incident/occurredAt');
      const grows = await t.postReport(merge(report, { incident: { summary: '\uFB2C'.repeat(20_000) } }));
      expect(grows.status).toBe(400);
      expect(((await grows.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['/incident/summary']);
      expect(await t.count('reports')).toBe(before);
      // A JSON body that is not UTF-8 on any route (it became U+FFFD and was stored), and one that is not the gzip it says.
      const caseworker = (await t.login('caseworker')).cookie;
      const notes = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM case_notes');
      const badUtf8 = await fetch(`${t.url}/api/v1/cases/${ids.caseId}/notes`, {
        method: 'POST',
        headers: { cookie: caseworker, 'content-type': 'application/json' },
        body: new Uint8Array([...Buffer.from('{"text":"'), 0xff, ...Buffer.from('"}')]),
      });
      expect(badUtf8.status).toBe(400);
      expect(((await badUtf8.json()) as { errors: Array<{ path: string }> }).errors).toEqual([
        { path: '/', message: 'body is not valid UTF-8' },
      ]);
      expect(await t.db.query<{ n: string }>('SELECT count(*) AS n FROM case_notes')).toEqual(notes);
      const notGzip = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: JSON.stringify({ username: 'caseworker', password: 'x' }),
      });
      expect(notGzip.status).toBe(400);
      const problem = (await notGzip.json()) as { detail: string; errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toEqual(['/']);
      expect(problem.detail).not.toMatch(/header check/);
      // A JSON Content-Type with no body at all is no body to refuse (was 415).
      const unlink = await fetch(`${t.url}/api/v1/cases/${ids.caseId}/duplicates/${randomUUID()}`, {
        method: 'DELETE',
        headers: { cookie: caseworker, 'content-type': 'application/json' },
      });
      expect(unlink.status).not.toBe(415);
      expect(unlink.status).toBeLessThan(500);
    });

    it('refuses JSON nested too deeply with 400 naming where it is, before any schema walks it (never a 5xx)', async () => {
      // 20,000 levels of arrays: a validator comparing array items recursively (uniqueItems) overflowed the stack.
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      // Before the fuzz below, which spends sign-in attempts and sessions.
      const { cookie } = await t.login('caseworker');
      const cases: Array<[string, string, Record<string, string>, string]> = [
        ['PUT', '/api/v1/me/preferences', { cookie }, `{"queue":{"columns":[${deep},${deep}]}}`],
        ['POST', '/api/v1/intake/reports', { authorization: `Bearer ${FEED_KEY}` }, `{"victim":${deep}}`],
      ];
      for (const [method, path, headers, body] of cases) {
        const res = await fetch(`${t.url}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body });
        expect(res.status, path).toBe(400);
        expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
        const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
        expect(problem.errors, path).toEqual([
          { path: expect.stringMatching(/^\/(queue\/columns|victim)\/0(\/0)+$/), message: 'is nested more than 32 levels deep' },
        ]);
      }
      // In a batch, that report alone is refused; the batch is answered.
      const batch = await fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FEED_KEY}`, 'content-type': 'application/json' },
        body: `{"reports":[${deep}]}`,
      });
      expect(batch.status).toBe(200);
      const { results } = (await batch.json()) as { results: Array<{ index: number; status: number }> };
      expect(results).toEqual([expect.objectContaining({ index: 0, status: 400 })]);
    });

    it('documents a schema for every request body and every query parameter', () => {
      const ops = operations(doc);
      expect(ops.length).toBeGreaterThan(40);
      const undocumented = ops.flatMap((op) => [
        // A DELETE names what it removes in its path and takes no body (unlinking a possible duplicate).
        ...(!['GET', 'DELETE'].includes(op.method) && !op.body && !/\/(next|logout)$/.test(op.path)
          ? [`${op.method} ${op.path}: body`]
          : []),
        ...op.params.filter((p) => !p.schema).map((p) => `${op.method} ${op.path}: ${p.in} ${p.name}`),
      ]);
      expect(undocumented).toEqual([]);
    });

    it('answers every malformed request, signed in and anonymous, with a 4xx problem, never a 5xx', async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const op of operations(doc)) {
        const all = probes(op, ids);
        const callers: Array<[string, Record<string, string>]> = [['anonymous', {}]];
        if (op.path === '/api/v1/intake/reports' || op.path === '/api/v1/intake/reports/batch')
          callers.push(['feed', { authorization: `Bearer ${FEED_KEY}` }]);
        else {
          // The first role the guard lets through (a malformed body still passes the guard, which runs first).
          for (const role of ROLES) {
            const { status } = await send(op, all[0], { cookie: cookies[role] });
            if (status !== 401 && status !== 403) {
              callers.push([role, { cookie: cookies[role] }]);
              break;
            }
          }
        }
        for (const [who, auth] of callers) {
          // Anonymous callers of protected operations all meet the same guard: a few probes prove it.
          const list = who === 'anonymous' && callers.length > 1 ? all.filter((_, i) => i % 8 === 0) : all;
          for (const probe of list) {
            const { status, type, code } = await send(op, probe, auth);
            sent++;
            if (status >= 500) failures.push(`${status} ${op.method} ${op.path} as ${who}: ${probe.label}`);
            // The exception filter's last resort turned a database error into a 4xx: the edge let the input through.
            else if (DATABASE_REFUSALS.includes(code))
              failures.push(`${status} ${code} (reached the database) ${op.method} ${op.path} as ${who}: ${probe.label}`);
            else if (status >= 400 && !type.startsWith('application/problem+json'))
              failures.push(`${status} (${type || 'no type'}) ${op.method} ${op.path} as ${who}: ${probe.label}`);
          }
        }
      }
      expect(sent).toBeGreaterThan(1000);
      expect(failures.slice(0, 60), `${failures.length} failures`).toEqual([]);
    }, 240_000);

    it('refuses a NUL in the login username with 400 problem+json, not a database error', async () => {
      for (const username of ['case\u0000worker', '\u0000', 'caseworker\u0000']) {
        const res = await fetch(`${t.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'whatever' }),
        });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
        expect(problem.errors).toContainEqual({ path: '/username', message: 'must not contain control characters' });
      }
    });
  });
}
