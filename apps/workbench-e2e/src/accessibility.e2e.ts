import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds no violations on the sign-in page, the queue and a case page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('grid').or(page.getByRole('table')).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\//);
    await page.getByRole('heading', { name: /safe contact/i }).waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});
