import AxeBuilder from '@axe-core/playwright';
import { HUB_TIME_ZONE, type OutcomesReport } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, SCREENSHOTS, shot, signIn } from './support/browser';

async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Today and the first of this month, as hub (London) dates. */
function londonThisMonth(): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The whole dashboard in one picture: the shell scrolls inside <main>, so grow the window to fit it first. */
async function fullShot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => {
    const main = document.getElementById('main');
    return (main?.scrollHeight ?? 900) + (document.querySelector('.app-header')?.getBoundingClientRect().height ?? 64);
  });
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width: size.width, height: Math.ceil(height) + 8 });
  await page.waitForTimeout(300); // charts resize to the new window
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  await page.setViewportSize(size);
}

describe('outcomes: closure reasons, the satisfaction survey and the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a caseworker closes a case with a reason and the survey; a team lead sees it on the dashboard, charts and CSV included', async () => {
    const caseIds: string[] = [];
    for (const [i, name] of [
      ['Orla', 'Outcome'],
      ['Della', 'Declined'],
    ].entries()) {
      const res = await postReport(
        createReport(
          {
            // No children and no pregnancy (their closing rule is children.e2e.ts's).
            victim: { firstName: name[0], lastName: name[1], personId: `P0E2EOUT${i}`, pregnant: false },
            children: [],
            consent: { supportReferral: 'given', informationSharing: 'given' },
            officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
            // No MARAC criterion (escalation would need a MARAC referral before closing: marac.e2e.ts).
            incident: { previousIncidents12Months: 0 },
          },
          9300 + i,
        ),
      );
      expect(res.status).toBe(201);
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    const [closeId, declinedId] = caseIds;

    // Sam closes the first case through the close dialog: a reason, and the victim's survey.
    const cwContext = await newContext(browser);
    const cw = await cwContext.newPage();
    await signIn(cw, 'caseworker');
    expect(await cw.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).count()).toBe(0);
    await cw.goto(`/cases/${closeId}`);
    await cw.getByRole('heading', { name: /Orla Outcome/ }).waitFor();
    await cw.getByRole('button', { name: 'Claim', exact: true }).click();
    await cw.getByText('Assigned to you').waitFor({ timeout: 5000 });
    await cw.getByRole('button', { name: 'Change status…' }).click();
    await cw.getByRole('menuitem', { name: 'Close the case…' }).click();
    const dialog = cw.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Close the case' }).waitFor();

    // Nothing chosen: both the closure reason and the written reason are asked for.
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await dialog.getByText('Choose a closure reason.').waitFor();
    await dialog.getByText('Write a reason first.').waitFor();

    await dialog.getByRole('combobox', { name: 'Closure reason' }).click();
    const options = (await cw.getByRole('option').allInnerTexts()).map((t) => t.trim());
    expect(options).toEqual([
      'Support completed',
      'Referred on to another service',
      'No further action needed',
      'Duplicate of another case',
      'Other reason',
    ]);
    await cw.getByRole('option', { name: 'Support completed' }).click();
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('Safety plan in place; IDVA support finished.');
    await shot(cw, '89-close-dialog-reason');
    await dialog.getByRole('checkbox', { name: 'The victim answered the survey' }).check();
    // A survey begun must be finished: score and felt-safer are required.
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await dialog.getByText('Choose the score the victim gave, from 1 to 5.').waitFor();
    await dialog
      .getByRole('radiogroup', { name: /How satisfied/ })
      .getByRole('radio', { name: '4' })
      .check();
    await dialog.getByRole('radiogroup', { name: 'Do they feel safer? (required)' }).getByRole('radio', { name: 'Yes' }).check();
    await dialog
      .getByRole('radiogroup', { name: /recommend/ })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await dialog.getByRole('textbox', { name: /Anything else they said/ }).fill('Felt listened to.');
    await cw.waitForTimeout(200);
    await shot(cw, '90-close-dialog-survey');
    expect(await violations(cw, '.cdk-overlay-container')).toEqual([]);

    const posted: Array<{ url: string; body: unknown }> = [];
    cw.on('request', (r) => {
      if (r.method() === 'POST' && /\/cases\/[^/]+\/(status|satisfaction)$/.test(r.url()))
        posted.push({ url: r.url(), body: r.postDataJSON() });
    });
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await cw.locator('.status-chip').getByText('Status: Closed').waitFor({ timeout: 5000 });
    await dialog.waitFor({ state: 'detached' });
    expect(posted.map((p) => p.url.split('/').pop())).toEqual(['status', 'satisfaction']);
    expect(posted[0].body).toMatchObject({
      status: 'closed',
      closureReason: 'support-completed',
      reason: 'Safety plan in place; IDVA support finished.',
    });
    expect(posted[1].body).toEqual({ score: 4, feltSafer: 'yes', wouldRecommend: true, comment: 'Felt listened to.' });
    // The survey is in, so it is not offered again.
    await cw.waitForTimeout(500);
    expect(await cw.getByRole('button', { name: 'Record satisfaction survey' }).count()).toBe(0);

    // The second case was declined elsewhere (through the API) without a survey: the page offers to record one.
    expect((await cwContext.request.post(`/api/v1/cases/${declinedId}/claim`, { data: {} })).status()).toBe(200);
    const declined = await cwContext.request.post(`/api/v1/cases/${declinedId}/status`, {
      data: { status: 'declined', reason: 'She declined support on the phone.', closureReason: 'victim-declined' },
    });
    expect(declined.status(), await declined.text()).toBe(200);
    await cw.goto(`/cases/${declinedId}`);
    await cw.getByRole('heading', { name: /Della Declined/ }).waitFor();
    await cw.getByRole('button', { name: 'Record satisfaction survey' }).click();
    await dialog.getByRole('heading', { name: 'Record satisfaction survey' }).waitFor();
    await dialog
      .getByRole('radiogroup', { name: /How satisfied/ })
      .getByRole('radio', { name: '2' })
      .check();
    await dialog.getByRole('radiogroup', { name: 'Do they feel safer? (required)' }).getByRole('radio', { name: 'Not sure' }).check();
    await dialog.getByRole('button', { name: 'Save survey' }).click();
    await dialog.waitFor({ state: 'detached' });
    await cw.getByRole('button', { name: 'Record satisfaction survey' }).waitFor({ state: 'detached', timeout: 5000 });
    const survey = await cwContext.request.get(`/api/v1/cases/${declinedId}/satisfaction`);
    expect(await survey.json()).toMatchObject({ score: 2, feltSafer: 'unsure', wouldRecommend: null });

    // A caseworker may not open the dashboard: the guard sends them home.
    await cw.goto('/team/outcomes');
    await cw.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await cwContext.close();

    // Jordan (team lead) opens the dashboard from the header and picks "This month".
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'This month' }).click();
    const period = londonThisMonth();
    await page.waitForURL((u) => u.searchParams.get('from') === period.from && u.searchParams.get('to') === period.to);
    // The URL changes before the page renders the new period: wait for the button to show it is chosen.
    await page.getByRole('button', { name: 'This month', pressed: true }).waitFor({ timeout: 5000 });

    // The headline numbers are the API's for the same period.
    const api = await context.request.get(`/api/v1/reports/outcomes?from=${period.from}&to=${period.to}`);
    expect(api.status()).toBe(200);
    const report = (await api.json()) as OutcomesReport;
    expect(report.totals.closures).toBeGreaterThanOrEqual(2);
    expect(report.totals.satisfactionResponses).toBeGreaterThanOrEqual(2);
    const card = (key: string) => page.locator(`.card[data-figure="${key}"] .value`);
    await expect.poll(() => card('reports').innerText()).toBe(String(report.totals.reportsReceived));
    expect(await card('reached').innerText()).toBe(String(report.totals.contacted));
    expect(await card('referrals').innerText()).toBe(String(report.totals.referralsSent));
    expect(await card('help').innerText()).toBe(String(report.totals.victimsAccessingHelp));
    expect(await card('orders').innerText()).toBe(String(report.totals.ordersSecured));
    expect(await card('closures').innerText()).toBe(String(report.totals.closures));
    const hours = report.totals.medianHoursToFirstContact;
    expect(await card('hours').innerText()).toBe(hours === null ? '—' : String(Math.round(hours * 10) / 10));
    const mean = report.totals.satisfactionMean;
    expect(await card('satisfaction').innerText()).toBe(mean === null ? '—' : `${Math.round(mean * 10) / 10} / 5`);
    const rate = report.totals.contactRate;
    expect(await page.locator('.card[data-figure="reached"] .detail').innerText()).toBe(
      `contact rate ${rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`}`,
    );

    // Charts: a canvas with its text alternative and something drawn on it, for each chart with figures.
    for (const id of ['volume', 'area', 'closures', 'satisfaction']) {
      const canvas = page.locator(`section[aria-labelledby="${id}-heading"] canvas`);
      await canvas.waitFor();
      expect((await canvas.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(20);
    }
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || !c.width || !c.height) return 0;
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        return n;
      }),
    );
    expect(drawn.length).toBeGreaterThanOrEqual(4);
    for (const n of drawn) expect(n).toBeGreaterThan(500);
    expect(await page.locator('section[aria-labelledby="closures-heading"] canvas').getAttribute('aria-label')).toContain(
      'Support completed',
    );

    // The closures table behind its toggle matches the API's figures, reasons in words.
    const closures = page.locator('section[aria-labelledby="closures-heading"]');
    await closures.getByRole('button', { name: 'Show the figures as a table' }).click();
    const table = closures.getByRole('table', { name: 'Closures by reason' });
    await table.waitFor();
    const completed = report.closuresByReason.find((c) => c.reason === 'support-completed')?.count;
    expect(
      await table
        .getByRole('row', { name: /Support completed/ })
        .getByRole('cell')
        .innerText(),
    ).toBe(String(completed));
    await page.waitForTimeout(200);
    expect(await violations(page)).toEqual([]);

    // Download CSV for that table: a UTF-8 BOM, then the header row.
    const [download] = await Promise.all([page.waitForEvent('download'), closures.getByRole('button', { name: /^Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`lantern-outcomes-${period.from}-to-${period.to}-closures.csv`);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Closure reason,Closures');
    expect(lines).toContain(`support-completed,${completed}`);

    // Download all: every table, one after another.
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all (CSV)' }).click()]);
    expect(all.suggestedFilename()).toBe(`lantern-outcomes-${period.from}-to-${period.to}.csv`);
    const allText = readFileSync((await all.path()) as string, 'utf8');
    expect(allText.startsWith('\uFEFF# totals')).toBe(true);

    // The printable summary links to this month's PDF.
    const pdfLink = page.getByRole('link', { name: /Printable monthly summary \(PDF\)/ });
    expect(await pdfLink.getAttribute('href')).toBe(`/api/v1/reports/outcomes/summary?month=${period.to.slice(0, 7)}`);
    const pdf = await context.request.get((await pdfLink.getAttribute('href')) as string);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Weekly view: the URL says so, and the chart headings follow.
    await page.getByRole('radio', { name: 'By week' }).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'week');
    await page.getByRole('heading', { name: 'Reports received and victims reached, by week' }).waitFor();
    await page.getByRole('button', { name: 'Last 12 months' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') !== period.from);
    await page.getByRole('heading', { name: 'Reports received and victims reached, by week' }).waitFor();
    await page.locator('.card[data-figure="reports"]').waitFor();
    await page.waitForTimeout(300);
    await page.locator('.charts').screenshot({ path: join(SCREENSHOTS, '93-outcomes-weekly-12-months.png'), animations: 'disabled' });
    await page.getByRole('button', { name: 'This month' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === period.from);
    await expect.poll(() => card('closures').innerText()).toBe(String(report.totals.closures));
    await page.getByRole('radio', { name: 'By month' }).click();
    await page.getByRole('heading', { name: 'Reports received and victims reached, by month' }).waitFor();

    // A period backwards is refused in words, not sent.
    await page.getByLabel('From (London date)').fill(period.to);
    await page.getByLabel('To (inclusive)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show period' }).click();
    await page.getByText('The start date must be on or before the end date.').waitFor();
    await page.getByLabel('From (London date)').fill(period.from);
    await page.getByLabel('To (inclusive)').fill(period.to);
    await page.getByRole('button', { name: 'Show period' }).click();
    await page.getByText('The start date must be on or before the end date.').waitFor({ state: 'detached' });

    await fullShot(page, '91-outcomes-dashboard');
    await page.emulateMedia({ media: 'print' });
    await fullShot(page, '92-outcomes-dashboard-print');
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('auditors read the dashboard too; a bad period in the URL says why and shows the default', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'auditor');
    await page.goto('/team/outcomes?from=2026-02-30&to=2026-03-01');
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    await page.getByText('Dates must be real calendar dates (for example 2026-11-01).').waitFor();
    expect(await page.getByRole('button', { name: 'Last 12 months' }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('.card[data-figure="reports"]').waitFor();
    await context.close();
  });
});
