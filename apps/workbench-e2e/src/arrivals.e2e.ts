import AxeBuilder from '@axe-core/playwright';
import type { Preferences } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, flagProblems, launch, newContext, postReport, shot, signIn } from './support/browser';

/*
 * The shared API: other files post high-risk reports to it at any time, and each lands in this user's arrivals too.
 * So the title is checked against the list as shown, and this file looks only at the cases it posted.
 */

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function post(report: { reference: string }): Promise<string> {
  const res = await postReport(report);
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

const highRisk = (seed: number, lastName: string) =>
  createReport(
    {
      victim: { firstName: 'Rosalind', lastName, personId: `P0E2EARR${seed}` },
      suspect: { personId: `S0E2EARR${seed}` },
      officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      incident: { previousIncidents12Months: 0 },
    },
    seed,
  );

const routine = (seed: number, lastName: string) =>
  createReport(
    {
      victim: { firstName: 'Ottilie', lastName, personId: `P0E2EARR${seed}` },
      suspect: { personId: `S0E2EARR${seed}` },
      officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
      incident: { previousIncidents12Months: 0, strangulation: false, weaponUsed: false },
      children: [],
    },
    seed,
  );

describe('arrivals you cannot miss, and a readable queue', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  /** The title as it must read for the arrivals listed now: "(n) Triage queue · Lantern", or no count at none. */
  const expectedTitle = async (page: Page) => {
    const n = await page
      .getByRole('region', { name: /Arrivals to acknowledge/ })
      .getByRole('listitem')
      .count();
    return n ? `(${n}) Triage queue · Lantern` : 'Triage queue · Lantern';
  };

  it('keeps a high-risk arrival listed after a routine one, counts it in the tab title, until it is acknowledged', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();
    // A fresh tab lists nothing: arrivals are what came while it was open.
    expect(await page.title()).toBe('Triage queue · Lantern');

    const high = highRisk(8101, 'Arrivalton');
    await post(high);
    const arrivals = page.getByRole('region', { name: /Arrivals to acknowledge/ });
    await arrivals.getByText(high.reference).waitFor({ timeout: 15_000 });
    // Screen readers hear it at once.
    await page
      .locator('[aria-live="assertive"]')
      .filter({ hasText: `New high-risk case ${high.reference} in the queue.` })
      .waitFor();

    // A routine arrival two seconds later no longer takes its place: it is announced politely, and not listed.
    const calm = routine(8102, 'Routineby');
    await post(calm);
    await page.getByText(`New standard-risk case ${calm.reference}`).waitFor({ timeout: 15_000 });
    expect(await arrivals.getByText(high.reference).isVisible()).toBe(true);
    expect(await arrivals.getByText(calm.reference).count()).toBe(0);
    // "(1) Triage queue · Lantern", unless another file's high-risk report arrived meanwhile.
    await expect.poll(async () => (await page.title()) === (await expectedTitle(page))).toBe(true);
    expect(await page.title()).toMatch(/^\(\d+\) Triage queue · Lantern$/);
    // The header says so on every page.
    await page.getByRole('link', { name: /^Arrivals: \d+ high-risk to acknowledge$/ }).waitFor();
    await shot(page, '95-arrivals-listed');
    expect(await violations(page)).toEqual([]);

    // A reload keeps the list (this tab's session).
    await page.reload();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await arrivals.getByText(high.reference).waitFor();
    await expect.poll(async () => (await page.title()) === (await expectedTitle(page))).toBe(true);

    // Acknowledged: gone from the list and from the count, and it stays gone after a reload.
    await arrivals.getByRole('button', { name: `Acknowledge ${high.reference}` }).click();
    await page.getByRole('button', { name: `Acknowledge ${high.reference}` }).waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.title()) === (await expectedTitle(page))).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Acknowledge ${high.reference}` }).count()).toBe(0);
    await expect.poll(async () => (await page.title()) === (await expectedTitle(page))).toBe(true);

    // Two more, and Acknowledge all.
    const a = highRisk(8103, 'Firstcome');
    const b = createReport(
      {
        victim: { firstName: 'Rosalind', lastName: 'Withchildren', personId: 'P0E2EARR8104' },
        suspect: { personId: 'S0E2EARR8104' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        incident: { previousIncidents12Months: 0 },
        children: [{ ageYears: 4, livesWithVictim: true }],
      },
      8104,
    );
    await post(a);
    await arrivals.getByText(a.reference).waitFor({ timeout: 15_000 });
    // A second arrival listed moves nothing below the list: the table stays where the caseworker's pointer is.
    const tableTop = async () => (await page.locator('cdk-virtual-scroll-viewport').boundingBox())?.y;
    const before = await tableTop();
    await post(b);
    await arrivals.getByText(b.reference).waitFor({ timeout: 15_000 });
    expect(before).toBeGreaterThan(0);
    expect(await tableTop()).toBe(before);
    // Their order (the queue's priority rule) is checked in arrivals.feature.spec.ts.
    await expect.poll(async () => (await page.title()) === (await expectedTitle(page))).toBe(true);
    await arrivals.getByRole('button', { name: 'Acknowledge all' }).click();
    await arrivals.waitFor({ state: 'detached' });
    await expect.poll(() => page.title()).toBe('Triage queue · Lantern');
    await context.close();
  }, 180_000);

  it('saves the alerts toggle in the preferences (off by default); the notification carries no victim detail', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['notifications']);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options?: { body?: string }) {
          shown.push([title, options?.body ?? ''].join('|'));
        }
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    await signIn(page, 'caseworker2');
    await page.getByText('Live', { exact: true }).waitFor();
    const toggle = page.getByRole('switch', { name: 'Sound and notification for high-risk arrivals' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect
      .poll(async () => ((await (await page.request.get('/api/v1/me/preferences')).json()) as Preferences).arrivals.alerts)
      .toBe(true);
    const high = highRisk(8105, 'Notifyme');
    await post(high);
    await page
      .getByRole('region', { name: /Arrivals to acknowledge/ })
      .getByText(high.reference)
      .waitFor({ timeout: 15_000 });
    // Every notification (another file's arrivals count too) has the one text and no body.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.length))
      .toBeGreaterThan(0);
    const shown = await page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
    expect(new Set(shown)).toEqual(new Set(['New high-risk case in the queue|']));
    await toggle.click();
    await expect
      .poll(async () => ((await (await page.request.get('/api/v1/me/preferences')).json()) as Preferences).arrivals.alerts)
      .toBe(false);
    await context.close();
  }, 180_000);

  it('at 1280 px: the reference is never cut short, an Assignee column explains claimed rows, columns and density are saved', async () => {
    // Scroll bars shown (headless Chromium hides them by default): a hub's desktop gives the list one, and its width
    // comes out of the victim column.
    const desktop = await launch({ scrollbars: true });
    const context = await desktop.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const lead = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      const mine = highRisk(8106, 'Readable');
      const caseId = await post(mine);
      // A row with every queue flag but "Arrived overnight" (which a report posted after 20:00 adds): MARAC, a
      // 17-year-old victim, a 17-year-old suspect, a serial suspect (named on another victim's case) and a repeat
      // victim. More than two lines of chips at 1280 px: the cell must fold the rest into "+N", never cut one.
      const crowded = (seed: number, victim: { firstName: string; lastName: string; personId: string }) =>
        createReport(
          {
            victim: { ...victim, dateOfBirth: '2009-01-01' },
            suspect: { personId: 'S0E2EARRCROWD', dateOfBirth: '2009-06-01' },
            officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
          },
          seed,
        );
      const crowdedVictim = { firstName: 'Clementine', lastName: 'Crowded', personId: 'P0E2EARRCROWD' };
      await post(crowded(8107, crowdedVictim));
      await post(crowded(8108, { firstName: 'Harriet', lastName: 'Elsewhere', personId: 'P0E2EARRELSE' }));
      const crowdedId = await post(crowded(8109, crowdedVictim));
      await signIn(page, 'caseworker');
      for (const id of [caseId, crowdedId]) {
        const claim = await page.request.post(`/api/v1/cases/${id}/claim`, { data: {} });
        expect(claim.status()).toBe(200);
      }
      // The shared queue is long: show this user's cases, so the row is rendered by the virtual scroll.
      await page.goto('/queue?assignee=me');
      await page.getByRole('columnheader', { name: 'Assignee' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Rosalind Readable' });
      await row.waitFor();
      await expect.poll(() => row.locator('td.mat-column-assignee').innerText()).toBe('You');

      const reference = row.locator('td.mat-column-reference');
      expect((await reference.innerText()).trim()).toBe(mine.reference);
      const fits = await reference.evaluate((el) => el.scrollWidth <= el.clientWidth);
      expect(fits).toBe(true);
      // In view without scrolling sideways: the cell ends inside the table's viewport.
      const viewport = await page.locator('cdk-virtual-scroll-viewport').boundingBox();
      const cell = await reference.boundingBox();
      expect(cell && viewport && cell.x + cell.width <= viewport.x + viewport.width).toBe(true);

      // A team lead opens the case, so the presence chip sits under the name while the rows are measured.
      const leadPage = await lead.newPage();
      await signIn(leadPage, 'team-lead');
      await leadPage.goto(`/cases/${caseId}`);
      const chip = row.locator('lantern-presence-list .chip');
      await chip.waitFor({ timeout: 10_000 });
      // Every shown row (the shared API's, from every other file) keeps its fixed height: a row that grew would
      // put the virtual scroll's sums out. Named when one does not.
      const tall = await page
        .locator('tr.mat-mdc-row')
        .evaluateAll((rows) =>
          rows
            .filter((r) => Math.abs(r.getBoundingClientRect().height - 52) > 0.5)
            .map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ')),
        );
      expect(tall).toEqual([]);
      // No cell of any shown row is cut with an ellipsis, nor runs past its box (named when one does).
      const truncated = await page
        .locator('tr.mat-mdc-row td')
        .evaluateAll((cells) =>
          cells
            .filter(
              (c) =>
                (getComputedStyle(c).textOverflow === 'ellipsis' && c.scrollWidth > c.clientWidth) || c.scrollHeight > c.clientHeight + 1,
            )
            .map((c) => `${/mat-column-\w+/.exec(c.className)?.[0]}: ${(c as HTMLElement).innerText.replace(/\s+/g, ' ')}`),
        );
      expect(truncated).toEqual([]);
      // Nor a flag: the crowded row shows what fits and names the rest in "+N".
      const crowdedRow = page.getByRole('row').filter({ hasText: 'Clementine Crowded' }).last();
      await crowdedRow.waitFor();
      const more = crowdedRow.locator('lantern-flag-list > .more');
      await expect.poll(() => more.isVisible()).toBe(true);
      expect(await crowdedRow.locator('lantern-flag-chip:not(.overflowed)').first().innerText()).toContain('MARAC');
      expect(await flagProblems(page)).toEqual([]);
      // Nor is a victim's name (it wraps to a second line, also over the presence chip): every shown name fits its box,
      // or, longer than two lines (another file's case may be shown here: "Mine" takes in what the same account claims
      // elsewhere), shows two whole lines (the full name is its title). Never squeezed to one line by the chip, and
      // never cut sideways.
      const clippedNames = await page
        .locator('tr.mat-mdc-row a.victim-link')
        .evaluateAll((links) =>
          links
            .filter(
              (a) =>
                a.scrollWidth > a.clientWidth + 1 ||
                (a.scrollHeight > a.clientHeight + 1 && a.clientHeight < 2 * parseFloat(getComputedStyle(a).lineHeight) - 1),
            )
            .map((a) => a.textContent?.trim()),
        );
      expect(clippedNames).toEqual([]);
      const [rowBox, chipBox] = [await row.boundingBox(), await chip.boundingBox()];
      expect(rowBox && chipBox && chipBox.y + chipBox.height <= rowBox.y + rowBox.height).toBe(true);
      // The list really has a scroll bar here when it is longer than the page (else the widths were not tried).
      const scrollbar = await page.locator('cdk-virtual-scroll-viewport').evaluate((v) => ({
        bar: (v as HTMLElement).offsetWidth - v.clientWidth,
        long: v.scrollHeight > v.clientHeight,
      }));
      if (scrollbar.long) expect(scrollbar.bar).toBeGreaterThan(0);
      await shot(page, '96-queue-1280');
      expect(await violations(page)).toEqual([]);
    } finally {
      await lead.close();
      await context.close();
      await desktop.close();
    }
  }, 180_000);

  it('Columns: the identifying columns cannot be hidden, others and the density can, saved per user (an auditor here)', async () => {
    // Not the caseworker: other files use that account on the shared API at the same time, with default columns.
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const page = await context.newPage();
    await signIn(page, 'auditor');
    const row = page.locator('tr.mat-mdc-row').first();
    await row.waitFor();
    // The rows render, then re-render when the user's saved preferences arrive: measured once they have settled.
    await expect.poll(async () => Math.round((await row.boundingBox())?.height ?? 0)).toBe(52);

    // Columns: the reference, victim and risk grade cannot be hidden; Waiting can. Compact rows. Keyboard-operable.
    await page.getByRole('button', { name: 'Columns' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitemcheckbox', { name: /Reference \(always shown\)/ }).isDisabled()).toBe(true);
    const waiting = menu.getByRole('menuitemcheckbox', { name: 'Waiting' });
    expect(await waiting.getAttribute('aria-checked')).toBe('true');
    await waiting.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => waiting.getAttribute('aria-checked')).toBe('false');
    await menu.getByRole('menuitemradio', { name: 'Compact rows' }).click();
    await shot(page, '97-queue-columns-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Waiting' }).count()).toBe(0);
    await expect.poll(async () => Math.round((await row.boundingBox())?.height ?? 0)).toBe(48);
    // Every shown row, not just the first: a two-line clock under a badge or a name over a chip must fit 48 px too.
    expect(
      await page
        .locator('tr.mat-mdc-row')
        .evaluateAll((rows) =>
          rows
            .filter((r) => Math.abs(r.getBoundingClientRect().height - 48) > 0.5)
            .map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ')),
        ),
    ).toEqual([]);

    // Saved on the server: a reload (and any other browser) applies them.
    await page.reload();
    await row.waitFor();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Waiting' }).count()).toBe(0);
    await expect.poll(async () => Math.round((await row.boundingBox())?.height ?? 0)).toBe(48);
    await shot(page, '98-queue-compact');

    // Back to the defaults (comfortable, every column).
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Waiting' }).click();
    await page.getByRole('menuitemradio', { name: 'Comfortable rows' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Waiting' }).waitFor();
    await context.close();
  }, 180_000);

  it('at 390 px: the queue is cards, with no sideways scrolling', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.goto('/queue?assignee=me');
    const card = page.getByRole('row').filter({ hasText: 'Rosalind Readable' });
    await card.waitFor();
    const viewport = page.locator('cdk-virtual-scroll-viewport');
    expect(await viewport.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await card.locator('td.mat-column-reference').evaluate((el) => el.getBoundingClientRect().right <= 390)).toBe(true);
    expect(await page.locator('lantern-queue-page').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await shot(page, '99-queue-390');
    await context.close();
  }, 180_000);
});
