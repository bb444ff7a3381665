import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

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
    const eligibleServices = (opts: Option[]) => opts.filter((o) => o.eligible).map((o) => o.service).sort();

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
      expect(eligibleServices(opts)).toEqual(['emotional-support', 'idva', 'non-molestation-order', 'refuge-place', 'safeguarding-referral']);
      expect(opts[0]).toMatchObject({ partnerId: 'idva', eligible: true });
      expect(opts.find((o) => o.partnerId === 'mankind')?.reasons[0]).toMatch(/female/);
    });

    it('offers a standard-risk man his area’s outreach team and Mankind, not the refuge or IDVA', async () => {
      const opts = await options({
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        incident: { area: 'St Albans and Dacorum' },
        victim: { gender: 'male', dateOfBirth: '1980-01-01' },
        children: [],
        suspect: { relationshipToVictim: 'partner' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
      });
      expect(eligibleServices(opts)).toEqual(['emotional-support', 'male-victims', 'non-molestation-order', 'outreach-st-albans-and-dacorum']);
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
      expect((await fetch(`${t.url}/api/v1/cases/00000000-0000-4000-8000-000000000000/referral-options`, { headers: { cookie } })).status).toBe(404);
      expect((await fetch(`${t.url}/api/v1/partners`)).status).toBe(401);
    });
  });
}
