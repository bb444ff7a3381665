import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, merge } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';
import { pdfText } from './support/pdf-text';

for (const database of testDatabases()) {
  describe(`MARAC referral form on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let partner: string;
    let officer: string;
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      [cw, partner, officer] = await Promise.all(['caseworker', 'partner-idva', 'officer'].map(async (u) => (await t.login(u)).cookie));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('pre-fills victim, safe contact, perpetrator, children, the RIC answers and the MARAC reasons from the case', async () => {
      const report = merge(createReport({ victim: { personId: 'P0MARAC1' }, incident: { previousIncidents12Months: 0 } }, 2700), {
        victim: {
          firstName: 'Rosalind',
          lastName: 'Formfield',
          dateOfBirth: '1991-02-03',
          safeContact: { phone: '07700 900611', safeTimes: 'weekdays 10:00-12:00', smsSafe: true, notes: 'He checks her phone after 6pm' },
        },
        suspect: { firstName: 'Gareth', lastName: 'Example', relationshipToVictim: 'ex-partner', onBail: true },
        children: [{ firstName: 'Poppy', ageYears: 6, livesWithVictim: true, presentAtIncident: true }],
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: undefined },
      });
      const caseId = ((await (await t.postReport(report)).json()) as { caseId: string }).caseId;
      await claim(t, cw, caseId);
      // The hub's own checklist: 14 yes (RIC 1–14 → police q1–q9, q13–q17), strangulation among them.
      const answers: Record<string, string> = {};
      for (let q = 1; q <= 27; q++) answers[`q${q}`] = 'no';
      for (const q of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17]) answers[`q${q}`] = 'yes';
      answers['q20'] = 'declined';
      const ra = await call(cw, 'POST', `/cases/${caseId}/risk-assessments`, { answers });
      expect(ra.status).toBe(201);
      // Until the hub confirms them, the officer's words are not passed on as safe times.
      const before = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
      expect(before).toContain('Safe times Not confirmed yet — ask the hub before contacting');
      expect(before).not.toContain('weekdays 10:00-12:00');
      // Nor the officer's free-text notes: they stay with the hub (the pack goes to every agency at the meeting).
      expect(before).not.toContain('checks her phone');
      // A caseworker confirms the plan: weekday mornings, and Friday nights past midnight (she works nights).
      const confirmed = await call(cw, 'PUT', `/cases/${caseId}/safe-contact`, {
        plan: {
          numbers: [
            { number: '07700 900611', owner: 'victim', safe: true },
            { number: '07700 900612', owner: 'victim', safe: false },
          ],
          emails: [],
          windows: [
            { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '12:00' },
            { days: ['fri'], from: '22:00', to: '02:00' },
          ],
          channels: ['call', 'sms'],
          codeWord: 'bluebell',
          timeRule: 'windows',
          notes: 'Ask for Rosie; say it is the dentist',
        },
      });
      expect(confirmed.status).toBe(200);

      const res = await call(cw, 'GET', `/cases/${caseId}/marac-referral`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      const text = await pdfText(pdf);
      for (const expected of [
        'MARAC referral',
        'Rosalind Formfield',
        // Plain English with UK dates (issue 15): no ISO dates or raw codes.
        'Date of birth 03/02/1991',
        'Safe numbers 07700 900611',
        'Safe times Mon–Fri 10:00–12:00; Fri 22:00–02:00 (next day)',
        'Safe channels Phone call, Text message (SMS)',
        'Gareth Example',
        'Relationship to victim Ex-partner',
        'Poppy, age 6',
        '14 of 24 "yes"',
        'Visible high risk',
        'Has the current incident resulted in injury? Yes',
        'Declined to answer',
        'Sam Carter',
        'Consent to contact (support services) given (police report)',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('dentist');
      // Not a number the hub has not confirmed safe, and never the code word: the MARAC pack goes to every agency.
      expect(text).not.toContain('1991-02-03');
      expect(text).not.toContain('07700 900612');
      expect(text).not.toContain('bluebell');
      const outDir = join(import.meta.dirname, '../../../dist/documents');
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, `marac-referral-${database.name}.pdf`), pdf);
      const audit = await t.db.query("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'case.marac-form' AND entity_id = $1", [
        caseId,
      ]);
      expect(audit[0].n).toBe(2); // each download is audited: before and after the plan was confirmed

      // She tells the hub she does not want to be contacted: every agency at the meeting reads it beside the numbers.
      expect((await call(cw, 'POST', `/cases/${caseId}/consent`, { contact: 'refused', method: 'phone' })).status).toBe(201);
      const after = await pdfText(Buffer.from(await (await call(cw, 'GET', `/cases/${caseId}/marac-referral`)).arrayBuffer()));
      expect(after).toMatch(
        /Consent to contact \(support services\) refused \(recorded by the hub: phone, Sam Carter[^)]*\): she does not want/,
      );
      expect(after).toContain('Do not contact her without speaking to the hub first.');
    });

    it('is for hub staff only', async () => {
      const caseId = ((await (await t.postReport(createReport({ victim: { personId: 'P0MARAC2' } }, 2701))).json()) as { caseId: string })
        .caseId;
      expect((await call(partner, 'GET', `/cases/${caseId}/marac-referral`)).status).toBe(403);
      expect((await call(officer, 'GET', `/cases/${caseId}/marac-referral`)).status).toBe(403);
      expect((await fetch(`${t.url}/api/v1/cases/${caseId}/marac-referral`)).status).toBe(401);
      expect((await call(cw, 'GET', '/cases/00000000-0000-4000-8000-000000000000/marac-referral')).status).toBe(404);
    });
  });
}
