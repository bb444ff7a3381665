import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, launch, newContext, shot, signIn } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

/**
 * A queue longer than a page (issue 16, part 4): the browser holds the first page, reads the next as the user scrolls
 * to it, counts from the API, and takes in a live arrival that ranks among the rows it holds.
 */
let api: StartedApi;

/** What the page recorded of aria-activedescendant: each value, and whether it named an element in the page then. */
type ActiveSeen = Array<{ id: string | null; inPage: boolean }>;

async function apiTotal(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/cases?limit=1');
  return ((await res.json()) as { total: number }).total;
}

describe('a long queue in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    // 260 demo cases: more than the 200 rows of one page. No points for SLA states: the demo cases' clocks run out
    // or not with the hour of the day (staffed 8am–8pm), and the arrival below must rank first at any hour.
    const triageConfig = join(mkdtempSync(join(tmpdir(), 'lantern-queue-window-e2e-')), 'triage.json');
    writeFileSync(triageConfig, JSON.stringify({ weights: { slaBreached: 0, slaNear: 0 } }));
    api = await startApi({ LANTERN_DEMO_CASES: '260', LANTERN_TRIAGE_CONFIG: triageConfig });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('holds the first page, says how many there are, and reads the rest as the user scrolls', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    const total = await apiTotal(page);
    expect(total).toBeGreaterThan(200);
    const status = page.locator('.window-status');
    await status.getByText(`Showing the first 200 of ${total}`).waitFor();
    expect((await page.locator('#queue-count').textContent())?.trim()).toBe(`${total} cases waiting`);
    // The grid tells assistive technology how many rows the queue has, not how many are held.
    expect(await page.getByRole('grid', { name: 'Triage queue' }).getAttribute('aria-rowcount')).toBe(String(total + 1));
    await shot(page, '97-queue-window-first-page');

    // To the end with the keyboard: the next page is read, and the last row is the queue's last.
    await page.getByRole('grid', { name: 'Triage queue' }).focus();
    await page.keyboard.press('End');
    await status.waitFor({ state: 'detached' });
    await page.keyboard.press('End');
    // The key's change detection runs after the press returns: until then the row the first End chose is selected.
    const last = page.locator(`tr[aria-selected="true"]`);
    await expect.poll(async () => ((await last.count()) === 1 ? last.getAttribute('aria-rowindex') : null)).toBe(String(total + 1));
    await context.close();
  });

  it('moves a page at a time with Page Down, and names as the active row only a row that is in the page', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    const grid = page.getByRole('grid', { name: 'Triage queue' });
    await page.locator('tr[id^="queue-row-"]').first().waitFor();
    await page.mouse.move(5, 5);
    // Every value aria-activedescendant takes, and whether the row it names was in the page at that moment: the
    // viewport draws only a few rows beyond those in sight, so Page Down lands on a row drawn after the scroll.
    await page.evaluate(() => {
      const table = document.querySelector('table[role="grid"]') as HTMLElement;
      const seen: ActiveSeen = [];
      (window as unknown as { activeSeen: ActiveSeen }).activeSeen = seen;
      new MutationObserver(() => {
        const id = table.getAttribute('aria-activedescendant');
        seen.push({ id, inPage: id === null || document.getElementById(id) !== null });
      }).observe(table, { attributes: true, attributeFilter: ['aria-activedescendant'] });
    });
    const drawnBefore = await page.locator('tr[id^="queue-row-"]').count();
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    const presses = 4;
    for (let i = 0; i < presses; i++) await page.keyboard.press('PageDown');
    const active = page.locator('tr[aria-selected="true"]');
    await active.waitFor();
    // The presses are handled one after another: wait for the last one's row (the one read once the first was
    // selected could be an earlier one), then the grid must name it. The presses went past every row drawn before
    // them (row n has aria-rowindex n + 1: the header is 1).
    await expect.poll(async () => Number(await active.getAttribute('aria-rowindex')) - 1).toBeGreaterThan(drawnBefore);
    await expect
      .poll(async () => {
        const id = await active.getAttribute('id');
        return id !== null && (await grid.getAttribute('aria-activedescendant')) === id;
      })
      .toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { activeSeen: ActiveSeen }).activeSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => !s.inPage)).toEqual([]);
    await context.close();
  });

  it('takes in a live arrival that ranks among the rows held, and counts it', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();
    const total = await apiTotal(page);
    await page.locator('.window-status').getByText(`Showing the first 200 of ${total}`).waitFor();
    // The pointer away from the table: over it, the order is held and a new row waits at the bottom (held-order.ts).
    await page.mouse.move(5, 5);
    // Every DASH answer yes, strangled, a weapon, children present: it ranks at the top of any queue.
    const dash = Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`q${i + 1}`, 'yes' as const]));
    const base = createReport({ victim: { firstName: 'Winifred', lastName: 'Windowsill', personId: 'P0E2EWIN1' } }, 4343);
    const report = {
      ...base,
      officerRiskAssessment: { tool: 'dash' as const, riskLevel: 'high' as const, dash },
      incident: { ...base.incident, strangulation: true, weaponUsed: true },
    };
    const res = await fetch(`${api.url}/api/v1/intake/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(201);
    // Ranked first: taken into the rows held and drawn at the top.
    const first = page.locator('tr[id^="queue-row-"]').first();
    await first.filter({ hasText: 'Winifred Windowsill' }).waitFor({ timeout: 5000 });
    // The count is the API's (the window holds part of the queue), read again a second after the arrival.
    await page
      .locator('#queue-count')
      .getByText(`${total + 1} cases waiting`)
      .waitFor({ timeout: 5000 });
    await page
      .locator('.window-status')
      .getByText(`Showing the first 201 of ${total + 1}`)
      .waitFor();
    await context.close();
  });
});
