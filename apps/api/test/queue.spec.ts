import { compareTriageOrder, type CasePage, type CaseSummary } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

for (const database of testDatabases()) {
  describe(`queue on ${database.name}`, () => {
    let t: TestApp;
    let cookie: string;
    beforeAll(async () => {
      t = await startTestApp(database);
      const grades = ['standard', 'high', 'medium', 'high', 'standard', 'medium', 'high', 'standard'] as const;
      for (let i = 0; i < 24; i++) {
        const children = i % 3 === 0 ? [{ ageYears: 4, livesWithVictim: true }] : [];
        const res = await t.postReport(
          createReport({ officerRiskAssessment: { tool: 'judgement', riskLevel: grades[i % grades.length], dash: undefined }, children }, 200 + i),
        );
        expect(res.status).toBe(201);
      }
      cookie = (await t.login('caseworker')).cookie;
    });
    afterAll(async () => {
      await t?.close();
    });

    async function page(q: string): Promise<CasePage> {
      const res = await fetch(`${t.url}/api/v1/cases?${q}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as CasePage;
    }

    it('orders by grade, then children in the household, then time waiting, as the shared rule says', async () => {
      const all = await page('limit=500');
      expect(all.total).toBe(24);
      const sorted = [...all.items].sort(compareTriageOrder);
      expect(all.items.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
      const rank = { high: 3, medium: 2, standard: 1 } as const;
      for (let i = 1; i < all.items.length; i++) {
        const a = all.items[i - 1];
        const b = all.items[i];
        const ga = rank[a.risk.grade ?? 'standard'];
        const gb = rank[b.risk.grade ?? 'standard'];
        expect(ga).toBeGreaterThanOrEqual(gb);
        if (ga === gb && a.flags.childrenInHousehold === b.flags.childrenInHousehold) {
          expect(Date.parse(a.receivedAt)).toBeLessThanOrEqual(Date.parse(b.receivedAt));
        }
        if (ga === gb && a.flags.childrenInHousehold !== b.flags.childrenInHousehold) {
          expect(a.flags.childrenInHousehold).toBe(true);
        }
      }
    });

    it('pages with a cursor without gaps or repeats, and reports the total on every page', async () => {
      const seen: CaseSummary[] = [];
      let cursor: string | null = null;
      do {
        const p: CasePage = await page(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(p.total).toBe(24);
        seen.push(...p.items);
        cursor = p.nextCursor;
      } while (cursor);
      const all = await page('limit=500');
      expect(seen.map((c) => c.id)).toEqual(all.items.map((c) => c.id));
    });

    it('filters unassigned cases and by status', async () => {
      expect((await page('assignee=none&limit=500')).total).toBe(24);
      expect((await page('assignee=me')).total).toBe(0);
      expect((await page('status=closed')).total).toBe(0);
    });
  });
}
