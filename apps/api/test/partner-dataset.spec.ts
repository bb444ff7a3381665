import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseChanges } from '@lantern/api/cases';
import { ReferralsService } from '@lantern/api/referrals';
import { SAFE_TIMES_NOT_CONFIRMED, SocketEvents, type PoliceReport, type Referral } from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';
import { recordAnyTimeWhenUntimed } from './support/any-time';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';

/**
 * What partners get of a case (issue 11, part 4): the confirmed safe-contact plan in the portal and the PDFs, a draft
 * that cannot be sent once sharing is refused, and a withdrawn referral that leaves only a tombstone on every route.
 */

interface Problem {
  status: number;
  code: string;
  title: string;
  errors?: Array<{ path: string; message: string }>;
}

const OUT = join(import.meta.dirname, '../../../dist/documents');

for (const database of testDatabases()) {
  describe(`what partners get on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    let idva: string;
    let idvaToken: string;
    let n = 0;
    const sockets: Socket[] = [];

    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;
    const pdfOf = async (cookie: string, referralId: string) => {
      const res = await call(cookie, 'GET', `/referrals/${referralId}/document`);
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };

    /** A high-risk case, consent given, a safe number from the police: eligible for the IDVA. */
    const newCase = async (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 3100 + n++;
      const report: PoliceReport = merge(
        merge(createReport({ victim: { personId: `P0PD${i}` }, incident: { previousIncidents12Months: 0 } }, i), {
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'given' },
          victim: { gender: 'female', dateOfBirth: '1988-04-04' },
          suspect: { relationshipToVictim: 'ex-partner' },
        }),
        over,
      );
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      // No safe times in the report: a victim who said any time (recorded, as a caseworker would).
      await recordAnyTimeWhenUntimed(t, cw, caseId, report);
      return { caseId, report };
    };
    const confirmPlan = async (caseId: string, plan: Record<string, unknown>) => {
      const res = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, {
        plan: { emails: [], codeWord: null, ...plan },
      });
      expect(res.status).toBe(200);
    };
    const refer = async (caseId: string, partnerId: string, service: string, extra: Record<string, unknown> = {}) => {
      const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId, service, ...extra });
      expect(res.status).toBe(201);
      return (await res.json()) as Referral;
    };
    const partnerSocket = async () => {
      const s = t.socket(idvaToken);
      sockets.push(s);
      await new Promise((r) => s.once('ready', r));
      const got: Array<{ referralId: string; status: string }> = [];
      s.on('referral.changed', (e: { referralId: string; status: string }) => got.push(e));
      return got;
    };

    beforeAll(async () => {
      t = await startTestApp(database);
      [cw, lead, idva] = await Promise.all(['caseworker', 'team-lead', 'partner-idva'].map(async (u) => (await t.login(u)).cookie));
      idvaToken = (await t.login('partner-idva')).token;
      mkdirSync(OUT, { recursive: true });
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await t?.close();
    });

    it('gives the partner the confirmed plan: safe number, windows in words, channels and the code word, in the portal and the PDF', async () => {
      const { caseId } = await newCase({
        victim: {
          phone: '07700 900812',
          safeContact: { phone: '07700 900811', safeTimes: 'Tuesdays and Thursdays 10:00-12:00', smsSafe: true },
        },
      });
      await confirmPlan(caseId, {
        numbers: [
          { number: '07700 900811', owner: 'victim', safe: true },
          { number: '07700 900812', owner: 'victim', safe: false },
          { number: '07700 900813', owner: 'suspect', safe: false },
        ],
        // Tuesday and Thursday mornings, and Friday nights past midnight (she works nights).
        windows: [
          { days: ['tue', 'thu'], from: '10:00', to: '12:00' },
          { days: ['fri'], from: '22:00', to: '02:00' },
        ],
        channels: ['call', 'sms'],
        codeWord: 'bluebell',
        timeRule: 'windows',
      });
      const r = await refer(caseId, 'idva', 'idva');

      const res = await call(idva, 'GET', `/referrals/${r.id}`);
      expect(res.status).toBe(200);
      const raw = await res.text();
      const seen = JSON.parse(raw) as Referral;
      expect(seen.dataset?.safeContact).toMatchObject({
        numbers: ['07700 900811'],
        timeRule: 'windows',
        windows: [
          { days: ['tue', 'thu'], from: '10:00', to: '12:00' },
          { days: ['fri'], from: '22:00', to: '02:00' },
        ],
        times: 'Tue, Thu 10:00–12:00; Fri 22:00–02:00 (next day)',
        channels: ['call', 'sms'],
        codeWord: 'bluebell',
        current: true,
      });
      // Never the unconfirmed number, the suspect's number or the officer's words.
      for (const never of ['07700 900812', '07700 900813', 'Tuesdays and Thursdays']) expect(raw).not.toContain(never);
      // The list carries the same.
      const listed = (await json<Referral[]>(call(idva, 'GET', '/referrals'))).find((x) => x.id === r.id);
      expect(listed?.dataset?.safeContact.times).toBe('Tue, Thu 10:00–12:00; Fri 22:00–02:00 (next day)');

      const pdf = await pdfOf(idva, r.id);
      writeFileSync(join(OUT, `partner-plan-idva-${database.name}.pdf`), pdf);
      const text = await pdfText(pdf);
      for (const expected of [
        'Safe numbers 07700 900811',
        'Safe times Tue, Thu 10:00–12:00; Fri 22:00–02:00 (next day)',
        'Safe channels Phone call, Text message (SMS)',
        // Said outright: voicemail is not among the safe channels.
        'NOT SAFE Do not leave a voicemail.',
        'Code word bluebell',
      ])
        expect(text).toContain(expected);
      for (const never of ['07700 900812', '07700 900813', 'Tuesdays and Thursdays']) expect(text).not.toContain(never);

      // Legal advice acts on instructions once contact is made: the plan, not the code word.
      const legal = await refer(caseId, 'legal', 'non-molestation-order');
      const hubView = await json<Referral>(call(cw, 'GET', `/referrals/${legal.id}`));
      expect(hubView.dataset?.safeContact.numbers).toEqual(['07700 900811']);
      expect(hubView.dataset?.safeContact).not.toHaveProperty('codeWord');
      const legalText = await pdfText(await pdfOf(cw, legal.id));
      expect(legalText).toContain('Safe times Tue, Thu 10:00–12:00');
      expect(legalText).not.toContain('bluebell');
      expect(legalText).not.toContain('Code word');
    });

    it('gives the partner the area where the victim lives, and the incident’s beside it when it is another', async () => {
      // She lives in St Albans (her postcode); the incident was in Watford, written the police's own way.
      const { caseId } = await newCase({
        incident: { area: 'watford & three rivers', postcode: 'WD17 1AA' },
        victim: { address: { line1: '1 High Street', town: 'St Albans', postcode: 'AL1 3AA' } },
      });
      const r = await refer(caseId, 'idva', 'idva');
      const seen = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(seen.dataset).toMatchObject({ area: 'St Albans and Dacorum', incidentArea: 'Watford and Three Rivers' });
      const text = await pdfText(await pdfOf(idva, r.id));
      expect(text).toContain('St Albans and Dacorum');
      expect(text).toMatch(/Incident area\s*Watford and Three Rivers/);

      // Living where it happened: one area, no second line.
      const { caseId: local } = await newCase({
        incident: { area: 'Watford and Three Rivers', postcode: 'WD17 1AA' },
        victim: { address: { line1: '2 High Street', town: 'Watford', postcode: 'WD17 2AA' } },
      });
      const same = await json<Referral>(call(idva, 'GET', `/referrals/${(await refer(local, 'idva', 'idva')).id}`));
      expect(same.dataset?.area).toBe('Watford and Three Rivers');
      expect(same.dataset).not.toHaveProperty('incidentArea');

      // She lives outside the county (a London postcode): never shown as living where the incident was.
      const { caseId: away } = await newCase({
        incident: { area: 'Watford and Three Rivers', postcode: 'WD17 1AA' },
        victim: { address: { line1: '3 High Street', town: 'London', postcode: 'N1 1AA' } },
      });
      const idvaAway = await json<Referral>(call(idva, 'GET', `/referrals/${(await refer(away, 'idva', 'idva')).id}`));
      expect(idvaAway.dataset).toMatchObject({ area: 'Outside the county', incidentArea: 'Watford and Three Rivers' });
      // A refuge is not given the incident (datasetScope): her area only.
      const refuge = await refer(away, 'refuge', 'refuge-place');
      const stored = await t.db.query<{ dataset: Record<string, unknown> }>('SELECT dataset FROM referrals WHERE id = $1', [refuge.id]);
      expect(stored[0].dataset['area']).toBe('Outside the county');
      expect(stored[0].dataset).not.toHaveProperty('incidentArea');
    });

    it('never gives a partner a shared number, nor one known as the suspect’s on another case of the victim', async () => {
      const personId = `P0PDS${n}`;
      const { caseId } = await newCase({ victim: { personId, safeContact: { phone: '07700 900880', safeTimes: undefined } } });
      await confirmPlan(caseId, {
        numbers: [
          { number: '07700 900880', owner: 'victim', safe: true },
          // The family landline: the victim's, but he may answer it (calls only, "Is it safe to talk now?" first).
          { number: '07700 900881', owner: 'victim', safe: true, shared: true },
          { number: '07700 900882', owner: 'victim', safe: true },
          { number: '07700 900883', owner: 'victim', safe: true },
        ],
        windows: [],
        channels: ['call', 'sms'],
        timeRule: 'any',
      });
      // Later, other cases of the same victim say two of those numbers are his: the police on a new report, and the
      // hub on another plan. The plan above is not rewritten; what partners get must still leave them out.
      const { caseId: other } = await newCase({ victim: { personId }, suspect: { phone: '+44 7700 900882' } });
      await confirmPlan(other, {
        numbers: [{ number: '07700900883', owner: 'suspect', safe: false }],
        windows: [],
        channels: ['call'],
        timeRule: 'any',
      });

      const r = await refer(caseId, 'idva', 'idva');
      const raw = await (await call(idva, 'GET', `/referrals/${r.id}`)).text();
      expect((JSON.parse(raw) as Referral).dataset?.safeContact).toMatchObject({ numbers: ['07700 900880'], channels: ['call', 'sms'] });
      const listed = (await json<Referral[]>(call(idva, 'GET', '/referrals'))).find((x) => x.id === r.id);
      expect(listed?.dataset?.safeContact.numbers).toEqual(['07700 900880']);
      const pdf = await pdfText(await pdfOf(idva, r.id));
      expect(pdf).toContain('Safe numbers 07700 900880');
      const marac = await call(cw, 'GET', `/cases/${caseId}/marac-referral`);
      expect(marac.status).toBe(200);
      const form = await pdfText(Buffer.from(await marac.arrayBuffer()));
      expect(form).toContain('Safe numbers 07700 900880');
      for (const never of ['900881', '900882', '900883']) {
        expect(raw).not.toContain(never);
        expect(pdf).not.toContain(never);
        expect(form.replace(/Perpetrator[\s\S]*/, '')).not.toContain(never);
      }
    });

    it('keeps an open referral on the hub’s current plan and tells the partner live; a declined one keeps nothing to call her with', async () => {
      const { caseId } = await newCase({ victim: { safeContact: { phone: '07700 900821', safeTimes: 'any time' } } });
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900821', owner: 'victim', safe: true }],
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        channels: ['call'],
        timeRule: 'windows',
      });
      const r = await refer(caseId, 'idva', 'idva');
      const got = await partnerSocket();
      // He found the phone: the hub moves her to a new safe number, any time.
      await confirmPlan(caseId, {
        numbers: [
          { number: '07700 900821', owner: 'victim', safe: false },
          { number: '07700 900822', owner: 'victim', safe: true },
        ],
        windows: [],
        channels: ['call', 'voicemail'],
        timeRule: 'any',
      });
      await waitFor(() => got.find((e) => e.referralId === r.id));
      const now = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(now.dataset?.safeContact).toMatchObject({
        numbers: ['07700 900822'],
        timeRule: 'any',
        times: 'Any time',
        channels: ['call', 'voicemail'],
        current: true,
      });
      expect(await pdfText(await pdfOf(idva, r.id))).toContain('Safe numbers 07700 900822');

      expect((await call(idva, 'POST', `/referrals/${r.id}/decline`, { reason: 'Already supported by another IDVA' })).status).toBe(200);
      // Declined: the partner no longer works with her, so no number, channel or code word (minimisation), and why.
      const raw = await (await call(idva, 'GET', `/referrals/${r.id}`)).text();
      expect((JSON.parse(raw) as Referral).dataset?.safeContact).toMatchObject({
        numbers: [],
        emails: [],
        channels: [],
        referralEnded: true,
        current: false,
      });
      expect((JSON.parse(raw) as Referral).dataset?.safeContact).not.toHaveProperty('codeWord');
      expect(raw).not.toMatch(/90082[12]/);
      const text = await pdfText(await pdfOf(idva, r.id));
      expect(text).toContain('REFERRAL ENDED');
      expect(text).not.toContain('use only these');
      expect(text).not.toMatch(/90082[12]/);
      // The hub sees what the partner sees.
      expect((await json<Referral>(call(cw, 'GET', `/referrals/${r.id}`))).dataset?.safeContact.referralEnded).toBe(true);
    });

    it('tells the partner not to contact a victim who withdrew consent to contact, with no number to do it with', async () => {
      const { caseId } = await newCase({ victim: { safeContact: { phone: '07700 900831', safeTimes: 'any time' } } });
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900831', owner: 'victim', safe: true }],
        windows: [],
        channels: ['call'],
        timeRule: 'any',
      });
      const r = await refer(caseId, 'idva', 'idva');
      const got = await partnerSocket();
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'withdrawn', method: 'phone' })).status).toBe(201);
      await waitFor(() => got.find((e) => e.referralId === r.id));
      const now = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(now.dataset?.safeContact).toMatchObject({ numbers: [], emails: [], channels: [], contactRefused: 'withdrawn', current: true });
      const text = await pdfText(await pdfOf(idva, r.id));
      expect(text).toContain('DO NOT CONTACT');
      expect(text).not.toContain('07700 900831');
      // She rings the hub and agrees to be contacted again: the plan is passed on again.
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'given', method: 'phone' })).status).toBe(201);
      const again = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(again.dataset?.safeContact.numbers).toEqual(['07700 900831']);
      expect(again.dataset?.safeContact.contactRefused).toBeUndefined();
      // Declined: no way to call her (the referral ended); and once she has said no again, the plan says so.
      expect((await call(idva, 'POST', `/referrals/${r.id}/decline`, { reason: 'Outside our area' })).status).toBe(200);
      expect((await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`))).dataset?.safeContact).toMatchObject({
        numbers: [],
        referralEnded: true,
      });
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'refused', method: 'phone' })).status).toBe(201);
      const declined = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(declined.dataset?.safeContact).toMatchObject({
        numbers: [],
        emails: [],
        channels: [],
        contactRefused: 'refused',
        current: false,
      });
      expect(JSON.stringify(declined)).not.toContain('07700 900831');
      expect(await pdfText(await pdfOf(idva, r.id))).not.toContain('07700 900831');
    });

    it('tells the partner to speak to the hub first while contact is paused after someone else answered', async () => {
      const { caseId } = await newCase({ victim: { safeContact: { phone: '07700 900836', safeTimes: 'any time' } } });
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900836', owner: 'victim', safe: true }],
        windows: [],
        channels: ['call'],
        timeRule: 'any',
      });
      const r = await refer(caseId, 'idva', 'idva');
      expect((await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`))).dataset?.safeContact.contactPaused).toBeUndefined();
      const answered = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {
        channel: 'call',
        to: '07700 900836',
        safeToTalk: false,
        outcome: 'someone-else-answered',
      });
      expect(answered.status).toBe(201);
      const paused = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(paused.dataset?.safeContact).toMatchObject({ contactPaused: true, numbers: ['07700 900836'], current: true });
      expect(await pdfText(await pdfOf(idva, r.id))).toContain('SPEAK TO THE HUB FIRST');
    });

    it('leaves out what a police revision of the safe phone holds, and tells the partner to speak to the hub first', async () => {
      const { caseId, report } = await newCase({ victim: { safeContact: { phone: '07700 900837', safeTimes: 'any time' } } });
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900837', owner: 'victim', safe: true }],
        windows: [],
        channels: ['call'],
        timeRule: 'any',
      });
      const r = await refer(caseId, 'idva', 'idva');
      expect((await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`))).dataset?.safeContact.policeRevised).toBeUndefined();
      // The police revise the safe phone: the hub's plan still names the old one.
      expect((await t.postReport(merge(report, { revision: 2, victim: { safeContact: { phone: '07700 900838' } } }))).status).toBe(200);
      const held = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(held.dataset?.safeContact).toMatchObject({ policeRevised: true, numbers: [], channels: [], current: true });
      const pdf = await pdfText(await pdfOf(idva, r.id));
      expect(pdf).toContain('SPEAK TO THE HUB FIRST');
      expect(pdf).not.toContain('07700 900837');
      const marac = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
      expect(marac).not.toContain('07700 900837');
      // Declined: no number at all, whatever the hub's plan says since (the referral ended).
      expect((await call(idva, 'POST', `/referrals/${r.id}/decline`, { reason: 'Outside our area' })).status).toBe(200);
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900838', owner: 'victim', safe: true }],
        windows: [],
        channels: ['call'],
        timeRule: 'any',
      });
      const declined = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(declined.dataset?.safeContact).toMatchObject({ referralEnded: true, numbers: [], current: false });
      expect(JSON.stringify(declined)).not.toMatch(/07700 90083[78]/);
    });

    it('says plainly that times are not confirmed, never passing the officer’s words on as a rule', async () => {
      const { caseId } = await newCase({ victim: { safeContact: { phone: '07700 900831', safeTimes: "don't call after 6pm" } } });
      const r = await refer(caseId, 'idva', 'idva');
      const raw = await (await call(idva, 'GET', `/referrals/${r.id}`)).text();
      const seen = JSON.parse(raw) as Referral;
      expect(seen.dataset?.safeContact).toMatchObject({ timeRule: 'unknown', windows: [], times: SAFE_TIMES_NOT_CONFIRMED });
      expect(SAFE_TIMES_NOT_CONFIRMED).toBe('Not confirmed yet — ask the hub before contacting');
      expect(raw).not.toContain('6pm');
      const text = await pdfText(await pdfOf(idva, r.id));
      expect(text).toContain('Safe times Not confirmed yet — ask the hub before contacting');
      expect(text).not.toContain('6pm');
      const marac = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
      expect(marac).toContain('Safe times Not confirmed yet — ask the hub before contacting');
      expect(marac).not.toContain('6pm');
    });

    it('tells the IDVA of children the police DASH puts in the household though the report lists none, and names the MARAC criteria in words', async () => {
      const { caseId } = await newCase({
        victim: { safeContact: { phone: '07700 900846', safeTimes: 'any time' } },
        officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q1: 'yes', q11: 'yes' } },
        children: [],
      });
      const r = await refer(caseId, 'idva', 'idva');
      const seen = (await (await call(idva, 'GET', `/referrals/${r.id}`)).json()) as Referral;
      expect(seen.dataset).toMatchObject({ children: [], childrenInHousehold: true });
      expect(seen.dataset?.risk?.maracReasons).toContain('police-high-risk');
      const text = await pdfText(await pdfOf(idva, r.id));
      expect(text).toContain('Children None listed in the police report');
      expect(text).toContain('The police DASH says children live in the household, but the report does not list them');
      expect(text).toContain('Police high risk: the officer graded the incident high');
      expect(text).not.toContain('police-high-risk');
    });

    it('never shows the agency a draft revoked before it was sent: not listed, not found, no document, no live event', async () => {
      const { caseId } = await newCase();
      const got = await partnerSocket();
      const draft = await refer(caseId, 'idva', 'idva', { draft: true });
      expect(
        (await call(lead, 'POST', `/referrals/${draft.id}/revoke`, { reason: 'Lead thinks the victim knows the IDVA worker' })).status,
      ).toBe(200);
      const sent = await refer(caseId, 'idva', 'idva');
      // The sent one reaches the agency's socket; the revoked draft never did (events are delivered in order).
      await waitFor(() => got.find((e) => e.referralId === sent.id));
      expect(got.filter((e) => e.referralId === draft.id)).toEqual([]);

      const listed = await json<Referral[]>(call(idva, 'GET', '/referrals'));
      expect(listed.some((x) => x.id === sent.id)).toBe(true);
      expect(listed.some((x) => x.id === draft.id)).toBe(false);
      const one = await call(idva, 'GET', `/referrals/${draft.id}`);
      expect(one.status).toBe(404);
      expect(await one.text()).not.toMatch(/victim knows|revoked/i);
      expect((await call(idva, 'GET', `/referrals/${draft.id}/document`)).status).toBe(404);
      // Acting on it is the 404 of an unknown referral too, not a wrong-state 409 that would confirm it exists.
      expect((await call(idva, 'POST', `/referrals/${draft.id}/acknowledge`, {})).status).toBe(404);
      // The hub still sees it, revoked with its reason.
      expect(await json<Referral>(call(lead, 'GET', `/referrals/${draft.id}`))).toMatchObject({ status: 'revoked' });
    });

    it('re-checks consent and eligibility when a saved draft is sent', async () => {
      const { caseId, report } = await newCase();
      const draft = await refer(caseId, 'idva', 'idva', { draft: true });
      expect(draft.status).toBe('draft');
      // The police revise the report: the victim has since refused sharing her details.
      const revised = await t.postReport({ ...report, revision: 2, consent: { ...report.consent, informationSharing: 'refused' } });
      expect(revised.status).toBeLessThan(300);

      const send = await call(cw, 'POST', `/referrals/${draft.id}/send`, {});
      expect(send.status).toBe(422);
      expect(send.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await send.json()) as Problem;
      expect(problem.code).toBe('consent-required');
      expect(problem.title).toMatch(/consent/i);
      expect(problem.errors?.[0]).toMatchObject({ path: '/consent', message: 'consent to share is refused' });
      // Nothing went out: still a draft, no dataset, no email queued, nothing in the partner's portal.
      const [row] = await t.db.query<{ status: string; dataset: unknown }>('SELECT status, dataset FROM referrals WHERE id = $1', [
        draft.id,
      ]);
      expect(row).toEqual({ status: 'draft', dataset: null });
      expect(await t.db.query("SELECT 1 FROM outbox WHERE topic = 'referral.notify' AND aggregate_id = $1", [draft.id])).toEqual([]);
      expect((await call(idva, 'GET', `/referrals/${draft.id}`)).status).toBe(404);
      expect((await json<Referral[]>(call(idva, 'GET', '/referrals'))).some((x) => x.id === draft.id)).toBe(false);

      // With a team lead's recorded basis (high risk, MARAC), the same draft can go.
      expect(
        (
          await call(lead, 'POST', `/cases/${caseId}/safeguarding-basis`, {
            ground: 'marac-protocol',
            reason: 'Threats to kill; MARAC this week',
          })
        ).status,
      ).toBe(201);
      expect((await call(cw, 'POST', `/referrals/${draft.id}/send`, {})).status).toBe(200);

      // Eligibility too: the IDVA takes high risk; the revised report grades the risk standard.
      const other = await newCase();
      const draft2 = await refer(other.caseId, 'idva', 'idva', { draft: true });
      await t.postReport({
        ...other.report,
        revision: 2,
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard' },
      });
      const refused = await call(cw, 'POST', `/referrals/${draft2.id}/send`, {});
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Problem).code).toBe('not-eligible');
    });

    it('revoking withdraws the dataset: the partner keeps a tombstone and no route gives them the victim’s data or the document', async () => {
      const { caseId } = await newCase({
        victim: {
          firstName: 'Winifred',
          lastName: 'Tombstone',
          address: { line1: '77 Lamplighter Lane', town: 'Hitchin', postcode: 'SG5 1AA' },
          safeContact: { phone: '07700 900841', safeTimes: 'any time' },
        },
        suspect: { firstName: 'Mortimer', lastName: 'Grimsby' },
        incident: { summary: 'The kettle was thrown at the kitchen wall during the argument.' },
      });
      await confirmPlan(caseId, {
        numbers: [{ number: '07700 900841', owner: 'victim', safe: true }],
        windows: [{ days: ['mon'], from: '10:00', to: '12:00' }],
        channels: ['call'],
        codeWord: 'hollyhock',
        timeRule: 'windows',
      });
      const r = await refer(caseId, 'idva', 'idva', { notes: 'Winifred prefers a female worker' });
      expect((await call(idva, 'POST', `/referrals/${r.id}/accept`, {})).status).toBe(200);
      const secrets = ['Winifred', 'Tombstone', 'Lamplighter', '07700 900841', 'Mortimer', 'kettle', 'hollyhock', 'female worker'];
      // Before: the partner has it all.
      expect(await (await call(idva, 'GET', `/referrals/${r.id}`)).text()).toContain('Winifred');
      expect(await pdfText(await pdfOf(idva, r.id))).toContain('Winifred Tombstone');

      const got = await partnerSocket();
      expect((await call(cw, 'POST', `/referrals/${r.id}/revoke`, { reason: 'x' })).status).toBe(403);
      const revoked = await call(lead, 'POST', `/referrals/${r.id}/revoke`, { reason: 'Victim asked us to stop sharing' });
      expect(revoked.status).toBe(200);
      await waitFor(() => got.find((e) => e.referralId === r.id && e.status === 'revoked'));

      // Erased, not hidden.
      const [row] = await t.db.query<{ dataset: unknown; withdrawn_at: Date | null; withdrawal_reason: string; status: string }>(
        'SELECT dataset, withdrawn_at, withdrawal_reason, status FROM referrals WHERE id = $1',
        [r.id],
      );
      expect(row).toMatchObject({ dataset: null, withdrawal_reason: 'Victim asked us to stop sharing', status: 'revoked' });
      expect(row.withdrawn_at).not.toBeNull();
      const [audit] = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_entries WHERE action = 'referral.revoke' AND entity_id = $1",
        [caseId],
      );
      expect(audit.details).toMatchObject({ referralId: r.id, from: 'accepted', to: 'revoked', datasetWithdrawn: true });

      // The tombstone: reference, status, reason.
      const tomb = await json<Referral>(call(idva, 'GET', `/referrals/${r.id}`));
      expect(tomb).toMatchObject({
        id: r.id,
        reference: r.reference,
        status: 'revoked',
        withdrawalReason: 'Victim asked us to stop sharing',
        dataset: null,
        caseId: '',
      });
      expect(tomb.withdrawnAt).toEqual(expect.any(String));
      const doc = await call(idva, 'GET', `/referrals/${r.id}/document`);
      expect(doc.status).toBe(410);
      expect(((await doc.json()) as Problem).code).toBe('withdrawn');
      expect((await call(cw, 'GET', `/referrals/${r.id}/document`)).status).toBe(410);

      // Every route the partner can call: every GET the API documents, with this case's and referral's ids.
      const spec = (await (await fetch(`${t.url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const answers: string[] = [];
      const gets = Object.entries(spec.paths).filter(([, ops]) => 'get' in ops);
      expect(gets.length).toBeGreaterThan(20);
      for (const [path] of gets) {
        const url = path
          .replace(/^\/api\/v1\/referrals\/\{id\}/, `/api/v1/referrals/${r.id}`)
          .replace(/\{id\}/g, caseId)
          .replace(/\{service\}/g, 'idva')
          .replace(/\{[^}]+\}/g, 'x');
        const res = await fetch(`${t.url}${url}`, { headers: { cookie: idva } });
        const body = Buffer.from(await res.arrayBuffer());
        const text = res.headers.get('content-type')?.startsWith('application/pdf') ? await pdfText(body) : body.toString('utf8');
        answers.push(`${res.status} ${url}: ${text}`);
      }
      // And every step it may try on the tombstone.
      for (const step of ['acknowledge', 'accept', 'decline', 'outcome', 'close', 'send', 'revoke']) {
        const res = await call(idva, 'POST', `/referrals/${r.id}/${step}`, { reason: 'r', outcome: 'other' });
        expect(res.status, step).toBeGreaterThanOrEqual(400);
        answers.push(`${res.status} POST ${step}: ${await res.text()}`);
      }
      const s = t.socket(idvaToken);
      sockets.push(s);
      await new Promise((res) => s.once('ready', res));
      answers.push(JSON.stringify(await s.emitWithAck(SocketEvents.sync, { afterSeq: 0 })));
      for (const answer of answers) for (const secret of secrets) expect(answer, answer.slice(0, 120)).not.toContain(secret);
      expect(answers.some((a) => a.startsWith(`200 /api/v1/referrals/${r.id}:`))).toBe(true);

      // The hub keeps its case; the referral shows what was withdrawn and why.
      const hub = await json<Referral>(call(cw, 'GET', `/referrals/${r.id}`));
      expect(hub).toMatchObject({ status: 'revoked', dataset: null, withdrawalReason: 'Victim asked us to stop sharing', caseId });
    });

    it('withdrawSharedData leaves a tombstone of every shared referral of the case, in the caller’s transaction', async () => {
      const { caseId } = await newCase({
        victim: { firstName: 'Araminta', safeContact: { phone: '07700 900851', safeTimes: 'any time' } },
        children: [{ ageYears: 5, presentAtIncident: true, livesWithVictim: true }],
      });
      // Children's services: statutory, never resting on her consent, so never withdrawn with it.
      const statutory = await refer(caseId, 'childrens-services', 'safeguarding-referral', { victimInformed: 'yes' });
      const accepted = await refer(caseId, 'idva', 'idva');
      expect((await call(idva, 'POST', `/referrals/${accepted.id}/accept`, {})).status).toBe(200);
      const declined = await refer(caseId, 'idva', 'idva');
      expect((await call(idva, 'POST', `/referrals/${declined.id}/decline`, { reason: 'Duplicate of Araminta’s referral' })).status).toBe(
        200,
      );
      const sent = await refer(caseId, 'catch22', 'emotional-support');
      const draft = await refer(caseId, 'refuge', 'refuge-place', { draft: true });
      // A draft revoked before it was sent: nothing was shared, so nothing to withdraw (its reason stays its own).
      const dropped = await refer(caseId, 'catch22', 'emotional-support', { draft: true });
      expect((await call(lead, 'POST', `/referrals/${dropped.id}/revoke`, { reason: 'Wrong service' })).status).toBe(200);
      const got = await partnerSocket();
      const service = t.app.get(ReferralsService);
      const changes = t.app.get(CaseChanges);

      // A caller whose transaction fails withdraws nothing.
      const failed = changes.run(new Date(), async (tx, m) => {
        expect(await service.withdrawSharedData(m, caseId, 'Victim withdrew consent to share', new Date(), { tx })).toBe(3);
        throw new Error('the caller rolled back');
      });
      await expect(failed).rejects.toThrow('rolled back');
      expect(await t.db.query('SELECT 1 FROM referrals WHERE case_id = $1 AND sent_at IS NOT NULL AND dataset IS NULL', [caseId])).toEqual(
        [],
      );

      const now = new Date();
      const count = await changes.run(now, (tx, m) =>
        service.withdrawSharedData(m, caseId, 'Victim withdrew consent to share', now, { tx }),
      );
      expect(count).toBe(3);
      const rows = await t.db.query<{ id: string; status: string; dataset: unknown; withdrawal_reason: string | null }>(
        'SELECT id, status, dataset, withdrawal_reason FROM referrals WHERE case_id = $1',
        [caseId],
      );
      const byId = new Map(rows.map((x) => [x.id, x]));
      expect(byId.get(accepted.id)).toMatchObject({
        status: 'revoked',
        dataset: null,
        withdrawal_reason: 'Victim withdrew consent to share',
      });
      expect(byId.get(declined.id)).toMatchObject({
        status: 'declined',
        dataset: null,
        withdrawal_reason: 'Victim withdrew consent to share',
      });
      expect(byId.get(sent.id)).toMatchObject({ status: 'revoked', dataset: null });
      // The draft was never shared: it stays, and sending it checks consent again.
      expect(byId.get(draft.id)).toMatchObject({ status: 'draft', withdrawal_reason: null });
      expect(byId.get(statutory.id)).toMatchObject({ status: 'sent', withdrawal_reason: null });
      expect(byId.get(statutory.id)?.dataset).not.toBeNull();
      expect(byId.get(dropped.id)).toMatchObject({ status: 'revoked', withdrawal_reason: 'Wrong service' });
      const trail = await t.db.query<{ entity_id: string }>(
        "SELECT entity_id FROM audit_entries WHERE action = 'referral.withdrawn' AND details->>'caseId' = $1",
        [caseId],
      );
      expect(trail.map((x) => x.entity_id).sort()).toEqual([accepted.id, declined.id, sent.id].sort());
      await waitFor(() => got.find((e) => e.referralId === accepted.id && e.status === 'revoked'));
      await waitFor(() => got.find((e) => e.referralId === declined.id && e.status === 'declined'));

      const mine = await json<Referral[]>(call(idva, 'GET', '/referrals'));
      const tombstones = mine.filter((x) => x.id === accepted.id || x.id === declined.id);
      expect(tombstones).toHaveLength(2);
      for (const x of tombstones) {
        expect(x).toMatchObject({ dataset: null, withdrawalReason: 'Victim withdrew consent to share', declineReason: null });
        expect(JSON.stringify(x)).not.toContain('Araminta');
      }
      expect((await call(idva, 'GET', `/referrals/${declined.id}/document`)).status).toBe(410);
      // Nothing left to withdraw.
      expect(await changes.run(new Date(), (tx, m) => service.withdrawSharedData(m, caseId, 'again', new Date(), { tx }))).toBe(0);
    });

    it('migrates what was shared before: revoked datasets erased, the officer’s raw times gone from the others', async () => {
      const { caseId } = await newCase({ victim: { firstName: 'Leontyne' } });
      const open = await refer(caseId, 'idva', 'idva');
      const gone = await refer(caseId, 'catch22', 'emotional-support');
      // The shape of a dataset shared before this change: the officer's words as "safe times".
      const legacy = (safeTimes: string) => ({
        victim: {
          firstName: 'Leontyne',
          lastName: 'Legacy',
          gender: 'female',
          age: 38,
          safeNumbers: ['07700 900861'],
          safeTimes,
          channels: ['call'],
        },
        area: 'Stevenage',
        referralNote: null,
      });
      await t.db.query('UPDATE referrals SET dataset = $2 WHERE id = $1', [open.id, JSON.stringify(legacy('after 6pm only'))]);
      // Revoked before revoking withdrew anything: the partner still had it all.
      await t.db.query(`UPDATE referrals SET status = 'revoked', revoked_at = now(), dataset = $2 WHERE id = $1`, [
        gone.id,
        JSON.stringify(legacy('weekends')),
      ]);
      const runner = t.db.dataSource.createQueryRunner();
      try {
        const migration = t.db.dataSource.migrations.find((x) => x.name === 'ReferralWithdrawal1764010000000');
        if (!migration) throw new Error('migration 1764010000000 is not registered');
        await migration.down?.(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const rows = await t.db.query<{ id: string; dataset: Record<string, unknown> | null; withdrawal_reason: string | null }>(
        'SELECT id, dataset, withdrawal_reason FROM referrals WHERE id = ANY($1::uuid[])',
        [[open.id, gone.id]],
      );
      const byId = new Map(rows.map((x) => [x.id, x]));
      expect(byId.get(gone.id)).toMatchObject({ dataset: null, withdrawal_reason: 'Revoked by the hub' });
      const migrated = byId.get(open.id)?.dataset;
      expect(migrated?.['safeContact']).toMatchObject({
        numbers: ['07700 900861'],
        timeRule: 'unknown',
        times: SAFE_TIMES_NOT_CONFIRMED,
        channels: ['call'],
        current: false,
      });
      expect(JSON.stringify(migrated)).not.toContain('6pm');
      // Read back through the API, an open referral has the case's current plan.
      const seen = await json<Referral>(call(idva, 'GET', `/referrals/${open.id}`));
      expect(seen.dataset?.safeContact.current).toBe(true);
      expect((await call(cw, 'GET', `/referrals/${gone.id}/document`)).status).toBe(410);
    });
  });
}
