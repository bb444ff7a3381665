import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, flagProblems, launch, newContext, shot, signIn, claimCase } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

/** This file's own API, so its queue holds the demo cases and these, whatever the other files left behind. */
let api: StartedApi;

function postReport(report: unknown): Promise<Response> {
  return fetch(`${api.url}/api/v1/intake/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
    body: JSON.stringify(report),
  });
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('outreach area and serial suspects in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows the outreach area from the victim’s home, corrects it, and links a suspect’s other victims from the queue', async () => {
    const suspect = { personId: 'S0E2ESER1', firstName: 'Lee', lastName: 'Hughes' };
    const first = createReport(
      {
        reference: 'HC/2026/E2EA01',
        victim: {
          firstName: 'Imogen',
          lastName: 'Homeward',
          personId: 'P0E2EA01',
          address: { line1: '12 Verulam Road', town: 'St Albans', postcode: 'al1 3aa' },
        },
        incident: { area: 'Watford and Three Rivers', postcode: 'WD17 1AA', previousIncidents12Months: 0 },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        suspect,
      },
      6101,
    );
    const second = createReport(
      {
        reference: 'HC/2026/E2EA02',
        victim: { firstName: 'Bethany', lastName: 'Otherside', personId: 'P0E2EA02' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        suspect,
      },
      6102,
    );
    const resA = await postReport(first);
    expect(resA.status).toBe(201);
    const { caseId } = (await resA.json()) as { caseId: string };

    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 1400 });
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.getByText('Live', { exact: true }).waitFor();
    await page.mouse.move(2, 2);
    const rowA = page.getByRole('row').filter({ hasText: 'Imogen Homeward' });
    await rowA.waitFor();
    expect(await rowA.locator('lantern-flag-chip').filter({ hasText: 'Serial suspect' }).count()).toBe(0);

    // The second victim's report links the suspect: the first victim's row gets the chip live.
    expect((await postReport(second)).status).toBe(201);
    const chip = rowA.locator('lantern-flag-chip').filter({ hasText: 'Serial suspect' });
    await chip.waitFor({ timeout: 5000 });
    const rowB = page.getByRole('row').filter({ hasText: 'Bethany Otherside' });
    await rowB.locator('lantern-flag-chip').filter({ hasText: 'Serial suspect' }).waitFor();
    // Every chip of the row fits its cell or is named by "+N" (after 20:00 "Arrived overnight" makes a third line).
    expect(await flagProblems(page)).toEqual([]);
    // …and the row keeps the fixed height the virtual scroll counts on.
    for (const r of [rowA, rowB]) expect(Math.round((await r.boundingBox())?.height ?? 0)).toBe(52);
    await shot(page, '70-queue-serial-suspect-chip');

    // One click to the case: the outreach area is where she lives, not where the incident was.
    await rowA.getByRole('link', { name: /Imogen Homeward/ }).click();
    await page.getByRole('heading', { name: /Imogen Homeward/ }).waitFor();
    const fact = page.locator('[lanternoutreachareafact]');
    await fact.waitFor();
    await expect.poll(() => fact.innerText()).toMatch(/Outreach area\s+St Albans and Dacorum\s+\(from the victim's postcode\)/);
    const facts = await page.locator('dl.facts').filter({ has: fact }).innerText();
    expect(facts).toMatch(/Area\s+Watford and Three Rivers/);

    // The other victim's case, one click away, without her name.
    const linked = page.locator('.suspect-linked');
    await linked.waitFor();
    expect(await linked.innerText()).toContain('HC/2026/E2EA02');
    expect(await linked.innerText()).not.toContain('Bethany');
    await shot(page, '71-case-outreach-area-and-serial-suspect');
    expect(await violations(page)).toEqual([]);

    // The caseworker corrects the area (the victim has moved), with a reason.
    await fact.getByRole('button', { name: 'Correct' }).click();
    await fact.getByRole('combobox', { name: 'Outreach area' }).click();
    await page.getByRole('option', { name: 'Welwyn Hatfield and Hertsmere' }).click();
    await fact.getByRole('textbox', { name: 'Reason' }).fill('Moved to her mother’s in Hatfield last week');
    await shot(page, '72-case-outreach-area-correcting');
    expect(await violations(page)).toEqual([]);
    await fact.getByRole('button', { name: 'Save area' }).click();
    await expect.poll(() => fact.innerText()).toMatch(/Welwyn Hatfield and Hertsmere\s+\(corrected by a caseworker\)/);
    // The form closes when the save succeeds; the corrected text may arrive first (the live update).
    await expect.poll(() => fact.locator('form').count()).toBe(0);
    await shot(page, '73-case-outreach-area-corrected');

    // Onwards to the other victim's case.
    await linked.getByRole('link', { name: 'HC/2026/E2EA02' }).click();
    await page.getByRole('heading', { name: /Bethany Otherside/ }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(`/cases/${caseId}`);
    expect(await page.locator('.suspect-linked').innerText()).toContain('HC/2026/E2EA01');
    await context.close();
  });

  it('warns the team lead on the alert tray when the configured bank holidays run out within 60 days', async () => {
    const day = (d: number) => new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE }).format(new Date(Date.now() + d * 86400_000));
    const file = join(mkdtempSync(join(tmpdir(), 'lantern-e2e-calendar-')), 'triage.json');
    writeFileSync(file, JSON.stringify({ calendar: { closures: [{ date: day(40), name: 'Last configured bank holiday' }] } }));
    const own = await startApi({ LANTERN_TRIAGE_CONFIG: file });
    try {
      const context = await newContext(browser, own.url);
      const page = await context.newPage();
      await signIn(page, 'team-lead');
      await page.getByRole('button', { name: /^Alerts/ }).click();
      const group = page.getByRole('region', { name: /Hub settings/ });
      await group.waitFor();
      // Only the safety groups open by themselves; the others are one click away (issue 15: safety first).
      const toggle = group.getByRole('button', { name: /Hub settings/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      await group.getByRole('listitem').first().waitFor();
      expect(await group.innerText()).toMatch(/Bank holidays are configured up to \d{1,2} [A-Z][a-z]+ \d{4}: add next year's/);
      await shot(page, '74-alert-tray-calendar-ending');
      expect(await violations(page)).toEqual([]);
      await context.close();
    } finally {
      await own.stop();
    }
  });
});
