import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('referrals', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('suggests the IDVA first for a high-risk case, explains what is not suitable, and refers', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Rhea', lastName: 'Referable', personId: 'P0E2E801', gender: 'female' },
        children: [{ ageYears: 6, presentAtIncident: true, livesWithVictim: true }],
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      },
      8181,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}?tab=referrals`);
    await page.getByRole('tab', { name: 'Referrals' }).waitFor();
    const suggested = page.getByRole('list', { name: 'Suggested referrals' });
    await suggested.waitFor();

    // The IDVA comes first, with a reason that mentions the high risk.
    const first = suggested.getByRole('listitem').first();
    await expect.poll(() => first.getAttribute('aria-label')).toContain('IDVA support');
    expect((await first.getByRole('list').innerText()).toLowerCase()).toMatch(/high risk|risk is high/);
    await first.getByRole('button', { name: /^Refer to County IDVA Service/ }).waitFor();

    // Mankind (male victims) is under "Not suitable", with why.
    const notSuitable = page.getByRole('button', { name: /Not suitable/ });
    await notSuitable.click();
    const unsuitable = page.getByRole('list', { name: 'Not suitable' });
    await unsuitable.getByText('Mankind Initiative').waitFor();
    expect(await suggested.getByText('Mankind Initiative').count()).toBe(0);
    await shot(page, '51-referrals-suggested');
    const mankind = unsuitable.getByRole('listitem').filter({ hasText: 'Mankind Initiative' });
    await mankind.scrollIntoViewIfNeeded();
    expect((await mankind.locator('.why').innerText()).length).toBeGreaterThan(0);
    await shot(page, '54-referrals-not-suitable');
    expect(await violations(page)).toEqual([]);

    // Refer to the IDVA: the dialog asks to confirm sharing.
    await first.getByRole('button', { name: /^Refer to County IDVA Service/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Notes for the partner (optional)').fill('Prefers contact on Tuesdays.');
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.getByText("Confirm that the victim's details will be shared first.").waitFor();
    await dialog.getByRole('checkbox', { name: /shares the victim's details with County IDVA Service/ }).check();
    await shot(page, '52-referrals-dialog');
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.waitFor({ state: 'detached' });

    const made = page.getByRole('list', { name: 'Referrals made' });
    const row = made.getByRole('listitem').filter({ hasText: 'County IDVA Service' });
    await row
      .locator('.status-chip')
      .filter({ hasText: /^Status: Sent$/ })
      .waitFor();
    await page.getByRole('status').filter({ hasText: 'Referral sent to County IDVA Service.' }).waitFor();
    await shot(page, '53-referrals-sent');
    expect(await violations(page)).toEqual([]);

    // The 8 key opens the Referrals tab from another tab.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('heading', { name: 'Safe contact' }).first().click();
    await page.keyboard.press('8');
    await expect.poll(() => page.getByRole('tab', { name: 'Referrals' }).getAttribute('aria-selected')).toBe('true');
    await context.close();
  });
});
