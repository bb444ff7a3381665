import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAID_ON_ANOTHER_CASE, TOLD_THE_POLICE_ON_ANOTHER_CASE } from '@lantern/api/casework';
import { loadConfig } from '@lantern/api/core';
import {
  DEFAULT_LAWFUL_BASES,
  type CaseDetail,
  type ConsentView,
  type LawfulBasis,
  type PoliceReport,
  type ProblemDetails,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, runMigrations, startTestApp, testDatabases, type TestApp } from './harness';
import { recordAnyTime } from './support/any-time';
import { claim } from './support/claim';
import { decideChildrenWhenAsked } from './support/childrens-services';

type Problem = ProblemDetails & { rule?: string; rules?: string[]; errors?: Array<{ path: string; message: string }> };
interface Option {
  partnerId: string;
  service: string;
  eligible: boolean;
  reasons: string[];
}

const SAFE = '07700 900322';

for (const database of testDatabases()) {
  describe(`consent recorded by the hub on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    let auditor: string;
    let n = 0;
    const reportFor = (over: Parameters<typeof createReport>[0]) => {
      const i = 4100 + n++;
      return merge(
        createReport(
          {
            victim: { personId: `P0K${i}`, safeContact: { phone: SAFE, safeTimes: undefined, smsSafe: false, voicemailSafe: false } },
            incident: { previousIncidents12Months: 0 },
            consent: { supportReferral: 'given', informationSharing: 'given' },
          },
          i,
        ),
        over,
      );
    };
    const post = async (report: unknown) => {
      const res = await t.postReport(report);
      expect(res.status).toBeLessThan(300);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      // The reports here send no safe times: a victim who said any time (recorded, as a caseworker would).
      await recordAnyTime(t, cw, caseId);
      return caseId;
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const consent = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/consent`)).json()) as ConsentView;
    const detail = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}`)).json()) as CaseDetail;
    const options = async (caseId: string) => (await (await call(cw, 'GET', `/cases/${caseId}/referral-options`)).json()) as Option[];
    const high = { officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined } } as const;

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
      lead = (await t.login('team-lead')).cookie;
      auditor = (await t.login('auditor')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('keeps every record as history (who, when, what, how, note), the latest of each question in force', async () => {
      const caseId = await post(reportFor({ consent: { supportReferral: 'not-asked', informationSharing: 'not-asked' } }));
      const before = await consent(caseId);
      expect(before).toEqual({
        contact: { value: 'not-asked', source: 'police', method: null, by: null, at: null },
        sharing: { value: 'not-asked', source: 'police', method: null, by: null, at: null },
        history: [],
        victimChangedAt: null,
      });

      const first = await call(cw, 'POST', `/cases/${caseId}/consent`, {
        contact: 'given',
        sharing: 'refused',
        method: 'phone',
        note: 'Happy to hear from us; not to share with anyone yet.',
      });
      expect(first.status).toBe(201);
      const second = await call(lead, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'written' });
      expect(second.status).toBe(201);

      const view = await consent(caseId);
      expect(view.contact).toMatchObject({ value: 'given', source: 'hub', method: 'phone', by: { displayName: 'Sam Carter' } });
      expect(view.sharing).toMatchObject({ value: 'given', source: 'hub', method: 'written', by: { displayName: 'Jordan Ellis' } });
      expect(view.history.map((h) => [h.contact, h.sharing, h.method, h.by?.displayName])).toEqual([
        [null, 'given', 'written', 'Jordan Ellis'],
        ['given', 'refused', 'phone', 'Sam Carter'],
      ]);
      expect(view.history[1].note).toBe('Happy to hear from us; not to share with anyone yet.');
      expect(Date.parse(view.history[0].at)).toBeGreaterThanOrEqual(Date.parse(view.history[1].at));

      // The case detail shows the same, and the case row carries the values in force.
      expect((await detail(caseId)).consent).toEqual({ contact: view.contact, sharing: view.sharing });
      const [row] = await t.db.query<{ consent_to_contact: string; information_sharing: string }>(
        'SELECT consent_to_contact, information_sharing FROM cases WHERE id = $1',
        [caseId],
      );
      expect(row).toEqual({ consent_to_contact: 'given', information_sharing: 'given' });

      // Audited per question, with codes only: never the note.
      const audit = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'case.consent-recorded' AND entity_id = $1 ORDER BY at, id",
        [caseId],
      );
      expect(audit.map((a) => a.details)).toEqual(
        expect.arrayContaining([
          { question: 'contact', value: 'given', method: 'phone' },
          { question: 'sharing', value: 'refused', method: 'phone', sharedDataWithdrawn: 0 },
          { question: 'sharing', value: 'given', method: 'written' },
        ]),
      );
      expect(audit).toHaveLength(3);
      expect(JSON.stringify(audit)).not.toContain('Happy to hear');
      const reads = await t.db.query("SELECT 1 FROM audit_entries WHERE action = 'case.consent-read' AND entity_id = $1", [caseId]);
      expect(reads.length).toBeGreaterThanOrEqual(2);
    });

    it('refuses a record that answers neither question, unknown values and methods, and roles without consent.record', async () => {
      const caseId = await post(reportFor({}));
      const empty = await call(cw, 'POST', `/cases/${caseId}/consent`, { method: 'phone' });
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/contact', '/sharing']);
      const bad = await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'maybe', sharing: 'not-asked', method: 'carrier-pigeon' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Problem).errors?.map((e) => e.path).sort()).toEqual(['/contact', '/method', '/sharing']);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given' })).status).toBe(400);
      expect((await call(auditor, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(403);
      expect((await call(auditor, 'GET', `/cases/${caseId}/consent`)).status).toBe(200);
      expect(
        (await call(cw, 'POST', '/cases/00000000-0000-4000-8000-000000000000/consent', { contact: 'given', method: 'phone' })).status,
      ).toBe(404);
      expect((await consent(caseId)).history).toEqual([]);
    });

    it('lets the hub record win over the police value: consent to contact heard on the phone unblocks contact', async () => {
      const caseId = await post(reportFor({ consent: { supportReferral: 'refused' } }));
      const attempt = () => call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'spoke-safe' });
      expect(((await (await attempt()).json()) as Problem).rule).toBe('consent-refused');
      // An officer passing on a "yes" does not undo the police "no" either (a second-hand yes carries no time she said
      // it: the police refusal may be the newer word); her own "yes", heard on the phone, does.
      const relayed = await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'officer-at-scene' });
      expect(relayed.status).toBe(409);
      expect(((await relayed.json()) as Problem).detail).toContain('contact (refused, in the police report)');
      expect(((await (await attempt()).json()) as Problem).rule).toBe('consent-refused');
      await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' });
      expect((await attempt()).status).toBe(201);
      const view = (await (await call(cw, 'GET', `/cases/${caseId}/safe-contact`)).json()) as { consentToContact: string };
      expect(view.consentToContact).toBe('given');
    });

    it('does not let an officer passing on a "yes" undo a "no" she told the hub (409); she says it again, and it is recorded', async () => {
      const caseId = await post(reportFor({}));
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'refused', method: 'phone' })).status).toBe(201);
      const relayed = await call(cw, 'POST', `/cases/${caseId}/consent`, {
        contact: 'given',
        sharing: 'given',
        method: 'officer-at-scene',
      });
      expect(relayed.status).toBe(409);
      const p = (await relayed.json()) as Problem;
      expect(p.code).toBe('victim-told-the-hub-no');
      expect(p.detail).toContain('sharing her details (refused, told to the hub)');
      expect((await consent(caseId)).sharing).toMatchObject({ value: 'refused', source: 'hub' });
      expect((await consent(caseId)).history).toHaveLength(1);
      // A "yes" to a question she did not refuse the hub is taken from the officer; her own "yes" to the hub is too.
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'officer-at-scene' })).status).toBe(201);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      expect((await consent(caseId)).sharing).toMatchObject({ value: 'given', source: 'hub', method: 'phone' });
    });

    it('takes no "yes" while contact is paused after someone else answered (it may not be hers); a "no" always', async () => {
      const caseId = await post(reportFor({}));
      const answered = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: SAFE,
        safeToTalk: false,
        outcome: 'someone-else-answered',
      });
      expect(answered.status).toBe(201);
      const yes = await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' });
      expect(yes.status).toBe(409);
      expect(((await yes.json()) as Problem).code).toBe('contact-paused');
      expect((await consent(caseId)).history).toEqual([]);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'refused', method: 'phone' })).status).toBe(201);
    });

    it('keeps a police refusal over a later revision that resends an older "given", and corrects cases stored before', async () => {
      const report = reportFor({});
      const refusedAt = new Date(Date.now() - 3_600_000).toISOString();
      const givenAt = new Date(Date.now() - 7_200_000).toISOString();
      const caseId = await post({
        ...report,
        consent: { supportReferral: 'refused', informationSharing: 'refused', recordedAt: refusedAt },
      });
      const res = await t.postReport({
        ...report,
        revision: 2,
        consent: { supportReferral: 'given', informationSharing: 'given', recordedAt: givenAt },
      });
      expect(res.status).toBeLessThan(300);
      expect((await detail(caseId)).consent).toMatchObject({ contact: { value: 'refused' }, sharing: { value: 'refused' } });
      const columns = async () =>
        (
          await t.db.query<{ consent_to_contact: string; information_sharing: string }>(
            'SELECT consent_to_contact, information_sharing FROM cases WHERE id = $1',
            [caseId],
          )
        )[0];
      expect(await columns()).toEqual({ consent_to_contact: 'refused', information_sharing: 'refused' });
      // A case stored before the rule said "given": the migration sets what the rule says.
      await t.db.query(`UPDATE cases SET consent_to_contact = 'given', information_sharing = 'given' WHERE id = $1`, [caseId]);
      await runMigrations(t, [['ConsentOlderPoliceGiven1764630000000', 'up']]);
      expect(await columns()).toEqual({ consent_to_contact: 'refused', information_sharing: 'refused' });
      // Once the hub has heard her, its record governs: the migration leaves such a case alone.
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      await runMigrations(t, [['ConsentOlderPoliceGiven1764630000000', 'up']]);
      expect((await columns()).consent_to_contact).toBe('given');
    });

    it('keeps a police refusal over a later "given" not proven later (untimed, or timed before it); one timed after it reopens', async () => {
      const report = reportFor({});
      const caseId = await post({ ...report, consent: { supportReferral: 'refused', informationSharing: 'refused' } });
      const columns = async () =>
        (
          await t.db.query<{ consent_to_contact: string; information_sharing: string }>(
            'SELECT consent_to_contact, information_sharing FROM cases WHERE id = $1',
            [caseId],
          )
        )[0];
      // An untimed "given" in a later revision: a correction resending her first answer, or a form's default?
      expect((await t.postReport({ ...report, revision: 2, consent: { supportReferral: 'given', informationSharing: 'given' } })).ok).toBe(
        true,
      );
      expect((await detail(caseId)).consent).toMatchObject({ contact: { value: 'refused' }, sharing: { value: 'refused' } });
      expect(await columns()).toEqual({ consent_to_contact: 'refused', information_sharing: 'refused' });
      // A case stored before the rule said "given": the migration sets what the rule says.
      await t.db.query(`UPDATE cases SET consent_to_contact = 'given', information_sharing = 'given' WHERE id = $1`, [caseId]);
      await runMigrations(t, [['ConsentUnprovenPoliceGiven1764660000000', 'up']]);
      expect(await columns()).toEqual({ consent_to_contact: 'refused', information_sharing: 'refused' });
      // Timed after the hub received the refusal: her later word, in force.
      const later = new Date(Date.now() + 1000).toISOString();
      const timed = { supportReferral: 'given', informationSharing: 'given', recordedAt: later } as const;
      expect((await t.postReport({ ...report, revision: 3, consent: timed })).ok).toBe(true);
      expect((await detail(caseId)).consent).toMatchObject({ contact: { value: 'given' }, sharing: { value: 'given' } });
      await runMigrations(t, [['ConsentUnprovenPoliceGiven1764660000000', 'up']]);
      expect(await columns()).toEqual({ consent_to_contact: 'given', information_sharing: 'given' });
    });

    it('blocks contact attempts with 422 unsafe-contact once consent to contact is withdrawn', async () => {
      const caseId = await post(reportFor({}));
      const attempt = () => call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect((await attempt()).status).toBe(201);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'withdrawn', method: 'phone' })).status).toBe(201);
      const refused = await attempt();
      expect(refused.status).toBe(422);
      const p = (await refused.json()) as Problem;
      expect(p.code).toBe('unsafe-contact');
      expect(p.rule).toBe('consent-refused');
      expect(p.detail).toMatch(/withdrew their consent to contact/);
      // Support referrals that need contact are no longer offered either.
      expect((await options(caseId)).find((o) => o.service === 'emotional-support')?.reasons[0]).toBe(
        'Victim withdrew consent to contact from support services',
      );
    });

    it('withdraws what partners hold when a police revision corrects "given" to "not asked", unless a lawful basis stands', async () => {
      // Sent on the officer's "given"; the revision says she was never asked.
      const report = reportFor({ ...high });
      const caseId = await post(report);
      const referral = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(referral.status).toBe(201);
      const referralId = ((await referral.json()) as { id: string }).id;
      const corrected = await t.postReport({
        ...report,
        revision: 2,
        consent: { supportReferral: 'given', informationSharing: 'not-asked' },
      });
      expect(corrected.status).toBeLessThan(300);
      expect((await detail(caseId)).consent.sharing).toMatchObject({ value: 'not-asked', source: 'police' });
      const [row] = await t.db.query<{ withdrawn_at: Date | null; dataset: unknown; withdrawal_reason: string | null }>(
        'SELECT withdrawn_at, dataset, withdrawal_reason FROM referrals WHERE id = $1',
        [referralId],
      );
      expect(row.withdrawn_at).not.toBeNull();
      expect(row.dataset).toBeNull();
      expect(row.withdrawal_reason).toMatch(/not asked about sharing/);
      // A notice to the agency is queued with it (link only: referral-delivery).
      const [{ n }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND topic = 'referral.notify' AND payload->>'kind' = 'withdrawn'`,
        [referralId],
      );
      expect(n).toBe(1);

      // With a team lead's lawful basis recorded, the IDVA share rests on it (high risk: the MARAC route) and stays;
      // any other service took her consent only, and goes.
      const based = reportFor({ ...high });
      const basedCase = await post(based);
      const kept = await call(cw, 'POST', `/cases/${basedCase}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(kept.status).toBe(201);
      const keptId = ((await kept.json()) as { id: string }).id;
      const other = (await options(basedCase)).find((o) => o.eligible && !['idva', 'childrens-services'].includes(o.partnerId));
      expect(other).toBeDefined();
      const gone = await call(cw, 'POST', `/cases/${basedCase}/referrals`, { partnerId: other?.partnerId, service: other?.service });
      expect(gone.status, await gone.clone().text()).toBe(201);
      const goneId = ((await gone.json()) as { id: string }).id;
      const ground = (await (await call(lead, 'GET', '/lawful-bases')).json()) as Array<{ code: string }>;
      const basis = await call(lead, 'POST', `/cases/${basedCase}/safeguarding-basis`, {
        ground: ground[0].code,
        reason: 'High risk: MARAC protocol, IDVA support needed now',
      });
      expect(basis.status, await basis.clone().text()).toBeLessThan(300);
      const revised = await t.postReport({ ...based, revision: 2, consent: { supportReferral: 'given', informationSharing: 'not-asked' } });
      expect(revised.status).toBeLessThan(300);
      expect((await detail(basedCase)).consent.sharing).toMatchObject({ value: 'not-asked', source: 'police' });
      const [still] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE id = $1', [keptId]);
      expect(still.withdrawn_at).toBeNull();
      const [went] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE id = $1', [goneId]);
      expect(went.withdrawn_at).not.toBeNull();
      // The trail says why (a consent nobody heard, not her "no"), and the lawful basis stands.
      const [entry] = await t.db.query<{ details: { because: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'referral.withdrawn' AND entity_id = $1",
        [goneId],
      );
      expect(entry.details.because).toBe('sharing-unproven');
      expect((await detail(basedCase)).safeguardingBasis).not.toBeNull();
    });

    it('never lets a later police revision overwrite what the hub recorded', async () => {
      const report = reportFor({ consent: { supportReferral: 'given', informationSharing: 'not-asked' } });
      const caseId = await post(report);
      await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'withdrawn', method: 'phone' });
      // Revision 2: the officer still says contact given, and now that sharing was refused.
      const revised = await t.postReport({ ...report, revision: 2, consent: { supportReferral: 'given', informationSharing: 'refused' } });
      expect(revised.status).toBeLessThan(300);
      const d = await detail(caseId);
      expect(d.revision).toBe(2);
      expect(d.consent.contact).toMatchObject({ value: 'withdrawn', source: 'hub' });
      // Sharing was never recorded by the hub: the revision's value is in force.
      expect(d.consent.sharing).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
      const [row] = await t.db.query<{ consent_to_contact: string; information_sharing: string }>(
        'SELECT consent_to_contact, information_sharing FROM cases WHERE id = $1',
        [caseId],
      );
      expect(row).toEqual({ consent_to_contact: 'withdrawn', information_sharing: 'refused' });
      const attempt = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE });
      expect(((await attempt.json()) as Problem).rule).toBe('consent-refused');
    });

    it('lets a refusal the victim gave the officer after the hub heard "given" stand, in the case and its contact rule', async () => {
      const report = reportFor({ consent: { supportReferral: 'refused', informationSharing: 'not-asked' } });
      const caseId = await post(report);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      const attempt = () => call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect((await attempt()).status).toBe(201);
      // A call-back promised for tomorrow at noon (no safe times given: any staffed hour).
      const noon = new Date(Date.now() + 86_400_000);
      noon.setUTCHours(12, 0, 0, 0);
      const scheduled = await call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt: noon.toISOString() });
      expect(scheduled.status, await scheduled.clone().text()).toBe(201);
      const callbacks = async () =>
        (await (await call(cw, 'GET', `/cases/${caseId}/callbacks`)).json()) as Array<{
          status: string;
          cancelled: { reason: string } | null;
        }>;
      // Revision 2 repeats the scene's refusal (recorded before the hub's call): the hub's "given" stands.
      const scene = new Date(Date.now() - 3_600_000).toISOString();
      await t.postReport({
        ...report,
        revision: 2,
        consent: { supportReferral: 'refused', informationSharing: 'not-asked', recordedAt: scene },
      });
      expect((await detail(caseId)).consent.contact).toMatchObject({ value: 'given', source: 'hub' });
      expect((await callbacks()).map((c) => c.status)).toEqual(['pending']);
      // Revision 3: the victim told the officer since that she does not want contact.
      const since = new Date(Date.now() + 1_000).toISOString();
      const res = await t.postReport({
        ...report,
        revision: 3,
        consent: { supportReferral: 'refused', informationSharing: 'not-asked', recordedAt: since },
      });
      expect(res.status).toBeLessThan(300);
      expect((await detail(caseId)).consent.contact).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
      const refused = await attempt();
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Problem).rule).toBe('consent-refused');
      // The call-back promised to her went with it, in the intake's transaction, audited under the report's sender.
      expect(await callbacks()).toEqual([
        expect.objectContaining({
          status: 'cancelled',
          cancelled: expect.objectContaining({ reason: expect.stringMatching(/police report/) }),
        }),
      ]);
      const [cancelled] = await t.db.query<{ actor_type: string; details: { because: string; source: string } }>(
        "SELECT actor_type, details FROM audit_entries WHERE action = 'callback.cancelled' AND entity_id = $1",
        [caseId],
      );
      expect(cancelled).toMatchObject({
        actor_type: 'feed',
        details: { because: 'contact-consent', value: 'refused', source: 'police-report' },
      });
      // Nor can a new one be promised while the refusal stands.
      const again = await call(cw, 'POST', `/cases/${caseId}/callbacks`, { dueAt: noon.toISOString() });
      expect(again.status).toBe(422);
      expect(((await again.json()) as Problem).rule).toBe('consent-refused');
      // Revision 4 repeats the scene's answer with no time: the refusal stands until the hub hears otherwise.
      await t.postReport({ ...report, revision: 4, consent: { supportReferral: 'given', informationSharing: 'not-asked' } });
      expect((await detail(caseId)).consent.contact).toMatchObject({ value: 'refused', source: 'police' });
      expect(((await (await attempt()).json()) as Problem).rule).toBe('consent-refused');
      expect((await consent(caseId)).contact).toMatchObject({ value: 'refused', source: 'police' });
      // A police refusal stamped a few minutes ahead of the hub's clock still counts as the later word: a "given" the
      // hub records now does not open contact, on the case row the contact rule and partners read either.
      const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
      await t.postReport({
        ...report,
        revision: 5,
        consent: { supportReferral: 'refused', informationSharing: 'not-asked', recordedAt: ahead },
      });
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      const [row] = await t.db.query<{ consent_to_contact: string }>('SELECT consent_to_contact FROM cases WHERE id = $1', [caseId]);
      expect(row.consent_to_contact).toBe('refused');
      expect((await detail(caseId)).consent.contact).toMatchObject({ value: 'refused', source: 'police' });
      expect(((await (await attempt()).json()) as Problem).rule).toBe('consent-refused');
    });

    it('takes a revision that turns the answer to a refusal after the hub heard "given" as her latest word, with or without a time', async () => {
      const report = reportFor({ ...high });
      const caseId = await post(report);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', sharing: 'given', method: 'phone' })).status).toBe(
        201,
      );
      const referral = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(referral.status).toBe(201);
      const referralId = ((await referral.json()) as { id: string }).id;
      // Revision 2 (a correction that did not ask again) leaves the hub's record in force.
      await t.postReport({ ...report, revision: 2, consent: { supportReferral: 'not-asked', informationSharing: 'not-asked' } });
      expect((await detail(caseId)).consent.contact).toMatchObject({ value: 'given', source: 'hub' });
      // Revision 3: the officer went back and she said no to both; the optional recordedAt is not sent.
      const res = await t.postReport({ ...report, revision: 3, consent: { supportReferral: 'refused', informationSharing: 'refused' } });
      expect(res.status).toBeLessThan(300);
      const d = await detail(caseId);
      expect(d.consent.contact).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
      expect(d.consent.sharing).toMatchObject({ value: 'refused', source: 'police' });
      const attempt = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, { channel: 'call', to: SAFE });
      expect(((await attempt.json()) as Problem).rule).toBe('consent-refused');
      const [row] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE id = $1', [referralId]);
      expect(row.withdrawn_at).not.toBeNull();
      // Revision 4 repeats that refusal with no time, and the hub has heard "given" again since: the hub's stands.
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      await t.postReport({ ...report, revision: 4, consent: { supportReferral: 'refused', informationSharing: 'refused' } });
      expect((await detail(caseId)).consent.contact).toMatchObject({ value: 'given', source: 'hub' });
    });

    it('withdraws what partners hold when a police revision brings a refusal of sharing given since the hub’s record', async () => {
      const report = reportFor({ ...high });
      const caseId = await post(report);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      const created = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(created.status).toBe(201);
      const referralId = ((await created.json()) as { id: string }).id;
      const since = new Date(Date.now() + 1_000).toISOString();
      const res = await t.postReport({
        ...report,
        revision: 2,
        consent: { supportReferral: 'given', informationSharing: 'refused', recordedAt: since },
      });
      expect(res.status).toBeLessThan(300);
      expect((await detail(caseId)).consent.sharing).toMatchObject({ value: 'refused', source: 'police' });
      const [row] = await t.db.query<{ withdrawn_at: Date | null; dataset: unknown }>(
        'SELECT withdrawn_at, dataset FROM referrals WHERE id = $1',
        [referralId],
      );
      expect(row.withdrawn_at).not.toBeNull();
      expect(row.dataset).toBeNull();
      const [withdrawn] = await t.db.query<{ actor_type: string }>(
        "SELECT actor_type FROM audit_entries WHERE action = 'referral.withdrawn' AND entity_id = $1",
        [referralId],
      );
      expect(withdrawn.actor_type).toBe('system');
    });

    it('makes an eligible referral possible with consent heard on the phone, with no safeguarding basis', async () => {
      const caseId = await post(reportFor({ ...high, consent: { supportReferral: 'given', informationSharing: 'refused' } }));
      const blocked = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(blocked.status).toBe(422);
      expect(((await blocked.json()) as Problem).code).toBe('consent-required');
      expect((await options(caseId)).find((o) => o.service === 'idva')?.eligible).toBe(false);

      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'given', method: 'phone' })).status).toBe(201);
      const idva = (await options(caseId)).find((o) => o.service === 'idva');
      expect(idva?.eligible).toBe(true);
      expect(idva?.reasons).toContain('Victim consented to sharing their details');
      const sent = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(sent.status).toBe(201);
      expect((await detail(caseId)).safeguardingBasis).toBeNull();
      const [audit] = await t.db.query<{ details: { basis: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'referral.sent' AND entity_id = $1",
        [caseId],
      );
      expect(audit.details.basis).toBe('consent');
    });

    it('hearing "no" again leaves a referral made on a team lead\'s lawful basis (only a change to no withdraws)', async () => {
      const caseId = await post(reportFor({ ...high, consent: { supportReferral: 'given', informationSharing: 'refused' } }));
      const basis = await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, {
        ground: 'marac-protocol',
        reason: 'Threats to kill',
      });
      expect(basis.status).toBe(201);
      const referral = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(referral.status).toBe(201);
      const referralId = ((await referral.json()) as { id: string }).id;
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'refused', method: 'phone' })).status).toBe(201);
      const [row] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE id = $1', [referralId]);
      expect(row.withdrawn_at).toBeNull();
      const [entry] = await t.db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_entries WHERE action = 'case.consent-recorded' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [caseId],
      );
      expect(entry.details).toMatchObject({ question: 'sharing', value: 'refused' });
      expect(entry.details['sharedDataWithdrawn']).toBeUndefined();
    });

    it('a lawful basis recorded before she said no goes with what partners hold: a new referral needs a basis weighed after it', async () => {
      const caseId = await post(reportFor({ ...high, consent: { supportReferral: 'given', informationSharing: 'not-asked' } }));
      const record = () =>
        call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground: 'marac-protocol', reason: 'Threats to kill' });
      expect((await record()).status).toBe(201);
      expect((await options(caseId)).find((o) => o.service === 'idva')?.eligible).toBe(true);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'refused', method: 'phone' })).status).toBe(201);
      const [row] = await t.db.query<{ safeguarding_basis: unknown }>('SELECT safeguarding_basis FROM cases WHERE id = $1', [caseId]);
      expect(row.safeguarding_basis).toBeNull();
      const [entry] = await t.db.query<{ actor_id: string; details: Record<string, unknown> }>(
        `SELECT actor_id, details FROM audit_entries WHERE action = 'case.safeguarding-basis-cleared' AND entity_id = $1`,
        [caseId],
      );
      expect(entry).toMatchObject({ details: { ground: 'marac-protocol', because: 'sharing-refused' } });
      // The caseworker may not send on the old basis against her "no"; a lead who weighs it again may record one.
      expect((await options(caseId)).find((o) => o.service === 'idva')?.eligible).toBe(false);
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(422);
      expect((await record()).status).toBe(201);
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
    });

    it('a "no" reaches every other case of hers (her earlier referral, its call-backs); a "yes" stays where it was heard', async () => {
      const personId = `P0KALL${n}`;
      const earlier = await post(reportFor({ ...high, victim: { personId } }));
      expect((await call(cw, 'POST', `/cases/${earlier}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
      const latest = await post(reportFor({ ...high, victim: { personId } }));
      const said = await call(cw, 'POST', `/cases/${latest}/consent`, { contact: 'withdrawn', sharing: 'withdrawn', method: 'phone' });
      expect(said.status).toBe(201);
      expect(((await said.json()) as ConsentView).alsoRecordedOn).toBe(1);
      // Her earlier case: both "no"s in force, recorded as said on the latest, and what the IDVA held withdrawn.
      const view = await consent(earlier);
      expect(view.contact).toMatchObject({ value: 'withdrawn', source: 'hub' });
      expect(view.sharing).toMatchObject({ value: 'withdrawn', source: 'hub' });
      // The note names no reference (the case she said it on may be restricted from someone who sees this one).
      const { reference } = await detail(latest);
      expect(view.history[0].note).toBe(SAID_ON_ANOTHER_CASE);
      expect(JSON.stringify(view)).not.toContain(reference);
      const [referral] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE case_id = $1', [
        earlier,
      ]);
      expect(referral.withdrawn_at).not.toBeNull();
      const entries = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'case.consent-recorded' AND entity_id = $1 ORDER BY id",
        [earlier],
      );
      expect(entries.map((e) => e.details)).toEqual([
        expect.objectContaining({ question: 'contact', value: 'withdrawn', fromCaseId: latest }),
        expect.objectContaining({ question: 'sharing', value: 'withdrawn', fromCaseId: latest }),
      ]);
      // A "yes" on the latest reopens nothing on the earlier case.
      expect((await call(cw, 'POST', `/cases/${latest}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      expect((await consent(earlier)).contact.value).toBe('withdrawn');
      // A case of someone else is untouched.
      const stranger = await post(reportFor({ ...high }));
      expect((await call(cw, 'POST', `/cases/${latest}/consent`, { sharing: 'refused', method: 'phone' })).status).toBe(201);
      expect((await consent(stranger)).sharing.value).toBe('given');
    });

    it('a refusal she told the officer on a new report reaches her other cases (call-backs, the IDVA), recorded by no one', async () => {
      const personId = `P0KPOL${n}`;
      const earlier = await post(reportFor({ ...high, victim: { personId } }));
      expect((await call(cw, 'POST', `/cases/${earlier}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
      const noon = new Date(Date.now() + 86_400_000);
      noon.setUTCHours(12, 0, 0, 0);
      expect((await call(cw, 'POST', `/cases/${earlier}/callbacks`, { dueAt: noon.toISOString() })).status).toBe(201);
      const stranger = await post(reportFor({ ...high }));

      // Her next incident: she told the officer no to both, timed at the scene.
      const scene = new Date(Date.now() - 60_000).toISOString();
      const res = await t.postReport(
        reportFor({ victim: { personId }, consent: { supportReferral: 'refused', informationSharing: 'refused', recordedAt: scene } }),
      );
      expect(res.status).toBe(201);
      const latest = ((await res.json()) as { caseId: string }).caseId;

      const view = await consent(earlier);
      expect(view.contact).toMatchObject({ value: 'refused', source: 'hub', method: 'police-report', by: null });
      expect(view.sharing).toMatchObject({ value: 'refused', source: 'hub', method: 'police-report', by: null });
      expect(view.history[0]).toMatchObject({ contact: 'refused', sharing: 'refused', method: 'police-report', by: null });
      expect(view.history[0].note).toBe(TOLD_THE_POLICE_ON_ANOTHER_CASE);
      expect(JSON.stringify(view)).not.toContain((await detail(latest)).reference);
      // The case row, its call-backs, what the IDVA held and the contact rule all follow.
      const [row] = await t.db.query<{ consent_to_contact: string; information_sharing: string }>(
        'SELECT consent_to_contact, information_sharing FROM cases WHERE id = $1',
        [earlier],
      );
      expect(row).toEqual({ consent_to_contact: 'refused', information_sharing: 'refused' });
      const callbacks = (await (await call(cw, 'GET', `/cases/${earlier}/callbacks`)).json()) as Array<{ status: string }>;
      expect(callbacks.map((c) => c.status)).toEqual(['cancelled']);
      const [referral] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE case_id = $1', [
        earlier,
      ]);
      expect(referral.withdrawn_at).not.toBeNull();
      const attempt = await call(cw, 'POST', `/cases/${earlier}/contact-attempts`, { channel: 'call', to: SAFE, outcome: 'no-answer' });
      expect(attempt.status).toBe(422);
      expect(((await attempt.json()) as Problem).rule).toBe('consent-refused');
      // Audited by the feed that sent it, linked to the case it was said on.
      const entries = await t.db.query<{ actor_type: string; details: Record<string, unknown> }>(
        "SELECT actor_type, details FROM audit_entries WHERE action = 'case.consent-recorded' AND entity_id = $1 ORDER BY id",
        [earlier],
      );
      expect(entries).toEqual([
        {
          actor_type: 'feed',
          details: expect.objectContaining({ question: 'contact', value: 'refused', method: 'police-report', fromCaseId: latest }),
        },
        {
          actor_type: 'feed',
          details: expect.objectContaining({ question: 'sharing', value: 'refused', method: 'police-report', fromCaseId: latest }),
        },
      ]);
      // Someone else's case is untouched.
      expect((await consent(stranger)).contact.value).toBe('given');
    });

    it('a revision resending an untimed refusal does not undo what she told the hub since; one naming her newly does reach', async () => {
      const personId = `P0KRES${n}`;
      const earlier = await post(reportFor({ victim: { personId } }));
      // Untimed: she said it when the hub received it.
      const untimed = (over: Parameters<typeof createReport>[0]) => {
        const r = reportFor(over) as { consent: Record<string, unknown> };
        delete r.consent['recordedAt'];
        return r;
      };
      const first = untimed({ victim: { personId }, consent: { supportReferral: 'refused', informationSharing: 'given' } });
      const res = await t.postReport(first);
      expect(res.status).toBe(201);
      expect((await consent(earlier)).contact).toMatchObject({ value: 'refused', method: 'police-report' });
      // She rings the hub and says yes to contact on her earlier case: that stands when revision 2 resends the refusal
      // (received after her call: recorded again, it would have undone it).
      expect((await call(cw, 'POST', `/cases/${earlier}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      const reference = (first as unknown as { reference: string }).reference;
      const resent = untimed({
        reference,
        revision: 2,
        victim: { personId },
        consent: { supportReferral: 'refused', informationSharing: 'given' },
      });
      expect((await t.postReport(resent)).status).toBe(200);
      expect((await consent(earlier)).contact).toMatchObject({ value: 'given', source: 'hub', method: 'phone' });

      // A report that first named her without a police id, then a revision naming her by it (the same woman): the
      // revision joins her other cases, and her refusal reaches them then.
      const otherReport = reportFor({ victim: { personId: `P0KJOIN${n}` } }) as PoliceReport;
      const other = await post(otherReport);
      const { firstName, lastName, dateOfBirth } = otherReport.victim;
      const named = { firstName, lastName, dateOfBirth };
      const anon = untimed({
        victim: { ...named, personId: undefined },
        consent: { supportReferral: 'refused', informationSharing: 'given' },
      });
      expect((await t.postReport(anon)).status).toBe(201);
      expect((await consent(other)).contact.value).toBe('given');
      const joined = untimed({
        reference: (anon as unknown as { reference: string }).reference,
        revision: 2,
        victim: { ...named, personId: otherReport.victim.personId },
        consent: { supportReferral: 'refused', informationSharing: 'given' },
      });
      expect((await t.postReport(joined)).status).toBe(200);
      expect((await consent(other)).contact).toMatchObject({ value: 'refused', method: 'police-report' });
    });

    it('records a police refusal over an officer’s relayed "yes" and over a "no" only her other case’s report holds', async () => {
      const personId = `P0KREL${n}`;
      // Her earlier case: the police say she refused contact; the hub heard "yes" to sharing from an officer.
      const earlier = await post(
        reportFor({ victim: { personId }, consent: { supportReferral: 'refused', informationSharing: 'not-asked' } }),
      );
      expect((await call(cw, 'POST', `/cases/${earlier}/consent`, { sharing: 'given', method: 'officer-at-scene' })).status).toBe(201);
      // Her next incident, timed before that relay: she told this officer no to both.
      const before = new Date(Date.now() - 60_000).toISOString();
      const res = await t.postReport(
        reportFor({ victim: { personId }, consent: { supportReferral: 'refused', informationSharing: 'refused', recordedAt: before } }),
      );
      expect(res.status).toBe(201);
      const view = await consent(earlier);
      // A relayed "yes" carries no time she said it: her refusal to the officer is recorded over it.
      expect(view.sharing).toMatchObject({ value: 'refused', source: 'hub', method: 'police-report' });
      // The "no" to contact was her earlier report's alone: recorded by the hub now, so no later revision there reopens it.
      expect(view.contact).toMatchObject({ value: 'refused', source: 'hub', method: 'police-report' });
    });

    it('a police refusal older than what she told the hub is not recorded over it; a batch goes the same way', async () => {
      const personId = `P0KOLD${n}`;
      const earlier = await post(
        reportFor({ victim: { personId }, consent: { supportReferral: 'not-asked', informationSharing: 'not-asked' } }),
      );
      expect((await call(cw, 'POST', `/cases/${earlier}/consent`, { contact: 'given', sharing: 'given', method: 'phone' })).status).toBe(
        201,
      );
      // A report arriving late: she told the officer no to contact an hour before she told the hub yes.
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const late = reportFor({
        victim: { personId },
        consent: { supportReferral: 'refused', informationSharing: 'given', recordedAt: hourAgo },
      });
      expect((await t.postReport(late)).status).toBe(201);
      expect((await consent(earlier)).contact).toMatchObject({ value: 'given', source: 'hub', method: 'phone' });
      // A refusal to sharing in a batch (an import or a feed's batch), timed ten minutes ago: recorded on her case whose
      // police "given" is older, not on one whose police "given" is newer (her later word to an officer), not over the
      // hub's phone call since, and not on the case of her next report in the same batch (one by one, it was not there).
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
      const fresher = await post(
        reportFor({ victim: { personId }, consent: { supportReferral: 'given', informationSharing: 'given', recordedAt: at(5) } }),
      );
      // An untimed "given" received after she told the officer no is not her later word (a form's default, a resend).
      const untimedGiven = reportFor({ victim: { personId }, consent: { supportReferral: 'given', informationSharing: 'given' } }) as {
        consent: Record<string, unknown>;
      };
      delete untimedGiven.consent['recordedAt'];
      const untimed = await post(untimedGiven);
      const batch = [
        reportFor({ victim: { personId }, consent: { supportReferral: 'given', informationSharing: 'refused', recordedAt: at(10) } }),
        reportFor({ consent: { supportReferral: 'given', informationSharing: 'given' } }),
        reportFor({ victim: { personId }, consent: { supportReferral: 'given', informationSharing: 'given', recordedAt: at(120) } }),
      ] as PoliceReport[];
      const res = await fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
        body: JSON.stringify({ reports: batch }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      // Written as one batch (one transaction), not report by report after a failure.
      const [tx] = await t.db.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM reports WHERE reference = ANY($1)', [
        batch.map((b) => b.reference),
      ]);
      expect(tx.n).toBe(1);
      const caseOf = async (reference: string) =>
        (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE reference = $1', [reference]))[0].id;
      const [lateCase, nextInBatch] = [await caseOf(late.reference as string), await caseOf(batch[2].reference)];
      await claim(t, cw, lateCase);
      await claim(t, cw, nextInBatch);
      expect((await consent(lateCase)).sharing).toMatchObject({ value: 'refused', method: 'police-report', by: null });
      expect((await consent(fresher)).sharing).toMatchObject({ value: 'given', source: 'police' });
      expect((await consent(untimed)).sharing).toMatchObject({ value: 'refused', method: 'police-report' });
      expect((await consent(earlier)).sharing).toMatchObject({ value: 'given', source: 'hub', method: 'phone' });
      expect((await consent(nextInBatch)).sharing).toMatchObject({ value: 'given', source: 'police' });
    });

    it('records a withdrawal on a closed case, and what partners hold goes', async () => {
      const caseId = await post(reportFor({ officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined } }));
      const option = (await options(caseId)).find((o) => o.eligible && o.partnerId !== 'childrens-services');
      expect(option).toBeDefined();
      const referral = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: option?.partnerId, service: option?.service });
      expect(referral.status).toBe(201);
      const referralId = ((await referral.json()) as { id: string }).id;
      await decideChildrenWhenAsked(t, cw, caseId);
      const closed = await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'closed', reason: 'Support in place with the partner' });
      expect(closed.status).toBe(200);
      // Closed, and partners still hold her details: her withdrawal is recorded all the same (UK GDPR Art. 7(3)).
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'withdrawn', method: 'phone' })).status).toBe(201);
      const [row] = await t.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM referrals WHERE id = $1', [referralId]);
      expect(row.withdrawn_at).not.toBeNull();
      expect((await consent(caseId)).sharing).toMatchObject({ value: 'withdrawn', source: 'hub' });
    });

    it('withdraws what partners hold when sharing is withdrawn, and the options follow', async () => {
      const caseId = await post(reportFor({ ...high }));
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { sharing: 'withdrawn', method: 'phone' })).status).toBe(201);
      const [audit] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'case.consent-recorded' AND entity_id = $1",
        [caseId],
      );
      // The withdrawal ran in the same transaction (ReferralsService.withdrawSharedData says how many it withdrew).
      expect(audit.details).toMatchObject({ question: 'sharing', value: 'withdrawn', method: 'phone' });
      expect(typeof audit.details['sharedDataWithdrawn']).toBe('number');
      const idva = (await options(caseId)).find((o) => o.service === 'idva');
      expect(idva?.eligible).toBe(false);
      expect(idva?.reasons[0]).toMatch(/^Victim withdrew consent to share their details/);
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'catch22', service: 'emotional-support' })).status).toBe(
        422,
      );
    });

    it('serves the lawful bases, and records a basis only by one of their codes (400 naming /ground otherwise)', async () => {
      const list = (await (await call(cw, 'GET', '/lawful-bases')).json()) as LawfulBasis[];
      expect(list).toEqual(DEFAULT_LAWFUL_BASES);
      for (const b of list) expect(Object.keys(b).slice(0, 3)).toEqual(['code', 'title', 'legalReference']);
      expect((await call(auditor, 'GET', '/lawful-bases')).status).toBe(200);
      const officer = (await t.login('officer')).cookie;
      expect((await call(officer, 'GET', '/lawful-bases')).status).toBe(403);
      expect((await fetch(`${t.url}/api/v1/lawful-bases`)).status).toBe(401);

      const caseId = await post(reportFor({ ...high, consent: { supportReferral: 'given', informationSharing: 'refused' } }));
      for (const ground of ['consent-cannot-be-given', 'para-18', 'Not A Code']) {
        const res = await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground, reason: 'Threats to kill' });
        expect(res.status, ground).toBe(400);
        expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual(['/ground']);
      }
      expect((await call(cw, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground: 'marac-protocol', reason: 'x' })).status).toBe(403);
      const recorded = await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, {
        ground: 'marac-protocol',
        reason: 'High risk, refused at the scene under pressure from the suspect; MARAC this week.',
      });
      expect(recorded.status).toBe(201);
      const marac = DEFAULT_LAWFUL_BASES[0];
      expect((await detail(caseId)).safeguardingBasis).toMatchObject({
        ground: 'marac-protocol',
        title: marac.title,
        legalReference: marac.legalReference,
        by: 'Jordan Ellis',
      });

      // A high-risk victim who refused sharing at the scene: the IDVA on the recorded basis, never a voluntary service.
      const opts = await options(caseId);
      const idva = opts.find((o) => o.service === 'idva');
      expect(idva?.eligible).toBe(true);
      expect(idva?.reasons).toContain(
        `No consent to share, but a team lead recorded a lawful basis for sharing without it (${marac.title})`,
      );
      expect(opts.find((o) => o.service === 'refuge-place')?.eligible).toBe(false);
      const refuge = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'refuge', service: 'refuge-place' });
      expect(refuge.status).toBe(422);
      const rp = (await refuge.json()) as Problem;
      expect(rp.code).toBe('consent-required');
      expect(rp.detail).toMatch(/only offered with consent/);
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
      const [audit] = await t.db.query<{ details: { basis: string } }>(
        "SELECT details FROM audit_entries WHERE action = 'referral.sent' AND entity_id = $1",
        [caseId],
      );
      expect(audit.details.basis).toBe('safeguarding');
    });

    it('does not take a medium-risk case to the IDVA on a basis without consent', async () => {
      const caseId = await post(
        reportFor({
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'not-asked' },
        }),
      );
      await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground: 'crime-prevention', reason: 'Repeat stalking' });
      const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'catch22', service: 'emotional-support' });
      expect(((await res.json()) as Problem).code).toBe('consent-required');
    });
  });
}

describe('configured lawful bases', () => {
  const file = (content: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-bases-'));
    const path = join(dir, 'rules.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const custom = [
    { code: 'isa-2025', title: 'County DA information-sharing agreement (2025)', legalReference: 'UK GDPR Art. 6(1)(e); DPA 2018 s.8' },
  ];

  it('replace the defaults from the LANTERN_TRIAGE_CONFIG file, and refuse a malformed list at boot', () => {
    expect(loadConfig({ LANTERN_TRIAGE_CONFIG: file({ lawfulBases: custom }) }).lawfulBases).toEqual(custom);
    expect(loadConfig({}).lawfulBases).toEqual(DEFAULT_LAWFUL_BASES);
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file({ lawfulBases: [{ code: 'A B', title: '', legalReference: 'x' }] }) })).toThrow(
      /lawfulBases\[0\]\.code must match.*lawfulBases\[0\]\.title/,
    );
    expect(() => loadConfig({ LANTERN_TRIAGE_CONFIG: file({ lawfulBases: [] }) })).toThrow(/non-empty array/);
  });

  for (const database of testDatabases().slice(0, 1)) {
    it(`are what GET /lawful-bases serves and the basis endpoint accepts (${database.name})`, async () => {
      const t = await startTestApp(database, { LANTERN_TRIAGE_CONFIG: file({ lawfulBases: custom }) });
      try {
        const lead = (await t.login('team-lead')).cookie;
        const get = await fetch(`${t.url}/api/v1/lawful-bases`, { headers: { cookie: lead } });
        expect(await get.json()).toEqual(custom);
        const res = await t.postReport(createReport({ victim: { personId: 'P0K9999' } }, 4999));
        const { caseId } = (await res.json()) as { caseId: string };
        const basis = (ground: string) =>
          fetch(`${t.url}/api/v1/cases/${caseId}/safeguarding-basis`, {
            method: 'POST',
            headers: { cookie: lead, 'content-type': 'application/json' },
            body: JSON.stringify({ ground, reason: 'Per the county agreement' }),
          });
        const refused = await basis('marac-protocol');
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as Problem).errors).toEqual([
          { path: '/ground', message: 'must be one of the lawful bases: isa-2025' },
        ]);
        expect((await basis('isa-2025')).status).toBe(201);
      } finally {
        await t.close();
      }
    });
  }
});
