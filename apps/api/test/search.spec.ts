import { normalisePhone, searchPhoneKey, type ProblemDetails, type SearchResponse } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

/**
 * GET /api/v1/search (docs/search.md): names (accents, case, apostrophes, partial, misspelt), references, phone
 * numbers in any written form, closed cases, restricted cases hidden off their list, the audit entry, bad queries
 * and roles without case.read.
 */
for (const database of testDatabases()) {
  describe(`search on ${database.name}`, () => {
    let t: TestApp;
    const cookie: Record<string, string> = {};
    const id: Record<string, string> = {};
    const cases: Record<string, string> = {};
    let n = 0;
    const post = async (over: Parameters<typeof createReport>[0]) => {
      const i = 7300 + n++;
      const res = await t.postReport(createReport({ victim: { personId: `PSRCH${i}` }, suspect: { personId: `SSRCH${i}` }, ...over }, i));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const get = (who: string, query: string) => fetch(`${t.url}/api/v1/search?${query}`, { headers: { cookie: cookie[who] } });
    const search = async (who: string, q: string): Promise<SearchResponse> => {
      const res = await get(who, `q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return (await res.json()) as SearchResponse;
    };
    const ids = async (q: string, who = 'caseworker') => (await search(who, q)).results.map((r) => r.caseId);

    beforeAll(async () => {
      t = await startTestApp(database);
      for (const who of ['caseworker', 'caseworker2', 'team-lead', 'auditor', 'officer', 'partner-idva']) {
        cookie[who] = (await t.login(who)).cookie;
        id[who] = ((await (await fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie: cookie[who] } })).json()) as { id: string }).id;
      }
      cases['siobhan'] = await post({
        reference: 'HC/2026/731001',
        victim: { firstName: 'Siobhán', lastName: 'O’Néill', phone: '07700 900731', safeContact: { phone: '07700 900732' } },
        suspect: { firstName: 'Gary', lastName: 'Thistlewood', phone: '+44 7700 900733' },
      });
      cases['closed'] = await post({
        reference: 'HC/2026/731002',
        victim: { firstName: 'Zoë', lastName: 'Brannigan', phone: '07700 900741' },
        suspect: { firstName: 'Mark', lastName: 'Hale' },
      });
      cases['restricted'] = await post({
        reference: 'HC/2026/731003',
        victim: { firstName: 'Ruth', lastName: 'Brannigan', phone: '07700 900751' },
        suspect: { firstName: 'Lee', lastName: 'Hale' },
      });
      // A closed case (any closing status) is found like any other.
      await t.db.query(`UPDATE cases SET status = 'closed', closed_at = now(), closure_reason = 'support-completed' WHERE id = $1`, [
        cases['closed'],
      ]);
      const res = await fetch(`${t.url}/api/v1/cases/${cases['restricted']}/restriction`, {
        method: 'POST',
        headers: { cookie: cookie['team-lead'], 'content-type': 'application/json' },
        body: JSON.stringify({ restricted: true, accessList: [id['caseworker']], reason: 'colleague' }),
      });
      expect(res.status).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('finds a victim by name whatever the accents, case, apostrophes or spelling, and by part of a name', async () => {
      for (const q of ['Siobhán', 'siobhan', 'SIOBHAN', 'obh', "o'neill", 'oneill', 'O’Neill', 'Siobhan ONeill', 'neill siob', 'sioban']) {
        expect(await ids(q), q).toEqual([cases['siobhan']]);
      }
      const [hit] = (await search('caseworker', 'siobhan')).results;
      expect(hit).toMatchObject({
        caseId: cases['siobhan'],
        reference: 'HC/2026/731001',
        victimName: 'Siobhán O’Néill',
        status: 'new',
        matched: ['name'],
        assignee: null,
      });
      expect(['standard', 'medium', 'high', null]).toContain(hit.riskGrade);
      expect(Date.parse(hit.receivedAt)).not.toBeNaN();
      // The suspect's name finds the case too; a name nobody has finds nothing.
      expect(await ids('thistlewood')).toEqual([cases['siobhan']]);
      expect(await ids('Featherstonehaugh')).toEqual([]);
    });

    it('finds a case by its police reference, whole or in part, in any case and punctuation', async () => {
      expect(await ids('HC/2026/731001')).toEqual([cases['siobhan']]);
      expect(await ids('hc 2026 731001')).toEqual([cases['siobhan']]);
      const partial = await search('caseworker', '73100');
      expect(partial.results.map((r) => r.caseId).sort()).toEqual([cases['siobhan'], cases['closed'], cases['restricted']].sort());
      expect(partial.results.every((r) => r.matched.includes('reference'))).toBe(true);
      // A whole reference ranks before partial ones.
      const exact = await search('caseworker', '2026/731002');
      expect(exact.results[0]).toMatchObject({ caseId: cases['closed'], matched: ['reference'] });
    });

    it('finds a case by any of its numbers, written any way', async () => {
      for (const q of [
        '07700 900731',
        '07700900731',
        '+44 7700 900731',
        '+44 (0)7700 900731',
        '0044 7700 900731',
        '(07700) 900-731',
        '7700900731',
      ]) {
        const r = await search('caseworker', q);
        expect(
          r.results.map((x) => x.caseId),
          q,
        ).toEqual([cases['siobhan']]);
        expect(r.results[0].matched, q).toEqual(['phone']);
      }
      // The victim's safe-contact number and the suspect's number are the case's numbers too.
      expect(await ids('07700 900732')).toEqual([cases['siobhan']]);
      expect(await ids('07700900733')).toEqual([cases['siobhan']]);
      // A number added on the hub's safe-contact plan is found from then on (the plan is kept by a trigger).
      await t.db.query(
        `UPDATE cases SET safe_contact_plan = '{"numbers":[{"number":"+447700900739","owner":"other","safe":false}]}' WHERE id = $1`,
        [cases['siobhan']],
      );
      expect(await ids('07700 900739')).toEqual([cases['siobhan']]);
    });

    it('finds closed cases', async () => {
      const r = await search('caseworker', 'zoe brannigan');
      expect(r.results).toHaveLength(1);
      expect(r.results[0]).toMatchObject({ caseId: cases['closed'], status: 'closed', victimName: 'Zoë Brannigan' });
      expect(await ids('07700 900741')).toEqual([cases['closed']]);
    });

    it('keeps a restricted case from anyone off its list, by name, reference and phone', async () => {
      expect(await ids('Ruth Brannigan', 'caseworker')).toEqual([cases['restricted']]);
      // Off the list, it is as if it did not exist (a near spelling may still find another case: never this one).
      for (const q of ['Ruth Brannigan', 'HC/2026/731003', '07700 900751', 'ruth']) {
        expect(await ids(q, 'caseworker2'), q).not.toContain(cases['restricted']);
      }
      expect(await ids('HC/2026/731003', 'caseworker2')).toEqual([]);
      expect(await ids('07700 900751', 'caseworker2')).toEqual([]);
      expect((await ids('brannigan', 'caseworker2')).sort()).toEqual([cases['closed']]);
      expect((await ids('brannigan', 'caseworker')).sort()).toEqual([cases['closed'], cases['restricted']].sort());
    });

    it('follows a renamed person to every case of theirs', async () => {
      // A later report of the same police person (another case) renames them: the earlier case is found by the new name.
      const first = await post({ victim: { personId: 'PSRCH-RENAMED', firstName: 'Nadia', lastName: 'Oyelaran' } });
      await post({ victim: { personId: 'PSRCH-RENAMED', firstName: 'Nadia', lastName: 'Oyelaran-Fitch' } });
      expect(await ids('fitch')).toContain(first);
    });

    it('audits each search: the case ids returned and what was searched, never the query', async () => {
      await search('team-lead', 'Siobhán O’Néill');
      const [entry] = await t.db.query<{ actor_id: string; details: Record<string, unknown> }>(
        `SELECT actor_id, details FROM audit_entries WHERE action = 'case.search' ORDER BY id DESC LIMIT 1`,
      );
      expect(entry.actor_id).toBe(id['team-lead']);
      expect(entry.details).toMatchObject({ caseIds: [cases['siobhan']], count: 1, searched: ['name', 'reference'], more: false });
      expect(JSON.stringify(entry.details).toLowerCase()).not.toMatch(/siob|neill/);
    });

    it('refuses a blank, too short or too long query, and a bad limit, with problem+json naming the field', async () => {
      for (const [query, path] of [
        ['q=', '/q'],
        ['q=%20%20', '/q'],
        ['q=a', '/q'],
        ['q=%27-%27', '/q'],
        [`q=${'a'.repeat(101)}`, '/q'],
        ['', '/q'],
        ['q=smith&limit=0', '/limit'],
        ['q=smith&limit=51', '/limit'],
        ['q=smith&q=jones', '/q'],
      ] as const) {
        const res = await get('caseworker', query);
        expect(res.status, query).toBe(400);
        expect(res.headers.get('content-type'), query).toContain('application/problem+json');
        const body = (await res.json()) as ProblemDetails;
        expect(
          body.errors?.map((e) => e.path),
          query,
        ).toContain(path);
      }
      expect((await get('caseworker', 'q=li')).status).toBe(200);
    });

    it('answers 401 without a session and 403 to roles without case.read', async () => {
      expect((await fetch(`${t.url}/api/v1/search?q=siobhan`)).status).toBe(401);
      expect((await get('officer', 'q=siobhan')).status).toBe(403);
      expect((await get('partner-idva', 'q=siobhan')).status).toBe(403);
      expect((await search('auditor', 'siobhan')).results.map((r) => r.caseId)).toEqual([cases['siobhan']]);
    });

    it('reads a number the same way in the database as in the domain rule', async () => {
      const written = [
        '07700 900123',
        '+44 7700 900123',
        '+44 (0)7700 900123',
        '0044 7700 900123',
        '447700900123',
        '7700900123',
        '(01632) 960-001',
        '020 7946 0999',
        '+1 202 555 0100',
        '001 202 555 0100',
        '+353 87 123 4567',
        '00353 87 123 4567',
        '0048 512 345 678',
        '999',
      ];
      for (const w of written) {
        const [row] = await t.db.query<{ n: string }>('SELECT lantern_search_phone($1) AS n', [w]);
        expect(row.n, w).toBe(normalisePhone(w));
      }
      expect(written.slice(0, 6).map((w) => searchPhoneKey(w))).toEqual(Array(6).fill('07700900123'));
      // Another country's number is one number whether written "+" or "00" (session 38).
      expect(normalisePhone('00353 87 123 4567')).toBe(normalisePhone('+353 87 123 4567'));
      expect(searchPhoneKey('999')).toBeNull();
      expect(searchPhoneKey('Siobhan 07700 900123')).toBeNull();
    });

    it('answers a common surname with its newest whole-word matches first, then matches inside a word', async () => {
      // Five cases of "Quillfeather" (received a minute apart) and one "Quillfeathers": with limit 3 the three newest
      // whole-word matches (the fast path reads them under the word, newest first); with room, the partial one last.
      const whole: string[] = [];
      for (let k = 0; k < 5; k++) {
        const at = new Date(Date.UTC(2026, 10, 20, 9, k)).toISOString();
        whole.push(
          await post({
            victim: { firstName: `Ada${'x'.repeat(k)}`, lastName: 'Quillfeather' },
            incident: { reportedAt: at, occurredAt: at },
          }),
        );
      }
      const partial = await post({ victim: { firstName: 'Bo', lastName: 'Quillfeathers' } });
      await t.db.query(`UPDATE cases SET received_at = $2 WHERE id = $1`, [partial, new Date(Date.UTC(2026, 10, 21)).toISOString()]);
      for (const [k, caseId] of whole.entries()) {
        await t.db.query(`UPDATE cases SET received_at = $2 WHERE id = $1`, [caseId, new Date(Date.UTC(2026, 10, 20, 9, k)).toISOString()]);
      }
      const top = (await (await get('caseworker', 'q=quillfeather&limit=3')).json()) as SearchResponse;
      expect(top.results.map((r) => r.caseId)).toEqual([whole[4], whole[3], whole[2]]);
      expect(top.more).toBe(true);
      // The newer partial match ranks after every whole-word one.
      expect(await ids('quillfeather')).toEqual([...whole].reverse().concat(partial));
      // A restricted one of them is left out of the fast path as well.
      await t.db.query(`UPDATE cases SET restricted = true, access_list = '{}' WHERE id = $1`, [whole[4]]);
      const after = (await (await get('caseworker', 'q=quillfeather&limit=3')).json()) as SearchResponse;
      expect(after.results.map((r) => r.caseId)).toEqual([whole[3], whole[2], whole[1]]);
    });

    it('limits the results and says there are more', async () => {
      const res = await get('caseworker', 'q=73100&limit=2');
      const body = (await res.json()) as SearchResponse;
      expect(body.results).toHaveLength(2);
      expect(body.more).toBe(true);
    });
  });
}
