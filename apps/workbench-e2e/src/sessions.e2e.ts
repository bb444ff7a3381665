import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, newContext, shot, signIn } from './support/browser';

describe('sessions in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the __Host- session cookie over plain http, connects live under the CSP, and leaves at once when the session ends', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const signInPage = page.waitForResponse((r) => new URL(r.url()).pathname === '/sign-in');
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();

    // The CSP that let the socket connect: 'self' only, no wildcard ws:/wss:, no font or style hosts elsewhere.
    const csp = (await signInPage).headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/\bwss?:/);
    expect(csp).not.toMatch(/googleapis|gstatic/);
    expect(cspViolations).toEqual([]);

    // Chromium stores a Secure __Host- cookie from http://127.0.0.1: a browser-session cookie the page cannot read.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-lantern_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
    expect(await page.evaluate(() => document.cookie)).not.toContain('lantern_session');

    // The session ends on the server (as at the idle timeout or a sign-out elsewhere): the socket is closed, its
    // retry is refused, and the open workbench goes to the sign-in page without anyone touching it.
    const out = await fetch(`${baseUrl()}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: `${session?.name}=${session?.value}` },
    });
    expect(out.status).toBe(204);
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('returnUrl')).toBe('/queue');
    await shot(page, 'sessions-01-ended-elsewhere');
    await context.close();
  });
});
