import {
  HUB_TIME_ZONE,
  isOutOfHours,
  RIC_QUESTIONS,
  SocketEvents,
  slaDue,
  type CaseChangedEvent,
  type CaseDetail,
  type DashAnswers,
  type ProblemDetails,
  type RiskAssessmentRecord,
  type TriageConfig,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { SlaWatchService } from '@lantern/api/triage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';

function yes(n: number, extra: DashAnswers = {}): DashAnswers {
  const a: DashAnswers = { ...extra };
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return a;
}

for (const database of testDatabases()) {
  describe(`triage rules through the API on ${database.name}`, () => {
    let t: TestApp;
    let cookie: string;
    let n = 0;
    const post = async (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 900 + n++;
      // A fresh victim with no history unless the test gives one.
      const base = createReport(
        {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
          victim: { personId: `P0T${i}` },
          incident: { previousIncidents12Months: 0 },
        },
        i,
      );
      const res = await t.postReport(merge(base, over));
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      // The caseworker claims it (version 2): only the assignee or a team lead works on a case.
      await claim(t, cookie, caseId);
      return caseId;
    };
    const assess = (caseId: string, body: unknown, c = cookie) =>
      fetch(`${t.url}/api/v1/cases/${caseId}/risk-assessments`, {
        method: 'POST',
        headers: { cookie: c, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const detail = async (caseId: string) =>
      (await (await fetch(`${t.url}/api/v1/cases/${caseId}`, { headers: { cookie } })).json()) as CaseDetail;

    beforeAll(async () => {
      t = await startTestApp(database);
      cookie = (await t.login('caseworker')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('serves the rules configuration', async () => {
      const res = await fetch(`${t.url}/api/v1/triage/config`, { headers: { cookie } });
      const config = (await res.json()) as TriageConfig;
      expect(config.questions).toHaveLength(27);
      expect(config.bands).toEqual({ high: 14, medium: 10 });
      expect(config.calendar.timeZone).toBe(HUB_TIME_ZONE);
      expect(config.marac).toEqual({ escalationIncidents: 3, escalationWindowMonths: 12, repeatWindowMonths: 12 });
      expect(config.closing).toEqual({ unableToContactAttemptDays: 3 });
      expect((await fetch(`${t.url}/api/v1/triage/config`)).status).toBe(401);
    });

    it.each([
      [0, null, 'standard', []],
      [9, null, 'standard', []],
      [10, null, 'medium', []],
      [13, null, 'medium', []],
      [14, null, 'high', ['visible-high-risk']],
      [3, { grade: 'high', rationale: 'Threats to kill with a weapon' }, 'high', ['professional-judgement']],
      [3, { grade: 'medium', rationale: 'Isolated' }, 'medium', []],
    ] as const)('scores %i yes (judgement %j) → %s %j, updates the case and keeps the record', async (score, judgement, grade, reasons) => {
      const caseId = await post();
      const res = await assess(caseId, {
        answers: yes(score, { q10: 'yes', q11: 'yes', q12: 'yes' }),
        ...(judgement ? { judgement } : {}),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as RiskAssessmentRecord;
      expect(body).toMatchObject({ score, grade, marac: { required: reasons.length > 0, reasons } });
      const d = await detail(caseId);
      expect(d.risk).toMatchObject({ grade, score, source: 'hub', marac: { required: reasons.length > 0, reasons } });
      expect(d.riskAssessments[0]).toMatchObject({ score, grade, assessedBy: { displayName: 'Sam Carter' } });
      expect(d.dashPrefill).toMatchObject({ q1: score > 0 ? 'yes' : 'no' });
      expect(d.version).toBe(3);
    });

    it('refuses a judgement that lowers the grade with 422 problem+json, and stores nothing', async () => {
      const caseId = await post();
      const res = await assess(caseId, { answers: yes(15), judgement: { grade: 'medium', rationale: 'Victim minimises' } });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = (await res.json()) as ProblemDetails;
      expect(problem.code).toBe('judgement-lowers-grade');
      expect(problem.errors?.[0].path).toBe('/judgement/grade');
      const d = await detail(caseId);
      expect(d.riskAssessments).toEqual([]);
      expect(d.version).toBe(2);
    });

    it('refuses a judgement without rationale (422) and bad answers (400 naming each path)', async () => {
      const caseId = await post();
      const noWhy = await assess(caseId, { answers: yes(2), judgement: { grade: 'high', rationale: ' ' } });
      expect(noWhy.status).toBe(422);
      const bad = await assess(caseId, { answers: { q1: 'maybe', q28: 'yes' }, judgement: { grade: 'severe' }, extra: 1 });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as ProblemDetails).errors?.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/answers/q1', '/answers/q28', '/judgement/grade', '/judgement/rationale', '/extra']));
      expect((await assess(caseId, [])).status).toBe(400);
    });

    it('lets only caseworkers and team leads assess; auditors and officers get 403', async () => {
      const caseId = await post();
      for (const user of ['auditor', 'officer', 'partner-idva']) {
        const c = (await t.login(user)).cookie;
        expect((await assess(caseId, { answers: yes(1) }, c)).status, user).toBe(403);
      }
      const lead = (await t.login('team-lead')).cookie;
      expect((await assess(caseId, { answers: yes(1) }, lead)).status).toBe(201);
    });

    it('pushes the regraded case live and audits the assessment', async () => {
      const caseId = await post();
      const s = t.socket((await t.login('caseworker2')).token);
      const events: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      await new Promise((r) => s.once(SocketEvents.ready, r));
      expect((await assess(caseId, { answers: yes(14) })).status).toBe(201);
      const e = await waitFor(() => events.find((x) => x.caseId === caseId));
      expect(e.case.risk).toMatchObject({ grade: 'high', score: 14, marac: { required: true } });
      expect(e.version).toBe(3);
      const audit = await t.db.query("SELECT details FROM audit_entries WHERE action = 'case.risk-assessed' AND entity_id = $1", [caseId]);
      expect(audit).toHaveLength(1);
    });

    it('finds potential escalation and repeat from the victim history', async () => {
      const escalation = await post({ incident: { previousIncidents12Months: 2 } });
      expect((await detail(escalation)).risk.marac).toEqual({ required: true, reasons: ['potential-escalation'] });
      // Victim referred to MARAC (first case high, and the referral recorded), then a new incident: repeat. Meeting a
      // criterion is not a referral: only the recorded one counts (apps/api/test/marac-referrals.spec.ts).
      const first = await post({
        victim: { personId: 'P0REPEAT1' },
        suspect: { personId: 'S0REPEAT1' },
        incident: { occurredAt: '2026-06-01T10:00:00Z', reportedAt: '2026-06-01T11:00:00Z', previousIncidents12Months: 0 },
      });
      expect((await assess(first, { answers: yes(16) })).status).toBe(201);
      const referred = await fetch(`${t.url}/api/v1/cases/${first}/marac-referrals`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ maracArea: 'Dacorum MARAC' }),
      });
      expect(referred.status).toBe(201);
      // The new incident happens after that referral (a minute from now, within the intake's 15-minute tolerance).
      const soon = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
      const again = await post({
        victim: { personId: 'P0REPEAT1' },
        suspect: { personId: 'S0REPEAT1' },
        incident: { occurredAt: soon(1), reportedAt: soon(2) },
        source: { sentAt: soon(2) },
      });
      const d = await detail(again);
      expect(d.risk.marac.reasons).toContain('repeat');
      expect(d.maracContext.lastMaracReferralAt).not.toBeNull();
      expect(d.flags.repeatVictim).toBe(true);
    });

    it('sets staffed-time SLA clocks from the grade and recomputes them when the grade changes', async () => {
      const caseId = await post({ officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined } });
      const d = await detail(caseId);
      expect(d.sla).toMatchObject(slaDue(d.receivedAt, 'medium'));
      expect(d.flags.arrivedOutOfHours).toBe(
        isOutOfHours(
          d.receivedAt,
          ((await (await fetch(`${t.url}/api/v1/triage/config`, { headers: { cookie } })).json()) as TriageConfig).calendar,
        ),
      );
      await assess(caseId, { answers: yes(14) });
      const after = await detail(caseId);
      expect(after.sla).toMatchObject(slaDue(d.receivedAt, 'high'));
    });

    it('records a breach once and pushes it live', async () => {
      const caseId = await post();
      const watch = t.app.get(SlaWatchService);
      const s = t.socket((await t.login('caseworker2')).token);
      const events: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      await new Promise((r) => s.once(SocketEvents.ready, r));
      const later = new Date(Date.now() + 10 * 24 * 3600_000);
      expect(await watch.tick(later)).toBeGreaterThan(0);
      const e = await waitFor(() => events.find((x) => x.caseId === caseId));
      expect(e.case.sla.breached).toBe(true);
      expect(await watch.tick(later)).toBe(0);
      const audit = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.sla-breached' AND entity_id = $1", [caseId]);
      expect(audit).toHaveLength(1);
    });

    it('records a breach again when a clock runs out again after its due time moved later', async () => {
      const caseId = await post();
      const watch = t.app.get(SlaWatchService);
      const breaches = async () =>
        (await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.sla-breached' AND entity_id = $1", [caseId])).length;
      const day = 24 * 3600_000;
      const first = new Date(Date.now() + 10 * day);
      await watch.tick(first);
      expect(await breaches()).toBe(1);
      // The contact clock's due time moves past the breach recorded (as a lower grade moves it): no longer breached.
      await t.db.query('UPDATE cases SET first_contact_due_at = $2, version = version + 1 WHERE id = $1', [
        caseId,
        new Date(first.getTime() + day),
      ]);
      await watch.tick(new Date(first.getTime() + day / 2));
      expect(await breaches()).toBe(1);
      const s = t.socket((await t.login('caseworker2')).token);
      const events: CaseChangedEvent[] = [];
      s.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      await new Promise((r) => s.once(SocketEvents.ready, r));
      try {
        await watch.tick(new Date(first.getTime() + 2 * day));
        expect(await breaches()).toBe(2);
        const e = await waitFor(() => events.find((x) => x.caseId === caseId));
        expect(e.change).toBe('breached');
        expect(e.case.sla.breachedFrom).toBe(new Date(first.getTime() + day).toISOString());
      } finally {
        s.close();
      }
    });
  });
}
