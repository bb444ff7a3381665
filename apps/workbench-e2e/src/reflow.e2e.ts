import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCase, launch, newContext, PASSWORD, postReport, shot, signIn } from './support/browser';

/**
 * WCAG 1.4.10 Reflow and axe on every page, for every role, at a desktop width and at phone widths.
 * 1440 × 900 (desktop) and 390 × 844 (a current phone): axe finds no WCAG 2.1 A/AA violation.
 * 390 and 320 px wide (320 CSS px is the width 1.4.10 names): nothing scrolls sideways — neither the document nor
 * the shell's main region (the page scroller) — and Sign out stays on screen. A data table may scroll inside its
 * own region; the page around it may not.
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the document and the main region scroll sideways, and the widest elements that stick out (to fix them). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const doc = document.documentElement;
    if (doc.scrollWidth > vw) problems.push(`document ${doc.scrollWidth} > ${vw}`);
    const main = document.getElementById('main');
    if (main && main.scrollWidth > main.clientWidth) problems.push(`main ${main.scrollWidth} > ${main.clientWidth}`);
    if (problems.length) {
      // Name the outermost elements that stick out past the right edge (not inside a region that scrolls itself).
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${[...el.classList]
          .slice(0, 3)
          .map((c) => '.' + c)
          .join('')}`;
      const seen: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right <= vw + 0.5 || r.width === 0) continue;
        const parent = el.parentElement;
        if (parent && parent.getBoundingClientRect().right > vw + 0.5) continue;
        seen.push(`${describe(parent ?? el)} > ${describe(el)} (${Math.round(r.right)})`);
        if (seen.length >= 6) break;
      }
      problems.push(...seen);
    }
    return problems;
  });
}

/** Sign out (or, collapsed, the header's menu button) is inside the viewport. */
async function signOutReachable(page: Page): Promise<string[]> {
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  const target: Locator = (await menu.isVisible().catch(() => false))
    ? menu
    : page.getByRole('banner').getByRole('button', { name: 'Sign out' });
  if (!(await target.count())) return [];
  const box = await target.boundingBox();
  const vw = page.viewportSize()?.width ?? 0;
  return box && box.x >= 0 && box.x + box.width <= vw + 0.5 ? [] : [`sign out / menu off screen: ${JSON.stringify(box)}`];
}

/** Lets layout settle after a resize (Material's breakpoint observers, virtual scroll). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(150);
}

/**
 * Checks the page at each width: axe at 1440 and 390, no sideways scrolling at 390 and (for `narrow`) 320.
 * Returns every problem found, named by page and width, so one run lists them all.
 */
async function check(page: Page, name: string, narrow = true): Promise<string[]> {
  const found: string[] = [];
  for (const [label, size, axe] of [
    ['1440', DESKTOP, true],
    ['390', PHONE, true],
    ...(narrow ? [['320', NARROW, false] as const] : []),
  ] as const) {
    await page.setViewportSize(size);
    await settle(page);
    if (label !== '1440') {
      for (const p of await overflow(page)) found.push(`${name} @${label}: ${p}`);
      for (const p of await signOutReachable(page)) found.push(`${name} @${label}: ${p}`);
    }
    if (axe) for (const v of await violations(page)) found.push(`${name} @${label} axe ${v}`);
    if (label !== '1440') await shot(page, `reflow-${name}-${label}`);
  }
  await page.setViewportSize(DESKTOP);
  return found;
}

/** A fresh profile; generous timeouts, as the machine running the suite may be busy. */
async function fresh(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  context.setDefaultTimeout(90_000);
  context.setDefaultNavigationTimeout(90_000);
  return { context, page: await context.newPage() };
}

async function signInAs(page: Page, username: string, landing: string | RegExp): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}

async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: heading, level: 1 }).first().waitFor();
}

