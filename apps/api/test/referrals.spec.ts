import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseHistoryEntry, Referral } from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferralDeliveryService, ReferralsService } from '@lantern/api/referrals';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';
import { startSmtpSink, type SmtpSink } from './support/smtp';

interface Option {
  partnerId: string;
  partnerName: string;
  service: string;
  eligible: boolean;
  reasons: string[];
}

for (const database of testDatabases()) {
  describe(`referral options on ${database.name}`, () => {
    let t: TestApp;
    let cookie: string;
    let n = 0;
    const options = async (over: Parameters<typeof createReport>[0]) => {
      const i = 2100 + n++;
      const report = merge(createReport({ victim: { personId: `P0R${i}` }, incident: { previousIncidents12Months: 0 } }, i), over);
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const { caseId } = (await res.json()) as { caseId: string };
      const r = await fetch(`${t.url}/api/v1/cases/${caseId}/referral-options`, { headers: { cookie } });
      expect(r.status).toBe(200);
      return (await r.json()) as Option[];
    };
    const eligibleServices = (opts: Option[]) =>
      opts
        .filter((o) => o.eligible)
        .map((o) => o.service)
        .sort();

    beforeAll(async () => {
      t = await startTestApp(database);
      cookie = (await t.login('caseworker')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('offers a high-risk woman with children the IDVA, children’s services, refuge, legal advice and emotional support', async () => {
      const opts = await options({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        victim: { gender: 'female', dateOfBirth: '1990-05-05' },
        children: [{ ageYears: 4, livesWithVictim: true }],
        suspect: { relationshipToVictim: 'ex-partner' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      expect(eligibleServices(opts)).toEqual([
        'emotional-support',
        'idva',
        'non-molestation-order',
        'refuge-place',
        'safeguarding-referral',
      ]);
      expect(opts[0]).toMatchObject({ partnerId: 'idva', eligible: true });
      expect(opts.find((o) => o.partnerId === 'mankind')?.reasons[0]).toMatch(/female/);
    });

    it('offers a standard-risk man his area’s outreach team and Mankind, not the refuge or IDVA', async () => {
      const opts = await options({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        incident: { area: 'St Albans and Dacorum' },
        // Outreach follows where he lives (his address postcode), not where the incident happened.
        victim: { gender: 'male', dateOfBirth: '1980-01-01', address: { postcode: 'AL1 3AA' } },
        children: [],
        suspect: { relationshipToVictim: 'partner' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      expect(eligibleServices(opts)).toEqual([
        'emotional-support',
        'male-victims',
        'non-molestation-order',
        'outreach-st-albans-and-dacorum',
      ]);
    });

    it('offers only the statutory children’s referral when consent to share was refused', async () => {
      const opts = await options({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
        children: [{ ageYears: 9, presentAtIncident: true, livesWithVictim: false }],
        consent: { supportReferral: 'given', informationSharing: 'refused' },
      });
      expect(eligibleServices(opts)).toEqual(['safeguarding-referral']);
      expect(opts.find((o) => o.service === 'emotional-support')?.reasons.join(' ')).toMatch(/refused sharing/);
    });

    it('serves the directory and guards both endpoints', async () => {
      const dir = await fetch(`${t.url}/api/v1/partners`, { headers: { cookie } });
      expect(((await dir.json()) as unknown[]).length).toBe(11);
      const officer = (await t.login('officer')).cookie;
      expect((await fetch(`${t.url}/api/v1/partners`, { headers: { cookie: officer } })).status).toBe(403);
      expect(
        (await fetch(`${t.url}/api/v1/cases/00000000-0000-4000-8000-000000000000/referral-options`, { headers: { cookie } })).status,
      ).toBe(404);
      expect((await fetch(`${t.url}/api/v1/partners`)).status).toBe(401);
    });
  });
}

interface ReferralBody {
  id: string;
  status: string;
  overdue: boolean;
  caseId: string;
  reference: string;
  outcome: string | null;
  dataset: {
    victim: { firstName: string };
    safeContact: { numbers: string[]; times: string };
    incidentSummary?: string;
    suspect?: unknown;
    risk?: unknown;
  } | null;
}

for (const database of testDatabases()) {
  describe(`referral lifecycle on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    let idva: string;
    let outreach: string;
    let n = 0;
    const newCase = async (over: Parameters<typeof createReport>[0]) => {
      const i = 2300 + n++;
      const res = await t.postReport(
        merge(createReport({ victim: { personId: `P0L${i}` }, incident: { previousIncidents12Months: 0 } }, i), over),
      );
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      return caseId;
    };
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const high = {
      officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      consent: { supportReferral: 'given', informationSharing: 'given' },
    } as const;

    beforeAll(async () => {
      t = await startTestApp(database);
      [cw, lead, idva, outreach] = await Promise.all(
        ['caseworker', 'team-lead', 'partner-idva', 'partner-outreach'].map(async (u) => (await t.login(u)).cookie),
      );
    });
    afterAll(async () => {
      await t?.close();
    });

    it('runs sent → acknowledged → accepted → outcome → closed, with each agency seeing only its own', async () => {
      const caseId = await newCase({ ...high, victim: { safeContact: { phone: '07700 900501', safeTimes: 'any time' } } });
      const sent = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
        partnerId: 'idva',
        service: 'idva',
        notes: 'High risk, MARAC pending',
      });
      expect(sent.status).toBe(201);
      const r = (await sent.json()) as ReferralBody;
      expect(r.status).toBe('sent');

      const mine = (await (await call(idva, 'GET', '/referrals')).json()) as ReferralBody[];
      const seen = mine.find((x) => x.id === r.id) as ReferralBody;
      expect(seen.caseId).toBe('');
      expect(seen.dataset?.safeContact.numbers).toEqual(['07700 900501']);
      expect(seen.dataset?.incidentSummary).toEqual(expect.any(String));
      expect((await (await call(outreach, 'GET', '/referrals')).json()) as ReferralBody[]).toEqual([]);
      expect((await call(outreach, 'POST', `/referrals/${r.id}/acknowledge`, {})).status).toBe(404);
      expect((await call(idva, 'GET', `/cases/${caseId}`)).status).toBe(403);
      expect((await call(idva, 'GET', `/cases/${caseId}/referrals`)).status).toBe(403);

      expect((await call(cw, 'POST', `/referrals/${r.id}/accept`, {})).status).toBe(403);
      for (const step of ['acknowledge', 'accept'])
        expect((await call(idva, 'POST', `/referrals/${r.id}/${step}`, {})).status, step).toBe(200);
      expect((await call(idva, 'POST', `/referrals/${r.id}/acknowledge`, {})).status).toBe(409);
      expect((await call(idva, 'POST', `/referrals/${r.id}/outcome`, { outcome: 'maybe' })).status).toBe(400);
      const outcome = await call(idva, 'POST', `/referrals/${r.id}/outcome`, { outcome: 'engaged-with-support' });
      expect(((await outcome.json()) as ReferralBody).outcome).toBe('engaged-with-support');
      const closed = await call(cw, 'POST', `/referrals/${r.id}/close`, {});
      expect(((await closed.json()) as ReferralBody).status).toBe('closed');
      const trail = await t.db.query<{ action: string }>(
        "SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'referral.%' ORDER BY id",
        [caseId],
      );
      expect(trail.map((x) => x.action)).toEqual([
        'referral.sent',
        'referral.acknowledge',
        'referral.accept',
        'referral.outcome',
        'referral.close',
      ]);
    });

    it('tells only the receiving agency’s sockets, live, when its referral changes', async () => {
      const [ti, to] = [(await t.login('partner-idva')).token, (await t.login('partner-outreach')).token];
      const si = t.socket(ti);
      const so = t.socket(to);
      await Promise.all([si, so].map((s) => new Promise((r) => s.once('ready', r))));
      const gotIdva: Array<{ referralId: string; status: string }> = [];
      const gotOutreach: unknown[] = [];
      si.on('referral.changed', (e: { referralId: string; status: string }) => gotIdva.push(e));
      so.on('referral.changed', (e: unknown) => gotOutreach.push(e));
      si.on('case.changed', (e: unknown) => gotOutreach.push(e));
      const caseId = await newCase(high);
      const r = (await (
        await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })
      ).json()) as ReferralBody;
      await waitFor(() => gotIdva.find((e) => e.referralId === r.id && e.status === 'sent'));
      await call(idva, 'POST', `/referrals/${r.id}/accept`, {});
      await waitFor(() => gotIdva.find((e) => e.referralId === r.id && e.status === 'accepted'));
      await new Promise((res) => setTimeout(res, 200));
      expect(gotOutreach).toEqual([]);
      expect(Object.keys(gotIdva[0]).sort()).toEqual(['referralId', 'status']);
    });

    it('gives a partner outside the IDVA a minimal dataset without the narrative or suspect', async () => {
      const caseId = await newCase({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
        consent: { supportReferral: 'given', informationSharing: 'given' },
        incident: { area: 'Watford and Three Rivers' },
      });
      const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
        partnerId: 'outreach',
        service: 'outreach-watford-and-three-rivers',
      });
      expect(res.status).toBe(201);
      const [r] = (await (await call(outreach, 'GET', '/referrals')).json()) as ReferralBody[];
      expect(r.dataset?.incidentSummary).toBeUndefined();
      expect(r.dataset?.suspect).toBeUndefined();
      expect(r.dataset?.risk).toBeDefined();
    });

    it('refuses an ineligible service and a referral without consent, until a team lead records a basis', async () => {
      const caseId = await newCase({ ...high, consent: { supportReferral: 'given', informationSharing: 'refused' } });
      const noConsent = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(noConsent.status).toBe(422);
      expect(((await noConsent.json()) as { code: string }).code).toBe('consent-required');
      expect((await call(cw, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground: 'marac-protocol', reason: 'x' })).status).toBe(403);
      expect((await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, { ground: 'because', reason: '' })).status).toBe(400);
      expect(
        (
          await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, {
            ground: 'marac-protocol',
            reason: 'Threats to kill; MARAC tomorrow',
          })
        ).status,
      ).toBe(201);
      const detail = (await (await call(cw, 'GET', `/cases/${caseId}`)).json()) as {
        safeguardingBasis: { ground: string; by: string } | null;
      };
      expect(detail.safeguardingBasis).toMatchObject({ ground: 'marac-protocol', by: 'Jordan Ellis' });
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })).status).toBe(201);
      const wrong = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
        partnerId: 'outreach',
        service: 'outreach-st-albans-and-dacorum',
      });
      expect(wrong.status).toBe(422);
      // Outreach is voluntary support: never on a lawful basis without consent (and high risk goes to the IDVA anyway).
      const why = (await wrong.json()) as { code: string; reasons: string[] };
      expect(why.code).toBe('consent-required');
      expect(why.reasons.join(' ')).toMatch(/Risk is high/);
      expect((await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'nope' })).status).toBe(400);
    });

    it('renders the referral document as a PDF of the partner’s minimal dataset, for that partner only', async () => {
      const caseId = await newCase({
        ...high,
        victim: {
          firstName: 'Octavia',
          lastName: 'Pdfson',
          safeContact: { phone: '07700 900502', safeTimes: 'weekdays 09:30-14:30 only' },
        },
        suspect: { firstName: 'Derek', lastName: 'Sample' },
      });
      const idvaRef = (await (
        await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })
      ).json()) as ReferralBody;
      const catchRef = (await (
        await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'catch22', service: 'emotional-support' })
      ).json()) as ReferralBody;
      const res = await call(idva, 'GET', `/referrals/${idvaRef.id}/document`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await call(outreach, 'GET', `/referrals/${idvaRef.id}/document`)).status).toBe(404);
      // The case's history shows the partner's download (an entry about the referral, naming the case).
      const history = (await (await call(cw, 'GET', `/cases/${caseId}/history`)).json()) as CaseHistoryEntry[];
      expect(history.filter((e) => e.action === 'referral.document').map((e) => e.actor.displayName)).toEqual([expect.any(String)]);
      const idvaText = await pdfText(pdf);
      for (const expected of [
        'Octavia Pdfson',
        '07700 900502',
        'Not confirmed yet — ask the hub before contacting',
        'Derek Sample',
        'County IDVA Service',
      ])
        expect(idvaText).toContain(expected);
      // The officer's words are not a rule until the hub confirms them: never passed on as one.
      expect(idvaText).not.toContain('09:30-14:30');
      const outDir = join(import.meta.dirname, '../../../dist/documents');
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, `idva-referral-${database.name}.pdf`), pdf);
      const catchText = await pdfText(Buffer.from(await (await call(cw, 'GET', `/referrals/${catchRef.id}/document`)).arrayBuffer()));
      expect(catchText).toContain('Octavia Pdfson');
      expect(catchText).not.toContain('Derek Sample');
      expect(catchText).not.toContain('Incident');
      // The partner's download and its reads of its list are found by the case, as the hub's are.
      expect((await call(idva, 'GET', '/referrals')).status).toBe(200);
      const byCase = await t.db.query<{ action: string; actor_id: string }>(
        `SELECT action, actor_id FROM audit_entries
          WHERE action IN ('referral.document', 'referral.list')
            AND (details->>'caseId' = $1 OR details->'caseIds' @> jsonb_build_array($1::text))`,
        [caseId],
      );
      const idvaUser = (await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'partner-idva'"))[0].id;
      expect(byCase.filter((e) => e.actor_id === idvaUser).map((e) => e.action)).toEqual(
        expect.arrayContaining(['referral.document', 'referral.list']),
      );
      // A list read like the queue's: its cases count towards the bulk-read alarm (LANTERN_BULK_READ_ALERT_PER_HOUR).
      const [{ seen }] = await t.db.query<{ seen: boolean }>(
        'SELECT COALESCE(bool_or($2 = ANY(seen)), false) AS seen FROM list_read_tally WHERE user_id = $1',
        [idvaUser, caseId.toLowerCase()],
      );
      expect(seen).toBe(true);
    });

    it('audits a read of a case’s referrals and of its MARAC referrals, even when there are none', async () => {
      const caseId = await newCase(high);
      expect(await (await call(cw, 'GET', `/cases/${caseId}/referrals`)).json()).toEqual([]);
      expect(await (await call(cw, 'GET', `/cases/${caseId}/marac-referrals`)).json()).toEqual([]);
      const reads = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_entries
          WHERE (details->>'caseId' = $1 AND action = 'referral.list') OR (entity_id = $1 AND action = 'case.marac-referrals-read')
          ORDER BY id`,
        [caseId],
      );
      expect(reads.map((r) => r.action)).toEqual(['referral.list', 'case.marac-referrals-read']);
    });

    it('flags overdue acknowledgements, lets a partner decline with a reason, and a team lead revoke', async () => {
      const caseId = await newCase(high);
      const a = (await (
        await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' })
      ).json()) as ReferralBody;
      await t.db.query("UPDATE referrals SET ack_due_at = now() - interval '1 hour' WHERE id = $1", [a.id]);
      const list = (await (await call(cw, 'GET', `/cases/${caseId}/referrals`)).json()) as ReferralBody[];
      expect(list.find((x) => x.id === a.id)?.overdue).toBe(true);
      const alerts = (await (await call(lead, 'GET', '/alerts')).json()) as {
        overdueReferrals: Array<{ referralId: string; partnerId: string }>;
      };
      expect(alerts.overdueReferrals.find((o) => o.referralId === a.id)?.partnerId).toBe('idva');
      expect((await call(idva, 'POST', `/referrals/${a.id}/decline`, {})).status).toBe(400);
      expect(
        (
          (await (
            await call(idva, 'POST', `/referrals/${a.id}/decline`, { reason: 'Victim already supported by another IDVA' })
          ).json()) as ReferralBody
        ).status,
      ).toBe('declined');
      const b = (await (
        await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'catch22', service: 'emotional-support' })
      ).json()) as ReferralBody;
      expect((await call(cw, 'POST', `/referrals/${b.id}/revoke`, { reason: 'x' })).status).toBe(403);
      expect(
        ((await (await call(lead, 'POST', `/referrals/${b.id}/revoke`, { reason: 'Sent in error' })).json()) as ReferralBody).status,
      ).toBe('revoked');
      expect((await call(cw, 'POST', `/referrals/${b.id}/explode`, {})).status).toBe(404);
    });
  });
}

for (const database of testDatabases()) {
  describe(`a notification the mail server refuses for good, on ${database.name}`, () => {
    let t: TestApp;
    let smtp: SmtpSink;
    beforeAll(async () => {
      smtp = await startSmtpSink('refuse-first');
      t = await startTestApp(database, { LANTERN_SMTP_URL: smtp.url, LANTERN_PUBLIC_URL: 'https://hub.example' });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
    });

    it('is recorded and passed, so the notifications queued after it still go', async () => {
      const cookie = (await t.login('caseworker')).cookie;
      const ids: string[] = [];
      for (const i of [0, 1]) {
        const report = merge(createReport({ victim: { personId: `P0REFUSE${i}` }, incident: { previousIncidents12Months: 0 } }, 2450 + i), {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        });
        const { caseId } = (await (await t.postReport(report)).json()) as { caseId: string };
        await claim(t, cookie, caseId);
        const res = await fetch(`${t.url}/api/v1/cases/${caseId}/referrals`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ partnerId: 'idva', service: 'idva' }),
        });
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      // The first is refused (550 user unknown), the second accepted: delivery goes on past the refusal. The
      // service's own loop (every second) may send them before or while this call does (CI's busy cores did).
      const delivery = t.app.get(ReferralDeliveryService);
      const notified = async () =>
        (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'referral.notified'"))[0].n;
      for (const started = Date.now(); (await notified()) < 2 && Date.now() - started < 10_000; ) await delivery.deliverPending();
      expect(await notified()).toBe(2);
      expect(smtp.messages().map((m) => ids.findIndex((id) => m.raw.includes(id)))).toEqual([1]);
      const audit = await t.db.query<{ entity_id: string; details: { email: boolean; refused?: { responseCode: number } } }>(
        "SELECT entity_id, details FROM audit_entries WHERE action = 'referral.notified' ORDER BY id",
      );
      expect(audit.map((a) => [a.entity_id, a.details.email, a.details.refused ?? null])).toEqual([
        [ids[0], false, { responseCode: 550 }],
        [ids[1], true, null],
      ]);
      const pending = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'referral%' AND published_at IS NULL",
      );
      expect(pending[0].n).toBe(0);
    });
  });
}

for (const database of testDatabases()) {
  describe(`referral notifications on ${database.name}`, () => {
    let t: TestApp;
    let smtp: SmtpSink;
    beforeAll(async () => {
      smtp = await startSmtpSink();
      t = await startTestApp(database, { LANTERN_SMTP_URL: smtp.url, LANTERN_PUBLIC_URL: 'https://hub.example' });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
    });
    /** A report of a high-risk victim who agreed to a referral: eligible for the IDVA. */
    const referableReport = (i: number, firstName: string, lastName: string) =>
      merge(
        createReport({ victim: { personId: `P0MAIL${i}`, firstName, lastName }, incident: { previousIncidents12Months: 0 } }, 2400 + i),
        {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'given' },
        },
      );

    it('emails the partner once through a real SMTP server, with a link and no victim data', async () => {
      const report = referableReport(1, 'Philippa', 'Postbox');
      const { caseId } = (await (await t.postReport(report)).json()) as { caseId: string };
      const cookie = (await t.login('caseworker')).cookie;
      await claim(t, cookie, caseId);
      const res = await fetch(`${t.url}/api/v1/cases/${caseId}/referrals`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ partnerId: 'idva', service: 'idva' }),
      });
      const { id } = (await res.json()) as { id: string };
      const delivery = t.app.get(ReferralDeliveryService);
      await delivery.deliverPending();
      await delivery.deliverPending();
      const mine = smtp.messages().filter((m) => m.raw.includes(id));
      expect(mine).toHaveLength(1);
      expect(mine[0].to).toEqual(['referrals@idva.partners.example']);
      expect(mine[0].raw).toContain(`https://hub.example/partner/referrals/${id}`);
      for (const secret of ['Philippa', 'Postbox', report.reference, report.victim.safeContact?.phone ?? 'no-phone']) {
        expect(mine[0].raw).not.toContain(secret);
      }
    });

    it('emails the partner when a referral they were sent is withdrawn (revoked, or her consent to share ended), link only', async () => {
      const cookie = (await t.login('caseworker')).cookie;
      const lead = (await t.login('team-lead')).cookie;
      const delivery = t.app.get(ReferralDeliveryService);
      const newCase = async (i: number, name: string, draft = false) => {
        const report = referableReport(i, name, 'Letterbox');
        const { caseId } = (await (await t.postReport(report)).json()) as { caseId: string };
        await claim(t, cookie, caseId);
        const res = await t.call(cookie, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva', draft });
        expect(res.status, await res.clone().text()).toBe(201);
        const id = ((await res.json()) as { id: string }).id;
        if (draft) return { caseId, report, id };
        // Its "new referral" notice out first, so what follows is judged against a referral the agency was told of.
        await delivery.deliverPending();
        await waitFor(() => (smtp.messages().some((m) => m.raw.includes(id) && m.raw.includes('New referral waiting')) ? true : undefined));
        return { caseId, report, id };
      };
      // The delivery worker also runs on its own one-second tick: a direct call may find it busy, so each mail is awaited.
      const withdrawnMail = async (id: string) => {
        await delivery.deliverPending();
        return waitFor(() => {
          const m = smtp.messages().filter((x) => x.raw.includes(id) && x.raw.includes('A referral in Lantern was withdrawn'));
          return m.length ? m : undefined;
        });
      };

      // Revoked by a team lead.
      const revoked = await newCase(2, 'Rosamund');
      const res = await t.call(lead, 'POST', `/referrals/${revoked.id}/revoke`, { reason: 'Sent to the wrong service' });
      expect(res.status, await res.clone().text()).toBe(200);
      const mail = await withdrawnMail(revoked.id);
      expect(mail).toHaveLength(1);
      expect(mail[0].to).toEqual(['referrals@idva.partners.example']);
      expect(mail[0].raw).toContain(`https://hub.example/partner/referrals/${revoked.id}`);
      expect(mail[0].raw).toContain('Do not act on it');
      for (const secret of ['Rosamund', 'Letterbox', revoked.report.reference, 'Sent to the wrong service'])
        expect(mail[0].raw).not.toContain(secret);

      // Her consent to share withdrawn: what the partner holds goes, and they are told.
      const consent = await newCase(3, 'Winifred');
      expect((await t.call(cookie, 'POST', `/cases/${consent.caseId}/consent`, { sharing: 'withdrawn', method: 'phone' })).status).toBe(
        201,
      );
      const told = await withdrawnMail(consent.id);
      expect(told).toHaveLength(1);
      expect(told[0].raw).not.toContain('Winifred');
      // The entry commits with the row's delivery, just after the server took the message.
      let audit: Array<{ details: { kind: string; email: boolean } }> = [];
      for (let i = 0; i < 100 && audit.length < 2; i++) {
        if (i) await new Promise((r) => setTimeout(r, 20));
        audit = await t.db.query<{ details: { kind: string; email: boolean } }>(
          `SELECT details FROM audit_entries WHERE action = 'referral.notified' AND entity_id = $1 ORDER BY id`,
          [consent.id],
        );
      }
      expect(audit.map((a) => [a.details.kind, a.details.email])).toEqual([
        ['sent', true],
        ['withdrawn', true],
      ]);

      // A draft revoked never reached them: nothing to tell.
      const { id: draftId } = await newCase(4, 'Dorothea', true);
      expect((await t.call(lead, 'POST', `/referrals/${draftId}/revoke`, { reason: 'Not needed' })).status).toBe(200);
      const [{ n }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND topic = 'referral.notify'`,
        [draftId],
      );
      expect(n).toBe(0);

      // A "new referral" notice still queued for a referral since withdrawn (written here as the send would have, so
      // the worker's own tick cannot race the test) is not emailed: the withdrawal says it all.
      await t.db.query(`INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload) VALUES ('referral.notify', $1, 1, $2)`, [
        revoked.id,
        JSON.stringify({ partnerId: 'idva', kind: 'sent' }),
      ]);
      let skipped: Array<{ details: { kind: string; email: boolean; skipped?: string } }> = [];
      for (let i = 0; i < 100 && !skipped.length; i++) {
        if (i) await new Promise((r) => setTimeout(r, 20));
        await delivery.deliverPending();
        skipped = await t.db.query(
          `SELECT details FROM audit_entries WHERE action = 'referral.notified' AND entity_id = $1 AND details ? 'skipped'`,
          [revoked.id],
        );
      }
      expect(skipped.map((a) => [a.details.kind, a.details.email, a.details.skipped])).toEqual([['sent', false, 'withdrawn']]);
      expect(smtp.messages().filter((m) => m.raw.includes(revoked.id) && m.raw.includes('New referral waiting'))).toHaveLength(1);
    });

    it('emails the partner when a report on another of her cases names her safe number as the suspect’s', async () => {
      const cookie = (await t.login('caseworker')).cookie;
      const report = referableReport(11, 'Araminta', 'Postbag');
      const { caseId } = (await (await t.postReport(report)).json()) as { caseId: string };
      await claim(t, cookie, caseId);
      const phone = '07700 900411';
      const plan = {
        numbers: [{ number: phone, owner: 'victim', safe: true }],
        emails: [],
        channels: ['call'],
        timeRule: 'any',
        windows: [],
      };
      expect((await t.call(cookie, 'PUT', `/cases/${caseId}/safe-contact`, { plan })).status).toBe(200);
      const sent = await t.call(cookie, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const { id } = (await sent.json()) as { id: string };
      const queued = async () =>
        (
          await t.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND topic = 'referral.notify' AND payload->>'kind' = 'contact-changed'`,
            [id],
          )
        )[0].n;
      expect(await queued()).toBe(0);
      // A new report about her names that number as his: her referral's plan leaves it out now (suspect numbers of
      // her other cases), though nothing on that case changed. Its agency is told.
      const other = merge(createReport({ victim: { personId: 'P0MAIL11' }, suspect: { phone } }, 2511), {
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      expect((await t.postReport(other)).status).toBe(201);
      await waitFor(async () => ((await queued()) === 1 ? true : undefined));
      const partner = (await t.login('partner-idva')).cookie;
      const seen = (await (await t.call(partner, 'GET', `/referrals/${id}`)).json()) as Referral;
      expect(seen.dataset?.safeContact.numbers).toEqual([]);
      expect(seen.dataset?.safeContact.changedAt).toBeDefined();
    });

    it('emails the partner when the contact instructions of an open referral change, once per change, link only', async () => {
      const cookie = (await t.login('caseworker')).cookie;
      const delivery = t.app.get(ReferralDeliveryService);
      // The worker's own one-second tick stopped (the last test of this app): a notice stays unsent until this test
      // delivers it, so "a second edit while it waits" does not race the tick (it did on a loaded machine).
      (delivery as unknown as { stop: (() => void) | null }).stop?.();
      const report = referableReport(9, 'Clementine', 'Pillarbox');
      const { caseId } = (await (await t.postReport(report)).json()) as { caseId: string };
      await claim(t, cookie, caseId);
      const sent = await t.call(cookie, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'idva', service: 'idva' });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const { id, sentAt } = (await sent.json()) as { id: string; sentAt: string };
      const mails = (subject: string) => smtp.messages().filter((m) => m.raw.includes(id) && m.raw.includes(subject));
      const changed = 'A referral in Lantern has new contact instructions';
      // Delivered by this test, again until sent: a pass may skip a row another transaction holds (SKIP LOCKED), which the
      // stopped tick would have sent a second later (it timed out once on a loaded CI machine).
      // (The harness's waitFor takes a function that answers at once; these look again after an await.)
      const until = async <T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
        for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 25))) {
          const v = await fn();
          if (v !== undefined) return v;
        }
        throw new Error('timed out');
      };
      const deliverUntil = <T>(sent: () => T | undefined) =>
        until(async () => {
          await delivery.deliverPending();
          return sent();
        });
      await deliverUntil(() => (mails('New referral waiting').length ? true : undefined));
      const noticesQueued = async () =>
        (
          await t.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND topic = 'referral.notify' AND payload->>'kind' = 'contact-changed'`,
            [id],
          )
        )[0].n;
      // Sending took the plan's fingerprint: the send's own case change tells nobody anything new.
      expect(await t.app.get(ReferralsService).noticePlanChanges([caseId])).toBe(0);
      expect(await noticesQueued()).toBe(0);

      // The hub narrows the safe times: the agency, who may work from a printed copy, is told to read them again.
      const phone = report.victim.safeContact?.phone ?? '07700 900409';
      const narrowed = {
        numbers: [{ number: phone, owner: 'victim', safe: true }],
        emails: [],
        channels: ['call', 'letter'],
        timeRule: 'windows',
        windows: [
          { days: ['tue'], from: '10:00', to: '11:00' },
          { days: ['thu'], from: '14:00', to: '15:00' },
        ],
      };
      const put = await t.call(cookie, 'PUT', `/cases/${caseId}/safe-contact`, { plan: narrowed });
      expect(put.status, await put.clone().text()).toBe(200);
      // The watcher notices after the commit; where it found the referral's row held by another look (SKIP LOCKED, as the
      // send's own change may be), the sweep tells it later: here the test looks again itself until the notice is there.
      await until(async () => {
        if ((await noticesQueued()) === 0) await t.app.get(ReferralsService).noticePlanChanges([caseId]);
        return (await noticesQueued()) === 1 ? true : undefined;
      });
      // A second edit while that notice waits unsent adds none: the one email says to read the current instructions.
      const widened = { ...narrowed, windows: [...narrowed.windows, { days: ['fri'], from: '09:00', to: '10:00' }] };
      expect((await t.call(cookie, 'PUT', `/cases/${caseId}/safe-contact`, { plan: widened })).status).toBe(200);
      expect(await t.app.get(ReferralsService).noticePlanChanges([caseId])).toBe(0);
      expect(await noticesQueued()).toBe(1);
      const told = await deliverUntil(() => (mails(changed).length ? mails(changed) : undefined));
      expect(told).toHaveLength(1);
      expect(told[0].to).toEqual(['referrals@idva.partners.example']);
      expect(told[0].raw).toContain(`https://hub.example/partner/referrals/${id}`);
      for (const secret of ['Clementine', 'Pillarbox', report.reference, phone, 'Tue', '10:00']) expect(told[0].raw).not.toContain(secret);
      // The portal and the document say when the instructions changed, so the email's "read them again" can be acted on.
      const partner = (await t.login('partner-idva')).cookie;
      const seen = (await (await t.call(partner, 'GET', `/referrals/${id}`)).json()) as Referral;
      expect(Date.parse(seen.dataset?.safeContact.changedAt ?? '')).toBeGreaterThan(Date.parse(sentAt));
      const pdf = await t.call(partner, 'GET', `/referrals/${id}/document`);
      expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(
        'the hub changed these instructions after sending the referral',
      );

      // A change of the case that leaves the plan as it was (the needs assessment) tells them nothing.
      expect(
        (await t.call(cookie, 'PUT', `/cases/${caseId}/needs`, { content: { housing: { need: true, urgency: 'high' } } })).status,
      ).toBe(200);
      expect(await t.app.get(ReferralsService).noticePlanChanges([caseId])).toBe(0);
      expect(await noticesQueued()).toBe(1);
      // Nor does the same plan saved again with its channels and windows in another order.
      const reordered = { ...widened, channels: ['letter', 'call'], windows: [...widened.windows].reverse() };
      expect((await t.call(cookie, 'PUT', `/cases/${caseId}/safe-contact`, { plan: reordered })).status).toBe(200);
      expect(await t.app.get(ReferralsService).noticePlanChanges([caseId])).toBe(0);
      expect(await noticesQueued()).toBe(1);

      // The sweep (at the API's start and every few minutes) looks at every open referral: a change whose notice was not
      // written (an instance stopped first) is told then (here, a fingerprint that is not the plan's); a referral
      // without one (sent before the column existed) gets it without a notice.
      const hashOf = async () =>
        (await t.db.query<{ h: string | null }>('SELECT contact_plan_hash AS h FROM referrals WHERE id = $1', [id]))[0].h;
      const current = await hashOf();
      expect(current).toMatch(/^[0-9a-f]{64}$/);
      await t.db.query(`UPDATE referrals SET contact_plan_hash = 'a plan it no longer has' WHERE id = $1`, [id]);
      // (A watcher of the last save may hold the row a moment: the sweep skips a held row, so it is asked again.)
      await until(async () => ((await t.app.get(ReferralsService).sweepPlanChanges()) >= 1 ? true : undefined));
      expect(await noticesQueued()).toBe(2);
      expect(await hashOf()).toBe(current);
      await t.db.query('UPDATE referrals SET contact_plan_hash = NULL WHERE id = $1', [id]);
      await t.app.get(ReferralsService).sweepPlanChanges();
      expect(await noticesQueued()).toBe(2);
      expect(await hashOf()).toBe(current);
    });
  });
}
