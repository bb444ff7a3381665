import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newCase, newContext, onClaimedCase, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Press Tab until `done` says focus is where we want it (keyboard only: no clicks, no programmatic focus). */
async function tabUntil(page: Page, done: () => Promise<boolean>, max = 60, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  if (await done()) return;
  throw new Error(`focus did not get there in ${max} presses of ${key}`);
}

/** The accessible name of the radio group holding focus, if any. */
function focusedGroup(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[role="radiogroup"]')?.getAttribute('aria-label') ?? null);
}

function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
}

/** Zero-based place of a row in the queue as shown (aria-rowindex counts the header as 1). */
async function rowPlace(row: Locator): Promise<number> {
  return Number(await row.getAttribute('aria-rowindex')) - 2;
}

describe('DASH RIC on the case page, live in the queue', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a caseworker completes the DASH with the keyboard alone; MARAC at the 14th yes; the case moves up live for another caseworker', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Rosalind', lastName: 'Keyboard', personId: 'P0E2E314', pregnant: false },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        incident: { previousIncidents12Months: 0, strangulation: false, weaponUsed: false, injuries: false },
        children: [],
      },
      5151,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    // Caseworker B watches the queue (a tall window, so every row is rendered).
    const contextB = await newContext(browser);
    const pageB = await contextB.newPage();
    await pageB.setViewportSize({ width: 1440, height: 1600 });
    await signIn(pageB, 'caseworker2');
    await pageB.getByText('Live', { exact: true }).waitFor();
    // B is not pointing at the table (the pointer rests where "Sign in" was, now over the table): move it away.
    await pageB.mouse.move(2, 2);
    const rowB = pageB.getByRole('row').filter({ hasText: 'Rosalind Keyboard' });
    await rowB.waitFor();
    const placeBefore = await rowPlace(rowB);
    const gradeB = rowB.locator('lantern-risk-grade-chip');
    expect(await gradeB.innerText()).toBe('Standard');
    let reloadedB = false;
    pageB.on('framenavigated', (f) => {
      if (f === pageB.mainFrame()) reloadedB = true;
    });

    // Caseworker A opens the case.
    const contextA = await newContext(browser);
    const page = await contextA.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Rosalind Keyboard/ }).waitFor();

    // Keyboard only from here: 2 opens the Risk tab (shortcut), then Tab into question 1.
    await page.keyboard.press('2');
    await page.waitForURL(/tab=risk/);
    const form = page.locator('form.dash-form');
    await form.waitFor();
    await expect.poll(() => form.getByRole('radiogroup').count()).toBe(27);
    await expect.poll(() => form.getByRole('radio', { checked: true }).count()).toBe(0);
    await shot(page, '10-dash-form');
    await tabUntil(page, async () => (await focusedGroup(page))?.startsWith('Question 1:') ?? false, 60);

    const banner = page.locator('.marac-banner');
    const score = page.locator('.score-number');
    // Questions 1–13: Yes (Space on the group's first radio), Tab to the next question.
    for (let n = 1; n <= 13; n++) {
      expect(await focusedGroup(page)).toMatch(new RegExp(`^Question ${n}:`));
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    // Questions 14–24: No (the arrow key moves to "No" and chooses it).
    for (let n = 14; n <= 24; n++) {
      expect(await focusedGroup(page)).toMatch(new RegExp(`^Question ${n}:`));
      await page.keyboard.press('ArrowRight');
      if (n < 24) await page.keyboard.press('Tab');
    }
    await expect.poll(() => score.innerText()).toBe('13 of 24');
    expect(await banner.count()).toBe(0);
    await shot(page, '11-dash-13-yes-no-marac');

    // The 14th yes: on question 24, the arrow key back to "Yes".
    expect(await focusedGroup(page)).toMatch(/^Question 24:/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => score.innerText()).toBe('14 of 24');
    await banner.waitFor({ timeout: 2000 });
    expect(await banner.innerText()).toMatch(/MARAC referral required/);
    expect(await banner.innerText()).toMatch(/Visible high risk/);
    expect(await page.getByRole('alert').filter({ hasText: 'MARAC referral required' }).count()).toBe(1);
    await shot(page, '12-dash-14th-yes-marac');

    // The police-only children questions (recorded, not scored): No, No, No.
    for (const n of [10, 11, 12]) {
      await page.keyboard.press('Tab');
      expect(await focusedGroup(page)).toMatch(new RegExp(`^Police question ${n}:`));
      await page.keyboard.press('ArrowRight');
    }
    await expect.poll(() => score.innerText()).toBe('14 of 24');

    // Past the (optional) judgement to "Save assessment", and Enter.
    await tabUntil(page, async () => (await focusedText(page)) === 'Save assessment', 6);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByText(/Saved: score 14, High, MARAC referral required/).waitFor({ timeout: 5000 });
    // The case itself now says so: graded High by the hub, with the assessment listed.
    await page.locator('.case-header lantern-risk-grade-chip').getByText('High').waitFor({ timeout: 5000 });
    await page.locator('table.previous').getByText('Sam Carter').waitFor({ timeout: 5000 });
    expect(await page.getByText(/Saved: score 14, High/).isVisible()).toBe(true);
    await shot(page, '13-dash-saved');
    expect(await violations(page)).toEqual([]);

    // Caseworker B: the row is graded High and has moved up, without a reload.
    await expect.poll(() => gradeB.innerText(), { timeout: 5000 }).toBe('High');
    await expect.poll(() => rowPlace(rowB), { timeout: 5000 }).toBeLessThan(placeBefore);
    expect(await rowB.locator('lantern-flag-chip').getByText('MARAC').count()).toBe(1);
    expect(reloadedB).toBe(false);
    await shot(pageB, '14-queue-moved-up-live');

    await Promise.all([contextA.close(), contextB.close()]);
  }, 120_000);

  it('explains a row’s place on hover and on keyboard focus, holds the order while the user is in the table, and keeps filters in the URL', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 1600 });
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();

    // Keyboard: focus the table, move to the second row; its "Why here?" panel opens.
    const grid = page.getByRole('grid');
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    const panel = page.locator('.why-panel');
    await panel.waitFor({ timeout: 2000 });
    expect(await panel.innerText()).toMatch(/Priority score/);
    const activeId = await grid.getAttribute('aria-activedescendant');
    const described = await page.locator(`#${activeId}`).getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toMatch(/^Why here: priority \d+/);
    await shot(page, '15-queue-why-here-keyboard');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: 2000 });

    // Hover: the panel follows the pointer.
    const third = page.getByRole('row').nth(3);
    await third.hover();
    await panel.waitFor({ timeout: 2000 });
    await shot(page, '16-queue-why-here-hover');

    // While the pointer is in the table, a new top-priority case does not jump in above the user's row: it waits
    // below every row held. The queue is shared with the other specs, so it may be longer than the viewport draws
    // (a virtual scroll): the new row is looked for at the bottom, scrolled to with the pointer still in the table.
    const before = Number(await grid.getAttribute('aria-rowcount')) - 1;
    expect(before).toBeGreaterThan(2);
    expect(before).toBeLessThan(100); // the first read holds the whole queue, so the new row's place is `before`
    const high = createReport(
      {
        victim: { firstName: 'Hester', lastName: 'Heldorder', personId: 'P0E2E315', pregnant: true },
        // Every stand-alone marker too (separation, stalking, threats to kill, sexual abuse): the top of any queue.
        officerRiskAssessment: { tool: 'dash', riskLevel: 'high', dash: { q6: 'yes', q8: 'yes', q17: 'yes', q19: 'yes' } },
        incident: { strangulation: true, weaponUsed: true, previousIncidents12Months: 3 },
        children: [{ ageYears: 4, livesWithVictim: true, presentAtIncident: true }],
      },
      5252,
    );
    expect((await postReport(high)).status).toBe(201);
    await page.getByText(/Order updated/).waitFor({ timeout: 5000 });
    await expect.poll(() => grid.getAttribute('aria-rowcount'), { timeout: 5000 }).toBe(String(before + 2));
    const viewport = page.locator('cdk-virtual-scroll-viewport');
    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight })); // the pointer stays where it was
    const held = page.getByRole('row').filter({ hasText: 'Hester Heldorder' });
    await held.waitFor({ timeout: 5000 });
    expect(await rowPlace(held)).toBe(before);
    await shot(page, '17-queue-order-held');
    // Leaving the table (pointer and focus) re-sorts: the new case is first.
    await page.getByRole('heading', { name: 'Triage queue' }).click();
    await viewport.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => rowPlace(held), { timeout: 3000 }).toBe(0);
    expect(await page.getByText(/Order updated/).count()).toBe(0);
    const scores = (await page.locator('tr.mat-mdc-row .priority .score').allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Filters: High only, from the chips; kept in the URL through a reload.
    await page.getByRole('option', { name: /^High/ }).click();
    await page.waitForURL(/grade=high/);
    await expect
      .poll(async () => {
        const grades = await page.locator('tr.mat-mdc-row lantern-risk-grade-chip').allInnerTexts();
        return grades.length > 0 && grades.every((g) => g.trim() === 'High');
      })
      .toBe(true);
    await page.getByRole('option', { name: /^MARAC required/ }).click();
    await page.waitForURL(/marac=true/);
    await page.reload();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    expect(await page.getByRole('option', { name: /^High/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('option', { name: /^MARAC required/ }).getAttribute('aria-selected')).toBe('true');
    await page.getByText(/match the filters/).waitFor();
    await page.locator('tr.mat-mdc-row').first().waitFor();
    // Every row shown carries the MARAC flag (polled: the live snapshot may replace the rows once after the reload).
    await expect
      .poll(async () => {
        const rows = await page.locator('tr.mat-mdc-row').all();
        const flagged = await Promise.all(rows.map(async (r) => (await r.locator('lantern-flag-chip').getByText('MARAC').count()) === 1));
        return rows.length > 0 && flagged.every(Boolean);
      })
      .toBe(true);
    await shot(page, '18-queue-filtered');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('lists what is missing, needs a reason for professional judgement, and saves a raised grade', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Juniper', lastName: 'Judgement', personId: 'P0E2E316' },
        officerRiskAssessment: { tool: 'dash', riskLevel: 'standard', dash: { q1: 'yes', q18: 'yes', q2: 'no' } },
        incident: { previousIncidents12Months: 0 },
      },
      5353,
    );
    const res = await postReport(report);
    const { caseId } = (await res.json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await page.goto(`/cases/${caseId}?tab=risk`);
    const form = page.locator('form.dash-form');
    await form.waitFor();
    // Pre-filled from the police DASH: police q18 is RIC question 15.
    await expect.poll(() => form.getByRole('radio', { checked: true }).count()).toBe(3);
    expect(
      await form
        .getByRole('radiogroup', { name: /^Question 15:/ })
        .getByRole('radio', { name: 'Yes' })
        .isChecked(),
    ).toBe(true);
    await expect.poll(() => page.locator('.score-number').innerText()).toBe('2 of 24');

    await page.getByRole('button', { name: 'Save assessment' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/21 things to fix/);
    await shot(page, '19-dash-problems');

    // Answer the rest "Not known", then raise to High by judgement, first without a reason.
    for (const group of await form.getByRole('radiogroup').all()) {
      if ((await group.getByRole('radio', { checked: true }).count()) === 0) {
        await group.locator('label', { hasText: 'Not known' }).click();
      }
    }
    await expect.poll(() => summary.count()).toBe(0);
    // 2 yes, 1 no and 21 not known: the standard grade rests on questions nobody could answer, and the form says so.
    const reach = page.locator('.not-known-reach');
    await expect.poll(() => reach.innerText()).toMatch(/21 answers are “Not known”: if they were “Yes”, the score would reach 14/);
    await shot(page, '19b-dash-not-known');
    const judgement = page.getByRole('combobox', { name: 'Grade by judgement' });
    await judgement.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('option', { name: /^Standard/ }).getAttribute('aria-disabled')).toBe('false');
    await page.getByRole('option', { name: 'High', exact: true }).click();
    await expect.poll(() => page.locator('.marac-banner').innerText()).toMatch(/Professional judgement/);
    // Raised to High: nothing left for the not-known answers to reach.
    await expect.poll(() => reach.count()).toBe(0);
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await summary.getByText(/Write down why/).waitFor();
    await page
      .getByRole('textbox', { name: 'Why (required)', exact: true })
      .fill('She describes threats to the children and a planned move next week.');
    await expect.poll(() => summary.count()).toBe(0);
    await shot(page, '20-dash-judgement');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText(/Saved: score 2, High, MARAC referral required/).waitFor({ timeout: 5000 });
    await page
      .locator('table.previous')
      .getByText(/Raised to High/)
      .waitFor({ timeout: 5000 });
    await page.locator('.case-header lantern-risk-grade-chip').getByText('High').waitFor();
    // The form starts again from what was saved, judgement included, so its summary agrees with the case.
    await expect.poll(() => page.locator('.score-line lantern-risk-grade-chip').innerText()).toBe('High');
    await shot(page, '21-dash-judgement-saved');
    await context.close();
  });

  it('says "Near breach" and "Breached" in words as the SLA clock runs out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    const res = await page.request.get('/api/v1/cases?limit=100');
    const { items } = (await res.json()) as { items: Array<{ reference: string; sla: { nextDueAt: string | null; state: string } }> };
    // A clock still running on time (a case already breached stays "Breached" whatever the browser's clock says).
    const c = items.find((i) => i.sla.nextDueAt && i.sla.state === 'ok');
    if (!c?.sla.nextDueAt) throw new Error('no case with a running SLA clock');
    const due = Date.parse(c.sla.nextDueAt);
    const row = page.getByRole('row').filter({ hasText: c.reference });

    // Ten staffed minutes before the clock runs out (the browser's clock only; the API keeps real time).
    await page.clock.setFixedTime(due - 10 * 60_000);
    await page.goto('/queue');
    await row.locator('lantern-time-left').getByText('Near breach').waitFor();
    expect(await row.locator('lantern-time-left').innerText()).toMatch(/Near breach\s+10 min left/);
    await shot(page, '22-queue-near-breach');

    await page.clock.setFixedTime(due + 5 * 60_000);
    await page.goto('/queue');
    await row.locator('lantern-time-left').getByText('Breached').waitFor();
    await shot(page, '23-queue-breached');
    await context.close();
  });

  it('shows an auditor the assessments but no form', async () => {
    // Its own case: the first queue row belongs to whichever test posted last (officer, import and dashboard files share the API).
    const res = await postReport(createReport({ victim: { firstName: 'Audra', lastName: 'Reader', personId: 'P0E2EAUD1' } }, 5454));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'auditor');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Audra Reader/ }).waitFor();
    await page.getByRole('tab', { name: 'Risk' }).click();
    await page.getByRole('heading', { name: /Risk assessment/ }).waitFor();
    await page.getByText(/can read risk assessments but not record them/).waitFor();
    expect(await page.locator('form.dash-form').count()).toBe(0);
    await context.close();
  });

  it('says potential escalation is not ruled out when the police left their count of previous incidents out', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Nadia', lastName: 'Nocount', personId: 'P0E2E316' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        incident: { previousIncidents12Months: undefined },
      },
      5153,
    );
    const { context, page } = await onClaimedCase(browser, await newCase(report));
    await page.getByRole('heading', { name: /Nadia Nocount/ }).waitFor();
    await page.getByRole('tab', { name: 'Risk' }).click();
    const note = page.getByText(/The police did not record how many domestic abuse incidents she had/);
    await note.waitFor();
    await page.getByText(/potential escalation \(3 or more incidents in 12 months\) is not ruled out/).waitFor();
    await note.scrollIntoViewIfNeeded();
    await shot(page, '47-escalation-not-ruled-out');
    await context.close();
  }, 120_000);
});
