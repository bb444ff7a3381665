import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  calendarEndingAlert,
  DEFAULT_HUB_CALENDAR,
  DEFAULT_PRIORITY_WEIGHTS,
  HUB_TIME_ZONE,
  RIC_QUESTIONS,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseSummary,
  type DashAnswers,
  type ProblemDetails,
  type TeamLeadAlerts,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { loadConfig } from '@lantern/api/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';

interface Option {
  service: string;
  kind: string;
  eligible: boolean;
  reasons: string[];
}

/** Every RIC question answered "no", with the given ones overridden. */
function answers(over: DashAnswers = {}): DashAnswers {
  const a: DashAnswers = {};
  for (const q of RIC_QUESTIONS) a[q.key] = 'no';
  return { ...a, ...over };
}

for (const database of testDatabases()) {
  describe(`outreach area, risk markers and serial suspects on ${database.name}`, () => {
    let t: TestApp;
    let cookie: string;
    let auditor: string;
    let n = 0;
    /** A fresh victim (and suspect) unless the test names them; standard risk by judgement, no police DASH. */
    const post = async (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 4100 + n++;
      const base = createReport(
        {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
          victim: { personId: `P0A${i}` },
          suspect: { personId: `S0A${i}` },
          incident: { previousIncidents12Months: 0, strangulation: false, weaponUsed: false },
        },
        i,
      );
      const report = merge(base, over);
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cookie, caseId);
      return { caseId, report };
    };
    const call = (c: string, method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie: c, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const detail = async (caseId: string) => (await (await call(cookie, 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
    const options = async (caseId: string) => (await (await call(cookie, 'GET', `/cases/${caseId}/referral-options`)).json()) as Option[];
    const outreachEligible = (opts: Option[]) =>
      opts
        .filter((o) => o.kind === 'outreach' && o.eligible)
        .map((o) => o.service)
        .sort();

    beforeAll(async () => {
      t = await startTestApp(database);
      cookie = (await t.login('caseworker')).cookie;
      auditor = (await t.login('auditor')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('outreach follows the victim home', () => {
      it('a victim living in another area than the incident gets the outreach team of where she lives', async () => {
        const { caseId } = await post({
          incident: { area: 'Watford and Three Rivers', postcode: 'WD17 1AA' },
          victim: { address: { line1: '1 High Street', town: 'St Albans', postcode: 'al1  3aa' } },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        });
        const c = await detail(caseId);
        expect(c.area).toBe('Watford and Three Rivers');
        expect(c.outreachArea).toEqual({ area: 'St Albans and Dacorum', source: 'victim-postcode', outOfCounty: false });
        expect(outreachEligible(await options(caseId))).toEqual(['outreach-st-albans-and-dacorum']);
        const watford = (await options(caseId)).find((o) => o.service === 'outreach-watford-and-three-rivers');
        expect(watford?.reasons[0]).toContain('Lives in St Albans and Dacorum: this team covers Watford and Three Rivers');
        // The queue row says it too.
        const page = (await (await call(cookie, 'GET', '/cases?limit=200')).json()) as { items: CaseSummary[] };
        expect(page.items.find((i) => i.id === caseId)?.outreachArea.area).toBe('St Albans and Dacorum');
      });

      it('falls back to the incident area without a postcode or with one the table does not know', async () => {
        for (const postcode of [undefined, 'CM22 7AA', 'not known']) {
          const { caseId } = await post({
            incident: { area: 'East Herts and Broxbourne' },
            victim: { address: { line1: '2 Mill Lane', postcode } },
            consent: { supportReferral: 'given', informationSharing: 'given' },
          });
          const c = await detail(caseId);
          expect(c.outreachArea).toEqual({ area: 'East Herts and Broxbourne', source: 'incident-area', outOfCounty: false });
          const opts = await options(caseId);
          expect(outreachEligible(opts)).toEqual(['outreach-east-herts-and-broxbourne']);
          expect(opts.find((o) => o.service === 'outreach-east-herts-and-broxbourne')?.reasons.join(' ')).toContain(
            "victim's home postcode not known",
          );
        }
      });

      it('a known postcode outside the county: out of county, no outreach team, with that reason', async () => {
        const { caseId } = await post({
          incident: { area: 'St Albans and Dacorum' },
          victim: { address: { line1: '3 Park Road', town: 'Luton', postcode: 'LU1 1AA' } },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        });
        const c = await detail(caseId);
        expect(c.outreachArea).toEqual({ area: null, source: 'victim-postcode', outOfCounty: true });
        const opts = (await options(caseId)).filter((o) => o.kind === 'outreach');
        expect(opts).toHaveLength(5);
        for (const o of opts) {
          expect(o.eligible).toBe(false);
          expect(o.reasons[0]).toMatch(/^Lives out of county/);
        }
      });

      it('a caseworker corrects it, with a reason in the history; a later police revision keeps the correction', async () => {
        const { caseId, report } = await post({
          incident: { area: 'Watford and Three Rivers' },
          victim: { address: { line1: '4 Canal Side', postcode: 'WD18 0AA' } },
        });
        const before = await detail(caseId);
        expect(before.outreachArea.area).toBe('Watford and Three Rivers');

        const bad = await call(cookie, 'PUT', `/cases/${caseId}/outreach-area`, { area: 'Narnia', reason: 'moved' });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/area']);
        const blank = await call(cookie, 'PUT', `/cases/${caseId}/outreach-area`, { area: 'St Albans and Dacorum' });
        expect(blank.status).toBe(400);
        expect(((await blank.json()) as ProblemDetails).errors?.map((e) => e.path)).toContain('/reason');
        expect((await call(auditor, 'PUT', `/cases/${caseId}/outreach-area`, { area: null, reason: 'x' })).status).toBe(403);
        expect((await call(cookie, 'PUT', `/cases/${caseId}/outreach-area`, { area: null, reason: 'x', version: 1 })).status).toBe(
          before.version === 1 ? 200 : 409,
        );

        const res = await call(cookie, 'PUT', `/cases/${caseId}/outreach-area`, {
          area: 'St Albans and Dacorum',
          reason: 'Moved to her sister’s in Harpenden last week',
        });
        // The words are beside the trail, not in it (the trail cannot be corrected or erased): it names them by id.
        const [entry] = await t.db.query<{ details: Record<string, unknown> }>(
          "SELECT details FROM audit_entries WHERE action = 'case.outreach-area-corrected' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
          [caseId],
        );
        expect(JSON.stringify(entry.details)).not.toContain('Harpenden');
        expect(entry.details['reasonId']).toMatch(/^[0-9a-f-]{36}$/);
        const [kept] = await t.db.query<{ reason: string }>('SELECT reason FROM case_change_reasons WHERE id = $1', [
          entry.details['reasonId'],
        ]);
        expect(kept.reason).toBe('Moved to her sister’s in Harpenden last week');
        expect(res.status).toBe(200);
        const summary = (await res.json()) as CaseSummary;
        expect(summary.outreachArea).toEqual({ area: 'St Albans and Dacorum', source: 'caseworker', outOfCounty: false });

        const history = (await (await call(cookie, 'GET', `/cases/${caseId}/history`)).json()) as CaseHistoryEntry[];
        const corrected = history.filter((h) => h.action === 'case.outreach-area-corrected');
        expect(corrected.at(-1)?.details).toMatchObject({
          to: 'St Albans and Dacorum',
          reason: 'Moved to her sister’s in Harpenden last week',
        });

        // A police revision with the old address does not undo what the caseworker established.
        const rev = await t.postReport({ ...report, revision: 2 });
        expect(rev.status).toBe(200);
        expect((await detail(caseId)).outreachArea).toEqual({ area: 'St Albans and Dacorum', source: 'caseworker', outOfCounty: false });

        // Out of county by correction.
        const out = await call(cookie, 'PUT', `/cases/${caseId}/outreach-area`, { area: null, reason: 'Moved to Luton' });
        expect(((await out.json()) as CaseSummary).outreachArea).toEqual({ area: null, source: 'caseworker', outOfCounty: true });
        expect((await call(cookie, 'GET', '/outreach-areas')).status).toBe(200);
      });
    });

    describe('risk markers from the hub’s latest answers', () => {
      it('a hub "yes" to strangulation raises the priority; a later checklist without it lowers it again', async () => {
        const { caseId } = await post();
        const start = await detail(caseId);
        expect(start.priority.factors.map((f) => f.factor)).not.toContain('strangulation');

        const res = await call(cookie, 'POST', `/cases/${caseId}/risk-assessments`, { answers: answers({ q18: 'yes' }) });
        expect(res.status).toBe(201);
        const after = await detail(caseId);
        expect(after.priority.factors).toContainEqual({
          factor: 'strangulation',
          points: DEFAULT_PRIORITY_WEIGHTS.strangulation,
          label: 'Strangulation or suffocation alleged',
        });

        await call(cookie, 'POST', `/cases/${caseId}/risk-assessments`, { answers: answers() });
        expect((await detail(caseId)).priority.factors.map((f) => f.factor)).not.toContain('strangulation');
      });

      it('separation, stalking, threats to kill and sexual abuse count, from the police DASH or the hub', async () => {
        const { caseId } = await post({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'standard', dash: { q6: 'yes', q8: 'no' } },
        });
        const police = await detail(caseId);
        expect(police.priority.factors.map((f) => f.factor)).toContain('separation');
        expect(police.priority.factors.map((f) => f.factor)).not.toContain('stalking');

        await call(cookie, 'POST', `/cases/${caseId}/risk-assessments`, {
          answers: answers({ q6: 'no', q8: 'yes', q17: 'yes', q19: 'yes' }),
        });
        const hub = (await detail(caseId)).priority.factors.map((f) => f.factor);
        // The police "yes" to separation stands (a hub "no" does not erase it); the hub adds the others.
        expect(hub).toEqual(expect.arrayContaining(['separation', 'stalking', 'threat-to-kill', 'sexual-abuse']));
      });
    });

    describe('a suspect with two victims', () => {
      it('flags both cases as serial suspect, lists the other victims’ cases without names, and unlinks on a revision', async () => {
        const suspect = { personId: 'S0SERIAL1', firstName: 'Connor', lastName: 'Hughes' };
        const a = await post({ suspect, victim: { personId: 'P0SERIALA', firstName: 'Olivia', lastName: 'Brown' } });
        expect((await detail(a.caseId)).flags.serialSuspect).toBe(false);
        const vA = (await detail(a.caseId)).version;

        // The same victim again with the same suspect is a repeat, not another victim.
        const again = await post({ suspect, victim: { personId: 'P0SERIALA', firstName: 'Olivia', lastName: 'Brown' } });
        expect((await detail(again.caseId)).flags.serialSuspect).toBe(false);
        expect((await detail(a.caseId)).flags.serialSuspect).toBe(false);

        const b = await post({ suspect, victim: { personId: 'P0SERIALB', firstName: 'Grace', lastName: 'Patel' } });
        const dA = await detail(a.caseId);
        const dB = await detail(b.caseId);
        expect(dB.flags.serialSuspect).toBe(true);
        // Kept current on the other victim's case too, as a new version (pushed live to the queue).
        expect(dA.flags.serialSuspect).toBe(true);
        expect(dA.version).toBeGreaterThan(vA);
        expect((await detail(again.caseId)).flags.serialSuspect).toBe(true);

        expect(dB.suspectLinkedCases.map((l) => l.id).sort()).toEqual([a.caseId, again.caseId].sort());
        for (const l of dB.suspectLinkedCases) expect(Object.keys(l).sort()).toEqual(['id', 'receivedAt', 'reference', 'status']);
        expect(JSON.stringify(dB.suspectLinkedCases)).not.toContain('Olivia');
        expect(dA.suspectLinkedCases.map((l) => l.id)).toEqual([b.caseId]);
        // Reading case B showed the other victim's cases: its case.read entry names them, so the search by case finds it.
        const [read] = await t.db.query<{ details: { caseIds?: string[] } }>(
          "SELECT details FROM audit_entries WHERE action = 'case.read' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
          [b.caseId],
        );
        expect(read.details.caseIds?.sort()).toEqual([a.caseId, again.caseId].sort());

        const history = (await (await call(cookie, 'GET', `/cases/${a.caseId}/history`)).json()) as CaseHistoryEntry[];
        expect(history.map((h) => h.action)).toContain('case.serial-suspect-linked');

        // A suspect without a police person id never links.
        const anon = await post({ suspect: { personId: undefined, firstName: 'Connor', lastName: 'Hughes' } });
        expect((await detail(anon.caseId)).flags.serialSuspect).toBe(false);

        // B's revision names another suspect: A (and its repeat) are no longer linked to another victim.
        const rev = await t.postReport({ ...b.report, revision: 2, suspect: { ...b.report.suspect, personId: 'S0OTHER9' } });
        expect(rev.status).toBe(200);
        expect((await detail(a.caseId)).flags.serialSuspect).toBe(false);
        expect((await detail(b.caseId)).flags.serialSuspect).toBe(false);
        expect((await detail(a.caseId)).suspectLinkedCases).toEqual([]);
      });
    });

    it('the alert tray has no calendar warning while the bank holidays run far enough', async () => {
      const lead = (await t.login('team-lead')).cookie;
      const alerts = (await (await call(lead, 'GET', '/alerts')).json()) as TeamLeadAlerts;
      const expected = calendarEndingAlert(DEFAULT_HUB_CALENDAR, new Date());
      expect(alerts.hubAlerts).toEqual(expected ? [expected] : []);
    });
  });

  describe(`the calendar-ending alert on ${database.name}`, () => {
    let t: TestApp;
    const hubDate = (days: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(new Date(Date.now() + days * 86400_000));

    afterAll(async () => {
      await t?.close();
    });

    it('warns team leads 60 days (configurable) before the configured bank holidays run out', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lantern-calendar-'));
      const file = join(dir, 'triage.json');
      const last = hubDate(45);
      writeFileSync(
        file,
        JSON.stringify({
          calendar: {
            closures: [
              { date: hubDate(-100), name: 'Earlier' },
              { date: last, name: 'Last' },
            ],
          },
        }),
      );
      t = await startTestApp(database, { LANTERN_TRIAGE_CONFIG: file });
      const lead = (await t.login('team-lead')).cookie;
      const res = await fetch(`${t.url}/api/v1/alerts`, { headers: { cookie: lead } });
      const alerts = (await res.json()) as TeamLeadAlerts;
      expect(alerts.hubAlerts).toHaveLength(1);
      expect(alerts.hubAlerts?.[0]).toMatchObject({ kind: 'calendar-ending', until: last });
      expect(alerts.hubAlerts?.[0].message).toMatch(/^Bank holidays are configured up to \d{1,2} [A-Z][a-z]+ \d{4}: add next year's$/);
      // Caseworkers do not see the team lead's tray.
      const cw = (await t.login('caseworker')).cookie;
      expect((await fetch(`${t.url}/api/v1/alerts`, { headers: { cookie: cw } })).status).toBe(403);
    });
  });
}

describe('outreach areas and the calendar warning in the rules file', () => {
  const file = (content: unknown) => {
    const f = join(mkdtempSync(join(tmpdir(), 'lantern-area-config-')), 'triage.json');
    writeFileSync(f, JSON.stringify(content));
    return f;
  };

  it('seeds Hertfordshire, lets a rules file replace the table whole, and refuses a malformed one at boot', () => {
    expect(loadConfig({}).triage.outreachAreas['AL1']).toBe('St Albans and Dacorum');
    expect(loadConfig({}).triage.calendar.holidayWarningDays).toBe(60);
    const custom = { '*': 'out-of-county', CB: 'Cambridge City', 'CB2 1': 'Cambridge South' };
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file({ outreachAreas: custom }) }).triage.outreachAreas).toEqual(custom);
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file({ outreachAreas: { sg5: 'x' } }) })).toThrow(/outreachAreas key "sg5"/);
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file({ outreachAreas: { SG5: '' } }) })).toThrow(/outreachAreas\["SG5"\]/);
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file({ calendar: { holidayWarningDays: 30 } }) }).triage.calendar.holidayWarningDays).toBe(
      30,
    );
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file({ calendar: { holidayWarningDays: -1 } }) })).toThrow(/holidayWarningDays/);
  });
});
