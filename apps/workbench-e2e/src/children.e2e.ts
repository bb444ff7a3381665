import AxeBuilder from '@axe-core/playwright';
import { OUTSIDE_DA_ACT_REASON } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A date of birth `years` years and some weeks ago: that age today (and on an incident of today), far from a birthday. */
function bornYearsAgo(years: number): string {
  const d = new Date(Date.now() - 40 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

async function newCase(over: Parameters<typeof createReport>[0], i: number): Promise<string> {
  const res = await postReport(createReport(over, i));
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

describe('children and under-18s', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a 15-year-old victim’s child-protection route, a child suspect and the children conflict, and refers to children’s services', async () => {
    const caseId = await newCase(
      {
        victim: { firstName: 'Tess', lastName: 'Teenage', personId: 'P0E2E961', gender: 'female', dateOfBirth: bornYearsAgo(15) },
        suspect: { firstName: 'Jordan', lastName: 'Young', dateOfBirth: bornYearsAgo(16), relationshipToVictim: 'partner' },
        children: [],
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q1: 'yes', q10: 'yes', q11: 'no', q12: 'no' } },
      },
      9101,
    );

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);

    // The queue row carries the flags (a tall window, so every row is rendered).
    await page.setViewportSize({ width: 1440, height: 2400 });
    const row = page.getByRole('row').filter({ hasText: 'Tess Teenage' });
    await row.waitFor();
    await row.locator('lantern-flag-chip').filter({ hasText: 'Under 16' }).waitFor();
    await row.locator('lantern-flag-chip').filter({ hasText: 'Suspect under 18' }).waitFor();
    await row.locator('lantern-flag-chip').filter({ hasText: 'In household?' }).waitFor();
    await row.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await row.scrollIntoViewIfNeeded();
    await shot(page, '90-children-queue-row');

    await page.goto(`/cases/${caseId}`);
    const header = page.locator('lantern-case-header');
    for (const chip of [
      'Victim under 16: child protection',
      'Suspect under 18: youth justice',
      'Children: reports disagree',
      'Children in household',
    ])
      await header.locator('lantern-flag-chip').filter({ hasText: chip }).waitFor();
    await header.getByRole('note').filter({ hasText: 'outside the DA Act 2021 definition' }).waitFor();
    await header
      .getByRole('note')
      .filter({
        hasText:
          'Police DASH question 10 (children in the household who are not the abuser’s) answered "yes" but the report lists no children',
      })
      .waitFor();
    // The summary says the ages it used, and the children.
    await expect.poll(() => page.locator('dd.victim-age').innerText()).toMatch(/^15 on the incident date/);
    await expect.poll(() => page.locator('dd.suspect-age').innerText()).toMatch(/^16 on the incident date/);
    await shot(page, '91-children-case-under-16');
    expect(await violations(page)).toEqual([]);

    // Referrals: only children's services; every adult service says why not, first.
    await page.goto(`/cases/${caseId}?tab=referrals`);
    const suggested = page.getByRole('list', { name: 'Suggested referrals' });
    await suggested.waitFor();
    await expect
      .poll(() => suggested.getByRole('listitem').first().getAttribute('aria-label'))
      .toContain("Children's safeguarding referral");
    expect(await suggested.locator(':scope > li').count()).toBe(1);
    await page.getByRole('button', { name: /Not suitable/ }).click();
    const unsuitable = page.getByRole('list', { name: 'Not suitable' });
    const idva = unsuitable.getByRole('listitem').filter({ hasText: 'County IDVA Service' });
    await idva.waitFor();
    expect(await idva.locator('.why').innerText()).toBe(OUTSIDE_DA_ACT_REASON);
    expect(await unsuitable.locator('.why').filter({ hasText: OUTSIDE_DA_ACT_REASON }).count()).toBeGreaterThanOrEqual(5);
    await idva.scrollIntoViewIfNeeded();
    await shot(page, '92-children-referral-options');
    expect(await violations(page)).toEqual([]);

    // The children's services dialog asks whether the victim will be told, and why not.
    await suggested.getByRole('button', { name: /^Refer to County Children's Services/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /shares the victim's details/ }).check();
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.getByText('Say whether the victim will be told about this referral.').waitFor();
    await dialog.getByRole('radio', { name: /No: telling the victim would put a child at risk/ }).check();
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.getByText('Say why telling the victim would put a child at risk.').waitFor();
    await dialog
      .getByLabel('Why telling the victim would put a child at risk')
      .fill('The suspect reads her messages; telling her now could lead him to the younger children.');
    await shot(page, '93-children-referral-dialog');
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: "Referral sent to County Children's Services." }).waitFor();
    const made = page.getByRole('list', { name: 'Referrals made' }).getByRole('listitem').filter({ hasText: "County Children's Services" });
    await made.getByText(/No: it would put a child at risk \(The suspect reads her messages/).waitFor();
    await made.scrollIntoViewIfNeeded();
    await shot(page, '95-children-referral-made');
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 150_000);

  it('offers the young people’s DASH for a victim of 17 on the Risk tab, and keeps the adult route', async () => {
    const caseId = await newCase(
      {
        victim: { firstName: 'Sky', lastName: 'Seventeen', personId: 'P0E2E962', gender: 'female', dateOfBirth: bornYearsAgo(17) },
        suspect: { dateOfBirth: bornYearsAgo(24), relationshipToVictim: 'ex-partner' },
        children: [{ firstName: 'Robin', ageYears: 1, livesWithVictim: true }],
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      },
      9102,
    );
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.goto(`/cases/${caseId}?tab=risk`);
    await page.getByRole('note').filter({ hasText: "offer the young people's DASH" }).waitFor();
    await page.locator('lantern-case-header lantern-flag-chip').filter({ hasText: 'Victim under 18' }).waitFor();
    await shot(page, '94-children-young-peoples-dash');
    expect(await violations(page)).toEqual([]);

    await page.goto(`/cases/${caseId}?tab=referrals`);
    const suggested = page.getByRole('list', { name: 'Suggested referrals' });
    await suggested.getByRole('listitem').first().waitFor();
    await expect.poll(() => suggested.getByRole('listitem').first().getAttribute('aria-label')).toContain('IDVA support');
    const childrens = suggested.getByRole('listitem').filter({ hasText: "Children's safeguarding referral" });
    await childrens.getByText(/Victim is 17: a child themself/).waitFor();
    await context.close();
  }, 150_000);

  it('a case with a child at home closes only once children’s services have a referral or the hub’s recorded decision', async () => {
    const caseId = await newCase(
      {
        victim: {
          firstName: 'Mira',
          lastName: 'Household',
          personId: 'P0E2E963',
          gender: 'female',
          dateOfBirth: bornYearsAgo(31),
          pregnant: false,
        },
        suspect: { dateOfBirth: bornYearsAgo(33), relationshipToVictim: 'ex-partner' },
        children: [{ firstName: 'Ash', ageYears: 6, livesWithVictim: true, presentAtIncident: false }],
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
        incident: { previousIncidents12Months: 0 },
      },
      9103,
    );
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Mira Household/ }).waitFor();

    // The close dialog says the rule before sending, and where to meet it.
    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close the case…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This case cannot be closed quietly.').waitFor();
    await dialog
      .getByText(
        /This case has children to safeguard \(or leaves them unclear\): send a children's services referral, or record why none is needed/,
      )
      .waitFor();
    await dialog.getByText(/a children’s services referral or decision on the Referrals tab/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The Referrals tab's box records the decision, and names what a reviewer needs.
    await page.goto(`/cases/${caseId}?tab=referrals`);
    const box = page.getByRole('region', { name: 'Children’s services' });
    await box.getByText(/the case cannot close until one is done/).waitFor();
    await box.getByText('Why the case asks: children live in the household.').waitFor();
    await box.getByRole('button', { name: 'Record decision…' }).click();
    await box.getByRole('button', { name: 'Record decision' }).click();
    await box.getByText('Choose what the hub decided.').waitFor();
    await box.getByRole('radio', { name: 'Children’s services already work with the family' }).check();
    await box
      .getByRole('textbox', { name: 'Why (required)' })
      .fill('Allocated social worker in the North family team; I spoke to her today.');
    // The hint follows the choice: what a reviewer needs to read for it.
    await box.getByText(/Who at children’s services \(the allocated worker or team\)/).waitFor();
    await shot(page, '125-children-decision-form');
    expect(await violations(page)).toEqual([]);
    await box.getByRole('button', { name: 'Record decision' }).click();
    await box.getByText('Decision recorded:').waitFor({ timeout: 5000 });
    await box.getByText('Allocated social worker in the North family team; I spoke to her today.').waitFor();
    await box.getByRole('button', { name: 'Record a new decision…' }).waitFor();
    await shot(page, '126-children-decision-recorded');
    expect(await violations(page)).toEqual([]);

    // Now it closes, and the History says what was decided.
    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close the case…' }).click();
    await dialog.getByRole('heading', { name: 'Close the case' }).waitFor();
    expect(await dialog.getByText('This case cannot be closed quietly.').count()).toBe(0);
    await dialog.getByRole('combobox', { name: /Closure reason/ }).click();
    await page.getByRole('option', { name: 'No further action needed' }).click();
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('She has support from the family team.');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('.status-chip').getByText('Status: Closed').waitFor({ timeout: 5000 });
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByText(/recorded the children's services decision: children’s services already work with the family \(“Allocated social worker/)
      .waitFor({ timeout: 5000 });
    await context.close();
  }, 150_000);
});
