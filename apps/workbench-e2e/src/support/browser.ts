import { join } from 'node:path';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

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

/**
 * Claims a case as the page's signed-in user, through the API: only the assignee or a team lead works on a case
 * (case-access.ts), so a test about something else claims first.
 */
export async function claimCase(page: Page, caseId: string): Promise<void> {
  const res = await page.request.post(`/api/v1/cases/${caseId}/claim`, { data: {} });
  if (res.status() !== 200) throw new Error(`claim ${caseId}: ${res.status()}`);
}
