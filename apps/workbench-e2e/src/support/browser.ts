import { join } from 'node:path';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const SCREENSHOTS = join(import.meta.dirname, '../../../../dist/e2e-screenshots');
export const PASSWORD = 'lantern-demo';
export const FEED_KEY = 'demo-feed-key';

export function baseUrl(): string {
  return inject('baseUrl');
}

/**
 * Debian's Chromium (LANTERN_CHROMIUM overrides the path, as in tools/scripts/run.mjs); never a downloaded browser.
 * `scrollbars`: show scroll bars, which headless Chromium hides, for a test of what fits beside one.
 */
export function launch(options: { scrollbars?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['LANTERN_CHROMIUM'] || '/usr/bin/chromium',
    ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser profile; `url` is another API than the shared one (a file that started its own). */
export async function newContext(browser: Browser, url = baseUrl()): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: url,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: HUB_TIME_ZONE,
  });
}

/** Signs in and waits for the user's landing page (the queue, unless its heading is given). */
export async function signIn(page: Page, username: string, landing = 'Triage queue'): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  // Finished animations only: a dialog or menu caught half-way hides what the picture is for.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

export async function postReport(report: unknown): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/intake/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
    body: JSON.stringify(report),
  });
}

/** Posts a report through the feed and answers its new case's id (a test's own case: 201, or the test fails here). */
export async function newCase(report: unknown): Promise<string> {
  const res = await postReport(report);
  if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { caseId: string }).caseId;
}

/** A fresh browser signed in as `username`, holding the case (claimed) and on its page; close the context after. */
export async function onClaimedCase(
  browser: Browser,
  caseId: string,
  username = 'caseworker',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, username);
  await claimCase(page, caseId);
  await page.goto(`/cases/${caseId}`);
  return { context, page };
}

/**
 * Claims a case as the page's signed-in user, through the API: only the assignee or a team lead works on a case
 * (case-access.ts), so a test about something else claims first.
 */
export async function claimCase(page: Page, caseId: string): Promise<void> {
  const res = await page.request.post(`/api/v1/cases/${caseId}/claim`, { data: {} });
  if (res.status() !== 200) throw new Error(`claim ${caseId}: ${res.status()}`);
}

/**
 * Records "any time" as the victim's safe times, as a caseworker who asked her would (the page's user must hold the
 * case): a report without safe times starts unconfirmed, every call refused, like one with them.
 */
export async function recordAnyTime(page: Page, caseId: string): Promise<void> {
  const res = await page.request.post(`/api/v1/cases/${caseId}/safe-contact/times`, { data: { timeRule: 'any' } });
  if (res.status() !== 200) throw new Error(`any time ${caseId}: ${res.status()}`);
}

/**
 * Every shown queue row's flags, checked as a user sees them: each chip in sight and the "+N" chip lie inside the
 * cell, and every flag is either in sight or named by "+N" (its tooltip). A problem is returned as text naming the row.
 */
export function flagProblems(page: Page): Promise<string[]> {
  return page.locator('tr.mat-mdc-row td.mat-column-flags').evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const box = cell.getBoundingClientRect();
      const row = (cell.closest('tr') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').slice(0, 60) ?? '?';
      const chips = Array.from(cell.querySelectorAll<HTMLElement>('lantern-flag-list > lantern-flag-chip'));
      const shown = chips.filter((c) => !c.classList.contains('overflowed'));
      const more = cell.querySelector<HTMLElement>('lantern-flag-list > .more');
      const moreShown = more && !more.hidden ? more : null;
      const inside = (el: HTMLElement) => {
        const b = el.getBoundingClientRect();
        return (
          b.width > 0 && b.left >= box.left - 0.5 && b.right <= box.right + 0.5 && b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5
        );
      };
      const label = (el: HTMLElement) => (el.textContent ?? '').replace(/^\W+/u, '').trim();
      const problems = [...shown, ...(moreShown ? [moreShown] : [])]
        .filter((el) => !inside(el))
        .map((el) => `${row}: "${label(el)}" is cut`);
      const named = new Set([...shown.map(label), ...(moreShown?.title.replace(/^Also: /, '').split(', ') ?? [])]);
      const missing = chips.map(label).filter((l) => !named.has(l));
      if (missing.length > 0) problems.push(`${row}: ${missing.join(', ')} neither shown nor named by "+N"`);
      return problems;
    }),
  );
}

/**
 * Opens the team lead's alert tray and waits for an alert's text, pressing Refresh until it shows: the tray may have
 * read before the alert's record was written, and other files' alerts fill it too. Answers the tray.
 */
export async function alertInTray(page: Page, text: string | RegExp): Promise<Locator> {
  await page.getByRole('button', { name: /^Alerts/ }).click();
  const tray = page.getByRole('dialog', { name: 'Alerts' });
  await tray.waitFor();
  const alert = tray.getByText(text);
  await expect
    .poll(
      async () => {
        if (await alert.isVisible()) return true;
        await tray.getByRole('button', { name: 'Refresh' }).click();
        return alert.isVisible();
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBe(true);
  return tray;
}
