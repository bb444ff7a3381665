import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the audit trail: an auditor searches, downloads and verifies it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds a case’s entries by keyboard, verifies the chain, and is kept from caseworkers', async () => {
    const res = await postReport(createReport({ victim: { personId: 'P0E2EAUDIT1' } }, 9700));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    // A caseworker reads the case (an audited read) and has no audit page.
    const cwContext = await newContext(browser);
    const cw = await cwContext.newPage();
    await signIn(cw, 'caseworker');
    expect(await cw.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await cw.goto(`/cases/${caseId}`);
    await cw.getByRole('heading', { level: 1 }).first().waitFor();
    await cw.goto('/audit');
    await cw.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await cwContext.close();

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'auditor');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const rows = page.getByRole('region', { name: 'Audit entries, newest first' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);

    // A bad case id is named at the field, and focus goes there.
    await page.getByLabel('Case id').fill('not-a-case');
    await page.getByLabel('Case id').press('Enter');
    await expect.poll(() => page.getByLabel('Case id').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('A case id looks like').isVisible()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('caseId');

    // By keyboard: the case id, Enter to search.
    await page.getByLabel('Case id').fill(caseId);
    await page.getByLabel('Case id').press('Enter');
    await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' ')).toMatch(/entr(y|ies) shown/);
    const cells = page.getByRole('region', { name: 'Audit entries, newest first' }).getByRole('cell');
    await expect.poll(async () => (await cells.allTextContents()).join(' ')).toContain('case.read');
    const text = (await cells.allTextContents()).join(' ');
    expect(text).toContain('report.created');
    expect(text).toContain('Sam Carter (caseworker)');
    expect(text).not.toContain('auth.login');

    await page.getByRole('button', { name: 'Verify the trail' }).click();
    const verdict = page.getByTestId('verification');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/Valid\. The hash chain of \d+ entries is intact/);

    // The CSV of what is shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lantern-audit-\d{4}-\d{2}-\d{2}\.csv$/);

    expect(await violations(page)).toEqual([]);
    await shot(page, 'audit-trail');
    await context.close();
  });
});
