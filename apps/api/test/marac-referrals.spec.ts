import type { AuthUser } from '@lantern/api/auth';
import { MaracReferralsService } from '@lantern/api/referrals';
import {
  HUB_TIME_ZONE,
  RIC_QUESTIONS,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseSummary,
  type DashAnswers,
  type MaracReferral,
  type ProblemDetails,
  type Role,
} from '@lantern/shared/domain';
import { createReport, merge, reportMadeAt } from '@lantern/shared/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { recordAnyTime } from './support/any-time';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';

type Problem = ProblemDetails & {
  errors?: Array<{ path: string; message: string }>;
  blockers?: Array<{ code: string; message: string }>;
  contactAttemptDays?: number;
};

function yes(n: number): DashAnswers {
  const a: DashAnswers = {};
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return a;
}

const JUDGEMENT = 'Professional judgement: threats to kill since the report.';

/** An ISO instant `m` minutes from now (the intake accepts up to 15 minutes ahead). */
const soon = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

for (const database of testDatabases()) {
  describe(`MARAC referrals as records, and no quiet closing, on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    let auditor: string;
    let partner: string;
    let n = 0;
    /** A case for victim `victim` (police person id) and suspect `suspect` (null: a suspect police did not identify). */
    const post = async (victim: string, suspect: string | null, over: Parameters<typeof createReport>[0] = {}) => {
      const i = 4100 + n++;
      const base = createReport(
        {
          // No children and no pregnancy: the closing rules here are MARAC's (children's are children-and-age.spec's).
          victim: {
            personId: victim,
            pregnant: false,
            safeContact: { phone: '07700 900471', smsSafe: true, voicemailSafe: false, safeTimes: undefined },
          },
          suspect: { personId: suspect ?? undefined },
          children: [],
          incident: { previousIncidents12Months: 0 },
          consent: { supportReferral: 'given', informationSharing: 'given' },
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        },
        i,
      );
      const body = merge(base, over);
      if (suspect === null && body.suspect) delete body.suspect.personId;
      const res = await t.postReport(body);
      expect(res.status, await res.clone().text()).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      // No safe times in the report: a victim who said any time (recorded, as a caseworker would).
      if (!body.victim.safeContact?.safeTimes) await recordAnyTime(t, cw, caseId);
      return caseId;
    };
    /** A new incident happening after now (so after any referral recorded so far). */
    const later = (m: number) => ({ incident: { occurredAt: soon(m), reportedAt: soon(m) }, source: { sentAt: soon(m) } });
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const detail = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
    // The cases here are graded standard and meet no criterion: a referral on professional judgement says why.
    const refer = async (caseId: string, body: unknown = { maracArea: 'Dacorum MARAC', note: JUDGEMENT }, who = cw) => {
      const res = await call(who, 'POST', `/cases/${caseId}/marac-referrals`, body);
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as MaracReferral;
    };
    const user = async (username: string): Promise<AuthUser> => {
      const [u] = await t.db.query<{ id: string; display_name: string; roles: Role[] }>(
        'SELECT id, display_name, roles FROM users WHERE username = $1',
        [username],
      );
      return { id: u.id, username, displayName: u.display_name, roles: u.roles, partnerId: null, sessionId: 'test' };
    };

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
      lead = (await t.login('team-lead')).cookie;
      auditor = (await t.login('auditor')).cookie;
      partner = (await t.login('partner-idva')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('recording and listing', () => {
      it('records a referral with the suspect’s police person id, lists them newest first, and audits it', async () => {
        const caseId = await post('P0MR1001', 'S0MR1001');
        const first = await refer(caseId, { maracArea: '  Dacorum MARAC ', note: 'Referred after the strangulation disclosure.' });
        expect(first).toMatchObject({ maracArea: 'Dacorum MARAC', perpetratorPersonId: 'S0MR1001', caseId });
        expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(Math.abs(Date.parse(first.referredAt) - Date.now())).toBeLessThan(60_000);
        expect(first.note).toBe('Referred after the strangulation disclosure.');
        expect(first.referredBy.displayName).toBe('Sam Carter');
        const second = await refer(caseId, { maracArea: 'St Albans MARAC', note: JUDGEMENT }, lead);
        expect(second.note).toBe(JUDGEMENT);

        const list = (await (await call(auditor, 'GET', `/cases/${caseId}/marac-referrals`)).json()) as MaracReferral[];
        expect(list.map((r) => r.id)).toEqual([second.id, first.id]);
        const d = await detail(caseId);
        expect(d.maracReferrals.map((r) => r.id)).toEqual([second.id, first.id]);
        // The case keeps the last referral recorded for it, and each one is in its history.
        const [c] = await t.db.query<{ marac_referred_at: Date }>('SELECT marac_referred_at FROM cases WHERE id = $1', [caseId]);
        expect(new Date(c.marac_referred_at).toISOString()).toBe(second.referredAt);
        const history = (await (await call(cw, 'GET', `/cases/${caseId}/history`)).json()) as CaseHistoryEntry[];
        const entries = history.filter((h) => h.action === 'case.marac-referred');
        expect(entries.map((e) => e.details['referralId'])).toEqual([first.id, second.id]);
        expect(JSON.stringify(entries)).not.toContain('strangulation');
      });

      it('records what the sharing rests on: her consent, a lawful basis, or (meeting a criterion) the MARAC protocol', async () => {
        const basisOf = async (caseId: string) =>
          (
            await t.db.query<{ details: Record<string, unknown> }>(
              "SELECT details FROM audit_entries WHERE action = 'case.marac-referred' AND entity_id = $1",
              [caseId],
            )
          ).map((e) => [e.details['sharing'], e.details['basis']]);
        // Meeting no criterion, she refused sharing: professional judgement needs a note, and a team lead's lawful basis.
        const refused = await post('P0MR1009', null, { consent: { supportReferral: 'given', informationSharing: 'refused' } });
        const noNote = await call(cw, 'POST', `/cases/${refused}/marac-referrals`, { maracArea: 'Dacorum MARAC' });
        expect(noNote.status).toBe(400);
        expect(((await noNote.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/note']);
        const noBasis = await call(cw, 'POST', `/cases/${refused}/marac-referrals`, { maracArea: 'Dacorum MARAC', note: JUDGEMENT });
        expect(noBasis.status).toBe(422);
        expect(((await noBasis.json()) as Problem).type).toContain('consent-or-basis-required');
        // Nor the draft form (the form a caseworker would send): the same rule.
        const draft = await call(cw, 'GET', `/cases/${refused}/marac-referral`);
        expect(draft.status).toBe(422);
        expect(((await draft.json()) as Problem).type).toContain('consent-or-basis-required');
        expect(await t.db.query('SELECT 1 FROM marac_referrals WHERE case_id = $1', [refused])).toEqual([]);
        expect(
          (await call(lead, 'POST', `/cases/${refused}/safeguarding-basis`, { ground: 'crime-prevention', reason: 'Threats to kill' }))
            .status,
        ).toBe(201);
        expect((await call(cw, 'GET', `/cases/${refused}/marac-referral`)).headers.get('content-type')).toBe('application/pdf');
        await refer(refused);
        expect(await basisOf(refused)).toEqual([['refused', 'lawful-basis:crime-prevention']]);
        // Graded high (a criterion): the MARAC protocol is the basis, whatever she said, and no note is needed.
        const high = await post('P0MR1011', null, {
          consent: { supportReferral: 'given', informationSharing: 'refused' },
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        });
        await refer(high, { maracArea: 'Dacorum MARAC' });
        expect(await basisOf(high)).toEqual([['refused', 'none-recorded']]);
        const given = await post('P0MR1010', null, { consent: { supportReferral: 'given', informationSharing: 'given' } });
        await refer(given);
        expect(await basisOf(given)).toEqual([['given', 'consent']]);
      });

      it('gives null as the perpetrator when police did not identify the suspect', async () => {
        const caseId = await post('P0MR1002', null);
        expect((await refer(caseId)).perpetratorPersonId).toBeNull();
      });

      it('refuses bad input naming the paths, unknown cases, and those the table does not allow', async () => {
        const caseId = await post('P0MR1003', 'S0MR1003');
        const bad = async (body: unknown) => {
          const res = await call(cw, 'POST', `/cases/${caseId}/marac-referrals`, body);
          expect(res.status).toBe(400);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          return ((await res.json()) as Problem).errors?.map((e) => e.path).sort();
        };
        expect(await bad({})).toEqual(['/maracArea']);
        expect(await bad({ maracArea: '   ' })).toEqual(['/maracArea']);
        expect(await bad({ maracArea: 'x'.repeat(121) })).toEqual(['/maracArea']);
        expect(await bad({ maracArea: 'Dacorum', note: 5, extra: true })).toEqual(['/extra', '/note']);
        expect(await bad({ maracArea: 'Dacorum\u0000' })).toEqual(['/maracArea']);
        const unknown = '00000000-0000-4000-8000-000000000000';
        expect((await call(cw, 'POST', `/cases/${unknown}/marac-referrals`, { maracArea: 'Dacorum' })).status).toBe(404);
        expect((await call(cw, 'GET', `/cases/${unknown}/marac-referrals`)).status).toBe(404);
        expect((await call(cw, 'GET', `/cases/not-a-case/marac-referrals`)).status).toBe(404);
        expect((await call(auditor, 'POST', `/cases/${caseId}/marac-referrals`, { maracArea: 'Dacorum' })).status).toBe(403);
        expect((await call(partner, 'GET', `/cases/${caseId}/marac-referrals`)).status).toBe(403);
        expect((await fetch(`${t.url}/api/v1/cases/${caseId}/marac-referrals`)).status).toBe(401);
        expect(await t.db.query('SELECT 1 FROM marac_referrals WHERE case_id = $1', [caseId])).toHaveLength(0);
      });

      it('makes the MARAC form from the record; the old path gives the latest record, or a draft before any', async () => {
        const caseId = await post('P0MR1004', 'S0MR1004');
        const draft = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
        expect(draft).toContain('Draft (no referral recorded yet)');
        const r = await refer(caseId, { maracArea: 'Watford MARAC', note: 'Urgent: next meeting Tuesday.' });
        const form = await call(cw, 'GET', `/cases/${caseId}/marac-referrals/${r.id}/form`);
        expect(form.status).toBe(200);
        expect(form.headers.get('content-type')).toBe('application/pdf');
        const text = await pdfText(Buffer.from(await form.arrayBuffer()));
        const when = DateTime.fromISO(r.referredAt, { zone: HUB_TIME_ZONE }).toFormat('d LLLL yyyy');
        for (const expected of ['MARAC referral', 'Watford MARAC', 'Urgent: next meeting Tuesday.', 'S0MR1004', 'Referred', when]) {
          expect(text).toContain(expected);
        }
        const latest = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
        expect(latest).toContain('Watford MARAC');
        expect((await call(cw, 'GET', `/cases/${caseId}/marac-referrals/00000000-0000-4000-8000-000000000000/form`)).status).toBe(404);
        const other = await post('P0MR1005', 'S0MR1005');
        expect((await call(cw, 'GET', `/cases/${other}/marac-referrals/${r.id}/form`)).status).toBe(404);
        expect((await call(auditor, 'GET', `/cases/${caseId}/marac-referrals/${r.id}/form`)).status).toBe(403);
      });
    });

    describe('repeat comes from recorded referrals, for the same victim and perpetrator', () => {
      it('a criterion met but never referred: a new incident is no repeat', async () => {
        const first = await post('P0MR2001', 'S0MR2001');
        expect((await call(cw, 'POST', `/cases/${first}/risk-assessments`, { answers: yes(16) })).status).toBe(201);
        expect((await detail(first)).risk.marac.required).toBe(true);
        const again = await post('P0MR2001', 'S0MR2001', later(1));
        const d = await detail(again);
        expect(d.flags.repeatVictim).toBe(true);
        expect(d.risk.marac.reasons).not.toContain('repeat');
        expect(d.maracContext.lastMaracReferralAt).toBeNull();
        const [c] = await t.db.query<{ marac_referred_at: Date | null }>('SELECT marac_referred_at FROM cases WHERE id = $1', [first]);
        expect(c.marac_referred_at).toBeNull();
      });

      it('a new incident with the same perpetrator after a recorded referral is a repeat; with another perpetrator it is not', async () => {
        const first = await post('P0MR2002', 'S0MR2002');
        const r = await refer(first);
        const same = await post('P0MR2002', 'S0MR2002', later(1));
        const d = await detail(same);
        expect(d.risk.marac).toEqual({ required: true, reasons: ['repeat'] });
        expect(d.maracContext.lastMaracReferralAt).toBe(r.referredAt);
        expect(d.maracContext.perpetratorPersonId).toBe('S0MR2002');
        const another = await post('P0MR2002', 'S0MR2099', later(2));
        // (Three incidents of this victim now: potential escalation, whoever the perpetrator.)
        expect((await detail(another)).risk.marac.reasons).toEqual(['potential-escalation']);
        // Police did not identify this suspect: it may be the same man, so it counts (fail-safe).
        const unknown = await post('P0MR2002', null, later(3));
        expect((await detail(unknown)).risk.marac.reasons).toEqual(['potential-escalation', 'repeat']);
        // Another victim, same suspect: not this victim's repeat.
        const otherVictim = await post('P0MR2003', 'S0MR2002', later(4));
        expect((await detail(otherVictim)).risk.marac.reasons).not.toContain('repeat');
      });

      it('recomputes when a revision changes the perpetrator, and when a referral is recorded', async () => {
        const first = await post('P0MR2004', 'S0MR2004');
        // A later incident is already at the hub (it happens in a few minutes) before the first case is referred.
        const report = merge(
          createReport(
            { victim: { personId: 'P0MR2004' }, suspect: { personId: 'S0MR2004' }, incident: { previousIncidents12Months: 0 } },
            4190,
          ),
          later(10),
        );
        const res = await t.postReport(report);
        const next = ((await res.json()) as { caseId: string }).caseId;
        expect((await detail(next)).risk.marac.reasons).not.toContain('repeat');
        const before = (await detail(next)).version;
        await refer(first);
        const after = await detail(next);
        expect(after.risk.marac.reasons).toContain('repeat');
        expect(after.version).toBe(before + 1);
        const history = (await (await call(cw, 'GET', `/cases/${next}/history`)).json()) as CaseHistoryEntry[];
        expect(history.map((h) => h.action)).toContain('case.marac-recomputed');
        // Revision 2 says the suspect was someone else: no longer a repeat.
        const revised = await t.postReport(merge(report, { revision: 2, suspect: { personId: 'S0MR2098' } }));
        expect(revised.status).toBe(200);
        expect((await detail(next)).risk.marac.reasons).not.toContain('repeat');
      });

      it('counts the window in London calendar months: exactly 12 months is inside, 12 months and a day outside', async () => {
        const marac = t.app.get(MaracReferralsService);
        const me = await user('caseworker');
        const incident = DateTime.now().setZone(HUB_TIME_ZONE).minus({ minutes: 5 });
        const at = (d: DateTime) => ({
          incident: { occurredAt: d.toUTC().toISO() ?? '', reportedAt: d.plus({ minutes: 1 }).toUTC().toISO() ?? '' },
        });
        for (const [victim, ago, repeat] of [
          ['P0MR3001', { months: 11 }, true],
          ['P0MR3002', { months: 12 }, true],
          ['P0MR3003', { months: 12, days: 1 }, false],
          ['P0MR3004', { months: 13 }, false],
        ] as const) {
          const old = await post(victim, 'S0MR3000', at(incident.minus(ago).minus({ days: 2 })));
          await marac.record(me, old, { maracArea: 'Hertsmere MARAC', note: JUDGEMENT }, incident.minus(ago).toJSDate());
          const now = await post(victim, 'S0MR3000', at(incident));
          expect((await detail(now)).risk.marac.reasons.includes('repeat'), `${victim} ${JSON.stringify(ago)}`).toBe(repeat);
        }
      });

      it('potential escalation counts the incidents before this one: 2 prior make 3', async () => {
        expect(
          (await detail(await post('P0MR4001', 'S0MR4001', { incident: { previousIncidents12Months: 1 } }))).risk.marac.reasons,
        ).toEqual([]);
        expect(
          (await detail(await post('P0MR4002', 'S0MR4002', { incident: { previousIncidents12Months: 2 } }))).risk.marac.reasons,
        ).toEqual(['potential-escalation']);
      });

      it('a late report of an older incident makes the victim’s newer case an escalation (and a revision that moves it back undoes it)', async () => {
        const ago = (days: number) => {
          const at = new Date(Date.now() - days * 86_400_000).toISOString();
          return { incident: { occurredAt: at, reportedAt: at }, source: { sentAt: at } };
        };
        await post('P0MR4101', 'S0MR4101', ago(10));
        const newest = await post('P0MR4101', 'S0MR4101', ago(5));
        expect((await detail(newest)).risk.marac.reasons).toEqual([]);
        const before = (await detail(newest)).version;
        // Police send the report of an incident 60 days ago only now: the newest case is the third in 12 months.
        const lateBody = merge(
          createReport(
            {
              victim: { personId: 'P0MR4101' },
              suspect: { personId: 'S0MR4101' },
              incident: { previousIncidents12Months: 0 },
              officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
            },
            4290,
          ),
          ago(60),
        );
        expect((await t.postReport(lateBody)).status).toBe(201);
        const after = await detail(newest);
        expect(after.risk.marac.reasons).toEqual(['potential-escalation']);
        expect(after.risk.marac.required).toBe(true);
        expect(after.version).toBe(before + 1);
        const history = (await (await call(cw, 'GET', `/cases/${newest}/history`)).json()) as CaseHistoryEntry[];
        expect(history.find((h) => h.action === 'case.marac-recomputed')?.details['because']).toBe('report');
        // A revision that puts that incident outside the window gives the newest case back its old reasons.
        const moved = merge(lateBody, { revision: 2, ...ago(400), source: { sentAt: new Date().toISOString() } });
        expect((await t.postReport(moved)).status).toBe(200);
        expect((await detail(newest)).risk.marac.reasons).toEqual([]);
      });
    });

    describe('no quiet closing', () => {
      const high = { officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined } } as const;
      const close = (caseId: string, body: Record<string, unknown>, who = cw) =>
        call(who, 'POST', `/cases/${caseId}/status`, { reason: 'Victim does not want support now', ...body });

      it('refuses to close a high-risk case without a MARAC referral record (422 marac-referral-required)', async () => {
        const caseId = await post('P0MR5001', 'S0MR5001', high);
        for (const status of ['closed', 'declined']) {
          const res = await close(caseId, { status });
          expect(res.status).toBe(422);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          const p = (await res.json()) as Problem;
          expect(p.code).toBe('marac-referral-required');
          expect(p.blockers?.map((b) => b.code)).toEqual(['marac-referral-required']);
          expect(p.errors?.[0].path).toBe('/status');
        }
        // A caseworker's override reason does not count: only a team lead may close past the rule.
        const cwOverride = await close(caseId, { status: 'closed', overrideReason: 'She has moved to another force area' });
        expect(cwOverride.status).toBe(422);
        expect(((await cwOverride.json()) as Problem).errors?.map((e) => e.path)).toContain('/overrideReason');
        // A team lead without a reason is refused too.
        expect((await close(caseId, { status: 'closed' }, lead)).status).toBe(422);
        const [c] = await t.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
        expect(c.status).toBe('new');
      });

      it('closes it once a MARAC referral is recorded', async () => {
        const caseId = await post('P0MR5002', 'S0MR5002', high);
        await refer(caseId);
        const res = await close(caseId, { status: 'closed', closureReason: 'referred-on' });
        expect(res.status).toBe(200);
        expect(((await res.json()) as CaseSummary).status).toBe('closed');
      });

      it('lets a team lead close it with a written reason, recorded and in the history', async () => {
        const caseId = await post('P0MR5003', 'S0MR5003', high);
        const res = await close(caseId, { status: 'declined', overrideReason: 'MARAC chair agreed by phone that it is not needed' }, lead);
        expect(res.status).toBe(200);
        const [o] = await t.db.query<{ reason: string; rules: string[]; to_status: string }>(
          'SELECT reason, rules, to_status FROM closing_overrides WHERE case_id = $1',
          [caseId],
        );
        expect(o).toMatchObject({
          reason: 'MARAC chair agreed by phone that it is not needed',
          rules: ['marac-referral-required'],
          to_status: 'declined',
        });
        const history = (await (await call(cw, 'GET', `/cases/${caseId}/history`)).json()) as CaseHistoryEntry[];
        const entry = history.find((h) => h.action === 'case.closing-override');
        expect(entry?.details).toMatchObject({
          to: 'declined',
          rules: ['marac-referral-required'],
          reason: 'MARAC chair agreed by phone that it is not needed',
        });
        // The trail itself holds ids and codes only: the reason is kept beside it.
        const [audit] = await t.db.query<{ details: Record<string, unknown> }>(
          "SELECT details FROM audit_entries WHERE action = 'case.closing-override' AND entity_id = $1",
          [caseId],
        );
        expect(audit.details['reason']).toBeUndefined();
        expect(entry?.actor.displayName).toBeTruthy();
      });

      it('treats a case meeting MARAC criteria like a high-risk one, and leaves others alone', async () => {
        const escalation = await post('P0MR5004', 'S0MR5004', { incident: { previousIncidents12Months: 3 } });
        expect(((await (await close(escalation, { status: 'closed' })).json()) as Problem).code).toBe('marac-referral-required');
        const standard = await post('P0MR5005', 'S0MR5005');
        expect((await close(standard, { status: 'closed' })).status).toBe(200);
      });

      it('needs contact attempts on 3 different London days to close a high-risk case as unable to contact', async () => {
        const made = DateTime.now().setZone(HUB_TIME_ZONE).startOf('day').minus({ days: 4 });
        const caseId = await post('P0MR5006', 'S0MR5006', { ...high, ...reportMadeAt(made.toJSDate()) });
        await refer(caseId);
        expect((await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'triage' })).status).toBe(200);
        const none = await close(caseId, { status: 'unable-to-contact' });
        expect(none.status).toBe(422);
        const p = (await none.json()) as Problem;
        expect(p.code).toBe('contact-attempts-required');
        expect(p.detail).toContain('0 days so far');
        expect(p.contactAttemptDays).toBe(0);
        const attempt = (at: string) =>
          call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: '07700 900471', at, outcome: 'no-answer' });
        const day = (d: number, h: number) => DateTime.now().setZone(HUB_TIME_ZONE).startOf('day').minus({ days: d }).plus({ hours: h });
        // Two attempts on one day, one on another: two days.
        for (const at of [day(3, 10), day(3, 15), day(2, 10)]) expect((await attempt(at.toUTC().toISO() ?? '')).status).toBe(201);
        const two = await close(caseId, { status: 'unable-to-contact' });
        expect(two.status).toBe(422);
        expect(((await two.json()) as Problem).detail).toContain('2 days so far');
        expect((await attempt(day(1, 11).toUTC().toISO() ?? '')).status).toBe(201);
        const ok = await close(caseId, { status: 'unable-to-contact', closureReason: 'returned-to-referrer' });
        expect(ok.status).toBe(200);
        const [c] = await t.db.query<{ closure_reason: string }>('SELECT closure_reason FROM cases WHERE id = $1', [caseId]);
        expect(c.closure_reason).toBe('returned-to-referrer');
      });

      it('names both rules when neither is met, and a team lead may close past both with a reason', async () => {
        const caseId = await post('P0MR5007', 'S0MR5007', high);
        expect((await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'triage' })).status).toBe(200);
        const res = await close(caseId, { status: 'unable-to-contact' });
        const p = (await res.json()) as Problem;
        expect(p.code).toBe('marac-referral-required');
        expect(p.blockers?.map((b) => b.code)).toEqual(['marac-referral-required', 'contact-attempts-required']);
        const ok = await close(caseId, { status: 'unable-to-contact', overrideReason: 'Police confirm she has left the country' }, lead);
        expect(ok.status).toBe(200);
      });
    });
  });

  describe(`a hub that sets its own MARAC rules (3 in 6 months) on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    beforeAll(async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'lantern-marac-')), 'triage.json');
      writeFileSync(file, JSON.stringify({ marac: { escalationWindowMonths: 6 }, closing: { unableToContactAttemptDays: 2 } }));
      t = await startTestApp(database, { LANTERN_TRIAGE_CONFIG: file });
      cw = (await t.login('caseworker')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('counts only dated incidents inside the 6 months, and sends the rules with the case', async () => {
      const now = DateTime.now().setZone(HUB_TIME_ZONE);
      let i = 0;
      const post = async (victim: string, at: DateTime, previous = 0) => {
        const res = await t.postReport(
          createReport(
            {
              victim: { personId: victim },
              incident: {
                occurredAt: at.toUTC().toISO() ?? '',
                reportedAt: at.plus({ minutes: 1 }).toUTC().toISO() ?? '',
                previousIncidents12Months: previous,
              },
              officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
            },
            4300 + i++,
          ),
        );
        expect(res.status).toBe(201);
        const caseId = ((await res.json()) as { caseId: string }).caseId;
        return (await (await fetch(`${t.url}/api/v1/cases/${caseId}`, { headers: { cookie: cw } })).json()) as CaseDetail;
      };
      // The police say 5 incidents in 12 months, undated: not counted for a 6-month window.
      const police = await post('P0MR6001', now.minus({ minutes: 5 }), 5);
      expect(police.risk.marac.reasons).toEqual([]);
      expect(police.maracContext.rules).toEqual({ escalationIncidents: 3, escalationWindowMonths: 6, repeatWindowMonths: 12 });
      // Two earlier hub incidents 2 and 5 months ago: 3 in 6 months.
      await post('P0MR6002', now.minus({ months: 5 }));
      await post('P0MR6002', now.minus({ months: 2 }));
      expect((await post('P0MR6002', now.minus({ minutes: 5 }))).risk.marac.reasons).toEqual(['potential-escalation']);
      // 7 and 2 months ago: only 2 in the window.
      await post('P0MR6003', now.minus({ months: 7 }));
      await post('P0MR6003', now.minus({ months: 2 }));
      expect((await post('P0MR6003', now.minus({ minutes: 5 }))).risk.marac.reasons).toEqual([]);
    });
  });
}
