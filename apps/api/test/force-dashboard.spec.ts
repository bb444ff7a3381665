import { ImportsService } from '@lantern/api/imports';
import {
  HUB_TIME_ZONE,
  OTHER_AREAS,
  OTHER_TEAMS,
  SMALL,
  CONCEALED,
  type Count,
  type ForceDashboard,
  type ImportSummary,
  type PoliceReport,
} from '@lantern/shared/domain';
import { createReport, flattenReport, merge, reportsCsv } from '@lantern/shared/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

const HERTS = 'Hertfordshire Constabulary';
const BEDS = 'Bedfordshire Police';
const PERIOD = 'from=2026-09-01&to=2026-10-31';
/** London dates of the period, counted by the database itself (AT TIME ZONE), not by the service's instant range. */
const IN_PERIOD = (col: string) => `(${col} AT TIME ZONE '${HUB_TIME_ZONE}')::date BETWEEN '2026-09-01' AND '2026-10-31'`;

/** What the dashboard must publish for a count the database holds: 0 stays 0, 1–4 is "<5", else the count (or "[c]"). */
function published(actual: Count | undefined, n: number, concealedAllowed = false): void {
  if (n === 0) expect(actual).toBe(0);
  else if (n < 5) expect(actual).toBe(SMALL);
  else if (concealedAllowed && actual === CONCEALED) return;
  else expect(actual).toBe(n);
}

interface Seed {
  force: string;
  received: string;
  team?: string;
  area: string;
  /** What the report's body claims (a feed report claiming the officer app still arrived by a feed key). */
  system?: 'records-feed' | 'officer-app';
  /** Hours from receipt to the first safe conversation. */
  reachedAfterHours?: number;
}

