import type { ProblemDetails } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';
import { claim } from './support/claim';

/** Issue 15: a closed case is read-only; only reopening it (and the satisfaction survey, the printed forms) is allowed. */
for (const database of testDatabases()) {
  describe(`closed cases on ${database.name}`, () => {
    let t: TestApp;
    let cw: string;
    let lead: string;
    const call = (cookie: string, method: string, path: string, body?: unknown) => t.call(cookie, method, path, body);

    beforeAll(async () => {
      t = await startTestApp(database);
      cw = (await t.login('caseworker')).cookie;
      lead = (await t.login('team-lead')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses every write to a closed case with 409 case-closed until it is reopened', async () => {
      const res = await t.postReport(createReport({ victim: { personId: 'P0C9150' } }, 9150));
      expect(res.status).toBe(201);
      const { caseId } = (await res.json()) as { caseId: string };
      await claim(t, cw, caseId);
      const closed = await call(lead, 'POST', `/cases/${caseId}/status`, {
        status: 'closed',
        reason: 'Duplicate of an open case',
        closureReason: 'duplicate',
        overrideReason: 'Duplicate of a case already being worked',
      });
      expect(closed.status, await closed.clone().text()).toBe(200);

      const writes: Array<[string, string]> = [
        ['PUT', `/cases/${caseId}/safe-contact`],
        ['POST', `/cases/${caseId}/contact-attempts`],
        ['POST', `/cases/${caseId}/risk-assessments`],
        ['POST', `/cases/${caseId}/referrals`],
        ['POST', `/cases/${caseId}/callbacks`],
        ['POST', `/cases/${caseId}/assign`],
      ];
      for (const [method, path] of writes) {
        // Assigning is a team lead's (a caseworker gets the permission table's 403 first).
        for (const who of path.endsWith('/assign') ? [lead] : [cw, lead]) {
          const r = await call(who, method, path, {});
          expect(r.status, `${method} ${path}`).toBe(409);
          expect(r.headers.get('content-type')).toContain('application/problem+json');
          const p = (await r.json()) as ProblemDetails & { code?: string };
          expect(p.code).toBe('case-closed');
          expect(p.detail).toContain('reopen');
        }
      }
      // Reading is still allowed, and so is the MARAC form printed from the record.
      expect((await call(cw, 'GET', `/cases/${caseId}`)).status).toBe(200);

      // Reopening is the one write allowed; after it, writes reach their own validation again (400, not 409).
      const reopened = await call(cw, 'POST', `/cases/${caseId}/status`, { status: 'triage', reason: 'Not a duplicate after all' });
      expect(reopened.status).toBe(200);
      const after = await call(cw, 'POST', `/cases/${caseId}/contact-attempts`, {});
      expect(after.status).toBe(400);
    });
  });
}
