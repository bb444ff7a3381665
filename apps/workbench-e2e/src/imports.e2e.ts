import AxeBuilder from '@axe-core/playwright';
import { createReport, flattenReport, reportsCsv } from '@lantern/shared/testing';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Three reports as an extract whose surname column is headed "Surname" (mapped in the page), the third bad. */
function extract(): string {
  const rows = [0, 1, 2].map((i): Record<string, string> => {
    const flat = flattenReport(createReport({ victim: { personId: `P0E2EIMP${i}` } }, 9850 + i));
    delete flat['source.system'];
    const { ['victim.lastName']: surname, ...rest } = flat;
    return { ...rest, Surname: surname };
  });
  rows[2]['incident.weaponUsed'] = 'maybe';
  return reportsCsv(rows);
}

describe('CSV import: a team lead imports an extract', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews, maps an unknown header, imports with progress to 100 %, lists the bad row and downloads it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'team-lead');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import police reports' }).waitFor();

    await page.getByLabel('CSV file').setInputFiles({ name: 'extract-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(extract()) });
    await page.getByRole('heading', { name: '2. Check the first rows' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await shot(page, 'imports-1-preview-unknown-header');
    expect(await violations(page)).toEqual([]);

    // The empty select's floating label lies over it: click the label, as a person would.
    await page.getByText('Contract field for “Surname”').click();
    await page.getByRole('option', { name: 'victim.lastName', exact: true }).click();
    await page.getByLabel('Mapping name').fill('E2E extract');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('combobox', { name: 'Saved header mapping' }).getByText('E2E extract').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Import', exact: true }).isEnabled()).toBe(true);
    await page.getByText('2 pass, 1 with errors').waitFor();
    await shot(page, 'imports-2-preview-mapped');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Done: 3 of 3 rows \(100 %\) · 2 imported · 0 duplicates · 1 error/).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBe('100');
    const errors = page.getByRole('table', { name: /Rows not imported/ });
    await errors.getByRole('cell', { name: 'incident.weaponUsed' }).waitFor();
    expect(await errors.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: 'Download bad rows (CSV)' }).scrollIntoViewIfNeeded();
    await shot(page, 'imports-3-done-with-errors');
    expect(await violations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download bad rows (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('extract-e2e-bad-rows.csv');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toContain('import.line,import.errors');
    expect(text).toContain('incident.weaponUsed: must be true or false');
    expect(text.trim().split('\r\n')).toHaveLength(2);
    await context.close();
  });

  it('a caseworker has no Import link and cannot open the page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).count()).toBe(0);
    await page.goto('/team/imports');
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await context.close();
  });
});