for (const database of testDatabases()) {
  describe(`force dashboard on ${database.name}`, () => {
    let t: TestApp;
    let leadCookie: string;
    const call = (cookie: string, path: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/v1${path}`, { headers: { cookie, ...headers } });
    const reports: PoliceReport[] = [];
    const caseIds: string[] = [];
    const herts: string[] = [];

    beforeAll(async () => {
      t = await startTestApp(database);
      const admin = (await t.login('admin')).cookie;
      // A second force with its own feed key, as an admin issues one.
      const feedRes = await fetch(`${t.url}/api/v1/feed-sources`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bedfordshire records', force: BEDS }),
      });
      expect(feedRes.status).toBe(201);
      const bedsKey = ((await feedRes.json()) as { key: string }).key;

      // Hertfordshire by a feed key: 6 Response Team North in September in an area whose name looks like a formula (5
      // reached within 3 h, 1 after 30 h), 2 from a team whose name looks like a formula in October, 1 without a team
      // (whose body claims the officer app), and 1 just outside the period. Two more arrive by the officer app and a CSV
      // import below.
      const seeds: Seed[] = [
        ...[0, 1, 2, 3, 4].map((i) => ({
          force: HERTS,
          received: `2026-09-0${i + 2}T10:00:00Z`,
          team: 'Response Team North',
          area: '=HYPERLINK("x")',
          reachedAfterHours: 3,
        })),
        {
          force: HERTS,
          received: '2026-08-31T23:30:00Z',
          team: 'Response Team North',
          area: '=HYPERLINK("x")',
          reachedAfterHours: 30,
        },
        { force: HERTS, received: '2026-10-05T09:00:00Z', team: '=CMD Team', area: 'St Albans and Dacorum' },
        { force: HERTS, received: '2026-10-06T09:00:00Z', team: '=CMD Team', area: 'St Albans and Dacorum' },
        { force: HERTS, received: '2026-10-31T23:30:00Z', area: 'St Albans and Dacorum', system: 'officer-app' },
        { force: HERTS, received: '2026-11-01T00:30:00Z', team: 'Response Team North', area: 'St Albans and Dacorum' },
        // Bedfordshire: 7 in September, all reached at once; none of it may show on Hertfordshire's dashboard.
        ...[0, 1, 2, 3, 4, 5, 6].map((i) => ({
          force: BEDS,
          received: `2026-09-1${i}T10:00:00Z`,
          team: 'Luton Response',
          area: 'Luton',
          reachedAfterHours: 1,
        })),
      ];
      const [{ id: worker }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      for (let i = 0; i < seeds.length; i++) {
        const s = seeds[i];
        const report = merge(createReport({ victim: { personId: `P0FDB${i}` } }, 3700 + i), {
          source: { force: s.force, system: s.system ?? 'records-feed' },
          incident: { area: s.area },
          officer: { collarNumber: `PC ${5100 + i}`, team: s.team },
        });
        reports.push(report);
        const res = await t.postReport(report, s.force === BEDS ? { key: bedsKey } : {});
        expect(res.status, await res.clone().text()).toBe(201);
        const { caseId } = (await res.json()) as { caseId: string };
        caseIds.push(caseId);
        if (s.force === HERTS) herts.push(caseId);
        await t.db.query('UPDATE cases SET received_at = $2 WHERE id = $1', [caseId, s.received]);
        await t.db.query('UPDATE reports SET received_at = $2 WHERE case_id = $1', [caseId, s.received]);
        if (s.reachedAfterHours !== undefined) {
          // A failed attempt first (not a contact), then the safe conversation.
          for (const [outcome, hours] of [
            ['no-answer', s.reachedAfterHours / 2],
            ['spoke-safe', s.reachedAfterHours],
          ] as const) {
            await t.db.query(
              `INSERT INTO contact_attempts (id, case_id, channel, attempted_at, recorded_at, made_by, outcome)
               VALUES (gen_random_uuid(), $1, 'call', $2::timestamptz + make_interval(secs => $3::float8 * 3600),
                       $2::timestamptz + make_interval(secs => $3::float8 * 3600), $4, $5)`,
              [caseId, s.received, hours, worker, outcome],
            );
          }
        }
      }
      // By the officer app (the server fills the officer block: Response Team North), received in October.
      const officer = (await t.login('officer')).cookie;
      const fromApp = merge(createReport({ victim: { personId: 'P0FDBAPP' } }, 3790), {
        incident: { area: 'St Albans and Dacorum' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      }) as Partial<PoliceReport>;
      delete fromApp.officer;
      delete fromApp.source;
      const appRes = await fetch(`${t.url}/api/v1/officer/referrals`, {
        method: 'POST',
        headers: { cookie: officer, 'content-type': 'application/json' },
        body: JSON.stringify(fromApp),
      });
      expect(appRes.status, await appRes.clone().text()).toBe(201);
      // By a CSV import, whose row claims the officer app, with free text typed as the team and the area.
      const imported = merge(createReport({ victim: { personId: 'P0FDBCSV' } }, 3791), {
        source: { force: HERTS, system: 'officer-app' },
        incident: { area: '12 Acacia Avenue Hertford' },
        officer: { collarNumber: 'PC 5199', team: 'Victim Jane Doe 07700 900123' },
      });
      reports.push(imported);
      const lead = (await t.login('team-lead')).cookie;
      const importRes = await fetch(`${t.url}/api/v1/imports?force=${encodeURIComponent(HERTS)}`, {
        method: 'POST',
        headers: { cookie: lead, 'content-type': 'text/csv' },
        body: reportsCsv([flattenReport(imported)]),
      });
      expect(importRes.status, await importRes.clone().text()).toBe(202);
      const importId = ((await importRes.json()) as ImportSummary).id;
      await t.app.get(ImportsService).settled(importId);
      for (const [sql, param] of [
        ['SELECT case_id AS id FROM reports WHERE submitted_by IS NOT NULL AND import_id IS NULL AND feed_source_id IS NULL', []],
        ['SELECT case_id AS id FROM reports WHERE import_id = $1', [importId]],
      ] as const) {
        const rows = await t.db.query<{ id: string }>(sql, [...param]);
        expect(rows).toHaveLength(1);
        await t.db.query(`UPDATE cases SET received_at = '2026-10-20T10:00:00Z' WHERE id = $1`, [rows[0].id]);
        herts.push(rows[0].id);
        caseIds.push(rows[0].id);
      }
      // Referrals on for Hertfordshire: six to legal advice (three accepted: two orders granted, one refused) and one
      // to emotional support; one Bedfordshire referral with an order granted.
      const referral = async (caseId: string, partner: string, service: string, outcome: string | null) =>
        t.db.query(
          `INSERT INTO referrals (id, case_id, partner_id, service, status, created_by, created_at, sent_at, accepted_at, outcome, outcome_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, '2026-09-20T10:00:00Z', '2026-09-20T10:00:00Z',
                   CASE WHEN $6::text IS NULL THEN NULL ELSE '2026-09-21T10:00:00Z'::timestamptz END, $6::text,
                   CASE WHEN $6::text IS NULL THEN NULL ELSE '2026-10-02T10:00:00Z'::timestamptz END)`,
          [caseId, partner, service, outcome ? 'outcome-recorded' : 'sent', worker, outcome],
        );
      const outcomes = ['order-granted', 'order-granted', 'order-refused', null, null, null];
      for (let i = 0; i < 6; i++) await referral(herts[i], 'legal', 'non-molestation-order', outcomes[i]);
      await referral(herts[6], 'catch22', 'emotional-support', null);
      await referral(caseIds[10], 'legal', 'non-molestation-order', 'order-granted');
      // Satisfaction: seven Hertfordshire surveys, scores 5 ×5, 4, 3 (felt safer: yes ×6, unsure ×1). Under the old rule
      // this published 0, 0, <5, <5, 5 of 7: both "<5" were exactly 1. Bedfordshire: five surveys, all 4 and yes.
      const scores = [5, 5, 5, 5, 5, 4, 3];
      const survey = (caseId: string, score: number, felt: string) =>
        t.db.query(
          `INSERT INTO satisfaction_surveys (case_id, score, felt_safer, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, '2026-10-10T10:00:00Z')`,
          [caseId, score, felt, worker],
        );
      for (let i = 0; i < 7; i++) await survey(herts[i], scores[i], i === 6 ? 'unsure' : 'yes');
      for (let i = 10; i < 15; i++) await survey(caseIds[i], 4, 'yes');
      // A Bedfordshire force lead, and a force lead whose account has no force.
      await t.db.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, force)
         SELECT gen_random_uuid(), 'force-lead-beds', 'Beds lead', password_hash, roles, $1 FROM users WHERE username = 'force-lead'`,
        [BEDS],
      );
      await t.db.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles)
         SELECT gen_random_uuid(), 'force-lead-none', 'No force lead', password_hash, roles FROM users WHERE username = 'force-lead'`,
      );
      leadCookie = (await t.login('force-lead')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it("gives the force lead their own force's figures, matching counts taken straight from the database", async () => {
      const res = await call(leadCookie, `/force/dashboard?${PERIOD}`);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const d = (await res.json()) as ForceDashboard;
      expect(d).toMatchObject({
        from: '2026-09-01',
        to: '2026-10-31',
        requested: { from: '2026-09-01', to: '2026-10-31' },
        countedTo: '2026-10-31',
        force: HERTS,
      });
      // The weekly snapshot: 00:00 London on the most recent Monday.
      const snapshot = new Date(d.snapshotAt);
      expect(snapshot.getTime()).toBeLessThanOrEqual(Date.now());
      expect(Date.now() - snapshot.getTime()).toBeLessThan(7 * 24 * 3600 * 1000 + 3600 * 1000);
      expect(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: HUB_TIME_ZONE,
          weekday: 'long',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(snapshot),
      ).toBe('Monday 00:00');
      const n = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;
      const cohort = `cases c WHERE c.force = '${HERTS}' AND ${IN_PERIOD('c.received_at')}`;
      const reached = `EXISTS (SELECT 1 FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'spoke-safe' AND a.attempted_at >= coalesce(c.victim_changed_at, '-infinity'))`;

      const referrals = await n(`SELECT count(*)::int AS n FROM ${cohort}`);
      expect(referrals).toBe(11);
      published(d.totals.referrals, referrals);
      const contacted = await n(`SELECT count(*)::int AS n FROM ${cohort} AND ${reached}`);
      expect(contacted).toBe(6);
      published(d.totals.contacted, contacted);
      const within = await n(
        `SELECT count(*)::int AS n FROM ${cohort} AND EXISTS (SELECT 1 FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'spoke-safe' AND a.attempted_at >= coalesce(c.victim_changed_at, '-infinity') AND a.attempted_at <= c.received_at + interval '24 hours')`,
      );
      expect(within).toBe(5);
      published(d.totals.contactedWithin24h, within);
      expect(d.totals.contactRate).toBe(Math.round((contacted / referrals) * 1000) / 1000);
      expect(d.totals.within24hRate).toBe(Math.round((within / referrals) * 1000) / 1000);
      expect(d.totals.medianHoursToFirstContact).toBe(3);

      // By month (London): 1 September 00:30 BST belongs to September although it is 31 August in UTC.
      const months = await t.db.query<{ m: string; n: number }>(
        `SELECT to_char(c.received_at AT TIME ZONE '${HUB_TIME_ZONE}', 'YYYY-MM') AS m, count(*)::int AS n FROM ${cohort} GROUP BY 1 ORDER BY 1`,
      );
      expect(months).toEqual([
        { m: '2026-09', n: 6 },
        { m: '2026-10', n: 5 },
      ]);
      expect(d.byMonth.map((r) => [r.month, r.referrals, r.contacted, r.contactedWithin24h])).toEqual([
        ['2026-09', 6, 6, 5],
        ['2026-10', 5, 0, 0],
      ]);

      // Teams: Response Team North 7 (6 by feed in September, 1 by the app in October); =CMD Team 2, Not recorded 1 and
      // the free text 1 are never named. The period adds up its months as each publishes them alone: September names
      // Response Team North (6); October has no team of 5, so all five of its referrals are "Other teams" — North's one
      // among them, as October alone shows it.
      const teams = await t.db.query<{ team: string; n: number }>(
        `SELECT coalesce(r.body #>> '{officer,team}', 'Not recorded') AS team, count(*)::int AS n FROM ${cohort.replace('cases c', 'cases c JOIN reports r ON r.case_id = c.id')} GROUP BY 1 ORDER BY 2 DESC, 1`,
      );
      expect(teams).toEqual([
        { team: 'Response Team North', n: 7 },
        { team: '=CMD Team', n: 2 },
        { team: 'Not recorded', n: 1 },
        { team: 'Victim Jane Doe 07700 900123', n: 1 },
      ]);
      expect(d.byTeam.map((r) => [r.team, r.referrals, r.contacted, r.contactedWithin24h])).toEqual([
        ['Response Team North', 6, 6, 5],
        [OTHER_TEAMS, 5, 0, 0],
      ]);
      // Areas: =HYPERLINK("x") 6; St Albans and Dacorum 4 and the free-text address 1 → "Other areas" 5.
      expect(d.byArea.map((r) => [r.area, r.referrals])).toEqual([
        ['=HYPERLINK("x")', 6],
        [OTHER_AREAS, 5],
      ]);
      // Channel by arrival: 9 by the feed key (one body claiming the officer app), 1 by the app, 1 by an import whose
      // row claims the officer app. By the bodies' claims it would have been officer-app 3, records-feed 8, csv-import 0.
      // 1, 9, 1 of 11: the two "<5" add up to less than 5, so the 9 is hidden too.
      expect(d.byChannel).toEqual([
        { channel: 'officer-app', referrals: SMALL },
        { channel: 'records-feed', referrals: CONCEALED },
        { channel: 'csv-import', referrals: SMALL },
      ]);

      const sent = await n(
        `SELECT count(*)::int AS n FROM referrals f JOIN cases c ON c.id = f.case_id WHERE c.force = $1 AND ${IN_PERIOD('f.sent_at')}`,
        [HERTS],
      );
      expect(sent).toBe(7);
      expect(d.totals.referralsOn).toBe(7);
      expect(d.totals.referralsOnAccepted).toBe(SMALL);
      // Rows in order of their published figure (hidden ones after, by name): no order of hidden counts is shown.
      expect(d.byAgency).toEqual([
        { partnerName: 'Catch22 Victim Care', kind: 'emotional-support', sent: SMALL, accepted: 0 },
        { partnerName: 'DA Alliance Legal Advice', kind: 'legal-advice', sent: CONCEALED, accepted: SMALL },
      ]);
      expect(d.legal).toEqual({ ordersAppliedFor: SMALL, ordersGranted: SMALL, ordersRefused: SMALL });

      // The two-hidden-cells case: scores 3 and 4 once each beside five 5s. With 7 responses published, "<5", "<5" and
      // even a "[c]" for the 5 could only be 1, 1, 5; so the responses (the total) are hidden instead, and with them
      // hidden the two "<5" are protected (the "felt safer" row gives 7 to 10 responses, so they add up to 2 to 5). The
      // mean, computed from hidden cells, is hidden.
      expect(d.satisfaction.byScore.map((s) => s.count)).toEqual([0, 0, SMALL, SMALL, 5]);
      const scoreRows = await t.db.query<{ score: number; n: number }>(
        `SELECT s.score, count(*)::int AS n FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id WHERE c.force = $1 GROUP BY 1 ORDER BY 1`,
        [HERTS],
      );
      expect(scoreRows).toEqual([
        { score: 3, n: 1 },
        { score: 4, n: 1 },
        { score: 5, n: 5 },
      ]);
      expect(d.satisfaction.responses).toBe(CONCEALED);
      expect(d.satisfaction.meanScore).toBe(CONCEALED);
      expect(d.satisfaction.feltSafer).toEqual([
        { answer: 'yes', count: 6 },
        { answer: 'no', count: 0 },
        { answer: 'unsure', count: SMALL },
      ]);
      // Whatever a reader combines, the published score cells never add up to a published total.
      const publishedScores = d.satisfaction.byScore.reduce((a, s) => a + (typeof s.count === 'number' ? s.count : 0), 0);
      expect(typeof d.satisfaction.responses === 'number' ? d.satisfaction.responses - publishedScores : null).toBeNull();

      const audit = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'force-dashboard.read' ORDER BY id DESC LIMIT 1",
      );
      expect(audit[0].details).toEqual({ from: '2026-09-01', to: '2026-10-31', force: HERTS });
    });

    it("another force's lead sees only theirs; a force lead without a force is refused", async () => {
      const beds = (await t.login('force-lead-beds')).cookie;
      const d = (await (await call(beds, `/force/dashboard?${PERIOD}`)).json()) as ForceDashboard;
      expect(d.force).toBe(BEDS);
      expect(d.totals).toMatchObject({ referrals: 7, contacted: 7, contactedWithin24h: 7, contactRate: 1, medianHoursToFirstContact: 1 });
      expect(d.byTeam.map((r) => r.team)).toEqual(['Luton Response']);
      expect(d.legal.ordersGranted).toBe(SMALL);
      // The mean rule: every score cell published (0, 0, 0, 5, 0) and a base of 5 → the mean is published.
      expect(d.satisfaction.responses).toBe(5);
      expect(d.satisfaction.byScore.map((s) => s.count)).toEqual([0, 0, 0, 5, 0]);
      expect(d.satisfaction.meanScore).toBe(4);
      const none = await call((await t.login('force-lead-none')).cookie, `/force/dashboard?${PERIOD}`);
      expect(none.status).toBe(403);
      expect(((await none.json()) as { detail: string }).detail).toMatch(/no police force/);
    });

    it('never carries a name, reference, person id or case id, in JSON or CSV', async () => {
      const json = await (await call(leadCookie, `/force/dashboard?${PERIOD}`)).text();
      const csv = await (await call(leadCookie, `/force/dashboard.csv?${PERIOD}`)).text();
      const secrets = new Set<string>();
      for (const r of reports) {
        for (const v of [r.victim.firstName, r.victim.lastName, r.suspect?.firstName, r.suspect?.lastName, r.reference, r.victim.personId])
          if (v && v.length > 2) secrets.add(v);
      }
      for (const id of caseIds) secrets.add(id);
      for (const s of ['Victim Jane Doe 07700 900123', '12 Acacia Avenue Hertford']) secrets.add(s);
      expect(secrets.size).toBeGreaterThan(40);
      for (const s of secrets) {
        expect(json, s).not.toContain(s);
        expect(csv, s).not.toContain(s);
      }
    });

    it('gives the same figures as CSV, suppressed the same way and safe in a spreadsheet', async () => {
      for (const res of [
        await call(leadCookie, `/force/dashboard.csv?${PERIOD}`),
        await call(leadCookie, `/force/dashboard?${PERIOD}`, { accept: 'text/csv' }),
      ]) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
        expect(res.headers.get('content-disposition')).toBe('attachment; filename="lantern-force-dashboard-2026-09-01-to-2026-10-31.csv"');
        const bytes = Buffer.from(await res.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const rows = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
        const row = (label: string) => rows.find((r) => r[0] === label);
        expect(row('Referrals')?.[1]).toBe('11');
        expect(row('2026-09')?.slice(1)).toEqual(['6', '6', '5']);
        expect(row('2026-10')?.slice(1)).toEqual(['5', '0', '0']);
        expect(row('Response Team North')?.slice(1)).toEqual(['6', '6', '5']);
        expect(row(OTHER_TEAMS)?.[1]).toBe('5');
        expect(row(`'=HYPERLINK("x")`)?.[1]).toBe('6');
        expect(row('=HYPERLINK("x")')).toBeUndefined();
        expect(row(OTHER_AREAS)?.[1]).toBe('5');
        expect(row('CSV import')?.[1]).toBe('<5');
        expect(row('Mean satisfaction (1-5)')?.[1]).toBe('[c]');
        expect(rows.some((r) => r[0]?.includes('whole calendar months'))).toBe(true);
        // No count of 1–4 anywhere as a number: every numeric cell is 0 or at least 5 (hours, means, percentages aside).
        const counted = rows.filter((r) =>
          /^(\d{4}-\d{2}|Referrals|Victims contacted|Contacted within 24 hours|Response Team North|Other teams|Other areas)$/.test(r[0]),
        );
        for (const r of counted)
          for (const c of r.slice(1)) if (/^\d+$/.test(c)) expect(Number(c) === 0 || Number(c) >= 5, `${r}`).toBe(true);
      }
    });

    it('never names a team or an area with fewer than 5 referrals (free text typed for one case)', async () => {
      for (const q of [PERIOD, 'from=2026-10-01&to=2026-10-31', 'from=2026-09-01&to=2026-09-30']) {
        const res = await call(leadCookie, `/force/dashboard?${q}`);
        const d = (await res.clone().json()) as ForceDashboard;
        const text = (await res.text()) + (await (await call(leadCookie, `/force/dashboard.csv?${q}`)).text());
        for (const s of ['Victim Jane Doe', '07700 900123', 'Acacia Avenue', '=CMD Team', 'Not recorded', 'St Albans and Dacorum'])
          expect(text, `${q}: ${s}`).not.toContain(s);
        // Every named row stands for 5 or more referrals (a "[c]" is ≥ 5 by definition); the others are folded.
        for (const r of [
          ...d.byTeam.map((x) => ({ name: x.team, n: x.referrals })),
          ...d.byArea.map((x) => ({ name: x.area, n: x.referrals })),
        ])
          if (r.name !== OTHER_TEAMS && r.name !== OTHER_AREAS)
            expect(r.n === CONCEALED || (typeof r.n === 'number' && r.n >= 5), `${q} ${r.name}`).toBe(true);
      }
      // October alone: Response Team North has 1 (by the app) there, so it is folded too and the only team row is "Other teams".
      const oct = (await (await call(leadCookie, '/force/dashboard?from=2026-10-01&to=2026-10-31')).json()) as ForceDashboard;
      expect(oct.byTeam.map((r) => r.team)).toEqual([OTHER_TEAMS]);
    });

    it('answers whole months only, so periods a day apart give identical figures (no differencing)', async () => {
      const read = async (q: string) => {
        const res = await call(leadCookie, `/force/dashboard?${q}`);
        expect(res.status, q).toBe(200);
        const d = (await res.json()) as ForceDashboard;
        const { generatedAt, requested, ...figures } = d;
        expect(generatedAt).toBeTruthy();
        return { requested, figures };
      };
      // Ends a day apart inside October (the surveys were recorded on 10 October): the same whole month, the same figures.
      const a = await read('from=2026-10-01&to=2026-10-10');
      const b = await read('from=2026-10-01&to=2026-10-09');
      const c = await read('from=2026-10-11&to=2026-10-31');
      expect(a.requested).toEqual({ from: '2026-10-01', to: '2026-10-10' });
      expect(a.figures).toMatchObject({ from: '2026-10-01', to: '2026-10-31', countedTo: '2026-10-31' });
      expect(b.figures).toEqual(a.figures);
      expect(c.figures).toEqual(a.figures);
      // Across two months with arbitrary days: widened to September–October, the figures of the whole period.
      const d = await read('from=2026-09-17&to=2026-10-03');
      const whole = await read(PERIOD);
      expect(d.requested).toEqual({ from: '2026-09-17', to: '2026-10-03' });
      expect(d.figures).toEqual(whole.figures);
      // The current month: counted to the weekly snapshot, so today and yesterday as the end give the same.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(new Date());
      const monthStart = `${today.slice(0, 8)}01`;
      const now1 = await read(`from=${monthStart}&to=${today}`);
      const now2 = await read(`from=${monthStart}&to=${monthStart}`);
      expect(now2.figures).toEqual(now1.figures);
      // Counted to the Sunday before the snapshot (or, early in a month that began after it, to the day before the month).
      expect(now1.figures.countedTo < today).toBe(true);
      // Events after the snapshot do not count: a survey recorded now for a current-month case changes nothing.
      const [{ id: worker }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      await t.db.query(
        `INSERT INTO satisfaction_surveys (case_id, score, felt_safer, recorded_by, recorded_at) VALUES ($1, 1, 'no', $2, now())`,
        [herts[9], worker],
      );
      expect((await read(`from=${monthStart}&to=${today}`)).figures).toEqual(now1.figures);
    });

    it('publishes nothing two overlapping periods would give back by subtraction (each month as it is alone)', async () => {
      const read = async (q: string) => {
        const res = await call(leadCookie, `/force/dashboard?${q}`);
        expect(res.status, q).toBe(200);
        return (await res.json()) as ForceDashboard;
      };
      // Every count a dashboard publishes, keyed by where it is.
      const counts = (d: ForceDashboard) => {
        const out = new Map<string, Count>();
        const cols = ['referrals', 'contacted', 'contactedWithin24h'] as const;
        for (const k of [...cols, 'referralsOn', 'referralsOnAccepted'] as const) out.set(`totals.${k}`, d.totals[k]);
        for (const r of d.byTeam) for (const k of cols) out.set(`team.${r.team}.${k}`, r[k]);
        for (const r of d.byArea) for (const k of cols) out.set(`area.${r.area}.${k}`, r[k]);
        for (const r of d.byChannel) out.set(`channel.${r.channel}`, r.referrals);
        for (const r of d.byAgency) for (const k of ['sent', 'accepted'] as const) out.set(`agency.${r.partnerName}.${r.kind}.${k}`, r[k]);
        for (const [k, v] of Object.entries(d.legal)) out.set(`legal.${k}`, v);
        out.set('surveys', d.satisfaction.responses);
        for (const s of d.satisfaction.byScore) out.set(`score.${s.score}`, s.count);
        for (const s of d.satisfaction.feltSafer) out.set(`felt.${s.answer}`, s.count);
        return out;
      };
      // November holds one Hertfordshire referral (Response Team North, 1 November 00:30 GMT): "<5" on its own.
      const nov = await read('from=2026-11-01&to=2026-11-30');
      expect(nov.totals.referrals).toBe(SMALL);
      const pairs: Array<[string, string, string]> = [
        ['from=2026-09-01&to=2026-11-30', PERIOD, 'from=2026-11-01&to=2026-11-30'],
        ['from=2026-10-01&to=2026-11-30', 'from=2026-10-01&to=2026-10-31', 'from=2026-11-01&to=2026-11-30'],
        ['from=2026-08-01&to=2026-10-31', PERIOD, 'from=2026-08-01&to=2026-08-31'],
      ];
      for (const [wider, narrower, rest] of pairs) {
        const [w, n, r] = await Promise.all([read(wider), read(narrower), read(rest)].map(async (d) => counts(await d)));
        for (const [key, v] of w) {
          const u = n.get(key) ?? 0;
          if (typeof v !== 'number' || typeof u !== 'number' || v === u) continue;
          // Both published and different: the difference must be what the remaining month publishes on its own.
          expect(r.get(key), `${wider} − ${narrower}: ${key}`).toBe(v - u);
        }
      }
      // Before (each period suppressed on its own), September–November published 12 referrals beside September–October's
      // 11: November's "<5" was exactly 1. Now a period with a month that hides its referrals hides its own.
      expect((await read('from=2026-09-01&to=2026-11-30')).totals.referrals).toBe(CONCEALED);
    });

    it("counts a case's area as it stood at the snapshot: a revision since does not move it", async () => {
      const before = (await (await call(leadCookie, `/force/dashboard?${PERIOD}`)).json()) as ForceDashboard;
      // A revision now (after the snapshot) moves one September case to another area: the case row follows it at once.
      const revised = merge(reports[0], { revision: 2, incident: { area: 'Watford and Three Rivers' } });
      const res = await t.postReport(revised);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      const [{ area }] = await t.db.query<{ area: string }>('SELECT area FROM cases WHERE id = $1', [caseIds[0]]);
      expect(area).toBe('Watford and Three Rivers');
      const after = (await (await call(leadCookie, `/force/dashboard?${PERIOD}`)).json()) as ForceDashboard;
      expect(after.byArea).toEqual(before.byArea);
      expect(after.byArea.map((r) => [r.area, r.referrals])).toEqual([
        ['=HYPERLINK("x")', 6],
        [OTHER_AREAS, 5],
      ]);
    });

    it("counts reach as at the snapshot: a revision naming another victim since leaves this week's figures as they were", async () => {
      const totals = async () => ((await (await call(leadCookie, `/force/dashboard?${PERIOD}`)).json()) as ForceDashboard).totals;
      const before = await totals();
      expect(before.contacted).toBe(6);
      // The second September case was reached within 3 h; a revision now names another person as its victim.
      const revised = merge(reports[1], {
        revision: 2,
        victim: { personId: 'P0FDB1-OTHER', firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1979-02-03' },
      });
      const res = await t.postReport(revised);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      const [{ changed, snapshot }] = await t.db.query<{ changed: Date | null; snapshot: Date }>(
        `SELECT victim_changed_at AS changed, now() AS snapshot FROM cases WHERE id = $1`,
        [caseIds[1]],
      );
      expect(changed).not.toBeNull();
      // The change came after this week's snapshot: the conversation still counted as reaching the person then named.
      expect(await totals()).toEqual(before);
      // Had it come before the snapshot, the earlier person's conversation is not hers: one fewer reached.
      const { snapshotAt } = (await (await call(leadCookie, `/force/dashboard?${PERIOD}`)).json()) as ForceDashboard;
      expect(new Date(snapshotAt).getTime()).toBeLessThan(new Date(snapshot).getTime());
      await t.db.query('UPDATE cases SET victim_changed_at = $2 WHERE id = $1', [caseIds[1], new Date(Date.parse(snapshotAt) - 3_600_000)]);
      try {
        const after = await totals();
        expect(after.contacted).toBe(5);
        expect(after.referrals).toBe(before.referrals);
      } finally {
        await t.db.query('UPDATE cases SET victim_changed_at = $2 WHERE id = $1', [caseIds[1], changed]);
      }
    });

    it('refuses other roles (403) and bad periods (400 naming the query path)', async () => {
      for (const user of ['caseworker', 'officer', 'team-lead', 'admin', 'auditor', 'partner-idva']) {
        const c = (await t.login(user)).cookie;
        expect((await call(c, `/force/dashboard?${PERIOD}`)).status, user).toBe(403);
        expect((await call(c, `/force/dashboard.csv?${PERIOD}`)).status, user).toBe(403);
      }
      expect((await fetch(`${t.url}/api/v1/force/dashboard`)).status).toBe(401);
      const paths = async (q: string) => {
        const res = await call(leadCookie, `/force/dashboard?${q}`);
        expect(res.status, q).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        return ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
      };
      expect(await paths('from=2026-13-01&to=yesterday')).toEqual(['/from', '/to']);
      expect(await paths('from=2026-10-02&to=2026-10-01')).toEqual(['/to']);
      expect(await paths('from=2024-01-01&to=2026-01-01')).toEqual(['/to']);
      expect(await paths(`${PERIOD}&force=${encodeURIComponent(BEDS)}`)).toEqual(['/force']);
      expect(await paths('from=2026-02-30')).toEqual(['/from']);
      // 24 months exactly is allowed; the default period answers too.
      expect((await call(leadCookie, '/force/dashboard?from=2024-11-01&to=2026-10-31')).status).toBe(200);
      expect((await call(leadCookie, '/force/dashboard')).status).toBe(200);
      const reads = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'force-dashboard.read'");
      expect(reads[0].n).toBeGreaterThan(0);
    });
  });
}
