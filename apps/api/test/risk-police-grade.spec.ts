import {
  RIC_QUESTIONS,
  RiskEventsNames,
  safetyNoticeKey,
  SocketEvents,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseSummary,
  type DashAnswers,
  type ProblemDetails,
  type ReadyEvent,
  type RiskAssessmentRecord,
  type RiskRaisedByPoliceEvent,
  type SafetyNotices,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';

/** `n` RIC "yes", the rest "no"; police-only q10–q12 "yes" (they never count). */
function yes(n: number, extra: DashAnswers = {}): DashAnswers {
  const a: DashAnswers = { q10: 'yes', q11: 'yes', q12: 'yes' };
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return { ...a, ...extra };
}

function connected(s: Socket): Promise<ReadyEvent> {
  return new Promise((resolve, reject) => {
    s.once(SocketEvents.ready, resolve);
    s.once('connect_error', reject);
  });
}

type Officer = { tool: 'dash' | 'dara' | 'judgement'; riskLevel: 'standard' | 'medium' | 'high'; dash?: DashAnswers };

for (const database of testDatabases()) {
  describe(`police grades count, and answers with provenance, on ${database.name}`, () => {
    let t: TestApp;
    let cw: { cookie: string; token: string };
    let lead: { cookie: string; token: string };
    let n = 0;
    const report = (officer: Officer, i: number, revision = 1) =>
      merge(
        createReport(
          {
            officerRiskAssessment: { tool: officer.tool, riskLevel: officer.riskLevel, dash: undefined },
            victim: { personId: `P0RPG${i}` },
            incident: { previousIncidents12Months: 0 },
          },
          i,
        ),
        {
          revision,
          officerRiskAssessment: { tool: officer.tool, riskLevel: officer.riskLevel, ...(officer.dash ? { dash: officer.dash } : {}) },
        },
      );
    const post = async (officer: Officer) => {
      const i = 4100 + n++;
      const res = await t.postReport(report(officer, i));
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw.cookie, caseId);
      return { i, caseId };
    };
    const call = (who: { cookie: string }, method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie: who.cookie, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const detail = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
    const history = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/history`)).json()) as CaseHistoryEntry[];
    const agree = (caseId: string, body: unknown, who = lead) => call(who, 'POST', `/cases/${caseId}/risk/agreed-with-police`, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = await t.login('caseworker');
      lead = await t.login('team-lead');
    });
    afterAll(async () => {
      await t?.close();
    });

    it.each([
      ['a police DASH of 13 yes (officer standard)', { tool: 'dash', riskLevel: 'standard', dash: yes(13) }, 'medium', 13, []],
      [
        'a police DASH of 14 yes (officer standard)',
        { tool: 'dash', riskLevel: 'standard', dash: yes(14) },
        'high',
        14,
        ['visible-high-risk'],
      ],
      ['a police DASH graded high with 2 yes', { tool: 'dash', riskLevel: 'high', dash: yes(2) }, 'high', 2, ['police-high-risk']],
      ['a police DARA high', { tool: 'dara', riskLevel: 'high' }, 'high', null, ['police-high-risk']],
      ['a police judgement high', { tool: 'judgement', riskLevel: 'high' }, 'high', null, ['police-high-risk']],
      ['a police DARA medium', { tool: 'dara', riskLevel: 'medium' }, 'medium', null, []],
    ] as const)('%s → %s, score %s, MARAC %j', async (_, officer, grade, score, reasons) => {
      const { caseId } = await post(officer as Officer);
      const d = await detail(caseId);
      expect(d.risk).toMatchObject({
        grade,
        policeGrade: grade,
        policeScore: score,
        agreedWithPolice: null,
        marac: { required: reasons.length > 0, reasons },
      });
      // The queue row says the same (one summary shape).
      const page = (await (await call(cw, 'GET', `/cases?limit=200`)).json()) as { items: CaseSummary[] };
      expect(page.items.find((c) => c.id === caseId)?.risk).toMatchObject({ grade, policeGrade: grade, policeScore: score });
    });

    it('keeps a police high when the hub checklist is all "no": the hub grade is standard, the case stays high', async () => {
      const { caseId } = await post({ tool: 'dara', riskLevel: 'high' });
      const res = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(0) });
      expect(res.status).toBe(201);
      const rec = (await res.json()) as RiskAssessmentRecord;
      expect(rec).toMatchObject({ score: 0, scoreGrade: 'standard', grade: 'standard', caseGrade: 'high' });
      expect(rec.marac).toEqual({ required: true, reasons: ['police-high-risk'] });
      const d = await detail(caseId);
      expect(d.risk).toMatchObject({
        grade: 'high',
        score: 0,
        source: 'hub',
        policeGrade: 'high',
        marac: { reasons: ['police-high-risk'] },
      });
    });

    it('records where each answer came from and how complete the checklist is', async () => {
      const { caseId } = await post({ tool: 'dash', riskLevel: 'standard', dash: { q1: 'yes', q18: 'yes', q2: 'no' } });
      const before = await detail(caseId);
      expect(before.dashPrefillSources).toEqual({ q1: 'police-prefill', q2: 'police-prefill', q18: 'police-prefill' });
      const answers = yes(3, { q4: 'not-known', q5: 'declined', q6: 'declined' });
      const res = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, {
        answers,
        sources: { q1: 'police-prefill', q2: 'victim', q3: 'other-agency' },
      });
      expect(res.status).toBe(201);
      const rec = (await res.json()) as RiskAssessmentRecord;
      expect(rec.completeness).toEqual({ answered: 21, notKnown: 1, declined: 2, unanswered: 0, complete: true });
      expect(rec.sources).toEqual({ q1: 'police-prefill', q2: 'victim', q3: 'other-agency' });
      const d = await detail(caseId);
      expect(d.riskAssessments[0]).toMatchObject({ completeness: rec.completeness, sources: rec.sources });
      expect(d.dashPrefillSources).toEqual(rec.sources);
      // A source for a question with no answer, or an unknown source, is refused naming the path.
      const orphan = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(0), sources: { q28: 'victim' } });
      expect(orphan.status).toBe(400);
      const bad = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, {
        answers: { q1: 'yes' },
        judgement: { grade: 'high', rationale: 'x' },
        sources: { q2: 'victim' },
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/sources/q2']);
      const unknown = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(0), sources: { q1: 'neighbour' } });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/sources/q1']);
    });

    it('refuses an incomplete checklist (422 naming each missing /answers/qN) unless a professional judgement governs', async () => {
      const { caseId } = await post({ tool: 'judgement', riskLevel: 'standard' });
      const answers = yes(2);
      delete answers.q27;
      delete answers.q9;
      const res = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = (await res.json()) as ProblemDetails;
      expect(problem.code).toBe('checklist-incomplete');
      expect(problem.errors?.map((e) => e.path)).toEqual(['/answers/q9', '/answers/q27']);
      const empty = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: {} });
      expect(((await empty.json()) as ProblemDetails).errors).toHaveLength(24);
      expect((await detail(caseId)).riskAssessments).toEqual([]);

      const judged = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, {
        answers,
        judgement: { grade: 'high', rationale: 'Threats to kill; victim could not finish the checklist' },
      });
      expect(judged.status).toBe(201);
      const rec = (await judged.json()) as RiskAssessmentRecord;
      expect(rec).toMatchObject({ score: 2, grade: 'high', completeness: { unanswered: 2, complete: false } });
      expect(rec.marac.reasons).toEqual(['professional-judgement']);

      // Visible high risk already (14 "yes" given, the rest not listed): nothing unanswered could change it. Scored.
      const only = Object.fromEntries(
        ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q13', 'q14', 'q15', 'q16', 'q17'].map((k) => [k, 'yes']),
      );
      const high = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: only });
      expect(high.status).toBe(201);
      expect((await high.json()) as RiskAssessmentRecord).toMatchObject({
        score: 14,
        grade: 'high',
        marac: { required: true, reasons: expect.arrayContaining(['visible-high-risk']) },
        completeness: { unanswered: 10, complete: false },
      });
      // 13 given: an unanswered question could make it high. Refused as before.
      const thirteen = { ...only };
      delete thirteen.q17;
      expect((await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: thirteen })).status).toBe(422);
    });

    it('lets only a team lead agree a grade below the police one, with a reason; audited and shown in the history', async () => {
      const { caseId } = await post({ tool: 'dara', riskLevel: 'high' });
      await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(3) });
      const v = (await detail(caseId)).version;
      expect((await agree(caseId, { grade: 'medium', reason: 'Spoke to the OIC' }, cw)).status).toBe(403);
      const auditor = await t.login('auditor');
      expect((await agree(caseId, { grade: 'medium', reason: 'Spoke to the OIC' }, auditor)).status).toBe(403);

      const same = await agree(caseId, { grade: 'high', reason: 'x' });
      expect(same.status).toBe(422);
      expect(((await same.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/grade']);
      const blank = await agree(caseId, { grade: 'medium', reason: '   ' });
      expect(blank.status).toBe(422);
      expect(((await blank.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/reason']);
      expect((await agree(caseId, { grade: 'severe', reason: 'x' })).status).toBe(400);
      expect((await agree(caseId, { reason: 'x' })).status).toBe(400);
      expect((await agree(caseId, { grade: 'medium', reason: 'x', version: v - 1 })).status).toBe(409);
      expect((await agree('00000000-0000-4000-8000-000000000000', { grade: 'medium', reason: 'x' })).status).toBe(404);

      const ok = await agree(caseId, { grade: 'medium', reason: 'Agreed with DS on the phone: suspect remanded', version: v });
      expect(ok.status).toBe(201);
      const summary = (await ok.json()) as CaseSummary;
      expect(summary.risk).toMatchObject({
        grade: 'medium',
        policeGrade: 'high',
        agreedWithPolice: {
          grade: 'medium',
          reason: 'Agreed with DS on the phone: suspect remanded',
          by: { displayName: expect.any(String) },
        },
        marac: { required: false, reasons: [] },
      });
      const trail = await history(caseId);
      const entry = trail.find((e) => e.action === 'case.risk-agreed-with-police');
      expect(entry?.details).toMatchObject({ from: 'high', to: 'medium', reason: 'Agreed with DS on the phone: suspect remanded' });
      expect(entry?.actor.type).toBe('user');
      // ...from beside the trail: the stored entry names the words by id only.
      const [stored] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'case.risk-agreed-with-police' AND entity_id = $1",
        [caseId],
      );
      expect(JSON.stringify(stored.details)).not.toContain('remanded');

      // A hub re-assessment cannot undo it by going lower; the hub's own 14+ still raises the case and meets MARAC.
      await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(0) });
      expect((await detail(caseId)).risk).toMatchObject({ grade: 'medium', marac: { reasons: [] } });
      await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(14) });
      expect((await detail(caseId)).risk).toMatchObject({ grade: 'high', marac: { reasons: ['visible-high-risk'] } });
    });

    it('refuses an agreement below the hub’s own grade, or on a case the police never graded', async () => {
      const { caseId } = await post({ tool: 'dara', riskLevel: 'high' });
      await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(11) });
      const res = await agree(caseId, { grade: 'standard', reason: 'Agreed with police' });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ProblemDetails).errors?.map((e) => e.path)).toEqual(['/grade']);
      expect((await agree(caseId, { grade: 'medium', reason: 'Agreed with police' })).status).toBe(201);
    });

    it('refuses any agreement below a police DASH of visible high risk (14+), and a revision reaching it ends one', async () => {
      // SafeLives: professional judgement may raise a 14+ DASH, never lower it. Nothing is stored by the refusal.
      const { caseId } = await post({ tool: 'dash', riskLevel: 'high', dash: yes(14) });
      const before = await detail(caseId);
      const res = await agree(caseId, { grade: 'medium', reason: 'Spoke to the OIC' });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as ProblemDetails;
      expect(problem.errors?.map((e) => e.path)).toEqual(['/grade']);
      expect(problem.detail).toContain('visible high risk');
      const after = await detail(caseId);
      expect(after.version).toBe(before.version);
      expect(after.risk).toMatchObject({
        grade: 'high',
        agreedWithPolice: null,
        marac: { reasons: ['visible-high-risk', 'police-high-risk'] },
      });
      expect((await history(caseId)).some((h) => h.action === 'case.risk-agreed-with-police')).toBe(false);

      // Agreed while the police's high was the officer's judgement; the force's revision then brings a 14+ DASH at the
      // same police grade: the agreement no longer governs.
      const second = await post({ tool: 'judgement', riskLevel: 'high' });
      expect((await agree(second.caseId, { grade: 'medium', reason: 'Agreed with the OIC' })).status).toBe(201);
      await t.postReport(report({ tool: 'dash', riskLevel: 'high', dash: yes(14) }, second.i, 2));
      expect((await detail(second.caseId)).risk).toMatchObject({
        grade: 'high',
        policeGrade: 'high',
        agreedWithPolice: null,
        marac: { required: true, reasons: ['visible-high-risk', 'police-high-risk'] },
      });
      // An agreement recorded before the rule (under a police DASH already of visible high risk) ends at the next
      // hub re-assessment.
      const legacy = await post({ tool: 'dash', riskLevel: 'high', dash: yes(14) });
      await t.db.query(`UPDATE cases SET agreed_with_police = $2::jsonb, risk_grade = 'medium' WHERE id = $1`, [
        legacy.caseId,
        JSON.stringify({
          grade: 'medium',
          reason: 'before the rule',
          at: new Date().toISOString(),
          by: 'x',
          policeGrade: 'high',
          from: 'high',
        }),
      ]);
      expect((await call(cw, 'POST', `/cases/${legacy.caseId}/risk-assessments`, { answers: yes(2) })).status).toBe(201);
      expect((await detail(legacy.caseId)).risk).toMatchObject({
        grade: 'high',
        agreedWithPolice: null,
        marac: { required: true, reasons: ['visible-high-risk', 'police-high-risk'] },
      });
      // Raised as a rise of the police grade is: a history line (and the assignee told, as tested below).
      expect((await history(second.caseId)).find((h) => h.action === 'case.risk-raised-by-police')?.details).toMatchObject({
        from: 'medium',
        to: 'high',
        revision: 2,
      });
    });

    it('a police revision that raises the grade raises the case, writes history and tells the assignee', async () => {
      const { i, caseId } = await post({ tool: 'dara', riskLevel: 'medium' });
      await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(1) });
      expect((await detail(caseId)).risk.grade).toBe('medium');
      const s = t.socket(cw.token);
      await connected(s);
      const heard: RiskRaisedByPoliceEvent[] = [];
      s.on(RiskEventsNames.raisedByPolice, (e: RiskRaisedByPoliceEvent) => heard.push(e));
      // Someone else's socket hears nothing.
      const other = t.socket(lead.token);
      await connected(other);
      const overheard: unknown[] = [];
      other.on(RiskEventsNames.raisedByPolice, (e: unknown) => overheard.push(e));

      const res = await t.postReport(report({ tool: 'dara', riskLevel: 'high' }, i, 2));
      expect(res.status).toBe(200);
      const d = await detail(caseId);
      expect(d.risk).toMatchObject({ grade: 'high', policeGrade: 'high', marac: { reasons: ['police-high-risk'] } });
      const e = await waitFor(() => heard[0]);
      expect(e).toEqual({ caseId, reference: d.reference, from: 'medium', to: 'high', revision: 2 });
      const raised = (await history(caseId)).find((h) => h.action === 'case.risk-raised-by-police');
      expect(raised?.details).toMatchObject({ from: 'medium', to: 'high', revision: 2 });
      expect(overheard).toEqual([]);
      // Recorded like every push: the auditor's seenBy finds it (written just after it was sent).
      const pushes = async () =>
        t.db.query<{ details: Record<string, unknown> }>(
          "SELECT details FROM audit_entries WHERE action = 'case.pushed' AND entity_id = $1 AND details->>'event' = $2",
          [caseId, RiskEventsNames.raisedByPolice],
        );
      for (const started = Date.now(); !(await pushes()).length && Date.now() - started < 5000; )
        await new Promise((r) => setTimeout(r, 20));
      const [{ id: cwId }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      expect((await pushes()).map((p) => p.details['recipients'])).toEqual([[cwId]]);
      // The same grade again raises nothing.
      await t.postReport(report({ tool: 'dara', riskLevel: 'high' }, i, 3));
      expect((await history(caseId)).filter((h) => h.action === 'case.risk-raised-by-police')).toHaveLength(1);

      // The notice waits for the assignee until they dismiss it (one signed out at the time is told at sign-in).
      const notices = async (cookie: string) =>
        ((await (await call({ cookie }, 'GET', '/me/safety-notices')).json()) as SafetyNotices).items.filter((n) => n.caseId === caseId);
      const key = safetyNoticeKey('risk-raised-by-police', caseId, 2);
      expect(await notices(cw.cookie)).toEqual([
        {
          key,
          kind: 'risk-raised-by-police',
          caseId,
          reference: d.reference,
          revision: 2,
          from: 'medium',
          to: 'high',
          at: expect.any(String),
        },
      ]);
      expect(await notices(lead.cookie)).toEqual([]);
      const dismissed = await call(cw, 'POST', '/me/safety-notices/dismissals', { key });
      expect(dismissed.status, await dismissed.clone().text()).toBe(200);
      expect(await notices(cw.cookie)).toEqual([]);
      // Its kind's key only: the same case and revision under the other kind is no notice of theirs.
      const otherKind = safetyNoticeKey('victim-changed-by-police', caseId, 2);
      expect((await call(cw, 'POST', '/me/safety-notices/dismissals', { key: otherKind })).status).toBe(404);
    });

    it('an agreement stands through a revision at the same police grade, and ends when the police grade rises', async () => {
      const { i, caseId } = await post({ tool: 'judgement', riskLevel: 'medium' });
      expect((await agree(caseId, { grade: 'standard', reason: 'Agreed with the OIC' })).status).toBe(201);
      expect((await detail(caseId)).risk).toMatchObject({ grade: 'standard', agreedWithPolice: { grade: 'standard' } });
      await t.postReport(report({ tool: 'judgement', riskLevel: 'medium' }, i, 2));
      expect((await detail(caseId)).risk).toMatchObject({ grade: 'standard', agreedWithPolice: { grade: 'standard' } });
      await t.postReport(report({ tool: 'dash', riskLevel: 'standard', dash: yes(14) }, i, 3));
      const d = await detail(caseId);
      expect(d.risk).toMatchObject({ grade: 'high', policeScore: 14, agreedWithPolice: null, marac: { reasons: ['visible-high-risk'] } });
      expect((await history(caseId)).find((h) => h.action === 'case.risk-raised-by-police')?.details).toMatchObject({
        from: 'standard',
        to: 'high',
      });
    });

    it('the migration backfills police grades, scores and reasons from the stored reports, and the case grade', async () => {
      const a = await post({ tool: 'dash', riskLevel: 'standard', dash: yes(14) });
      const b = await post({ tool: 'dara', riskLevel: 'high' });
      await call(cw, 'POST', `/cases/${b.caseId}/risk-assessments`, { answers: yes(0) });
      const c = await post({ tool: 'dash', riskLevel: 'standard', dash: yes(11) });
      const risk = async () => Promise.all([a, b, c].map(async ({ caseId }) => (await detail(caseId)).risk));
      const before = await risk();
      expect(before.map((r) => [r.grade, r.policeGrade, r.policeScore])).toEqual([
        ['high', 'high', 14],
        ['high', 'high', null],
        ['medium', 'medium', 11],
      ]);
      const migration = t.db.dataSource.migrations.find((m) => m.name === 'PoliceGrades1764100000000');
      const runner = t.db.dataSource.createQueryRunner();
      try {
        await migration?.down(runner);
        await migration?.up(runner);
      } finally {
        await runner.release();
      }
      expect(await risk()).toEqual(before);
      // The hub's own grade is kept apart from the case grade: a hub re-assessment still sees the police floor.
      const again = await call(cw, 'POST', `/cases/${b.caseId}/risk-assessments`, { answers: yes(0) });
      expect(((await again.json()) as RiskAssessmentRecord).caseGrade).toBe('high');
    });
  });
}
