import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  officerAppAgeLine,
  OUTSIDE_DA_ACT_REASON,
  RIC_QUESTIONS,
  type CaseDetail,
  type CasePage,
  type PoliceReport,
  type Referral,
  type ReferralOption,
} from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations, startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';

/**
 * Children and under-18s (issue 12, parts 4 and 5) through the API: police DASH children answers, victims of 15 and
 * 17, a suspect of 16, an unknown date of birth, and the children's-services dataset a front door (MASH) can act on.
 */

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

const OUT = join(import.meta.dirname, '../../../dist/documents');
/** Every incident here happened on 30 November 2026 (London): ages are counted on that date. */
const INCIDENT = { occurredAt: '2026-11-30T10:00:00Z', reportedAt: '2026-11-30T11:00:00Z' };

for (const database of testDatabases()) {
  describe(`children and under-18s on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let n = 0;

    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);
    const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

    /** A medium-risk police DARA case of an adult woman, no children, consent given: each test changes what it needs. */
    const newCase = async (over: Parameters<typeof createReport>[0] = {}) => {
      const i = 4100 + n++;
      const report: PoliceReport = merge(
        merge(createReport({ victim: { personId: `P0CA${i}` }, suspect: { personId: `S0CA${i}` } }, i), {
          incident: { ...INCIDENT, previousIncidents12Months: 0 },
          officerRiskAssessment: { tool: 'dara', riskLevel: 'medium', dash: undefined },
          consent: { supportReferral: 'given', informationSharing: 'given' },
          victim: { gender: 'female', dateOfBirth: '1990-04-04', pregnant: false },
          suspect: { relationshipToVictim: 'ex-partner', dateOfBirth: '1988-02-02' },
          children: [],
        }),
        over,
      );
      const res = await t.postReport(report);
      expect(res.status).toBe(201);
      const caseId = ((await res.json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      return { caseId, report, detail: await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`)) };
    };
    const optionsOf = (caseId: string) => json<ReferralOption[]>(call(cw, 'GET', `/cases/${caseId}/referral-options`));
    const eligible = (opts: ReferralOption[]) => [...new Set(opts.filter((o) => o.eligible).map((o) => o.service))].sort();
    const factors = (d: CaseDetail) => d.priority.factors.map((f) => f.factor);

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
      mkdirSync(OUT, { recursive: true });
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('police DASH children answers', () => {
      it('q10 "yes" with an empty children list: children in the household, priority, children’s services, and a visible conflict', async () => {
        const { caseId, detail } = await newCase({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q1: 'yes', q10: 'yes', q11: 'no', q12: 'no' } },
          children: [],
        });
        expect(detail.flags).toMatchObject({ children: 0, childrenInHousehold: true, childrenConflict: true });
        expect(detail.childrenNote).toMatch(
          /Police DASH question 10 \(children in the household who are not the abuser’s\) answered "yes" but the report lists no children/,
        );
        expect(factors(detail)).toContain('children-in-household');
        expect(eligible(await optionsOf(caseId))).toContain('safeguarding-referral');
        // The queue row carries the same flags.
        const page = await json<CasePage>(call(cw, 'GET', '/cases?limit=200'));
        expect(page.items.find((c) => c.id === caseId)?.flags).toMatchObject({ childrenInHousehold: true, childrenConflict: true });
      });

      it.each([
        ['q11 "yes" (has hurt the children)', { q10: 'no', q11: 'yes' }],
        ['q12 "yes" (threatened to kill the children)', { q12: 'yes' }],
      ] as const)('%s alone counts', async (_n, dash) => {
        const { caseId, detail } = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash }, children: [] });
        expect(detail.flags).toMatchObject({ childrenInHousehold: true, childrenConflict: true });
        expect(eligible(await optionsOf(caseId))).toContain('safeguarding-referral');
      });

      it('a listed child at home with q10 "no": still in the household, and the conflict says to check', async () => {
        const { detail } = await newCase({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'no' } },
          children: [{ firstName: 'Robin', ageYears: 6, livesWithVictim: true }],
        });
        expect(detail.flags).toMatchObject({ children: 1, childrenInHousehold: true, childrenConflict: true });
        expect(detail.childrenNote).toMatch(/lists a child living with the victim but police DASH question 10 \(.*\) answered "no"/);
      });

      it('the list and the DASH agree: no conflict; no children anywhere: children’s services not eligible', async () => {
        const agree = await newCase({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'yes' } },
          children: [{ ageYears: 3 }],
        });
        expect(agree.detail.flags).toMatchObject({ childrenInHousehold: true, childrenConflict: false });
        expect(agree.detail.childrenNote).toBeNull();
        const none = await newCase({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'no', q11: 'no', q12: 'no' } },
        });
        expect(none.detail.flags).toMatchObject({ childrenInHousehold: false, childrenConflict: false });
        const opt = (await optionsOf(none.caseId)).find((o) => o.service === 'safeguarding-referral');
        expect(opt?.eligible).toBe(false);
      });

      it('pregnancy (DASH q9) makes children’s services eligible and is a priority factor', async () => {
        const { caseId, detail } = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q9: 'yes' } } });
        expect(factors(detail)).toContain('pregnancy');
        const opt = (await optionsOf(caseId)).find((o) => o.service === 'safeguarding-referral');
        expect(opt).toMatchObject({ eligible: true });
        expect(opt?.reasons.join(' ')).toMatch(/pregnant/);
      });

      it('a revision that adds q10 "yes" puts children in the household', async () => {
        const { caseId, report } = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'no' } } });
        const res = await t.postReport(
          merge(report, { revision: 2, officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'yes' } } }),
        );
        expect(res.status).toBe(200);
        const d = await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`));
        expect(d.flags).toMatchObject({ childrenInHousehold: true, childrenConflict: true });
      });

      it('the hub’s own answer counts: a caseworker recording q11 "yes" (the abuser has hurt the children) puts children in the household', async () => {
        const { caseId, detail } = await newCase();
        expect(detail.flags.childrenInHousehold).toBe(false);
        const answers: Record<string, string> = {};
        for (const q of RIC_QUESTIONS) answers[q.key] = 'no';
        const res = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers: { ...answers, q11: 'yes' } });
        expect(res.status, await res.clone().text()).toBe(201);
        const d = await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`));
        expect(d.flags.childrenInHousehold).toBe(true);
        expect(factors(d)).toContain('children-in-household');
        expect(eligible(await optionsOf(caseId))).toContain('safeguarding-referral');
        // A later police revision does not quietly drop what the victim told the hub.
        const rev = await newCase();
        await call(cw, 'POST', `/cases/${rev.caseId}/risk-assessments`, { answers: { ...answers, q10: 'yes' } });
        expect((await t.postReport(merge(rev.report, { revision: 2 }))).status).toBe(200);
        expect((await json<CaseDetail>(call(cw, 'GET', `/cases/${rev.caseId}`))).flags.childrenInHousehold).toBe(true);
      });
    });

    describe('under-18s', () => {
      it('a victim of 15: flags, only children’s services, every adult service gives the DA Act reason', async () => {
        const { caseId, detail } = await newCase({
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high' },
          victim: { dateOfBirth: '2011-06-01' },
          suspect: { dateOfBirth: '2010-01-01' },
        });
        expect(detail.flags).toMatchObject({ victimUnder18: true, victimUnder16: true, suspectUnder18: true });
        expect(detail.ages).toEqual({ victim: 15, suspect: 16 });
        expect(detail.youngPeoplesDash).toBe(false);
        expect(factors(detail)).toContain('victim-under-18');
        expect(detail.priority.factors.find((f) => f.factor === 'victim-under-18')?.label).toBe('Victim under 18');
        const opts = await optionsOf(caseId);
        expect(eligible(opts)).toEqual(['safeguarding-referral']);
        for (const o of opts.filter((x) => x.kind !== 'childrens-services')) expect(o.reasons[0]).toBe(OUTSIDE_DA_ACT_REASON);
        expect(opts.find((o) => o.partnerId === 'catch22')).toMatchObject({ eligible: false });
        expect(opts.find((o) => o.service === 'safeguarding-referral')?.reasons.join(' ')).toMatch(/Victim is 15: a child themself/);
        // An adult service cannot be sent: 422 with the reason.
        const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, { partnerId: 'catch22', service: 'emotional-support' });
        expect(res.status).toBe(422);
        expect(JSON.stringify(await res.json())).toContain(OUTSIDE_DA_ACT_REASON);
      });

      it('a victim of 17: the adult route (IDVA when high), children’s services for themself, the young people’s DASH offered', async () => {
        const { caseId, detail } = await newCase({
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high' },
          victim: { dateOfBirth: '2009-06-01' },
        });
        expect(detail.flags).toMatchObject({ victimUnder18: true, victimUnder16: false, suspectUnder18: false });
        expect(detail.youngPeoplesDash).toBe(true);
        const opts = await optionsOf(caseId);
        expect(eligible(opts)).toEqual(expect.arrayContaining(['idva', 'safeguarding-referral', 'emotional-support']));
        expect(opts.find((o) => o.service === 'safeguarding-referral')?.reasons.join(' ')).toMatch(/Victim is 17: a child themself/);
      });

      it('a victim of 17 the officer app recorded by age (no date of birth): the under-18 route all the same', async () => {
        const { detail } = await newCase({
          source: { system: 'officer-app' },
          victim: { dateOfBirth: undefined },
          incident: { summary: `Argument at home.${officerAppAgeLine(17)}` },
        });
        expect(detail.ages?.victim).toBe(17);
        expect(detail.flags).toMatchObject({ victimUnder18: true, victimUnder16: false });
        expect(factors(detail)).toContain('victim-under-18');
        // The same words from another police system are the officer's prose: not read.
        const other = await newCase({ victim: { dateOfBirth: undefined }, incident: { summary: `x${officerAppAgeLine(17)}` } });
        expect(other.detail.flags.victimUnder18).toBe(false);
        // A case stored before the hub read the line: the migration gives it the age (its queue row follows).
        const stored = await newCase({
          source: { system: 'officer-app' },
          victim: { dateOfBirth: undefined },
          incident: { summary: `Argument at home.${officerAppAgeLine(15)}` },
        });
        await t.db.query('UPDATE cases SET victim_age = NULL WHERE id = $1', [stored.caseId]);
        const queued = async () =>
          (await t.db.query<{ victim_age: number | null }>('SELECT victim_age FROM case_queue WHERE id = $1', [stored.caseId]))[0]
            .victim_age;
        expect(await queued()).toBeNull();
        await runMigrations(t, [['OfficerAppVictimAge1764680000000', 'up']]);
        expect(Number(await queued())).toBe(15);
        const page = await json<CasePage>(call(cw, 'GET', `/cases?limit=500`));
        expect(page.items.find((c) => c.id === stored.caseId)?.flags).toMatchObject({ victimUnder18: true, victimUnder16: true });
        expect(
          (await t.db.query<{ victim_age: number | null }>('SELECT victim_age FROM cases WHERE id = $1', [other.caseId]))[0].victim_age,
        ).toBeNull();
      });

      it('a victim on their 16th birthday is 16; on their 18th, an adult', async () => {
        const sixteen = await newCase({ victim: { dateOfBirth: '2010-11-30' } });
        expect(sixteen.detail.flags).toMatchObject({ victimUnder16: false, victimUnder18: true });
        const eighteen = await newCase({ victim: { dateOfBirth: '2008-11-30' } });
        expect(eighteen.detail.flags).toMatchObject({ victimUnder16: false, victimUnder18: false });
        expect(eighteen.detail.ages.victim).toBe(18);
      });

      it('a suspect of 16: the flag, children’s services eligible, legal advice says check', async () => {
        const { caseId, detail } = await newCase({ suspect: { dateOfBirth: '2010-06-01' } });
        expect(detail.flags).toMatchObject({ victimUnder18: false, suspectUnder18: true });
        const opts = await optionsOf(caseId);
        expect(opts.find((o) => o.service === 'safeguarding-referral')).toMatchObject({ eligible: true });
        const legal = opts.find((o) => o.partnerId === 'legal');
        expect(legal).toMatchObject({ eligible: true, check: true });
        expect(legal?.reasons[0]).toMatch(/^Check: the suspect is 16/);
      });

      it('unknown dates of birth: every flag false, the ages null ("age not known")', async () => {
        const { detail } = await newCase({ victim: { dateOfBirth: undefined }, suspect: { dateOfBirth: undefined } });
        expect(detail.flags).toMatchObject({ victimUnder18: false, victimUnder16: false, suspectUnder18: false });
        expect(detail.ages).toEqual({ victim: null, suspect: null });
        expect(detail.youngPeoplesDash).toBe(false);
      });
    });

    describe('the children’s-services dataset', () => {
      it('needs "victim informed" (and a reason when not), only on a children’s services referral', async () => {
        const { caseId } = await newCase({ children: [{ ageYears: 4 }] });
        const post = (body: Record<string, unknown>) => call(cw, 'POST', `/cases/${caseId}/referrals`, body);
        const cs = { partnerId: 'childrens-services', service: 'safeguarding-referral' };
        let res = await post(cs);
        expect(res.status).toBe(400);
        expect((await json<Problem>(res)).errors?.map((e) => e.path)).toEqual(['/victimInformed']);
        res = await post({ ...cs, victimInformed: 'no-risk-to-child' });
        expect(res.status).toBe(400);
        expect((await json<Problem>(res)).errors?.map((e) => e.path)).toEqual(['/victimInformedReason']);
        res = await post({ ...cs, victimInformed: 'maybe' });
        expect(res.status).toBe(400);
        expect((await json<Problem>(res)).errors?.map((e) => e.path)).toContain('/victimInformed');
        res = await post({ partnerId: 'catch22', service: 'emotional-support', victimInformed: 'yes' });
        expect(res.status).toBe(400);
        expect((await json<Problem>(res)).errors?.map((e) => e.path)).toEqual(['/victimInformed']);
        expect(await t.count(`referrals WHERE case_id = '${caseId}'`)).toBe(0);
      });

      it('gives the front door the children, the household, the adults, the DASH children answers and whether the victim was told', async () => {
        const { caseId } = await newCase({
          officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q9: 'no', q10: 'yes', q11: 'yes', q12: 'not-known' } },
          victim: {
            firstName: 'Sarah',
            lastName: 'Jones',
            dateOfBirth: '1990-04-04',
            address: { line1: '12 Station Road', town: 'Watford', postcode: 'WD17 1AA' },
          },
          suspect: {
            firstName: 'Lee',
            lastName: 'Taylor',
            dateOfBirth: '2009-01-15',
            relationshipToVictim: 'partner',
            livesWithVictim: true,
          },
          children: [
            { firstName: 'Robin', ageYears: 6, livesWithVictim: true, presentAtIncident: true },
            { ageYears: 2, livesWithVictim: false },
          ],
          incident: { summary: 'Suspect shouted and pushed the victim while the children were home.', offences: ['Common assault'] },
        });
        const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'no-risk-to-child',
          victimInformedReason: 'Victim still lives with the suspect, who monitors her phone: telling her now could put Robin at risk.',
        });
        expect(res.status).toBe(201);
        const r = (await res.json()) as Referral;
        expect(r.victimInformed).toBe('no-risk-to-child');
        const cs = r.dataset?.childrensServices;
        expect(cs).toBeDefined();
        expect(cs?.children).toEqual([
          {
            name: 'Robin',
            ageYears: 6,
            livesWithVictim: true,
            presentAtIncident: true,
            address: '12 Station Road, Watford, WD17 1AA',
            otherParent: null,
            suspectRelationship: null,
            school: null,
          },
          {
            name: null,
            ageYears: 2,
            livesWithVictim: false,
            presentAtIncident: null,
            address: null,
            otherParent: null,
            suspectRelationship: null,
            school: null,
          },
        ]);
        expect(cs?.dashChildren.map((q) => [q.key, q.answer])).toEqual([
          ['q9', 'no'],
          ['q10', 'yes'],
          ['q11', 'yes'],
          ['q12', 'not-known'],
        ]);
        expect(cs?.victim).toMatchObject({
          firstName: 'Sarah',
          lastName: 'Jones',
          ageAtIncident: 36,
          address: '12 Station Road, Watford, WD17 1AA',
          under18: false,
        });
        expect(cs?.suspect).toMatchObject({
          firstName: 'Lee',
          lastName: 'Taylor',
          ageAtIncident: 17,
          under18: true,
          relationshipToVictim: 'partner',
          livesWithVictim: true,
        });
        expect(cs?.incident).toMatchObject({ occurredAt: INCIDENT.occurredAt, offences: ['Common assault'] });
        expect(cs?.grounds.join(' ')).toMatch(/Children were present at the incident.*Suspect is 17: a child/);
        expect(cs?.victimInformed).toBe('no-risk-to-child');
        expect(cs?.victimInformedReason).toMatch(/monitors her phone/);
        expect(cs?.notInPoliceReport).toEqual(expect.arrayContaining(['school or nursery', 'the child’s other parent']));
        expect(r.dataset?.incidentSummary).toMatch(/pushed the victim/);
        // The code word never goes to children's services.
        expect(r.dataset?.safeContact.codeWord).toBeUndefined();

        // The front door's own user sees the same, and the PDF says it.
        await t.db.query(
          "INSERT INTO users (id, username, display_name, password_hash, roles, partner_id) SELECT gen_random_uuid(), 'partner-mash', 'Front door', password_hash, roles, 'childrens-services' FROM users WHERE username = 'partner-idva' ON CONFLICT DO NOTHING",
        );
        const mash = (await t.login('partner-mash')).cookie;
        const seen = await json<Referral>(call(mash, 'GET', `/referrals/${r.id}`));
        expect(seen.dataset?.childrensServices?.children[0].name).toBe('Robin');
        const doc = await call(mash, 'GET', `/referrals/${r.id}/document`);
        expect(doc.status).toBe(200);
        const pdf = Buffer.from(await doc.arrayBuffer());
        writeFileSync(join(OUT, `childrens-services-${database.name}.pdf`), pdf);
        const text = await pdfText(pdf);
        for (const expected of [
          'Child 1 Robin, age 6',
          'Address 12 Station Road, Watford, WD17 1AA',
          'Other parent Not in the police report: ask',
          'School or nursery Not in the police report: ask',
          'Q11. Has the abuser ever hurt the children or dependants? Yes',
          'Age 17 on the incident date: a child (under 18): youth justice too',
          'Victim informed No: telling the victim would put a child at risk.',
          'Statutory safeguarding referral',
        ])
          expect(text).toContain(expected);
      });

      it('a referral for a victim of 15 themself, the victim told', async () => {
        const { caseId } = await newCase({ victim: { dateOfBirth: '2011-06-01' } });
        const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'yes',
        });
        expect(res.status).toBe(201);
        const r = (await res.json()) as Referral;
        expect(r.dataset?.childrensServices).toMatchObject({
          children: [],
          victim: { ageAtIncident: 15, under18: true },
          victimInformed: 'yes',
          victimInformedReason: null,
        });
        expect(r.dataset?.childrensServices?.grounds.join(' ')).toMatch(/Victim is 15: a child themself/);
      });

      it('sends the front door grounds, never the hub’s own “Check:” prompts; with nothing else known, what to confirm', async () => {
        // Children listed who live elsewhere and were not there: a question for the hub, not yet a ground.
        const { caseId } = await newCase({ children: [{ ageYears: 6, presentAtIncident: false, livesWithVictim: false }] });
        const res = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'yes',
        });
        expect(res.status).toBe(201);
        const grounds = ((await res.json()) as Referral).dataset?.childrensServices?.grounds ?? [];
        expect(grounds.some((g) => g.startsWith('Check:'))).toBe(false);
        expect(grounds.join(' ')).toMatch(/^To confirm: the report lists children who do not live with the victim/);
      });
    });

    describe('no quiet closing of a child victim', () => {
      const close = (caseId: string, body: Record<string, unknown>) =>
        call(cw, 'POST', `/cases/${caseId}/status`, { reason: 'Victim does not want support now', ...body });
      const referChildrensServices = (caseId: string) =>
        call(cw, 'POST', `/cases/${caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'yes',
        });

      it('a victim of 17 (medium risk) cannot close before children’s services have their own referral', async () => {
        const { caseId } = await newCase({ victim: { dateOfBirth: '2009-06-01' } });
        const refused = await close(caseId, { status: 'closed' });
        expect(refused.status).toBe(422);
        const p = (await refused.json()) as Problem & { code: string };
        expect(p.code).toBe('childrens-services-referral-required');
        expect(p.errors?.[0].path).toBe('/status');
        expect((await referChildrensServices(caseId)).status).toBe(201);
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
      });

      it('a victim of 15 graded high goes the child-protection route: children’s services, not MARAC, before closing', async () => {
        const { caseId, detail } = await newCase({
          victim: { dateOfBirth: '2011-06-01' },
          officerRiskAssessment: { tool: 'dara', riskLevel: 'high', dash: undefined },
        });
        expect(detail.risk.grade).toBe('high');
        const refused = await close(caseId, { status: 'declined' });
        expect(refused.status).toBe(422);
        expect(((await refused.json()) as { blockers: Array<{ code: string }> }).blockers.map((b) => b.code)).toEqual([
          'childrens-services-referral-required',
        ]);
        expect((await referChildrensServices(caseId)).status).toBe(201);
        expect((await close(caseId, { status: 'declined' })).status).toBe(200);
      });

      it('an adult victim’s medium case closes as before', async () => {
        const { caseId } = await newCase();
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
      });
    });

    describe("children in the household: a children's services referral or a recorded decision before closing", () => {
      const close = (caseId: string, body: Record<string, unknown>, who = cw) =>
        call(who, 'POST', `/cases/${caseId}/status`, { reason: 'Victim does not want support now', ...body });
      const decide = (caseId: string, body: Record<string, unknown>, who = cw) =>
        call(who, 'PUT', `/cases/${caseId}/childrens-services-decision`, body);
      const withChild = { children: [{ ageYears: 4, presentAtIncident: false, livesWithVictim: true }] };

      it('refuses to close a case with a child at home until a decision is recorded; the decision and its words are kept beside the trail', async () => {
        const { caseId, detail } = await newCase(withChild);
        expect(detail.childrensServices).toMatchObject({
          childrenToSafeguard: true,
          reasons: ['children live in the household'],
          referralRequired: null,
          referred: false,
          decision: null,
          decisionInForce: false,
        });
        for (const status of ['closed', 'declined'] as const) {
          const refused = await close(caseId, { status });
          expect(refused.status).toBe(422);
          const p = (await refused.json()) as Problem & { code: string; blockers: Array<{ code: string }> };
          expect(p.code).toBe('childrens-services-decision-required');
          expect(p.blockers.map((b) => b.code)).toEqual(['childrens-services-decision-required']);
          expect(p.errors?.[0].path).toBe('/status');
        }
        const reason = 'Police child concern notice PN/2026/0417 went to the front door on 1 December';
        const res = await decide(caseId, { decision: 'police-notified', reason, version: detail.version });
        expect(res.status, await res.clone().text()).toBe(200);
        expect(((await res.json()) as CaseDetail).version).toBe(detail.version + 1);
        const after = await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`));
        expect(after.childrensServices.decision).toMatchObject({
          decision: 'police-notified',
          reason,
          by: { displayName: expect.any(String) },
        });
        // The trail names the decision and the reason's id, never the words (a police reference, a social worker).
        const [entry] = await t.db.query<{ details: Record<string, unknown> }>(
          `SELECT details FROM audit_entries WHERE entity_id = $1 AND action = 'case.childrens-services-decision'`,
          [caseId],
        );
        expect(entry.details).toMatchObject({ decision: 'police-notified', reasonId: expect.any(String) });
        expect(JSON.stringify(entry.details)).not.toContain('PN/2026/0417');
        const history = await json<Array<{ action: string; details: Record<string, unknown> }>>(
          call(cw, 'GET', `/cases/${caseId}/history`),
        );
        expect(history.find((h) => h.action === 'case.childrens-services-decision')?.details['reason']).toBe(reason);
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
      });

      it("police DASH children answers, a child present or pregnancy ask for it too; a children's services referral answers it by itself", async () => {
        const dash = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q10: 'yes' } } });
        expect(dash.detail.childrensServices.childrenToSafeguard).toBe(true);
        expect(((await (await close(dash.caseId, { status: 'closed' })).json()) as { code: string }).code).toBe(
          'childrens-services-decision-required',
        );
        const pregnant = await newCase({ victim: { pregnant: true } });
        expect(pregnant.detail.childrensServices.reasons).toEqual(['she is pregnant or has a baby under 18 months']);
        expect((await close(pregnant.caseId, { status: 'closed' })).status).toBe(422);
        // A child who saw it but lives with the other parent is a victim too (DA Act 2021 s.3).
        const present = await newCase({ children: [{ ageYears: 7, livesWithVictim: false, presentAtIncident: true }] });
        expect(present.detail.flags.childrenInHousehold).toBe(false);
        expect(present.detail.childrensServices.reasons).toContain('a child was present at the incident');
        expect((await close(present.caseId, { status: 'declined' })).status).toBe(422);
        // A report that does not say whether there are children leaves the question open.
        const unknown = await newCase({ children: undefined });
        expect(unknown.detail.childrensServices.reasons).toEqual(['the report does not say whether there are children']);
        expect((await close(unknown.caseId, { status: 'closed' })).status).toBe(422);

        const referred = await newCase(withChild);
        const sent = await call(cw, 'POST', `/cases/${referred.caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'yes',
        });
        expect(sent.status).toBe(201);
        expect((await json<CaseDetail>(call(cw, 'GET', `/cases/${referred.caseId}`))).childrensServices).toMatchObject({ referred: true });
        // Revoked, it answers nothing any more.
        const lead = (await t.login('team-lead')).cookie;
        const { id } = (await sent.json()) as { id: string };
        expect((await call(lead, 'POST', `/referrals/${id}/revoke`, { reason: 'Sent in error' })).status).toBe(200);
        expect((await close(referred.caseId, { status: 'closed' })).status).toBe(422);
      });

      it('harm to the children (DASH question 11 or 12) needs the referral: a decision is refused and does not answer', async () => {
        const { caseId, detail } = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q11: 'yes' } } });
        expect(detail.childrensServices.referralRequired).toBe('harm-to-children');
        const refused = await decide(caseId, { decision: 'police-notified', reason: 'Police notice sent' });
        expect(refused.status).toBe(422);
        expect(((await refused.json()) as { code: string }).code).toBe('childrens-services-referral-required');
        const blocked = await close(caseId, { status: 'closed' });
        expect(((await blocked.json()) as { code: string }).code).toBe('childrens-services-referral-required');
        const sent = await call(cw, 'POST', `/cases/${caseId}/referrals`, {
          partnerId: 'childrens-services',
          service: 'safeguarding-referral',
          victimInformed: 'yes',
        });
        expect(sent.status).toBe(201);
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
        // A child victim: only her own referral answers; no decision is recorded.
        const teen = await newCase({ victim: { dateOfBirth: '2009-06-01' }, ...withChild });
        expect(teen.detail.childrensServices.referralRequired).toBe('victim-under-18');
        expect((await decide(teen.caseId, { decision: 'not-needed', reason: 'x' })).status).toBe(422);
      });

      it('a decision is spent by a new police revision or a reopening; none is recorded on a closed case or one without children', async () => {
        const { caseId, report } = await newCase(withChild);
        expect((await decide(caseId, { decision: 'already-involved', reason: 'Allocated social worker, North team' })).status).toBe(200);
        expect((await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`))).childrensServices.decisionInForce).toBe(true);
        // The police send a revision (the same facts): what it brings was not weighed, so it is decided again.
        expect((await t.postReport(merge(report, { revision: 2 }))).status).toBe(200);
        const revised = await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`));
        expect(revised.childrensServices).toMatchObject({ decisionInForce: false, decision: { decision: 'already-involved' } });
        expect(((await (await close(caseId, { status: 'closed' })).json()) as { code: string }).code).toBe(
          'childrens-services-decision-required',
        );
        expect((await decide(caseId, { decision: 'already-involved', reason: 'Checked again: same social worker' })).status).toBe(200);
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
        // Closed: read-only (the guard, and again under the case's lock).
        expect((await decide(caseId, { decision: 'not-needed', reason: 'Children live with their father' })).status).toBe(409);
        // Reopened: the decision belonged to the episode before.
        expect((await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'triage', reason: 'She rang back with news' })).status).toBe(
          200,
        );
        expect((await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`))).childrensServices.decisionInForce).toBe(false);
        expect((await close(caseId, { status: 'closed' })).status).toBe(422);

        // A newer hub checklist brings what a decision never weighed (a baby under 18 months): it is made again.
        const baby = await newCase(withChild);
        expect((await decide(baby.caseId, { decision: 'not-needed', reason: 'Child lives safely with her gran' })).status).toBe(200);
        const answers: Record<string, string> = {};
        for (const q of RIC_QUESTIONS) answers[q.key] = 'no';
        const assessed = await call(cw, 'POST', `/cases/${baby.caseId}/risk-assessments`, { answers: { ...answers, q9: 'yes' } });
        expect(assessed.status, await assessed.clone().text()).toBe(201);
        const after = (await json<CaseDetail>(call(cw, 'GET', `/cases/${baby.caseId}`))).childrensServices;
        expect(after.reasons).toContain('she is pregnant or has a baby under 18 months');
        expect(after.decisionInForce).toBe(false);

        const none = await newCase();
        const nothing = await decide(none.caseId, { decision: 'not-needed', reason: 'No children' });
        expect(nothing.status).toBe(422);
        expect(((await nothing.json()) as { code: string }).code).toBe('no-children-to-safeguard');
      });

      it('names every failing field, stores nothing, and follows who may change the case', async () => {
        const { caseId, detail } = await newCase(withChild);
        const bad = await decide(caseId, { decision: 'maybe', reason: '   ' });
        expect(bad.status).toBe(400);
        expect(bad.headers.get('content-type')).toContain('application/problem+json');
        const paths = (((await bad.json()) as Problem).errors ?? []).map((e) => e.path).sort();
        expect(paths).toEqual(['/decision', '/reason']);
        expect((await decide(caseId, { decision: 'not-needed' })).status).toBe(400);
        const stale = await decide(caseId, {
          decision: 'not-needed',
          reason: 'The children live with their father',
          version: detail.version - 1,
        });
        expect(stale.status).toBe(409);
        // Another caseworker, not the assignee: the case's write rule.
        const other = (await t.login('caseworker2')).cookie;
        expect((await decide(caseId, { decision: 'not-needed', reason: 'The children live with their father' }, other)).status).toBe(403);
        const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM childrens_services_decisions WHERE case_id = $1', [
          caseId,
        ]);
        expect(n).toBe(0);
        expect((await json<CaseDetail>(call(cw, 'GET', `/cases/${caseId}`))).childrensServices.decision).toBeNull();
      });

      it('a team lead may close past it with a written reason; a newer decision replaces the older on the case', async () => {
        const { caseId } = await newCase(withChild);
        const lead = (await t.login('team-lead')).cookie;
        const overridden = await close(
          caseId,
          { status: 'closed', overrideReason: 'The family has moved to another county: their hub has the case' },
          lead,
        );
        expect(overridden.status, await overridden.clone().text()).toBe(200);
        const [o] = await t.db.query<{ rules: string[] }>('SELECT rules FROM closing_overrides WHERE case_id = $1', [caseId]);
        expect(o.rules).toEqual(['childrens-services-decision-required']);

        const second = await newCase(withChild);
        expect((await decide(second.caseId, { decision: 'not-needed', reason: 'Adult children only' })).status).toBe(200);
        expect((await decide(second.caseId, { decision: 'already-involved', reason: 'Allocated social worker, North team' })).status).toBe(
          200,
        );
        const d = await json<CaseDetail>(call(cw, 'GET', `/cases/${second.caseId}`));
        expect(d.childrensServices.decision).toMatchObject({ decision: 'already-involved', reason: 'Allocated social worker, North team' });
      });

      it('an adult victim with no children, and not pregnant, is not asked for a decision', async () => {
        const { caseId, detail } = await newCase();
        expect(detail.childrensServices).toMatchObject({ childrenToSafeguard: false, reasons: [] });
        expect((await close(caseId, { status: 'closed' })).status).toBe(200);
      });
    });

    it('the migration brings existing cases up to date from their current report (q10–q12, conflict, ages) and Catch22 to 16', async () => {
      const kids = await newCase({ officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q12: 'yes' } }, children: [] });
      const teen = await newCase({ victim: { dateOfBirth: '2009-06-01' }, suspect: { dateOfBirth: '2010-11-30' } });
      const migration = t.db.dataSource.migrations.find((m) => m.name === 'ChildrenUnder18s1764120000000');
      // A later migration whose trigger reads victim_age (case_queue) is taken down first and put back after, as a
      // rollback to before this migration would.
      const queue = t.db.dataSource.migrations.find((m) => m.name === 'CaseQueue1764470000000');
      expect(migration).toBeDefined();
      expect(queue).toBeDefined();
      const q = t.db.dataSource.createQueryRunner();
      try {
        await queue?.down?.(q);
        await migration?.down?.(q);
        // As before the migration: DASH children answers did not count.
        await q.query('UPDATE cases SET children_in_household = false WHERE id = $1', [kids.caseId]);
        await migration?.up(q);
        await queue?.up(q);
      } finally {
        await q.release();
      }
      const [a, b] = await Promise.all([kids.caseId, teen.caseId].map((id) => json<CaseDetail>(call(cw, 'GET', `/cases/${id}`))));
      expect(a.flags).toMatchObject({ childrenInHousehold: true, childrenConflict: true });
      expect(b.flags).toMatchObject({ victimUnder18: true, victimUnder16: false, suspectUnder18: true });
      const [c22] = await t.db.query<{ rule: { minAge: number } }>(
        "SELECT rule FROM partner_services WHERE partner_id = 'catch22' AND service = 'emotional-support'",
      );
      expect(c22.rule.minAge).toBe(16);
    });
  });
}
