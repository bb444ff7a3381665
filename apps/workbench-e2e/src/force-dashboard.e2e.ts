import AxeBuilder from '@axe-core/playwright';
import type { PoliceReport } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, launch, newContext, PASSWORD, SCREENSHOTS, signIn } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The whole page in one picture: the shell scrolls inside <main>, so grow the window to fit it first. */
async function fullShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(
    () =>
      (document.getElementById('main')?.scrollHeight ?? 900) +
      (document.querySelector('.app-header')?.getBoundingClientRect().height ?? 64),
  );
  await page.setViewportSize({ width: size.width, height: Math.ceil(height) + 8 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  await page.setViewportSize(size);
}

/** Every victim and suspect name and reference the hub holds, read as a caseworker through the API. */
async function namesInTheHub(url: string): Promise<string[]> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'caseworker', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const res = await fetch(`${url}/api/v1/cases?limit=200`, { headers: { cookie } });
  const body = (await res.json()) as { items?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
  const items = Array.isArray(body) ? body : (body.items ?? []);
  const out: string[] = [];
  for (const c of items) {
    const victim = c['victim'] as { firstName?: string; lastName?: string } | undefined;
    for (const v of [c['reference'], c['id'], victim?.lastName]) if (typeof v === 'string') out.push(v);
  }
  return out;
}

/** The force lead's dashboard as JSON, through the API (to wait for the demo history). */
async function dashboardJson(url: string): Promise<{ totals: { referrals: number | string } }> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'force-lead', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return (await (await fetch(`${url}/api/v1/force/dashboard`, { headers: { cookie } })).json()) as {
    totals: { referrals: number | string };
  };
}

