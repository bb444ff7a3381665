import {
  DEFAULT_HUB_CALENDAR,
  DEFAULT_SLA_TARGETS,
  RIC_QUESTIONS,
  SafetyNoticeEventsNames,
  safetyNoticeKey,
  slaDue,
  SocketEvents,
  VictimEventsNames,
  type CaseDetail,
  type ConsentView,
  type DashAnswers,
  type OutcomesReport,
  type PoliceReport,
  type ProblemDetails,
  type SafeContactView,
  type SafetyNoticeDismissedEvent,
  type SafetyNotices,
  type TeamLeadAlerts,
  type VersionedDocument,
  type VictimChangedByPoliceEvent,
} from '@lantern/shared/domain';
import { AuditService } from '@lantern/api/audit';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { recordAnyTime } from './support/any-time';
import { claim } from './support/claim';

type Problem = ProblemDetails & { rules?: string[]; blockers?: Array<{ code: string }> };

const SAFE = '07700 900481';
/** The safe number of the victim the revision names (not the earlier person's). */
const HERS = '07700 900482';

function yes(n: number): DashAnswers {
  const a: DashAnswers = {};
  RIC_QUESTIONS.forEach((q, i) => (a[q.key] = i < n ? 'yes' : 'no'));
  return a;
}
const JUDGEMENT = 'Professional judgement: threats to kill since the report.';

/**
 * A police revision that names another person as the victim (docs/casework.md, "A revision that names another
 * victim"): what the hub heard from and did for the earlier person must not carry over to her.
 */