describe('reflow (WCAG 1.4.10) and axe on every page, 1440 / 390 / 320 px', () => {
  let browser: Browser;
  let caseId: string;
  let referralId: string;
  beforeAll(async () => {
    browser = await launch();
    // The case the hub pages open: posted here, never the queue's first row (other files share this API).
    const res = await postReport(
      createReport(
        {
          victim: { firstName: 'Rosalind', lastName: 'Reflow-Longsurname-Hyphenated', personId: 'P0E2EREFLOW1', gender: 'female' },
          consent: { supportReferral: 'given', informationSharing: 'given' },
          officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
        },
        9811,
      ),
    );
    expect(res.status).toBe(201);
    caseId = ((await res.json()) as { caseId: string }).caseId;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sign-in page', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await check(page, 'sign-in')).toEqual([]);
    await context.close();
  });

  it('caseworker: queue, every case tab, account', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signIn(page, 'caseworker');
    await page.getByText('Live', { exact: true }).waitFor();
    const found = await check(page, 'cw-queue');
    await claimCase(page, caseId);
    // A referral for the partner portal's pages (the caseworker is the assignee now).
    const sent = await page.request.post(`/api/v1/cases/${caseId}/referrals`, { data: { partnerId: 'idva', service: 'idva' } });
    expect(sent.status()).toBe(201);
    referralId = ((await sent.json()) as { id: string }).id;

    await visit(page, `/cases/${caseId}`, /HC\//);
    for (const tab of ['Summary', 'Risk', 'Contact', 'Safe contact', 'Report', 'History', 'Needs & safety plan', 'Referrals']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect.poll(() => page.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected')).toBe('true');
      await page.waitForTimeout(300);
      found.push(...(await check(page, `case-${tab.toLowerCase().replace(/[^a-z]+/g, '-')}`)));
    }
    await visit(page, '/account', 'Your account');
    found.push(...(await check(page, 'account')));
    expect(found).toEqual([]);
    await context.close();
  });

  it('team lead: queue, case, workload board, outcomes, imports', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signIn(page, 'team-lead');
    await page.getByText('Live', { exact: true }).waitFor();
    const found = await check(page, 'tl-queue');
    // At 390 px the header's pages and Sign out are in its Menu, every one of them.
    await page.setViewportSize(PHONE);
    await settle(page);
    expect(await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    await page.getByRole('banner').getByRole('button', { name: 'Menu' }).click();
    const menu = page.getByRole('menu');
    for (const name of ['Triage queue', 'Team workload', 'Outcomes', 'Import', 'Keyboard shortcuts', /^Your account/, 'Sign out'])
      await menu.getByRole('menuitem', { name }).waitFor();
    for (const v of await violations(page)) found.push(`header menu @390 axe ${v}`);
    await shot(page, 'reflow-header-menu-390');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.setViewportSize(DESKTOP);
    await visit(page, `/cases/${caseId}`, /HC\//);
    found.push(...(await check(page, 'tl-case')));
    await visit(page, '/team/workload', 'Team workload');
    await page.waitForTimeout(500);
    found.push(...(await check(page, 'workload')));
    await visit(page, '/team/outcomes', 'Outcomes');
    await page.waitForTimeout(500);
    found.push(...(await check(page, 'outcomes')));
    await visit(page, '/team/imports', 'Import police reports');
    found.push(...(await check(page, 'imports')));
    expect(found).toEqual([]);
    await context.close();
  });

  it('admin: partner directory, accounts and feed keys', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signInAs(page, 'admin', 'Partner directory');
    await page.waitForTimeout(500);
    const found = await check(page, 'partner-directory');
    await visit(page, '/admin', 'Accounts and feed keys');
    await page.waitForTimeout(500);
    found.push(...(await check(page, 'admin-accounts')));
    expect(found).toEqual([]);
    await context.close();
  });

  it('auditor: audit trail', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signIn(page, 'auditor');
    await visit(page, '/audit', 'Audit trail');
    await page.waitForTimeout(500);
    expect(await check(page, 'audit')).toEqual([]);
    await context.close();
  });

  it('partner: referral list and a referral (the page was 532 px wide at 390)', { timeout: 900_000 }, async () => {
    expect(referralId).toBeDefined();
    const { context, page } = await fresh(browser);
    await signInAs(page, 'partner-idva', /^Referrals to /);
    await page.waitForTimeout(500);
    const found = await check(page, 'partner-list');
    await visit(page, `/partner/referrals/${referralId}`, /^Referrals to /);
    await page.getByRole('region', { name: 'Safe contact: use only these' }).waitFor();
    found.push(...(await check(page, 'partner-referral')));
    expect(found).toEqual([]);
    await context.close();
  });

  it('officer: new referral, my referrals', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signInAs(page, 'officer', 'New referral');
    const found = await check(page, 'officer-form');
    await visit(page, '/officer/referrals', 'My referrals');
    await page.waitForTimeout(500);
    found.push(...(await check(page, 'officer-referrals')));
    expect(found).toEqual([]);
    await context.close();
  });

  it('force lead: force dashboard', { timeout: 900_000 }, async () => {
    const { context, page } = await fresh(browser);
    await signInAs(page, 'force-lead', 'Force dashboard');
    await page.waitForTimeout(500);
    expect(await check(page, 'force')).toEqual([]);
    await context.close();
  });
});
