import { createReport } from '@lantern/shared/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, launch, newContext, shot, signIn } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

/**
 * This file's own API: the queue it looks at holds the demo cases and its own, not whatever the other files left in
 * the shared one (a long queue puts a new medium-priority row below the fold of the virtual scroll).
 */
let api: StartedApi;

function postReport(report: unknown): Promise<Response> {
  return fetch(`${api.url}/api/v1/intake/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
    body: JSON.stringify(report),
  });
}

describe('triage queue in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('sends someone who is not signed in to the sign-in page', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await page.goto('/queue');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Username').fill('caseworker');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/wrong/i).waitFor();
    await shot(page, '01-sign-in-error');
    await context.close();
  });

  it('shows a new report live, without a reload, to two signed-in caseworkers', async () => {
    const contexts = await Promise.all([newContext(browser, api.url), newContext(browser, api.url)]);
    const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));
    await signIn(first, 'caseworker');
    await signIn(second, 'caseworker2');
    await first.getByText('Live', { exact: true }).waitFor();
    await second.getByText('Live', { exact: true }).waitFor();
    await shot(first, '02-queue');

    let reloaded = false;
    first.on('framenavigated', (f) => {
      if (f === first.mainFrame()) reloaded = true;
    });
    const report = createReport(
      {
        victim: { firstName: 'Harriet', lastName: 'Livewell', personId: 'P0E2E001' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        children: [{ ageYears: 6, livesWithVictim: true }],
      },
      4242,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const started = Date.now();
    await first.getByText('Harriet Livewell').waitFor({ timeout: 5000 });
    const appearedMs = Date.now() - started;
    // It is highlighted (for 2.5 s: checked at once), the whole row: one tint (the first cell's ::after) as wide and
    // high as the row it is placed against, shown, and no keyframe animation running on the page meanwhile (a running
    // animation kept the browser drawing main-thread frames for its whole length: docs/performance.md, session 31).
    const highlight = await first
      .getByRole('row')
      .filter({ hasText: 'Harriet Livewell' })
      .evaluate((tr) => {
        const after = getComputedStyle(tr.querySelector('td') as Element, '::after');
        const box = tr.getBoundingClientRect();
        return {
          isNew: tr.classList.contains('row-new'),
          width: parseFloat(after.width) - box.width,
          height: parseFloat(after.height) - box.height,
          shown: after.opacity === '1' && after.backgroundColor !== 'rgba(0, 0, 0, 0)',
          // Keyframe animations (a Material control's own brief transitions, a label's colour on focus, are not these).
          animating: document
            .getAnimations()
            .filter((a) => a instanceof CSSAnimation && a.playState === 'running')
            .map((a) => (a as CSSAnimation).animationName),
        };
      });
    expect(highlight.isNew).toBe(true);
    expect(Math.abs(highlight.width)).toBeLessThan(1);
    expect(Math.abs(highlight.height)).toBeLessThan(1);
    expect(highlight.shown).toBe(true);
    expect(highlight.animating).toEqual([]);
    await second.getByText('Harriet Livewell').waitFor({ timeout: 5000 });
    expect(reloaded).toBe(false);
    expect(appearedMs).toBeLessThan(5000);
    await shot(first, '03-queue-live-row');

    // A revision updates the row in place.
    const revised = await postReport({ ...report, revision: 2, incident: { ...report.incident, area: 'Watford and Three Rivers' } });
    expect(revised.status).toBe(200);
    const row = first.getByRole('row').filter({ hasText: 'Harriet Livewell' });
    await row.getByText('Watford and Three Rivers').waitFor({ timeout: 5000 });
    expect(await first.getByText('Harriet Livewell').count()).toBe(1);
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('lets a caseworker move through the queue with the keyboard and open a case', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.locator('tr.mat-mdc-row').first().waitFor();
    const grid = page.getByRole('grid').or(page.getByRole('table')).first();
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await shot(page, '04-queue-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /safe contact/i }).waitFor();
    await shot(page, '05-case-page');
    await context.close();
  });

  it('shows the case page with the report, DASH answers, safe contact and suspect', async () => {
    const report = createReport(
      {
        victim: {
          firstName: 'Imogen',
          lastName: 'Casepage',
          safeContact: { phone: '07700 900123', safeTimes: 'Weekdays 10:00-12:00', voicemailSafe: false, smsSafe: true },
        },
        suspect: { firstName: 'Derek', lastName: 'Sample' },
        officerRiskAssessment: { tool: 'dash', riskLevel: 'medium', dash: { q1: 'yes', q18: 'yes', q2: 'no' } },
      },
      4343,
    );
    const res = await postReport(report);
    const { caseId } = (await res.json()) as { caseId: string };
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Imogen Casepage/ }).waitFor();
    // Summary: the safe number, from the plan and from the report.
    await page.locator('lantern-safe-contact-panel').getByText('07700 900123').waitFor();
    await shot(page, '06-case-detail');
    // Report: the police report itself, DASH answers and suspect included.
    await page.getByRole('tab', { name: 'Report' }).click();
    await page.waitForURL(/tab=report/);
    await page
      .getByText(/strangle/i)
      .first()
      .waitFor();
    await page.getByText('Derek Sample').waitFor();
    await page.setViewportSize({ width: 1440, height: 3000 });
    await shot(page, '07-case-detail-long');
    await context.close();
  });
});
