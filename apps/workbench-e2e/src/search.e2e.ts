import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('search: a victim calling back is found by surname, reference and phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds its own report from the header by keyboard, opens it, and reads at 390 px', async () => {
    const reference = 'HC/2026/986512';
    const res = await postReport(
      createReport(
        {
          reference,
          victim: { personId: 'P0E2ESRCH1', firstName: 'Siobhán', lastName: 'Quennell-Ashdown', phone: '07700 900986' },
          suspect: { personId: 'S0E2ESRCH1', firstName: 'Dean', lastName: 'Marlow' },
        },
        9860,
      ),
    );
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    const box = page.getByRole('searchbox', { name: 'Search cases by name, reference or phone number' });
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('link');

    // "/" focuses the header's box (from the page, not while typing); the surname, Enter: the results page.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lantern-header-search');
    await page.keyboard.type('quennell');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/search');
    await expect.poll(() => results.count()).toBe(1);
    const first = results.first();
    expect(await first.textContent()).toContain('Siobhán Quennell-Ashdown');
    expect(await first.textContent()).toContain(reference);
    expect(await first.textContent()).toContain('Unassigned');
    expect(await first.textContent()).toContain('Matched by name');
    expect(await page.getByRole('status').filter({ hasText: 'found' }).textContent()).toContain('1 case found');

    // Part of the reference, then the number written another way: the same case.
    await box.fill('986512');
    await box.press('Enter');
    await expect.poll(async () => (await results.allTextContents()).join(' ')).toContain('Matched by reference');
    expect(await results.first().textContent()).toContain('Siobhán Quennell-Ashdown');
    await box.fill('+44 (0)7700 900-986');
    await box.press('Enter');
    await expect.poll(async () => (await results.allTextContents()).join(' ')).toContain('Matched by phone number');
    expect(await results.count()).toBe(1);

    expect(await violations(page)).toEqual([]);
    await shot(page, 'search-results');

    // Keyboard: ↓ from the page's search box to the first result, Enter opens the case.
    const pageBox = page.getByRole('main').getByRole('searchbox', { name: 'Name, police reference or phone number' });
    await pageBox.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(reference);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${caseId}`);

    // "/" stays quiet while typing in a field.
    await page.goto('/search?q=a');
    expect(await page.getByRole('alert').textContent()).toContain('at least two letters or digits');
    await pageBox.fill('ab/');
    expect(await pageBox.inputValue()).toBe('ab/');

    // At 390 px the results reflow: no sideways scrolling, and still no axe violations.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/search?q=quennell');
    await expect.poll(() => results.count()).toBe(1);
    const main = page.locator('main');
    expect(await main.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const box390 = await results.first().boundingBox();
    expect(box390 && box390.x >= 0 && box390.x + box390.width <= 390).toBe(true);
    expect(await violations(page)).toEqual([]);
    await shot(page, 'search-results-390');
    await context.close();
  });

  it('keeps search from roles that read no cases', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'partner-idva', 'Referrals to');
    expect(await page.getByRole('searchbox').count()).toBe(0);
    await context.close();
  });
});
