import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_TIME_ZONE, type OutcomesReport } from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';
import { decideChildrenWhenAsked } from './support/childrens-services';

const PERIOD = 'from=2026-09-01&to=2026-10-31';
/** London dates of the period, counted by the database itself (AT TIME ZONE), not by the service's instant range. */
const IN_PERIOD = (col: string) => `(${col} AT TIME ZONE '${HUB_TIME_ZONE}')::date BETWEEN '2026-09-01' AND '2026-10-31'`;

for (const database of testDatabases()) {
  describe(`outcomes dashboard on ${database.name}`, () => {
    let t: TestApp;
    let lead: string;
    let cw: string;
    let partner: string;
    const cases: string[] = [];
    const call = (cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const ok = async (res: Promise<Response>, status = 200) => {
      const r = await res;
      expect(r.status, await r.clone().text()).toBe(status);
      return r.json();
    };

    beforeAll(async () => {
      t = await startTestApp(database);
      [lead, cw, partner] = await Promise.all(['team-lead', 'caseworker', 'partner-idva'].map(async (u) => (await t.login(u)).cookie));
      // Seven cases received (London dates): 1 Sep 00:30 BST (the first minute of the period but 31 Aug in UTC),
      // 3 Sep, 20 Sep, 5 Oct, 30 Oct, 31 Oct 23:30 GMT (the last minutes), and 1 Nov 00:30 (outside).
      const received = [
        '2026-08-31T23:30:00Z',
        '2026-09-03T10:00:00Z',
        '2026-09-20T10:00:00Z',
        '2026-10-05T09:00:00Z',
        '2026-10-30T12:00:00Z',
        '2026-10-31T23:30:00Z',
        '2026-11-01T00:30:00Z',
      ];
      const areas = [
        '=SUM(1+1)',
        'Watford and Three Rivers',
        'Watford and Three Rivers',
        'St Albans and Dacorum',
        'St Albans and Dacorum',
        'St Albans and Dacorum',
        'Watford and Three Rivers',
      ];
      for (let i = 0; i < received.length; i++) {
        const report = merge(createReport({ victim: { personId: `P0OUT${i}` }, incident: { previousIncidents12Months: 0 } }, 2900 + i), {
          incident: { area: areas[i] },
          officerRiskAssessment: { tool: 'judgement', riskLevel: i === 1 ? 'high' : 'medium', dash: undefined },
          victim: { gender: 'female', dateOfBirth: '1990-01-01', safeContact: { phone: `07700 9007${10 + i}`, safeTimes: 'any time' } },
          suspect: { relationshipToVictim: 'ex-partner' },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        });
        const res = await t.postReport(report);
        expect(res.status).toBe(201);
        const { caseId } = (await res.json()) as { caseId: string };
        cases.push(caseId);
        await t.db.query('UPDATE cases SET received_at = $2 WHERE id = $1', [caseId, received[i]]);
        // Only the assignee works on a case (case-access.ts): the caseworker claims each one.
        await claim(t, cw, caseId);
      }
      // Contact: case 1 reached; case 2 no answer then reached; case 3 never reached. The officer's "any time" is only
      // a suggestion until a caseworker confirms it (docs/safe-contact.md), so the caseworker records it first.
      for (const i of [1, 2, 3]) await ok(call(cw, 'POST', `/cases/${cases[i]}/safe-contact/times`, { timeRule: 'any' }));
      const attempt = (i: number, outcome: string) =>
        ok(call(cw, 'POST', `/cases/${cases[i]}/contact-attempts`, { channel: 'call', to: `07700 9007${10 + i}`, outcome }), 201);
      await attempt(1, 'spoke-safe');
      await attempt(2, 'no-answer');
      await attempt(2, 'spoke-safe');
      await attempt(3, 'no-answer');
      await t.db.query(
        "UPDATE contact_attempts a SET attempted_at = c.received_at + interval '3 hours' FROM cases c WHERE c.id = a.case_id",
      );
      await t.db.query(
        'UPDATE cases c SET first_contact_at = (SELECT min(attempted_at) FROM contact_attempts a WHERE a.case_id = c.id) WHERE first_contact_at IS NOT NULL',
      );
      // Referrals: legal advice for case 1 (order granted), emotional support for case 2 (declined).
      const legal = (await ok(
        call(cw, 'POST', `/cases/${cases[1]}/referrals`, { partnerId: 'legal', service: 'non-molestation-order' }),
        201,
      )) as { id: string };
      const c22 = (await ok(
        call(cw, 'POST', `/cases/${cases[2]}/referrals`, { partnerId: 'catch22', service: 'emotional-support' }),
        201,
      )) as { id: string };
      await t.db.query(
        "INSERT INTO users (id, username, display_name, password_hash, roles, partner_id) SELECT gen_random_uuid(), 'partner-legal', 'Legal partner', password_hash, roles, 'legal' FROM users WHERE username = 'partner-idva'",
      );
      await t.db.query(
        "INSERT INTO users (id, username, display_name, password_hash, roles, partner_id) SELECT gen_random_uuid(), 'partner-c22', 'Catch22 partner', password_hash, roles, 'catch22' FROM users WHERE username = 'partner-idva'",
      );
      const [pl, pc] = await Promise.all([t.login('partner-legal'), t.login('partner-c22')]);
      await ok(call(pl.cookie, 'POST', `/referrals/${legal.id}/acknowledge`, {}));
      await ok(call(pl.cookie, 'POST', `/referrals/${legal.id}/accept`, {}));
      await ok(call(pl.cookie, 'POST', `/referrals/${legal.id}/outcome`, { outcome: 'order-granted' }));
      await ok(call(pc.cookie, 'POST', `/referrals/${c22.id}/decline`, { reason: 'Already supported locally' }));
      await t.db.query("UPDATE referrals SET sent_at = '2026-09-04T10:00:00Z', outcome_at = '2026-10-02T10:00:00Z' WHERE id = $1", [
        legal.id,
      ]);
      await t.db.query("UPDATE referrals SET sent_at = '2026-09-21T10:00:00Z' WHERE id = $1", [c22.id]);
      // Closures: case 1 support completed (with a survey), case 3 unable to contact; both in October. Case 1 is high
      // risk: it closes only once its MARAC referral is recorded (no quiet closing).
      await ok(call(cw, 'POST', `/cases/${cases[1]}/marac-referrals`, { maracArea: 'Watford MARAC' }), 201);
      // Children at home in a generated report: the hub's decision first (their closing rule is children-and-age.spec's).
      for (const id of [cases[1], cases[3]]) await decideChildrenWhenAsked(t, cw, id);
      await ok(
        call(cw, 'POST', `/cases/${cases[1]}/status`, {
          status: 'closed',
          reason: 'Order granted, safety plan in place',
          closureReason: 'support-completed',
        }),
      );
      await ok(call(cw, 'POST', `/cases/${cases[3]}/status`, { status: 'unable-to-contact', reason: 'Three attempts over two days' }));
      await ok(
        call(cw, 'POST', `/cases/${cases[1]}/satisfaction`, {
          score: 4,
          feltSafer: 'yes',
          wouldRecommend: true,
          comment: 'Felt listened to',
        }),
        201,
      );
      await t.db.query("UPDATE cases SET closed_at = '2026-10-10T10:00:00Z' WHERE id = ANY($1::uuid[])", [[cases[1], cases[3]]]);
      await t.db.query("UPDATE satisfaction_surveys SET recorded_at = '2026-10-10T10:05:00Z'");
    });
    afterAll(async () => {
      await t?.close();
    });

    it('matches counts taken straight from the database for the period', async () => {
      const r = (await ok(call(lead, 'GET', `/reports/outcomes?${PERIOD}`))) as OutcomesReport;
      const count = async (sql: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0].n;
      expect(r.totals.reportsReceived).toBe(await count(`cases WHERE ${IN_PERIOD('received_at')}`));
      expect(r.totals.reportsReceived).toBe(6);
      expect(r.totals.contacted).toBe(
        await count(
          // Her conversations only: after a revision named another victim, not the earlier person's (docs/outcomes.md).
          `cases c WHERE ${IN_PERIOD('c.received_at')} AND EXISTS (SELECT 1 FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'spoke-safe' AND a.attempted_at >= coalesce(c.victim_changed_at, '-infinity'))`,
        ),
      );
      expect(r.totals.contacted).toBe(2);
      expect(r.totals.contactAttempts).toBe(await count(`contact_attempts WHERE ${IN_PERIOD('attempted_at')}`));
      expect(r.totals.successfulAttempts).toBe(2);
      expect(r.totals.medianHoursToFirstContact).toBe(3);
      expect(r.totals.referralsSent).toBe(await count(`referrals WHERE ${IN_PERIOD('sent_at')}`));
      expect(r.totals.referralsAccepted).toBe(1);
      expect(r.totals.ordersSecured).toBe(await count(`referrals WHERE outcome = 'order-granted' AND ${IN_PERIOD('outcome_at')}`));
      expect(r.totals.ordersSecured).toBe(1);
      expect(r.totals.closures).toBe(await count(`cases WHERE ${IN_PERIOD('closed_at')}`));
      expect(r.totals.closures).toBe(2);
      expect(r.totals).toMatchObject({ satisfactionResponses: 1, satisfactionMean: 4, feltSaferYes: 1, victimsAccessingHelp: 1 });
      expect(r.byMonth.map((m) => [m.period, m.reportsReceived])).toEqual([
        ['2026-09', 3],
        ['2026-10', 3],
      ]);
      expect(r.byMonth.reduce((s, m) => s + m.referralsSent, 0)).toBe(r.totals.referralsSent);
      expect(r.byWeek.reduce((s, w) => s + w.reportsReceived, 0)).toBe(6);
      expect(r.byWeek[0].period).toBe('2026-08-31'); // the Monday of the week holding 1 September
      for (const a of r.byArea) {
        expect(a.reportsReceived).toBe(
          (
            await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE area = $1 AND ${IN_PERIOD('received_at')}`, [
              a.area,
            ])
          )[0].n,
        );
      }
      expect(r.byAgency.find((a) => a.partnerId === 'legal')).toMatchObject({
        partnerName: 'DA Alliance Legal Advice',
        referralsSent: 1,
        accepted: 1,
        ordersSecured: 1,
        outcomes: { 'order-granted': 1 },
      });
      expect(r.byAgency.find((a) => a.partnerId === 'catch22')).toMatchObject({ referralsSent: 1, declined: 1 });
      expect(r.closuresByReason).toEqual([
        { reason: 'support-completed', count: 1 },
        { reason: 'unable-to-contact', count: 1 },
      ]);
    });

    it('gives CSV for spreadsheets: a BOM, one header, every row, formula-like text defused', async () => {
      const res = await call(lead, 'GET', `/reports/outcomes?${PERIOD}&table=area`, undefined, { accept: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="lantern-outcomes-2026-09-01-to-2026-10-31-area\.csv"/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(3);
      expect(rows.find((x) => x['Area'] === 'St Albans and Dacorum')?.['Reports received']).toBe('3');
      expect(rows.some((x) => x['Area'] === "'=SUM(1+1)")).toBe(true);
      const all = await call(lead, 'GET', `/reports/outcomes?${PERIOD}`, undefined, { accept: 'text/csv' });
      const text = (await all.text()).replace(/^\uFEFF/, '');
      const tables = text
        .split('\r\n')
        .filter((l) => l.startsWith('# '))
        .map((l) => l.split(' ')[1]);
      expect(tables).toEqual(['totals', 'month', 'week', 'area', 'agency', 'closures', 'satisfaction']);
      expect(() => parse(text, { relax_column_count: true })).not.toThrow();
      expect((await call(lead, 'GET', `/reports/outcomes?${PERIOD}&table=nope`, undefined, { accept: 'text/csv' })).status).toBe(400);
    });

    it('renders the printable monthly summary', async () => {
      const res = await call(lead, 'GET', '/reports/outcomes/summary?month=2026-10');
      expect(res.status).toBe(200);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      for (const s of ['Hub outcomes summary', '2026-10-01 to 2026-10-31', 'DA Alliance Legal Advice', 'support-completed'])
        expect(text).toContain(s);
      const out = join(import.meta.dirname, '../../../dist/documents');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `outcomes-summary-${database.name}.pdf`), pdf);
      expect((await call(lead, 'GET', '/reports/outcomes/summary?month=2026-13')).status).toBe(400);
    });

    it('refuses bad periods with the failing fields, and anyone but team leads, admins and auditors', async () => {
      const bad = await call(lead, 'GET', '/reports/outcomes?from=2026-13-01&to=yesterday');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path).sort()).toEqual(['/from', '/to']);
      expect((await call(lead, 'GET', '/reports/outcomes?from=2026-10-02&to=2026-10-01')).status).toBe(400);
      expect((await call(cw, 'GET', `/reports/outcomes?${PERIOD}`)).status).toBe(403);
      expect((await call(partner, 'GET', `/reports/outcomes?${PERIOD}`)).status).toBe(403);
      expect((await call((await t.login('auditor')).cookie, 'GET', `/reports/outcomes?${PERIOD}`)).status).toBe(200);
    });

    it('records the satisfaction survey only once a case is closed, and validates it', async () => {
      const open = await call(cw, 'POST', `/cases/${cases[4]}/satisfaction`, { score: 5, feltSafer: 'yes' });
      expect(open.status).toBe(409);
      const bad = await call(cw, 'POST', `/cases/${cases[1]}/satisfaction`, { score: 6, feltSafer: 'maybe', extra: 1 });
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path).sort()).toEqual([
        '/extra',
        '/feltSafer',
        '/score',
      ]);
      const s = (await ok(call(cw, 'GET', `/cases/${cases[1]}/satisfaction`))) as { score: number; comment: string };
      expect(s).toMatchObject({ score: 4, comment: 'Felt listened to' });
      expect((await call(partner, 'GET', `/cases/${cases[1]}/satisfaction`)).status).toBe(403);
    });

    it('records why a case closed, and forgets it when the case reopens', async () => {
      const bad = await call(cw, 'POST', `/cases/${cases[5]}/status`, {
        status: 'closed',
        reason: 'x',
        closureReason: 'unable-to-contact',
      });
      expect(bad.status).toBe(400);
      await decideChildrenWhenAsked(t, cw, cases[5]);
      await ok(
        call(cw, 'POST', `/cases/${cases[5]}/status`, {
          status: 'closed',
          reason: 'Duplicate of an open case',
          closureReason: 'duplicate',
        }),
      );
      const [closed] = await t.db.query<{ closure_reason: string; closure_note: string; closed_at: Date | null }>(
        'SELECT closure_reason, closure_note, closed_at FROM cases WHERE id = $1',
        [cases[5]],
      );
      expect(closed).toMatchObject({ closure_reason: 'duplicate', closure_note: 'Duplicate of an open case' });
      await ok(call(cw, 'POST', `/cases/${cases[5]}/status`, { status: 'triage', reason: 'Not a duplicate after all' }));
      const [reopened] = await t.db.query<{ closure_reason: string | null; closed_at: Date | null }>(
        'SELECT closure_reason, closed_at FROM cases WHERE id = $1',
        [cases[5]],
      );
      expect(reopened).toEqual({ closure_reason: null, closed_at: null });
    });
  });
}

for (const database of testDatabases()) {
  describe(`demo history on ${database.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(database, { LANTERN_DEMO_HISTORY: '24' });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('works six months of cases through the real services, once', async () => {
      const [c] = await t.db.query<{ n: number; months: number; closed: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT date_trunc('month', received_at))::int AS months, count(*) FILTER (WHERE closure_reason IS NOT NULL)::int AS closed FROM cases",
      );
      expect(c.n).toBe(24);
      expect(c.months).toBeGreaterThanOrEqual(5);
      expect(c.closed).toBeGreaterThan(0);
      const [a] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contact_attempts WHERE outcome = 'spoke-safe'");
      expect(a.n).toBeGreaterThan(0);
      // Every step went through the audited services.
      const [audit] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_entries WHERE action IN ('case.claimed', 'contact.attempted', 'case.status-changed')",
      );
      expect(audit.n).toBeGreaterThan(24);
      const { DemoHistoryService } = await import('../src/app/demo-history.service');
      const again = await t.app
        .get(DemoHistoryService)
        .seed({ id: '00000000-0000-4000-8000-000000000000', force: 'Hertfordshire Constabulary' }, 24);
      expect(again).toBe(0);
    });
  });
}
