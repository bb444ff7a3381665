import AxeBuilder from '@axe-core/playwright';
import { RIC_QUESTIONS, type DashAnswers } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Risk tab: where each answer came from, completeness, police grade, agreed with police', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The report posted (a new case), and its Risk tab opened by a team lead at 1440×1200. */
  const riskTabAsTeamLead = async (report: ReturnType<typeof createReport>) => {
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 1200 });
    await signIn(page, 'team-lead');
    await page.goto(`/cases/${caseId}?tab=risk`);
    return { caseId, context, page };
  };

  it(
    'shows the police grade and prefilled answers marked as police; a police DASH of 14+ cannot be agreed lower',
    { timeout: 180_000 },
    async () => {
      // The police DASH: 14 "yes" among the RIC questions (visible high risk), the officer graded medium.
      const dash: DashAnswers = {};
      RIC_QUESTIONS.forEach((q, i) => (dash[q.key] = i < 14 ? 'yes' : 'no'));
      dash.q20 = 'not-known';
      const report = createReport(
        {
          victim: { firstName: 'Imogen', lastName: 'Provenance', personId: 'P0E2E812' },
          officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash },
          incident: { previousIncidents12Months: 0 },
        },
        5812,
      );
      const { context, page } = await riskTabAsTeamLead(report);
      const form = page.locator('form.dash-form');
      await form.waitFor();

      // The police grade beside the hub's: high (the DASH band folded in), police DASH 14 of 24; hub not assessed.
      const grades = page.locator('dl.grades');
      await grades.getByText('Police grade').waitFor();
      expect(await grades.innerText()).toMatch(/Police grade\s+High/);
      expect(await grades.innerText()).toMatch(/police DASH 14 of 24/);
      expect(await grades.innerText()).toMatch(/Hub grade\s+not assessed yet/);

      // Every prefilled answer is marked as the police's; completeness beside the score.
      await expect.poll(() => form.locator('.source-police-prefill').count()).toBe(24);
      const completeness = page.locator('.answered');
      expect(await completeness.innerText()).toBe('23 answered · 1 not known · 0 declined · 0 unanswered');
      await shot(page, '80-risk-police-prefill-sources');

      // The caseworker asks the victim question 1 again: changing the answer makes it the victim's.
      const q1 = form.getByRole('radiogroup', { name: /^Question 1:/ });
      await q1.getByRole('radio', { name: 'No', exact: true }).check();
      await expect.poll(() => form.locator('#dash-q1-source').innerText()).toMatch(/Victim/);
      // Question 2's source is set by hand: another agency told the hub.
      await page.getByRole('button', { name: 'Change where answers came from' }).click();
      await form.getByLabel('Source of the answer to question 2', { exact: true }).selectOption({ label: 'Other agency' });
      await page.getByRole('button', { name: 'Done changing sources' }).click();
      await expect.poll(() => form.locator('#dash-q2-source').innerText()).toMatch(/Other agency/);
      expect(await completeness.innerText()).toBe('23 answered · 1 not known · 0 declined · 0 unanswered');
      await form.locator('#dash-q2-source').scrollIntoViewIfNeeded();
      await shot(page, '81-risk-sources-changed');
      expect(await violations(page)).toEqual([]);

      // The live summary says the hub's 13 "yes" is medium, but the case stays high: the police grade (DASH 14).
      await page.locator('.score-line').getByText('case stays High: the police grade').waitFor();
      expect(await page.locator('.marac-banner').innerText()).toMatch(/Visible high risk/);
      // Save: the hub's 13 "yes" is medium, the case stays high (the police DASH's 14).
      await page.getByRole('button', { name: 'Save assessment' }).click();
      await page.getByText(/Saved: score 13/).waitFor({ timeout: 10_000 });
      await expect.poll(() => grades.innerText()).toMatch(/Hub grade\s+Medium/);
      expect(await page.locator('.current').innerText()).toMatch(/High/);
      await page.locator('table.previous').getByText('23 answered, 1 not known, 0 declined').waitFor();

      // A police DASH of visible high risk cannot be agreed lower (SafeLives: judgement may raise a 14+, never lower
      // it): the team lead sees why instead of the action.
      expect(await page.getByRole('button', { name: 'Agreed with police…' }).count()).toBe(0);
      expect(await page.locator('.agree-action[role="note"]').innerText()).toMatch(
        /high band \(14 or more “yes”\), visible high risk: .* cannot be agreed lower/,
      );
      await page.locator('.agree-action[role="note"]').scrollIntoViewIfNeeded();
      await shot(page, '82-risk-visible-high-not-agreeable');
      expect(await violations(page)).toEqual([]);

      await context.close();
    },
  );

  it('a team lead agrees a grade below an officer’s high DARA, with a reason, and it is in the history', { timeout: 180_000 }, async () => {
    const report = createReport(
      {
        victim: { firstName: 'Iona', lastName: 'Agreement', personId: 'P0E2E814' },
        officerRiskAssessment: { tool: 'dara', riskLevel: 'high', dash: undefined },
        incident: { previousIncidents12Months: 0 },
      },
      5814,
    );
    const { caseId, context, page } = await riskTabAsTeamLead(report);
    const grades = page.locator('dl.grades');
    await grades.getByText('Police grade').waitFor();

    // Agreed with police: the team lead records a medium grade with a reason.
    await page.getByRole('button', { name: 'Agreed with police…' }).waitFor();
    await page.getByRole('button', { name: 'Agreed with police…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Agreed with police' }).waitFor();
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.getByText('Choose the agreed grade.').waitFor();
    await dialog.getByRole('combobox', { name: 'Agreed grade' }).click();
    await page.getByRole('option', { name: 'Medium' }).click();
    await dialog.getByLabel('Reason (required)').fill('Agreed with DS Example: suspect remanded in custody');
    await shot(page, '82b-risk-agreed-with-police-dialog');
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    await grades.getByText('Agreed with police').waitFor({ timeout: 10_000 });
    expect(await grades.innerText()).toMatch(/suspect remanded in custody/);
    await expect.poll(() => page.locator('.current').innerText()).toMatch(/Medium/);
    await page.locator('section.risk-assessment').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '83-risk-agreed-with-police');

    // The decision is in the case history, with who, what and why.
    await page.goto(`/cases/${caseId}?tab=history`);
    const history = page.locator('lantern-history-tab');
    await history.getByText(/agreed with police: risk High → Medium/).waitFor({ timeout: 10_000 });
    expect(await history.innerText()).toMatch(/Agreed with DS Example: suspect remanded in custody/);
    await shot(page, '84-history-agreed-with-police');
    expect(await violations(page)).toEqual([]);

    await context.close();
  });

  it('a caseworker sees no "Agreed with police" action', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Harriet', lastName: 'Noaction', personId: 'P0E2E813' },
        officerRiskAssessment: { tool: 'dara', riskLevel: 'high', dash: undefined },
        incident: { previousIncidents12Months: 0 },
      },
      5813,
    );
    const { caseId } = (await (await postReport(report)).json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.goto(`/cases/${caseId}?tab=risk`);
    await page.locator('dl.grades').getByText('Police grade').waitFor();
    expect(await page.locator('dl.grades').innerText()).toMatch(/Police grade\s+High\s+officer’s DARA/);
    expect(await page.getByRole('button', { name: 'Agreed with police…' }).count()).toBe(0);
    await context.close();
  });
});