describe('force dashboard: a force lead sees their force in figures, never a victim', () => {
  let browser: Browser;
  // Its own API with the demo history (cases received weeks ago): the dashboard counts only up to last Monday's
  // snapshot, so reports posted during the test run never show, and the history gives it figures.
  let api: StartedApi;
  const reports: PoliceReport[] = [];
  beforeAll(async () => {
    browser = await launch();
    api = await startApi({ LANTERN_DEMO_HISTORY: '40' });
    for (let i = 0; i < 50 && (await dashboardJson(api.url)).totals.referrals === 0; i++) await new Promise((r) => setTimeout(r, 500));
    // Six referrals now: after the snapshot, so not counted; one of them from a team that never reaches 5 anyway.
    for (let i = 0; i < 6; i++) {
      const report = createReport(
        {
          victim: { firstName: 'Fenella', lastName: `Forcefigure${'ABCDEF'[i]}`, personId: `P0E2EFORCE${i}` },
          officer: { collarNumber: `PC ${7100 + i}`, team: i < 5 ? 'Response Team North' : 'Domestic Abuse Investigation Unit' },
        },
        9600 + i,
      );
      const res = await fetch(`${api.url}/api/v1/intake/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
        body: JSON.stringify(report),
      });
      expect(res.status).toBe(201);
      reports.push(report);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('lands on /force, shows figures, tables and the "<5" explanation, makes no hub request, at 1440 and 390', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/') || u.pathname.startsWith('/socket.io')) requests.push(u.pathname);
    });
    await signIn(page, 'force-lead', 'Force dashboard');
    expect(new URL(page.url()).pathname).toBe('/force');
    await page.getByText('Hertfordshire Constabulary').first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Force dashboard' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Triage queue' }).count()).toBe(0);

    // Figures: the demo history's referrals (all from the Safer Neighbourhood team), counted at last Monday's snapshot.
    // The period adds up its months as each shows them alone: when one of them (the history's first or last) shows
    // "<5", the total is hidden and the card says what the months showing numbers add up to instead.
    const referrals = (await page.locator('[data-figure="referrals"] .value').textContent())?.trim() ?? '';
    const months = await page.getByRole('table', { name: 'Referrals by month' }).locator('tbody tr td:nth-child(2)').allTextContents();
    const shown = months.map((m) => m.trim()).filter((m) => /^[\d,]+$/.test(m));
    const sum = shown.reduce((a, m) => a + Number(m.replace(/,/g, '')), 0);
    expect(sum).toBeGreaterThanOrEqual(5);
    if (months.every((m) => /^[\d,]+$/.test(m.trim()))) expect(Number(referrals.replace(/,/g, ''))).toBe(sum);
    else {
      expect(referrals).toBe('[c]');
      expect(await page.locator('[data-figure="referrals"] .detail').textContent()).toContain(`at least ${sum.toLocaleString('en-GB')}`);
    }
    const note = (await page.getByTestId('period-note').textContent()) ?? '';
    expect(note).toMatch(/^Figures for \w{3} \d{4} to \w{3} \d{4}[ .]/);
    expect(note).toContain('Counted as the records stood at 00:00 on Monday');
    expect(note).toContain('weekly snapshot');
    const teams = page.getByRole('table', { name: 'Referrals by officer team' });
    await teams.waitFor();
    expect(await teams.getByRole('rowheader', { name: 'Safer Neighbourhood' }).count()).toBe(1);
    // Our referrals came after the snapshot; and a team with fewer than 5 referrals is never named.
    expect(await teams.getByRole('rowheader', { name: 'Domestic Abuse Investigation Unit' }).count()).toBe(0);
    expect(await teams.getByRole('rowheader', { name: 'Response Team North' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Small numbers are hidden' }).waitFor();
    expect(await page.getByText(/means between 1 and 4/).count()).toBe(1);
    expect(await page.getByText(/counted together as "Other teams" and "Other areas"/).count()).toBe(1);
    for (const t of ['Referrals by month', 'Referrals by area', 'Referrals on to agencies', 'Legal outcomes: protective orders']) {
      expect(await page.getByRole('table', { name: t }).count(), t).toBe(1);
    }

    // No victim name, suspect name or reference anywhere on the page.
    const text = await page.locator('body').innerText();
    const secrets = [
      ...reports.flatMap((r) => [r.victim.lastName, r.reference, r.suspect?.lastName ?? '']),
      ...(await namesInTheHub(api.url)),
    ].filter((s) => s.length > 3);
    expect(secrets.length).toBeGreaterThan(12);
    for (const s of secrets) expect(text, s).not.toContain(s);

    expect(await violations(page)).toEqual([]);
    await fullShot(page, 'force-dashboard-1440');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    // Nothing is wider than the phone: not the document (the header wraps), not <main>, not the page's own parts.
    const sideways = await page.evaluate(() => {
      const main = document.getElementById('main') as HTMLElement;
      const page = document.querySelector('lantern-force-dashboard-page') as HTMLElement;
      const over = [...page.querySelectorAll('*')]
        .filter((e) => Math.ceil(e.getBoundingClientRect().right) > window.innerWidth)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
      const doc = document.documentElement;
      return { document: doc.scrollWidth - doc.clientWidth, main: main.scrollWidth - main.clientWidth, over: over.slice(0, 5) };
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'force-dashboard-390.png'), animations: 'disabled' });
    expect(sideways).toEqual({ document: 0, main: 0, over: [] });
    expect(await violations(page)).toEqual([]);
    await fullShot(page, 'force-dashboard-390-full');
    await page.locator('.tables').screenshot({ path: join(SCREENSHOTS, 'force-dashboard-390-tables.png'), animations: 'disabled' });

    // The CSV: the same figures, no names.
    await page.setViewportSize({ width: 1440, height: 900 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lantern-force-dashboard-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toMatch(/\r\nSafer Neighbourhood,(\d|\[c\])/);
    expect(csv).not.toContain('Domestic Abuse Investigation Unit');
    expect(csv).toContain('whole calendar months');
    for (const s of secrets) expect(csv, s).not.toContain(s);

    // Printed: the figures without the toolbar and the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
    await fullShot(page, 'force-dashboard-print');
    await page.emulateMedia({ media: 'screen' });

    // The session made no hub request: no queue, no cases, no team alerts, no live socket.
    const hub = requests.filter((p) => !/^\/api\/v1\/(auth\/|force\/dashboard)/.test(p));
    expect(hub, hub.join(', ')).toEqual([]);
    await context.close();
  });

  it('keeps other roles off the page', async () => {
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await page.goto('/force');
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/force');
    await context.close();
  });
});