for (const database of testDatabases()) {
  describe(`a revision naming another victim on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let cwToken: string;
    let lead: string;
    let n = 0;
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const detail = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
    const consent = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/consent`)).json()) as ConsentView;
    const plan = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/safe-contact`)).json()) as SafeContactView;
    const reportFor = (over: Parameters<typeof createReport>[0] = {}): PoliceReport => {
      const i = 4300 + n++;
      return merge(
        createReport(
          {
            victim: {
              personId: `P0VC${i}`,
              firstName: 'Alex',
              lastName: `Morgan${i}`,
              dateOfBirth: '1990-04-01',
              pregnant: false,
              safeContact: { phone: SAFE, safeTimes: undefined, smsSafe: false, voicemailSafe: false },
            },
            children: [],
            incident: { previousIncidents12Months: 0 },
            consent: { supportReferral: 'given', informationSharing: 'not-asked' },
            officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          },
          i,
        ),
        over,
      );
    };
    const post = async (report: PoliceReport) => {
      const res = await t.postReport(report);
      expect(res.status, await res.clone().text()).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      await recordAnyTime(t, cw, caseId);
      return caseId;
    };
    const revise = async (report: PoliceReport, victim: Partial<PoliceReport['victim']>, revision = 2) => {
      const res = await t.postReport({ ...report, revision, victim: { ...report.victim, ...victim } });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const auditOf = (caseId: string, action: string) =>
      t.db.query<{ details: Record<string, unknown> }>(
        'SELECT details FROM audit_entries WHERE entity_id = $1 AND action = $2 ORDER BY id',
        [caseId, action],
      );

    beforeAll(async () => {
      t = await startTestApp(database);
      ({ cookie: cw, token: cwToken } = await t.login('caseworker'));
      lead = (await t.login('team-lead')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('keeps nothing the hub heard from or did for the earlier person: consent, plan, call-backs, basis, referrals', async () => {
      const report = reportFor({ children: [{ ageYears: 4, livesWithVictim: true }] });
      const caseId = await post(report);
      // The hub's checklist of her (high on its own), a failed call to her, a children's services referral, a draft.
      const checklist = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(14) });
      expect(checklist.status, await checklist.clone().text()).toBe(201);
      const tried = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect(tried.status, await tried.clone().text()).toBe(201);
      const cs = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
        partnerId: 'childrens-services',
        service: 'safeguarding-referral',
        victimInformed: 'yes',
      });
      expect(cs.status, await cs.clone().text()).toBe(201);
      const csId = ((await cs.json()) as { id: string }).id;
      // The earlier person told the hub "yes" to sharing; a team lead recorded a lawful basis; the IDVA was sent her
      // details; a call-back was agreed with her; a MARAC referral was recorded.
      const heard = await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' });
      expect(heard.status, await heard.clone().text()).toBe(201);
      const grounds = (await (await call(lead, 'GET', '/lawful-bases')).json()) as Array<{ code: string }>;
      const basis = await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, {
        ground: grounds[0].code,
        reason: 'High risk: MARAC protocol, IDVA support needed now',
      });
      expect(basis.status, await basis.clone().text()).toBeLessThan(300);
      const sent = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const referralId = ((await sent.json()) as { id: string }).id;
      const options = (await (await call(cw, 'GET', `/cases/${caseId}/referral-options`)).json()) as Array<{
        partnerId: string;
        service: string;
        eligible: boolean;
      }>;
      const other = options.find((o) => o.eligible && !['idva', 'childrens-services'].includes(o.partnerId));
      expect(other).toBeDefined();
      const draft = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
        partnerId: other?.partnerId,
        service: other?.service,
        draft: true,
      });
      expect(draft.status, await draft.clone().text()).toBe(201);
      const draftId = ((await draft.json()) as { id: string }).id;
      const noon = new Date(Date.now() + 86_400_000);
      noon.setUTCHours(12, 0, 0, 0);
      const callback = await call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt: noon.toISOString() });
      expect(callback.status, await callback.clone().text()).toBe(201);
      const marac = await call(cw, 'POST', `/cases/${caseId}/marac-referrals`, { maracArea: 'Dacorum MARAC', note: JUDGEMENT });
      expect(marac.status, await marac.clone().text()).toBe(201);
      const needs = await call(cw, 'PUT', `/cases/${caseId}/needs`, {
        content: { housing: { need: true, urgency: 'high', notes: 'Wants to move to her sister’s' } },
        basedOnVersion: 0,
      });
      expect(needs.status, await needs.clone().text()).toBe(200);
      expect((await detail(caseId)).consent.sharing).toMatchObject({ value: 'given', source: 'hub' });
      expect((await plan(caseId)).editedAt).not.toBeNull();

      // The police correct who the victim is: another person id, another name and date of birth.
      await revise(report, {
        personId: `${report.victim.personId}-B`,
        firstName: 'Jordan',
        lastName: 'Reid',
        dateOfBirth: '1985-09-12',
        safeContact: { phone: HERS, safeTimes: undefined, smsSafe: false, voicemailSafe: false },
      });

      const d = await detail(caseId);
      expect(d.victimChangedAt).not.toBeNull();
      expect(d.victimChangedRevision).toBe(2);
      // Her consent is what her own report says; the earlier person's record stays in the history, not in force.
      expect(d.consent.sharing).toMatchObject({ value: 'not-asked', source: 'police' });
      const view = await consent(caseId);
      expect(view.history).toHaveLength(1);
      expect(view.victimChangedAt).toBe(d.victimChangedAt);
      // The plan follows her report again: no time is safe until someone confirms hers.
      const p = await plan(caseId);
      expect(p.editedAt).toBeNull();
      expect(p.plan.timeRule).not.toBe('any');
      // Her number only: the earlier person's is neither on the plan nor offered as what the police said before.
      expect(p.plan.numbers.filter((x) => x.safe).map((x) => x.number)).toEqual([HERS]);
      expect(JSON.stringify(p)).not.toContain(SAFE);
      // The hub's checklist was the earlier person's: not shown, not her grade (her police grade counts), not prefilled.
      expect(d.riskAssessments).toEqual([]);
      expect(d.risk.source).toBe('officer');
      expect(d.dashPrefillSources).not.toHaveProperty('q1', 'hub');
      // The failed call was to the earlier person: nothing counts toward "unable to contact" her.
      const summary = (await (await call(cw, 'GET', `/cases/${caseId}/contact-summary`)).json()) as { failed: number };
      expect(summary.failed).toBe(0);
      const attempt = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect(attempt.status).toBe(422);
      expect(((await attempt.json()) as Problem).rules).toContain('safe-times-unconfirmed');
      // The call-back agreed with the earlier person is cancelled, saying why.
      const callbacks = (await (await call(cw, 'GET', `/cases/${caseId}/callbacks`)).json()) as Array<{
        status: string;
        cancelled: { reason: string } | null;
      }>;
      expect(callbacks.map((c) => c.status)).toEqual(['cancelled']);
      expect(callbacks[0].cancelled?.reason).toMatch(/names another victim/);
      // What the IDVA was sent is withdrawn (her basis did not survive either), and the agency is told.
      const [row] = await t.db.query<{ withdrawn_at: Date | null; withdrawal_reason: string | null }>(
        'SELECT withdrawn_at, withdrawal_reason FROM referrals WHERE id = $1',
        [referralId],
      );
      expect(row.withdrawn_at).not.toBeNull();
      expect(row.withdrawal_reason).toMatch(/names another victim/);
      const [withdrawn] = await t.db.query<{ details: { because: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'referral.withdrawn' AND entity_id = $1",
        [referralId],
      );
      expect(withdrawn.details.because).toBe('victim-changed');
      // The draft about her is revoked; the children's services referral stays (statutory) but shows nobody's numbers.
      const [draftRow] = await t.db.query<{ status: string; dataset: unknown }>('SELECT status, dataset FROM referrals WHERE id = $1', [
        draftId,
      ]);
      expect(draftRow.status).toBe('revoked');
      const [csRow] = await t.db.query<{ status: string; withdrawn_at: Date | null }>(
        'SELECT status, withdrawn_at FROM referrals WHERE id = $1',
        [csId],
      );
      expect(csRow).toMatchObject({ status: 'sent', withdrawn_at: null });
      const csView = (await (await call(lead, 'GET', `/referrals/${csId}`)).json()) as {
        dataset: { safeContact: { numbers: string[]; channels: string[]; victimChanged?: boolean } };
      };
      expect(csView.dataset.safeContact).toMatchObject({ numbers: [], channels: [], victimChanged: true });
      expect(JSON.stringify(csView.dataset.safeContact)).not.toContain(HERS);
      // Its agency is told at once (link only): someone there may be about to call the number they were sent.
      const [{ n: told }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND topic = 'referral.notify' AND payload->>'kind' = 'victim-changed'`,
        [csId],
      );
      expect(told).toBe(1);
      expect(d.safeguardingBasis).toBeNull();
      expect((await auditOf(caseId, 'case.safeguarding-basis-cleared'))[0]?.details['because']).toBe('victim-changed');
      const [changed] = await auditOf(caseId, 'case.victim-changed');
      expect(changed.details).toMatchObject({ revision: 2, planReset: true, basisEnded: true, hubAssessmentEnded: true });
      // No personal data in the trail: no names, no person ids.
      expect(JSON.stringify(changed.details)).not.toMatch(/Jordan|Reid|Morgan|P0VC/);
      // The earlier person's MARAC referral does not answer for her: closing a high-risk case needs her own.
      const close = await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'closed', reason: 'Victim does not want support now' });
      expect(close.status).toBe(422);
      // Nor does the children's services referral sent about the earlier person's children answer for hers.
      expect(((await close.json()) as Problem).blockers?.map((b) => b.code)).toEqual(
        expect.arrayContaining(['marac-referral-required', 'childrens-services-decision-required']),
      );
      expect(d.childrensServices.referred).toBe(false);
      // Nor is the earlier person's MARAC form made from the case as it is now; the latest is a draft for her.
      const earlierId = ((await (await call(cw, 'GET', `/cases/${caseId}/marac-referrals`)).json()) as Array<{ id: string }>)[0].id;
      const earlierForm = await call(cw, 'GET', `/cases/${caseId}/marac-referrals/${earlierId}/form`);
      expect(earlierForm.status).toBe(409);
      expect(((await earlierForm.json()) as Problem).code).toBe('victim-changed');

      // Her needs are not the earlier person's: their assessment is history only, and hers starts at her first save.
      const readNeeds = async () =>
        (await (await call(cw, 'GET', `/cases/${caseId}/needs`)).json()) as VersionedDocument<Record<string, unknown>>;
      const earlierNeeds = await readNeeds();
      expect(earlierNeeds.current).toBeNull();
      expect(earlierNeeds.history.map((v) => v.version)).toEqual([1]);
      expect(earlierNeeds.victimChangedAt).toBe(d.victimChangedAt);
      // A page that showed the earlier person's version cannot save over it as hers.
      const staleNeeds = await call(cw, 'PUT', `/cases/${caseId}/needs`, { content: { housing: { need: false } }, basedOnVersion: 1 });
      expect(staleNeeds.status).toBe(409);
      expect(((await staleNeeds.json()) as Problem).code).toBe('victim-changed');
      const hersSaved = await call(cw, 'PUT', `/cases/${caseId}/needs`, {
        content: { safety: { need: true, urgency: 'immediate' } },
        basedOnVersion: 0,
      });
      expect(hersSaved.status, await hersSaved.clone().text()).toBe(200);
      const hersNeeds = await readNeeds();
      expect(hersNeeds.current?.version).toBe(2);
      expect(Object.keys(hersNeeds.current?.content ?? {})).toEqual(['safety']);

      // A page opened before the change cannot record the earlier person's word as hers, nor refer her to MARAC.
      const stale = await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone', version: 1 });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as Problem).code).toBe('victim-changed');
      const staleMarac = await call(cw, 'POST', `/cases/${caseId}/marac-referrals`, { maracArea: 'Dacorum MARAC', version: 1 });
      expect(staleMarac.status).toBe(409);
      expect(((await staleMarac.json()) as Problem).code).toBe('victim-changed');

      // What the hub hears from her now counts as ever.
      const hers = await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'refused', method: 'phone', version: d.version });
      expect(hers.status, await hers.clone().text()).toBe(201);
      expect((await detail(caseId)).consent.sharing).toMatchObject({ value: 'refused', source: 'hub' });
    });

    it('tells the assignee live, and every team lead what it was judged on, until one acknowledges it', async () => {
      const s = t.socket(cwToken);
      await new Promise((resolve, reject) => {
        s.once(SocketEvents.ready, resolve);
        s.once('connect_error', reject);
      });
      const heard: VictimChangedByPoliceEvent[] = [];
      s.on(VictimEventsNames.changedByPolice, (e: VictimChangedByPoliceEvent) => heard.push(e));
      try {
        // Without ids: judged on names and dates. Under two police person ids: the police's own identity.
        const untraced = reportFor();
        delete untraced.victim.personId;
        const byDetails = await post(untraced);
        await revise(untraced, { firstName: 'Sam' });
        const traced = reportFor();
        const byId = await post(traced);
        await revise(traced, { personId: `${traced.victim.personId}-OTHER`, firstName: 'Robin', lastName: 'Hale' });

        const e = await waitFor(() => heard.find((h) => h.caseId === byDetails));
        expect(e).toEqual({ caseId: byDetails, reference: untraced.reference, revision: 2 });
        await waitFor(() => heard.find((h) => h.caseId === byId));
        expect(Object.keys(e).sort()).toEqual(['caseId', 'reference', 'revision']);
        expect((await auditOf(byDetails, 'case.victim-changed'))[0].details).toMatchObject({ evidence: 'names-and-dates', revision: 2 });
        expect((await auditOf(byId, 'case.victim-changed'))[0].details).toMatchObject({ evidence: 'police-person-id' });
        expect((await auditOf(byId, 'case.victim-changed'))[0].details).not.toHaveProperty('assigneeId');

        const tray = async () => ((await (await call(lead, 'GET', '/alerts')).json()) as TeamLeadAlerts).victimChanged ?? [];
        const listed = await tray();
        const details = listed.find((a) => a.caseId === byDetails);
        expect(details).toMatchObject({
          reference: untraced.reference,
          revision: 2,
          evidence: 'names-and-dates',
          assignee: expect.any(String),
          alertKey: expect.stringMatching(/^victim-changed\|/),
        });
        expect(listed.find((a) => a.caseId === byId)).toMatchObject({ evidence: 'police-person-id' });
        // A caseworker has no tray; a lead's acknowledgement takes it out of every lead's tray.
        expect((await call(cw, 'GET', '/alerts')).status).toBe(403);
        const ack = await call(lead, 'POST', '/alerts/acknowledgements', {
          alertKey: details?.alertKey,
          note: 'Checked with the OIC: another person (her sister).',
        });
        expect(ack.status, await ack.clone().text()).toBe(201);
        expect((await tray()).find((a) => a.caseId === byDetails)).toBeUndefined();
        expect((await tray()).find((a) => a.caseId === byId)).toBeDefined();

        // A revision a team lead sent (their CSV import; the trail entry as intake writes it): it names them, and they
        // may not acknowledge it themselves (another lead judges it).
        const [{ id: leadId }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'team-lead'");
        await t.db.transaction((m) =>
          t.app.get(AuditService).record(m, {
            actor: { type: 'user', id: leadId },
            action: 'case.victim-changed',
            entityType: 'case',
            entityId: byId,
            details: { revision: 3, evidence: 'names-and-dates' },
          }),
        );
        const own = (await tray()).find((a) => a.caseId === byId && a.revision === 3);
        expect(own).toMatchObject({ byId: leadId, by: expect.any(String) });
        const refused = await call(lead, 'POST', '/alerts/acknowledgements', { alertKey: own?.alertKey, note: 'mine' });
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as ProblemDetails).code).toBe('own-alert');
      } finally {
        s.disconnect();
      }
    });

    it('keeps the notice for the one who holds the case until they dismiss it, and tells the next holder', async () => {
      const { cookie: cw2, token: cw2Token } = await t.login('caseworker2');
      const notices = async (cookie: string) => ((await (await call(cookie, 'GET', '/me/safety-notices')).json()) as SafetyNotices).items;
      const report = reportFor();
      const caseId = await post(report);
      // Nothing to tell before the police name anyone else.
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toBeUndefined();
      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Robin', lastName: 'Hale' });

      // Held by `caseworker`, who was not listening: listed for them, oldest first, and for nobody else.
      const key = safetyNoticeKey('victim-changed-by-police', caseId, 2);
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toEqual({
        key,
        kind: 'victim-changed-by-police',
        caseId,
        reference: report.reference,
        revision: 2,
        at: expect.any(String),
      });
      // Not for others who may see the case (a team lead has the tray): the notice is for the one about to contact her.
      expect((await notices(cw2)).find((x) => x.caseId === caseId)).toBeUndefined();
      expect((await notices(lead)).find((x) => x.caseId === caseId)).toBeUndefined();
      // The cases it names are a list read of the reader's.
      const [{ id: cwId }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker'");
      const reads = await t.db.query<{ details: { caseIds: string[] } }>(
        "SELECT details FROM audit_entries WHERE action = 'safety-notices.read' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
        [cwId],
      );
      expect(reads[0]?.details.caseIds).toContain(caseId);

      // Refused: a key of another shape, a notice the user does not hold, a body without a key. Nothing stored.
      const stored = () => t.count('safety_notice_dismissals');
      const before = await stored();
      const refusedKey = await call(cw, 'POST', '/me/safety-notices/dismissals', { key: `victim-changed|${caseId}` });
      expect(refusedKey.status).toBe(404);
      expect((await call(cw2, 'POST', '/me/safety-notices/dismissals', { key })).status).toBe(404);
      const noKey = await call(cw, 'POST', '/me/safety-notices/dismissals', {});
      expect(noKey.status).toBe(400);
      expect(JSON.stringify(await noKey.json())).toContain('/key');
      expect((await call('', 'POST', '/me/safety-notices/dismissals', { key })).status).toBe(401);
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toBeDefined();
      expect(await stored()).toBe(before);

      // Dismissed: not listed again; dismissing it again answers the same, audited once. Every tab of theirs is told at
      // once (their bar goes there too), and nobody else.
      const sockets = [t.socket(cwToken), t.socket(cwToken), t.socket(cw2Token)];
      const heard: SafetyNoticeDismissedEvent[][] = sockets.map(() => []);
      await Promise.all(
        sockets.map(
          (s, i) =>
            new Promise((resolve, reject) => {
              s.on(SafetyNoticeEventsNames.dismissed, (e: SafetyNoticeDismissedEvent) => heard[i].push(e));
              s.once(SocketEvents.ready, resolve);
              s.once('connect_error', reject);
            }),
        ),
      );
      const first = await call(cw, 'POST', '/me/safety-notices/dismissals', { key });
      expect(first.status, await first.clone().text()).toBe(200);
      const told = { key, kind: 'victim-changed-by-police', caseId, revision: 2 };
      await waitFor(() => (heard[0].length && heard[1].length ? true : undefined));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual([[told], [told], []]);
      for (const s of sockets) s.disconnect();
      const dismissed = (await first.json()) as { key: string; dismissedAt: string };
      expect(dismissed.key).toBe(key);
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toBeUndefined();
      const again = await call(cw, 'POST', '/me/safety-notices/dismissals', { key });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { dismissedAt: string }).dismissedAt).toBe(dismissed.dismissedAt);
      expect(await auditOf(caseId, 'safety-notice.dismissed')).toEqual([
        { details: { key, kind: 'victim-changed-by-police', revision: 2 } },
      ]);

      // A later revision naming yet another person is a new notice; handed on, the case's notice is its new holder's.
      await revise(report, { personId: `${report.victim.personId}-C`, firstName: 'Jo', lastName: 'Reed' }, 3);
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toMatchObject({
        key: safetyNoticeKey('victim-changed-by-police', caseId, 3),
        revision: 3,
      });
      const [{ id: cw2Id }] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'caseworker2'");
      expect((await call(lead, 'POST', `/cases/${caseId}/assign`, { userId: cw2Id })).status).toBe(200);
      expect((await notices(cw)).find((x) => x.caseId === caseId)).toBeUndefined();
      expect((await notices(cw2)).find((x) => x.caseId === caseId)).toMatchObject({ revision: 3 });
      // The earlier holder's dismissal of revision 3's notice is refused now: the case is not theirs.
      expect(
        (await call(cw, 'POST', '/me/safety-notices/dismissals', { key: safetyNoticeKey('victim-changed-by-police', caseId, 3) })).status,
      ).toBe(404);
      // Dismissing a bar shown before revision 3 arrived (revision 2's) leaves revision 3's listed.
      expect((await call(cw2, 'POST', '/me/safety-notices/dismissals', { key })).status).toBe(200);
      expect((await notices(cw2)).find((x) => x.caseId === caseId)).toMatchObject({ revision: 3 });
    });

    it('keeps each kind of notice on its own: one revision that names another victim and raises the risk is two', async () => {
      const notices = async () =>
        ((await (await call(cw, 'GET', '/me/safety-notices')).json()) as SafetyNotices).items.filter((x) => x.caseId === caseId);
      const report = reportFor({ officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined } });
      const caseId = await post(report);
      const res = await t.postReport({
        ...report,
        revision: 2,
        victim: { ...report.victim, personId: `${report.victim.personId}-B`, firstName: 'Robin', lastName: 'Hale' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await notices()).map((x) => x.kind).sort()).toEqual(['risk-raised-by-police', 'victim-changed-by-police']);
      // Dismissing one leaves the other: a dismissal answers its own kind only.
      const victimKey = safetyNoticeKey('victim-changed-by-police', caseId, 2);
      expect((await call(cw, 'POST', '/me/safety-notices/dismissals', { key: victimKey })).status).toBe(200);
      expect(await notices()).toMatchObject([{ kind: 'risk-raised-by-police', revision: 2, to: 'high' }]);
    });

    it("starts the new victim's first-contact clock again from the change when the earlier person had been tried", async () => {
      const report = reportFor();
      const caseId = await post(report);
      const before = await detail(caseId);
      const tried = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect(tried.status, await tried.clone().text()).toBe(201);
      expect((await detail(caseId)).firstContactAt).not.toBeNull();

      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1979-05-05' });
      const d = await detail(caseId);
      // Nobody has tried to reach her: her clock runs, due by the grade's target from the change (assignment unchanged).
      expect(d.firstContactAt).toBeNull();
      const due = slaDue(
        { receivedAt: d.receivedAt, firstContactClockFrom: d.victimChangedAt },
        'high',
        DEFAULT_SLA_TARGETS,
        DEFAULT_HUB_CALENDAR,
      );
      expect(d.sla.firstContactDueAt).toBe(due.firstContactDueAt);
      expect(Date.parse(d.sla.firstContactDueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before.sla.firstContactDueAt ?? ''));
      expect(d.sla.assignDueAt).toBe(before.sla.assignDueAt);
      expect((await auditOf(caseId, 'case.victim-changed'))[0].details).toMatchObject({ firstContactClockAgain: true });
      // A later revision of her, and a re-grade by the hub, keep her clock's start.
      await revise(
        {
          ...report,
          victim: {
            ...report.victim,
            personId: `${report.victim.personId}-B`,
            firstName: 'Robin',
            lastName: 'Hale',
            dateOfBirth: '1979-05-05',
          },
        },
        {},
        3,
      );
      expect((await detail(caseId)).sla.firstContactDueAt).toBe(due.firstContactDueAt);
      expect((await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: yes(14) })).status).toBe(201);
      expect((await detail(caseId)).sla.firstContactDueAt).toBe(due.firstContactDueAt);
      // The clock's start is stored (any hour of the day: out of staffed hours both starts could give one due time).
      const [stored] = await t.db.query<{ same: boolean }>(
        'SELECT first_contact_clock_from = victim_changed_at AS same FROM cases WHERE id = $1',
        [caseId],
      );
      expect(stored.same).toBe(true);
      // A call to the earlier person logged late (dated before the change) does not stop her clock; her first attempt
      // (once her safe times are confirmed with her) does.
      await recordAnyTime(t, cw, caseId);
      const late = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: SAFE,
        outcome: 'no-answer',
        at: new Date(Date.parse(d.victimChangedAt ?? '') - 1000).toISOString(),
      });
      expect(late.status, await late.clone().text()).toBe(201);
      expect((await detail(caseId)).firstContactAt).toBeNull();
      const hers = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect(hers.status, await hers.clone().text()).toBe(201);
      expect((await detail(caseId)).firstContactAt).not.toBeNull();

      // A clock that never stopped (nobody tried the earlier person) runs on from receipt: no time is given back.
      const untried = reportFor();
      const second = await post(untried);
      const was = (await detail(second)).sla.firstContactDueAt;
      await revise(untried, { personId: `${untried.victim.personId}-B`, firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1979-05-05' });
      expect((await detail(second)).sla.firstContactDueAt).toBe(was);
      expect((await auditOf(second, 'case.victim-changed'))[0].details).toMatchObject({ firstContactClockAgain: false });
    });

    it('does not count a safe conversation with the earlier person as reaching her (outcomes)', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const contacted = async () =>
        ((await (await call(lead, 'GET', `/reports/outcomes?from=${today}&to=${today}`)).json()) as OutcomesReport).totals.contacted;
      const report = reportFor();
      const caseId = await post(report);
      const spoke = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: SAFE,
        outcome: 'spoke-safe',
        safeToTalk: true,
      });
      expect(spoke.status, await spoke.clone().text()).toBe(201);
      const before = await contacted();
      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1979-05-05' });
      expect(await contacted()).toBe(before - 1);
    });

    it('changes nothing when the revision names the same person: a corrected name under her id, or her id added', async () => {
      // Her surname corrected under the same police person id.
      const report = reportFor();
      const caseId = await post(report);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      await revise(report, { lastName: 'Morgan-Price' });
      const d = await detail(caseId);
      expect(d.victimChangedAt).toBeNull();
      expect(d.consent.sharing).toMatchObject({ value: 'given', source: 'hub' });
      expect((await plan(caseId)).editedAt).not.toBeNull();
      expect(await auditOf(caseId, 'case.victim-changed')).toHaveLength(0);

      // An officer's report without an id, then the feed's revision adding her id (same name, same date of birth).
      const untraced = reportFor();
      delete untraced.victim.personId;
      const second = await post(untraced);
      expect((await call(cw, 'POST', `/cases/${second}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      await revise(untraced, { personId: `P0VC-added-${n}` });
      const after = await detail(second);
      expect(after.victimChangedAt).toBeNull();
      expect(after.consent.sharing).toMatchObject({ value: 'given', source: 'hub' });
    });

    it('reads a revision with no ids that changes both names and the date of birth as another person', async () => {
      const untraced = reportFor();
      delete untraced.victim.personId;
      const caseId = await post(untraced);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', sharing: 'given', method: 'phone' })).status).toBe(
        201,
      );
      await revise(untraced, { firstName: 'Sam', lastName: 'Ellis', dateOfBirth: '1979-02-03' });
      const d = await detail(caseId);
      expect(d.victimChangedAt).not.toBeNull();
      expect(d.consent.contact).toMatchObject({ value: 'given', source: 'police' });
      expect(d.consent.sharing).toMatchObject({ value: 'not-asked', source: 'police' });
      // A later revision of the same (new) person keeps her as she is: the change is dated once.
      await revise({ ...untraced, victim: { ...untraced.victim, firstName: 'Sam', lastName: 'Ellis', dateOfBirth: '1979-02-03' } }, {}, 3);
      expect((await detail(caseId)).victimChangedAt).toBe(d.victimChangedAt);
    });
    it('counts police answers by revision, not by clock: a batch whose revisions share one receipt time', async () => {
      // The earlier person refused contact at the scene; the revision in the same batch names another woman who agreed.
      // Both reach the hub at one instant, so only the revision number says which came first.
      const first = reportFor({ consent: { supportReferral: 'refused', informationSharing: 'refused' } });
      const second = {
        ...first,
        revision: 2,
        victim: {
          ...first.victim,
          personId: `${first.victim.personId}-B`,
          firstName: 'Robin',
          lastName: 'Hale',
          dateOfBirth: '1979-05-05',
        },
        consent: { supportReferral: 'given', informationSharing: 'not-asked' },
      } as PoliceReport;
      const res = await fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
        body: JSON.stringify({ reports: [first, second] }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const [row] = await t.db.query<{ id: string; n: number }>(
        'SELECT c.id, (SELECT count(DISTINCT received_at)::int FROM reports r WHERE r.case_id = c.id) AS n FROM cases c WHERE c.reference = $1',
        [first.reference],
      );
      expect(row.n).toBe(1);
      await claim(t, cw, row.id);
      const d = await detail(row.id);
      expect(d.victimChangedAt).not.toBeNull();
      expect(d.consent.contact).toMatchObject({ value: 'given', source: 'police' });
    });

    it('does not lose a detail a revision left out: a later one naming someone with another date of birth is another person', async () => {
      // No ids: her date of birth given, then a revision without it (the persons row forgets it), then another woman.
      const untraced = reportFor();
      delete untraced.victim.personId;
      const caseId = await post(untraced);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      await revise(untraced, { dateOfBirth: undefined });
      expect((await detail(caseId)).victimChangedAt).toBeNull();
      await revise(untraced, { dateOfBirth: '2004-11-30' }, 3);
      const d = await detail(caseId);
      expect(d.victimChangedAt).not.toBeNull();
      expect(d.consent.sharing).toMatchObject({ value: 'not-asked', source: 'police' });
    });

    it('reads a sister or twin (same surname and date of birth, another first name) as another person', async () => {
      const untraced = reportFor();
      delete untraced.victim.personId;
      const caseId = await post(untraced);
      await revise(untraced, { firstName: 'Sam' });
      expect((await detail(caseId)).victimChangedAt).not.toBeNull();
    });

    it('ends a grade a team lead agreed with the police for the earlier person: the police grade counts again', async () => {
      const report = reportFor();
      const caseId = await post(report);
      const agreed = await call(lead, 'POST', `/cases/${caseId}/risk/agreed-with-police`, {
        grade: 'medium',
        reason: 'Agreed with the DA unit sergeant: the suspect is in custody',
      });
      expect(agreed.status, await agreed.clone().text()).toBe(201);
      expect((await detail(caseId)).risk.grade).toBe('medium');
      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Kit', lastName: 'Evans', dateOfBirth: '1992-02-02' });
      const d = await detail(caseId);
      expect(d.risk.grade).toBe('high');
      expect(d.risk.agreedWithPolice).toBeNull();
      expect((await auditOf(caseId, 'case.victim-changed'))[0].details).toMatchObject({ agreementEnded: true });
    });
    it("keeps a MARAC referral with the woman it was made for: her other case stays a repeat, the new victim's is not", async () => {
      // The earlier woman: a MARAC referral on this case, then a new incident of hers with the same suspect (a repeat).
      const report = reportFor({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      const caseId = await post(report);
      const referred = await call(cw, 'POST', `/cases/${caseId}/marac-referrals`, { maracArea: 'Dacorum MARAC', note: JUDGEMENT });
      expect(referred.status, await referred.clone().text()).toBe(201);
      const soon = new Date(Date.now() + 60_000).toISOString();
      const next = reportFor({
        victim: { personId: report.victim.personId, firstName: report.victim.firstName, lastName: report.victim.lastName },
        suspect: { personId: report.suspect?.personId },
        incident: { occurredAt: soon, reportedAt: soon },
        source: { sentAt: soon },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      const herNext = await post(next);
      expect((await detail(herNext)).risk.marac.reasons).toContain('repeat');
      // The first case's revision names another woman: the referral stays the earlier woman's.
      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Noor', lastName: 'Patel', dateOfBirth: '1995-07-07' });
      expect((await detail(herNext)).risk.marac.reasons).toContain('repeat');
      const [row] = await t.db.query<{ same: boolean }>(
        'SELECT r.victim_id = c.victim_id AS same FROM marac_referrals r JOIN cases c ON c.id = $2 WHERE r.case_id = $1',
        [caseId, herNext],
      );
      expect(row.same).toBe(true);
      expect((await detail(caseId)).maracContext.lastMaracReferralAt).toBeNull();
    });

    it("lets go of a caseworker's correction of the outreach area: it was where the earlier person lives", async () => {
      const report = reportFor();
      const caseId = await post(report);
      const current = (await detail(caseId)).outreachArea?.area;
      const area = current === 'St Albans and Dacorum' ? 'Welwyn Hatfield and Hertsmere' : 'St Albans and Dacorum';
      const corrected = await call(cw, 'PUT', `/cases/${caseId}/outreach-area`, { area, reason: 'She lives with her sister now' });
      expect(corrected.status, await corrected.clone().text()).toBeLessThan(300);
      expect((await detail(caseId)).outreachArea?.source).toBe('caseworker');
      await revise(report, { personId: `${report.victim.personId}-B`, firstName: 'Noor', lastName: 'Patel', dateOfBirth: '1995-07-07' });
      expect((await detail(caseId)).outreachArea?.source).not.toBe('caseworker');
    });
  });
}
