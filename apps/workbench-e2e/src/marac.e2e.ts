import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newCase, newContext, onClaimedCase, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A high-risk case (the officer graded it high) for a victim and suspect police know. */
async function highRiskCase(first: string, last: string, i: number): Promise<string> {
  const res = await postReport(
    createReport(
      {
        // No children and no pregnancy: the closing rule here is MARAC's (children's is children.e2e's).
        victim: { firstName: first, lastName: last, personId: `P0E2EMR${i}`, pregnant: false },
        suspect: { personId: `S0E2EMR${i}` },
        children: [],
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        incident: { previousIncidents12Months: 0 },
        consent: { supportReferral: 'given' },
      },
      9700 + i,
    ),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

describe('MARAC referrals and no quiet closing', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a caseworker cannot close a high-risk case before its MARAC referral is recorded; records it on the Risk tab; then closes it', async () => {
    const caseId = await highRiskCase('Marian', 'Referral', 1);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Marian Referral/ }).waitFor();

    // The close dialog says why not, before anything is sent, and offers no override to a caseworker.
    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close the case…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This case cannot be closed quietly.').waitFor();
    await dialog.getByText(/record its MARAC referral before closing it/).waitFor();
    expect(await dialog.getByRole('textbox', { name: /why close it anyway/ }).count()).toBe(0);
    await shot(page, '120-close-blocked-no-marac-referral');
    expect(await violations(page, '.cdk-overlay-container')).toEqual([]);
    // Trying anyway: the API refuses and the dialog says so.
    await dialog.getByRole('combobox', { name: /Closure reason/ }).click();
    await page.getByRole('option', { name: 'No further action needed' }).click();
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('She says she is safe now.');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await dialog.getByText(/The case was not closed\./).waitFor({ timeout: 5000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The Risk tab: no referral yet; record one.
    await page.getByRole('tab', { name: 'Risk' }).click();
    const section = page.getByRole('region', { name: 'MARAC referrals' });
    await section.getByText('No MARAC referral recorded.').waitFor();
    await section.getByText('This case needs one before it can close.').waitFor();
    await section.getByRole('button', { name: 'Record MARAC referral' }).click();
    await section.getByText('Say which MARAC the case goes to.').waitFor();
    await section.getByRole('textbox', { name: 'MARAC area (required)' }).fill('Dacorum MARAC');
    await section.getByRole('textbox', { name: 'Note (optional)' }).fill('Next meeting on Tuesday; IDVA to attend.');
    await section.getByRole('button', { name: 'Record MARAC referral' }).click();
    await section.getByRole('status').getByText('MARAC referral recorded.').waitFor({ timeout: 5000 });
    await section.locator('.records li').filter({ hasText: 'Dacorum MARAC' }).waitFor({ timeout: 5000 });
    expect(await page.getByText(/record its MARAC referral before closing it/).count()).toBe(0);
    // The header says the referral is made, no longer "required" (which invited a second one).
    const header = page.locator('.marac-referred-chip');
    await header.filter({ hasText: /MARAC referral made / }).waitFor({ timeout: 5000 });
    expect(await page.locator('lantern-case-header').getByText('MARAC referral required').count()).toBe(0);
    const form = section.getByRole('link', { name: /Form \(PDF\)/ });
    expect(await form.getAttribute('href')).toMatch(new RegExp(`/api/v1/cases/${caseId}/marac-referrals/[0-9a-f-]{36}/form$`));
    await shot(page, '121-marac-referral-recorded');
    expect(await violations(page)).toEqual([]);

    // Now it closes.
    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close the case…' }).click();
    await dialog.getByRole('heading', { name: 'Close the case' }).waitFor();
    expect(await dialog.getByText('This case cannot be closed quietly.').count()).toBe(0);
    await dialog.getByRole('combobox', { name: /Closure reason/ }).click();
    await page.getByRole('option', { name: 'Referred on to another service' }).click();
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('Referred to MARAC; IDVA support continues.');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('.status-chip').getByText('Status: Closed').waitFor({ timeout: 5000 });
    await context.close();
  }, 240_000);

  it('a team lead may close a high-risk case without a referral, with a reason the history records', async () => {
    const caseId = await highRiskCase('Leona', 'Override', 2);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Leona Override/ }).waitFor();
    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close: Declined…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This case cannot be closed quietly.').waitFor();
    await dialog.getByText('As a team lead you may close it anyway with a written reason below.').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('She declined support and any referral.');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await dialog.getByText('Write why the case closes without meeting the closing rules.').waitFor();
    await dialog
      .getByRole('textbox', { name: /why close it anyway/ })
      .fill('MARAC coordinator agreed by phone: police are managing the risk.');
    await shot(page, '122-close-team-lead-override');
    expect(await violations(page, '.cdk-overlay-container')).toEqual([]);
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('.status-chip').getByText('Status: Declined').waitFor({ timeout: 5000 });

    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByText(/closed the case past the closing rules: no MARAC referral recorded\. Reason: MARAC coordinator agreed/)
      .waitFor({ timeout: 5000 });
    await shot(page, '123-history-closing-override');
    await context.close();
  }, 240_000);

  it('a case meeting no MARAC criterion is referred on professional judgement: why, and without consent a lead’s basis', async () => {
    const caseId = await newCase(
      createReport(
        {
          victim: { firstName: 'Judith', lastName: 'Judgement', personId: 'P0E2EMR9' },
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
          incident: { previousIncidents12Months: 0 },
          consent: { supportReferral: 'given', informationSharing: 'not-asked' },
        },
        9709,
      ),
    );
    const { context, page } = await onClaimedCase(browser, caseId);
    await page.getByRole('heading', { name: /Judith Judgement/ }).waitFor();
    await page.getByRole('tab', { name: 'Risk' }).click();
    const section = page.getByRole('region', { name: 'MARAC referrals' });
    await section.getByText(/meets no MARAC criterion: this is a referral on professional judgement/).waitFor();
    // No form to send either: the same rule (the API refuses the draft too).
    await page.getByText(/The MARAC referral form: the case meets no MARAC criterion/).waitFor();
    expect(await page.getByRole('link', { name: /MARAC referral form \(PDF\)/ }).count()).toBe(0);
    await section.getByText('Without her consent to share, a team lead records a lawful basis first.').waitFor();
    await section.getByRole('textbox', { name: 'MARAC area (required)' }).fill('Dacorum MARAC');
    await section.getByRole('button', { name: 'Record MARAC referral' }).click();
    await section.getByText('Say why: what in your professional judgement makes the risk high.').waitFor();
    await section
      .getByRole('textbox', { name: 'Why, in your professional judgement (required)' })
      .fill('He has bought a weapon since the report, she told the officer.');
    await section.getByRole('button', { name: 'Record MARAC referral' }).click();
    // No consent to share and no basis: the API refuses and the panel says why; nothing is recorded.
    await section.getByText(/a team lead records a lawful basis for sharing without consent first/).waitFor({ timeout: 5000 });
    expect(await section.locator('.records li').count()).toBe(0);
    await shot(page, '124-marac-professional-judgement');
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 240_000);
});
