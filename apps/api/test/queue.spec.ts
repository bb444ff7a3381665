import { compareTriageOrder, type CaseCounts, type CasePage, type CaseSummary } from '@lantern/shared/domain';
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
          createReport(
            { officerRiskAssessment: { tool: 'judgement', riskLevel: grades[i % grades.length], dash: undefined }, children },
            200 + i,
          ),
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

    it('orders by the explained priority, as the shared rule says', async () => {
      const all = await page('limit=500');
      expect(all.total).toBe(24);
      const sorted = [...all.items].sort(compareTriageOrder);
      expect(all.items.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
      for (let i = 1; i < all.items.length; i++) {
        expect(all.items[i - 1].priority.score).toBeGreaterThanOrEqual(all.items[i].priority.score);
      }
      for (const c of all.items) {
        expect(c.priority.score).toBe(c.priority.factors.reduce((s, f) => s + f.points, 0));
        expect(c.priority.factors.find((f) => f.factor === 'grade')?.label).toMatch(/grade/i);
      }
      // Same facts but grade: high before medium before standard.
      const rank = (g: string | null) => ({ high: 3, medium: 2, standard: 1 })[g ?? 'standard'] ?? 0;
      const plain = all.items.filter((c) =>
        c.priority.factors.every((f) => ['grade', 'waiting', 'children-in-household'].includes(f.factor)),
      );
      for (let i = 1; i < plain.length; i++) {
        if (plain[i - 1].flags.childrenInHousehold === plain[i].flags.childrenInHousehold) {
          expect(rank(plain[i - 1].risk.grade)).toBeGreaterThanOrEqual(rank(plain[i].risk.grade));
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

    it('filters unassigned cases and by status, grade, area, MARAC and breach, and counts per filter', async () => {
      expect((await page('assignee=none&limit=500')).total).toBe(24);
      expect((await page('assignee=me')).total).toBe(0);
      expect((await page('status=closed')).total).toBe(0);
      const all = (await page('limit=500')).items;
      const high = await page('grade=high&limit=500');
      expect(high.total).toBe(all.filter((c) => c.risk.grade === 'high').length);
      expect(high.items.every((c) => c.risk.grade === 'high')).toBe(true);
      const hm = await page('grade=high,medium&limit=500');
      expect(hm.total).toBe(all.filter((c) => c.risk.grade !== 'standard').length);
      const area = all[0].area;
      const byArea = await page(`area=${encodeURIComponent(area)}&limit=500`);
      expect(byArea.total).toBe(all.filter((c) => c.area === area).length);
      expect((await page('marac=true&limit=500')).total).toBe(all.filter((c) => c.risk.marac.required).length);
      expect((await page('breached=true&limit=500')).total).toBe(all.filter((c) => c.sla.breached).length);
      const counts = (await (await fetch(`${t.url}/api/v1/cases/counts`, { headers: { cookie } })).json()) as CaseCounts;
      expect(counts.total).toBe(24);
      expect(counts.byGrade.high + counts.byGrade.medium + counts.byGrade.standard + counts.byGrade.ungraded).toBe(24);
      expect(counts.byGrade.high).toBe(high.total);
      expect(counts.byArea[area]).toBe(byArea.total);
      expect(counts.unassigned).toBe(24);
      expect(counts.mine).toBe(0);
      expect(counts.matching).toBe(24);
      // `matching` counts what the same filters find on GET /cases: the workbench's count of a queue it holds in part.
      const countsFor = async (q: string) =>
        (await (await fetch(`${t.url}/api/v1/cases/counts?${q}`, { headers: { cookie } })).json()) as CaseCounts;
      for (const q of [
        'grade=high',
        'grade=high,medium',
        `area=${encodeURIComponent(area)}`,
        'marac=true',
        'breached=true',
        'assignee=me',
        `grade=standard&area=${encodeURIComponent(area)}&assignee=none`,
      ]) {
        const c = await countsFor(q);
        expect(c.matching, q).toBe((await page(`${q}&limit=500`)).total);
        expect(c.total, q).toBe(24);
      }
      for (const q of ['grade=urgent', 'marac=yes', 'breached=1', 'area=']) {
        expect((await fetch(`${t.url}/api/v1/cases?${q}`, { headers: { cookie } })).status, q).toBe(400);
        expect((await fetch(`${t.url}/api/v1/cases/counts?${q}`, { headers: { cookie } })).status, q).toBe(400);
      }
    });
  });
}
