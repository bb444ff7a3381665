import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, claimCase, launch, newContext, postReport, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
}

/** Issue 15, "Nothing lost" and "en-GB everywhere". */
describe('unsaved changes, drafts, en-GB dates, closed cases', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a half-done DASH is not lost: leaving by route, tab or N asks with Keep editing as the default; a reload offers the draft back', async () => {
    const res = await postReport(
      createReport({ victim: { firstName: 'Imogen', lastName: 'Unsaved', personId: 'P0E2E915' }, children: [] }, 9151),
    );
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    // Another case waiting, so N would have something to claim.
    expect((await postReport(createReport({ victim: { personId: 'P0E2E916' } }, 9152))).status).toBe(201);

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}?tab=risk`);
    await page.getByRole('heading', { name: /Imogen Unsaved/ }).waitFor();
    const form = page.locator('form.dash-form');
    await form.waitFor();
    const q1 = form.getByRole('radiogroup', { name: /^Question 1:/ });
    // Start the DASH: question 1, the answer the police did not give.
    const before = await q1
      .getByRole('radio', { checked: true })
      .getAttribute('value')
      .catch(() => null);
    const choice = before === 'declined' ? 'Not known' : 'Declined';
    await q1.getByRole('radio', { name: choice }).check();
    const dialog = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });

    // By route: the breadcrumb back to the queue.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Triage queue' }).click();
    await dialog.waitFor();
    await expect.poll(() => focusedText(page)).toBe('Keep editing');
    await shot(page, 'unsaved-01-route-guard');
    expect(await violations(page)).toEqual([]);
    // Enter takes the default: keep editing, stay on the case.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await expect.poll(() => q1.getByRole('radio', { name: choice }).isChecked()).toBe(true);
    // Focus goes back to what was used, never to the page itself.
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

    // By tab: Summary.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await dialog.waitFor();
    await expect.poll(() => focusedText(page)).toBe('Keep editing');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('tab', { name: 'Risk' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => q1.getByRole('radio', { name: choice }).isChecked()).toBe(true);

    // By N (Next case): asks before claiming anything.
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await dialog.waitFor();
    await expect.poll(() => focusedText(page)).toBe('Keep editing');
    await shot(page, 'unsaved-02-next-case-guard');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    const detail = (await (await page.request.get(`/api/v1/cases/${caseId}`)).json()) as { assignee: { username?: string } | null };
    expect(detail.assignee).not.toBeNull();

    // Reload: the browser asks first (beforeunload), and the draft is offered back.
    await page.waitForTimeout(800); // the draft is kept after a short pause in typing
    let askedBeforeUnload = false;
    page.once('dialog', (d) => {
      askedBeforeUnload = d.type() === 'beforeunload';
      void d.accept();
    });
    await page.reload();
    expect(askedBeforeUnload).toBe(true);
    await page.getByRole('heading', { name: /Imogen Unsaved/ }).waitFor();
    const offer = page.getByRole('region', { name: 'Unsaved draft' });
    await offer.waitFor();
    expect(await offer.innerText()).toMatch(/Restore your unsaved draft from \d{2}:\d{2}\?/);
    await expect
      .poll(() =>
        form
          .getByRole('radiogroup', { name: /^Question 1:/ })
          .getByRole('radio', { name: choice })
          .isChecked(),
      )
      .toBe(false);
    await shot(page, 'unsaved-03-draft-offered');
    expect(await violations(page)).toEqual([]);
    await offer.getByRole('button', { name: 'Restore' }).click();
    await offer.waitFor({ state: 'detached' });
    await expect
      .poll(() =>
        form
          .getByRole('radiogroup', { name: /^Question 1:/ })
          .getByRole('radio', { name: choice })
          .isChecked(),
      )
      .toBe(true);
    await shot(page, 'unsaved-04-draft-restored');

    // Discard, on purpose: the route change goes ahead and the draft goes with it.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Triage queue' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(/\/queue/);
    // Back to the case in the app (a reload at once could cut the deletion short, as closing the tab could).
    await page.goBack();
    await page.waitForURL(/tab=risk/);
    await form.waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('region', { name: 'Unsaved draft' }).count()).toBe(0);

    // Discard, by tab: the hidden tab's form goes back to where it started, so coming back shows nothing discarded
    // (the case page keeps its tabs alive; before, the discarded answer was still there, no longer asked about).
    await q1.getByRole('radio', { name: choice }).check();
    await page.getByRole('tab', { name: 'Summary' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    const selected = (name: string) => page.getByRole('tab', { name }).getAttribute('aria-selected');
    await expect.poll(() => selected('Summary')).toBe('true');
    await page.getByRole('tab', { name: 'Risk' }).click();
    await expect.poll(() => selected('Risk')).toBe('true');
    await expect.poll(() => q1.getByRole('radio', { name: choice }).isChecked()).toBe(false);
    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect.poll(() => selected('Summary')).toBe('true');
    expect(await dialog.count()).toBe(0);
    await context.close();
  }, 300_000);

  it('the date picker shows dd/mm/yyyy in a browser whose language is en-US', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    const page = await context.newPage();
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await signIn(page, 'team-lead');
    await page.goto('/team/outcomes');
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    const from = page.getByLabel('From (London date)');
    await from.fill('8/12/2026');
    await from.press('Tab');
    expect(await from.inputValue()).toBe('08/12/2026');
    // axe before the calendar opens: Material's own month-and-year button is labelled "Choose month and year" over the
    // text "DEC 2026" (label-content-name-mismatch, upstream), which is not ours to relabel.
    expect(await violations(page)).toEqual([]);
    // The calendar agrees: December 2026, and choosing the 9th writes 09/12/2026.
    await page.getByRole('button', { name: 'Open calendar' }).first().click();
    const calendar = page.getByRole('dialog');
    await calendar.waitFor();
    expect((await calendar.locator('.mat-calendar-period-button').innerText()).toUpperCase()).toContain('DEC 2026');
    // Weeks start on Monday (en-GB).
    expect((await calendar.locator('.mat-calendar-table-header th').first().innerText()).trim().toUpperCase()).toMatch(/^MONDAY\b/);
    await shot(page, 'unsaved-05-en-gb-picker-en-us-browser');
    await calendar.getByRole('button', { name: '9 December 2026', exact: true }).click();
    await calendar.waitFor({ state: 'detached' });
    expect(await from.inputValue()).toBe('09/12/2026');
    await context.close();
  }, 300_000);

  it('a closed case is read-only: no Refer…, no DASH form, no contact form; Reopen is offered', async () => {
    const res = await postReport(
      createReport({ victim: { firstName: 'Clara', lastName: 'Closed', personId: 'P0E2E917' }, children: [] }, 9153),
    );
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await claimCase(page, caseId);
    const closed = await page.request.post(`/api/v1/cases/${caseId}/status`, {
      data: { status: 'closed', reason: 'End-to-end test case, closed once checked.', overrideReason: 'End-to-end test of a closed case' },
    });
    expect(closed.status()).toBeLessThan(300);
    // The API refuses writes too.
    const refused = await page.request.post(`/api/v1/cases/${caseId}/contact-attempts`, { data: {} });
    expect(refused.status()).toBe(409);

    await page.goto(`/cases/${caseId}?tab=referrals`);
    await page.getByRole('heading', { name: /Clara Closed/ }).waitFor();
    await page.getByText('it is read-only').waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Refer…' }).count()).toBe(0);
    await shot(page, 'unsaved-06-closed-case-referrals');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Risk', exact: true }).click();
    await page.waitForURL(/tab=risk/);
    expect(await page.locator('form.dash-form').count()).toBe(0);
    await page.getByRole('tab', { name: 'Contact', exact: true }).click();
    await page.waitForURL(/tab=contact/);
    expect(await page.getByRole('button', { name: /Record (the )?attempt/i }).count()).toBe(0);
    await page.getByRole('button', { name: 'Change status…' }).click();
    expect(await page.getByRole('menuitem', { name: /Reopen|Triage/i }).count()).toBeGreaterThan(0);
    await shot(page, 'unsaved-07-closed-case-reopen');
    await context.close();
  }, 300_000);
});
