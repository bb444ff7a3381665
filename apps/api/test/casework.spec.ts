import { HUB_TIME_ZONE, type CaseSummary, type ProblemDetails } from '@lantern/shared/domain';
import { createReport, merge, reportMadeAt } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { recordAnyTimeWhenUntimed } from './support/any-time';
import { decideChildrenWhenAsked } from './support/childrens-services';
import { claim } from './support/claim';

type Problem = ProblemDetails & { rule?: string; rules?: string[] };

for (const database of testDatabases()) {
  describe(`casework on ${database.name}`, () => {
    let t: TestApp;
    let cw1: string;
    let cw2: string;
    let lead: string;
    let n = 0;
    /** Posts a report; its case is claimed by caseworker (cw1) unless `claimed` is false. */
    const post = async (over: Parameters<typeof createReport>[0] = {}, claimed = true) => {
      const i = 1200 + n++;
      const base = createReport(
        { victim: { personId: `P0C${i}` }, incident: { previousIncidents12Months: 0 }, consent: { supportReferral: 'given' } },
        i,
      );
      const report = merge(base, over);
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      if (claimed) await claim(t, cw1, caseId);
      // The tests that send no safe times stand for a victim who said any time (recorded, as a caseworker would).
      if (claimed) await recordAnyTimeWhenUntimed(t, cw1, caseId, report);
      return caseId;
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      cw1 = (await t.login('caseworker')).cookie;
      cw2 = (await t.login('caseworker2')).cookie;
      lead = (await t.login('team-lead')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('lets exactly one of many simultaneous claims win', async () => {
      const caseId = await post({}, false);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => call(i % 2 ? cw1 : cw2, 'POST', `/cases/${caseId}/claim`, {})),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const loser = results.find((r) => r.status === 409) as Response;
      expect(((await loser.json()) as Problem).code).toBe('already-claimed');
      const audit = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.claimed' AND entity_id = $1", [caseId]);
      expect(audit).toHaveLength(1);
    });

    it('takes the highest-priority unassigned case with "Next case", never the same one twice', async () => {
      await post({ officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined } }, false);
      await post({ officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined } }, false);
      const before = (await (await call(cw1, 'GET', '/cases?assignee=none&limit=1')).json()) as { items: CaseSummary[] };
      const first = (await (await call(cw1, 'POST', '/cases/next')).json()) as CaseSummary;
      expect(first.id).toBe(before.items[0].id);
      expect(first.assignee?.displayName).toBe('Sam Carter');
      // Next case reads the queue to choose, but the user saw only the case they got: no list read is audited.
      const me = (await (await call(cw1, 'GET', '/auth/me')).json()) as { id: string };
      const lists = await t.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_entries WHERE action = 'case.list' AND actor_id = $1",
        [me.id],
      );
      expect(Number(lists[0].n)).toBe(1);
      const second = (await (await call(cw2, 'POST', '/cases/next')).json()) as CaseSummary;
      expect(second.id).not.toBe(first.id);
      expect(second.assignee?.displayName).toBe('Alex Morgan');
    });

    it('lets a team lead assign and reassign; caseworkers may not', async () => {
      const caseId = await post({}, false);
      const me = (await (await call(cw2, 'GET', '/auth/me')).json()) as { id: string };
      expect((await call(cw1, 'POST', `/cases/${caseId}/assign`, { userId: me.id })).status).toBe(403);
      const res = await call(lead, 'POST', `/cases/${caseId}/assign`, { userId: me.id });
      expect(res.status).toBe(200);
      expect(((await res.json()) as CaseSummary).assignee?.id).toBe(me.id);
      const officer = (await (await call((await t.login('officer')).cookie, 'GET', '/auth/me')).json()) as { id: string };
      expect((await call(lead, 'POST', `/cases/${caseId}/assign`, { userId: officer.id })).status).toBe(400);
    });

    it('moves along the lifecycle table only, with reasons to close and reopen, and refuses stale versions', async () => {
      const caseId = await post();
      const go = (body: unknown) => call(cw1, 'POST', `/cases/${caseId}/status`, body);
      expect((await go({ status: 'support' })).status).toBe(409);
      // Version 2: the claim was the case's first change.
      const triage = await go({ status: 'triage', version: 2 });
      expect(triage.status).toBe(200);
      expect(((await triage.json()) as CaseSummary).status).toBe('triage');
      const stale = await go({ status: 'contacting', version: 2 });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as Problem).code).toBe('stale-version');
      const noReason = await go({ status: 'closed' });
      expect(noReason.status).toBe(422);
      // The generated report may put children at home: their closing rule is children-and-age.spec's.
      await decideChildrenWhenAsked(t, cw1, caseId);
      expect((await go({ status: 'closed', reason: 'Victim moved out of area; referred on' })).status).toBe(200);
      expect((await go({ status: 'contacting' })).status).toBe(409);
      expect((await go({ status: 'triage', reason: 'New information from police' })).status).toBe(200);
      const history = await t.db.query<{ details: { from: string; to: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'case.status-changed' AND entity_id = $1 ORDER BY id",
        [caseId],
      );
      expect(history.map((h) => `${h.details.from}>${h.details.to}`)).toEqual(['new>triage', 'triage>closed', 'closed>triage']);
      const trail = (await (await call(cw1, 'GET', `/cases/${caseId}/history`)).json()) as Array<{
        action: string;
        actor: { displayName: string };
      }>;
      expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['report.created', 'case.status-changed']));
      expect(trail.find((e) => e.action === 'case.status-changed')?.actor.displayName).toBe('Sam Carter');
      expect(trail.find((e) => e.action === 'report.created')?.actor.displayName).toBe('Demo feed');
    });

    it('starts the plan from the police report and refuses unsafe contact naming the rule', async () => {
      const none = await post({ victim: { safeContact: undefined } });
      const blocked = await call(cw1, 'POST', `/cases/${none}/contact-attempts`, { channel: 'call', to: '07700 900111' });
      expect(blocked.status).toBe(422);
      const p = (await blocked.json()) as Problem;
      expect(p.code).toBe('unsafe-contact');
      expect(p.rules).toEqual(expect.arrayContaining(['channel-not-allowed', 'number-not-on-plan']));

      const caseId = await post({
        victim: { safeContact: { phone: '07700 900321', smsSafe: true, voicemailSafe: false, safeTimes: undefined } },
      });
      const attempt = (body: unknown, who = cw1) => call(who, 'POST', `/cases/${caseId}/contact-attempts`, body);
      expect(((await (await attempt({ channel: 'voicemail', to: '07700 900321' })).json()) as Problem).rule).toBe('channel-not-allowed');
      expect(((await (await attempt({ channel: 'call', to: '07700 900999' })).json()) as Problem).rule).toBe('number-not-on-plan');
      const ok = await attempt({ channel: 'call', to: '+44 7700 900321', outcome: 'no-answer' });
      expect(ok.status).toBe(201);
      const [c] = await t.db.query<{ status: string; first_contact_at: Date | null }>(
        'SELECT status, first_contact_at FROM cases WHERE id = $1',
        [caseId],
      );
      expect(c.status).toBe('contacting');
      expect(c.first_contact_at).not.toBeNull();
    });

    it('never contacts the number police know to be the suspect’s (suspect.phone), even when the victim gave it', async () => {
      const caseId = await post({
        victim: { phone: '07700 900667', safeContact: { phone: '07700 900323', smsSafe: true, safeTimes: undefined } },
        suspect: { phone: '07700 900667' },
      });
      const attempt = (to: string) => call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to, outcome: 'no-answer' });
      const refused = await attempt('07700 900667');
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Problem).rules).toContain('suspect-number');
      expect((await attempt('07700 900323')).status).toBe(201);
      // A caseworker's written reason does not let a call to the suspect's number through; a team lead's does (the
      // police may have recorded it wrongly), audited and named in the alerts like every override.
      const overridden = (who: string) =>
        call(who, 'POST', `/cases/${caseId}/contact-attempts`, {
          channel: 'call',
          to: '07700 900667',
          outcome: 'no-answer',
          override: { reason: 'She says this is her own phone now' },
        });
      const caseworkers = await overridden(cw1);
      expect(caseworkers.status).toBe(422);
      expect(((await caseworkers.json()) as Problem & { notOverridable?: string[] }).notOverridable).toEqual(['suspect-number']);
      const leads = await overridden(lead);
      expect(leads.status).toBe(201);
      expect(((await leads.json()) as { override: { rules: string[] } }).override.rules).toContain('suspect-number');
    });

    it('keeps the label the hub wrote for the police victim phone true to its state, both ways', async () => {
      const caseId = await post({
        victim: { phone: '07700 900668', safeContact: { phone: '07700 900327', safeTimes: undefined } },
      });
      const save = async (safe: boolean) => {
        const view = (await (await call(cw1, 'GET', `/cases/${caseId}/safe-contact`)).json()) as {
          plan: { numbers: Array<{ number: string; safe: boolean; label?: string }>; channels: string[] };
        };
        const numbers = view.plan.numbers.map((n) => (n.number === '07700 900668' ? { ...n, safe } : n));
        const res = await call(cw1, 'PUT', `/cases/${caseId}/safe-contact`, {
          plan: { numbers, windows: [], channels: view.plan.channels, timeRule: 'any' },
        });
        expect(res.status).toBe(200);
        const saved = (await res.json()) as { plan: { numbers: Array<{ number: string; label?: string }> } };
        return saved.plan.numbers.find((n) => n.number === '07700 900668')?.label;
      };
      expect(await save(true)).toBe('Victim phone (confirmed safe by the hub)');
      // She says the suspect has that phone now: unticked, and the label says so again.
      expect(await save(false)).toBe('Victim phone (not confirmed safe)');
    });

    it('blocks everything when consent was refused, unless overridden with a reason that is audited', async () => {
      const caseId = await post({
        consent: { supportReferral: 'refused' },
        victim: { safeContact: { phone: '07700 900322', safeTimes: undefined } },
      });
      const refused = await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900322' });
      expect(((await refused.json()) as Problem).rule).toBe('consent-refused');
      expect(
        (await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900322', override: { reason: '  ' } }))
          .status,
      ).toBe(400);
      const over = await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: '07700 900322',
        override: { reason: 'Police request: immediate safeguarding welfare check' },
      });
      expect(over.status).toBe(201);
      expect(((await over.json()) as { override: { rules: string[] } }).override.rules).toEqual(['consent-refused']);
      const audit = await t.db.query<{ details: { rules: string[] } }>(
        "SELECT details FROM audit_entries WHERE action = 'contact.override' AND entity_id = $1",
        [caseId],
      );
      expect(audit[0].details.rules).toEqual(['consent-refused']);
      const alerts = (await (await call(lead, 'GET', '/alerts')).json()) as {
        overrides: Array<{ caseId: string; reason: string; rules: string[]; by: string }>;
      };
      expect(alerts.overrides.find((o) => o.caseId === caseId)).toMatchObject({
        rules: ['consent-refused'],
        by: 'Sam Carter',
        reason: expect.stringContaining('welfare'),
      });
      expect((await call(cw1, 'GET', '/alerts')).status).toBe(403);
    });

    it('pauses contact when someone else answers, until a team lead resumes it', async () => {
      const caseId = await post({ victim: { safeContact: { phone: '07700 900323', safeTimes: undefined } } });
      const attempt = () =>
        call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900323', outcome: 'someone-else-answered' });
      expect((await attempt()).status).toBe(201);
      expect(((await (await attempt()).json()) as Problem).rule).toBe('contact-paused');
      const alerts = (await (await call(lead, 'GET', '/alerts')).json()) as { paused: Array<{ caseId: string }> };
      expect(alerts.paused.map((p) => p.caseId)).toContain(caseId);
      expect((await call(cw1, 'POST', `/cases/${caseId}/contact/resume`, { reason: 'x' })).status).toBe(403);
      expect(
        (await call(lead, 'POST', `/cases/${caseId}/contact/resume`, { reason: 'Spoke to victim via police; safe again' })).status,
      ).toBe(200);
      expect((await attempt()).status).toBe(201);
    });

    it(`checks safe windows in ${HUB_TIME_ZONE} time across the clock change`, async () => {
      const caseId = await post({
        ...reportMadeAt('2026-03-01T00:00:00Z'),
        victim: { safeContact: { phone: '07700 900324', safeTimes: 'Tuesdays and Thursdays 10:00-12:00' } },
      });
      const confirmed = await call(cw1, 'POST', `/cases/${caseId}/safe-contact/times`, {
        timeRule: 'windows',
        windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }],
      });
      expect(confirmed.status).toBe(200);
      const view = (await confirmed.json()) as { plan: { windows: unknown[]; timeRule: string }; nextSafeWindowAt: string };
      expect(view.plan.timeRule).toBe('windows');
      expect(view.plan.windows).toEqual([{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }]);
      expect(view.nextSafeWindowAt).toEqual(expect.any(String));
      const at = (iso: string) => call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900324', at: iso });
      // Tue 31 Mar 2026 (BST): 09:30Z is 10:30 in London, inside; 11:30Z is 12:30, outside.
      expect((await at('2026-03-31T09:30:00Z')).status).toBe(201);
      const late = await at('2026-03-31T11:30:00Z');
      expect(late.status).toBe(422);
      expect(((await late.json()) as Problem).rule).toBe('outside-safe-window');
      // Tue 27 Oct 2026 (GMT): 11:30Z is 11:30, inside.
      expect((await at('2026-10-27T11:30:00Z')).status).toBe(201);
    });

    it('refuses a contact attempt dated before the police report was made, and stores nothing', async () => {
      const made = '2026-11-20T09:00:00Z';
      const caseId = await post({ ...reportMadeAt(made), victim: { safeContact: { phone: '07700 900327', safeTimes: undefined } } });
      await call(cw1, 'POST', `/cases/${caseId}/safe-contact/times`, { timeRule: 'any' });
      const before = (ms: number) =>
        call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, {
          channel: 'call',
          to: '07700 900327',
          outcome: 'no-answer',
          at: new Date(Date.parse(made) - ms).toISOString(),
        });
      const early = await before(3600_000);
      expect(early.status).toBe(400);
      const p = (await early.json()) as Problem;
      expect(p.errors?.map((e) => e.path)).toEqual(['/at']);
      expect(p.errors?.[0].message).toMatch(/^must not be before the police report was made \(\d{1,2} \w{3} \d{4} \d{2}:\d{2}\)$/);
      const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_attempts WHERE case_id = $1', [caseId]);
      expect(n).toBe(0);
      expect(p.errors?.[0].message).toContain('(20 Nov 2026 09:00)'); // London time (GMT in November)
      // Entered to the minute, a time in the minute the report was made is taken; so is one after it, before the hub
      // received the report (a hub importing its earlier cases records contact made before the import).
      expect((await before(30_000)).status).toBe(201);
      expect((await before(-3600_000)).status).toBe(201);
    });

    it('lets a caseworker capture the plan: windows, channels, numbers; a suspect number is refused', async () => {
      const caseId = await post({
        ...reportMadeAt('2026-11-01T00:00:00Z'),
        victim: { safeContact: { phone: '07700 900325', safeTimes: 'only when he is at the pub' } },
      });
      const before = (await (await call(cw1, 'GET', `/cases/${caseId}/safe-contact`)).json()) as { plan: { timeRule: string } };
      expect(before.plan.timeRule).toBe('unknown');
      const plan = {
        numbers: [
          { number: '07700 900325', owner: 'victim', safe: true },
          { number: '07700 900326', owner: 'suspect', safe: false },
        ],
        emails: [],
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        channels: ['call', 'sms'],
        codeWord: 'bluebell',
      };
      const bad = await call(cw1, 'PUT', `/cases/${caseId}/safe-contact`, {
        plan: { ...plan, timeRule: 'windows', windows: [{ days: ['mon'], from: '09:00', to: '09:00' }] },
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/plan/windows/0']);
      const saved = await call(cw1, 'PUT', `/cases/${caseId}/safe-contact`, { plan: { ...plan, timeRule: 'windows' } });
      expect(saved.status).toBe(200);
      const suspect = await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'sms',
        to: '07700 900326',
        at: '2026-11-16T10:00:00Z',
      });
      expect(((await suspect.json()) as Problem).rule).toBe('suspect-number');
      expect(
        (await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'sms', to: '07700 900325', at: '2026-11-16T10:00:00Z' }))
          .status,
      ).toBe(201);
      const history = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.safe-contact-updated' AND entity_id = $1", [
        caseId,
      ]);
      expect(history).toHaveLength(1);
    });

    it('refuses malformed attempts with 400 naming the fields', async () => {
      const caseId = await post();
      const res = await call(cw1, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'pigeon',
        at: 'yesterday',
        outcome: 'maybe',
        extra: 1,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual(
        expect.arrayContaining(['/channel', '/at', '/outcome', '/extra']),
      );
      const auditor = (await t.login('auditor')).cookie;
      expect((await call(auditor, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call' })).status).toBe(403);
      expect((await call(auditor, 'GET', `/cases/${caseId}/contact-attempts`)).status).toBe(200);
    });
  });
}
