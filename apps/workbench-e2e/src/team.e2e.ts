import AxeBuilder from '@axe-core/playwright';
import { WEEKDAYS } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, launch, newContext, shot, signIn } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The board needs people on shift whatever time the tests run: this file starts its own API with a hub staffed
 * around the clock, and a high-risk assignment clock of a few seconds so a case can breach during the test.
 */
function triageConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lantern-team-e2e-')), 'triage.json');
  const allDay = { open: '00:00', close: '24:00' };
  writeFileSync(
    file,
    JSON.stringify({
      calendar: { week: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])), closures: [] },
      slaTargets: { assignHours: { high: 0.002, other: 3 } },
    }),
  );
  return file;
}

describe('team lead workload board', () => {
  let api: StartedApi;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let lead: Page;
  let ids: Record<string, string>;
  let seed = 7100;

  async function freshPage(): Promise<Page> {
    const context = await newContext(browser, api.url);
    contexts.push(context);
    return context.newPage();
  }

  /** A police report through the intake API; returns the new case's id and reference. */
  async function postCase(grade: 'high' | 'medium' | 'standard'): Promise<{ caseId: string; reference: string }> {
    seed += 1;
    const report = createReport(
      {
        victim: { personId: `P0TEAM${seed}` },
        officerRiskAssessment: { tool: 'judgement', riskLevel: grade, dash: undefined },
      },
      seed,
    );
    const res = await fetch(`${api.url}/api/v1/intake/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const detail = (await (await lead.request.get(`/api/v1/cases/${caseId}`)).json()) as { reference: string };
    return { caseId, reference: detail.reference };
  }

  const person = (userId: string) => lead.locator(`li.person[data-user-id="${userId}"]`);
  const openCount = async (userId: string) => Number(await person(userId).locator('.open-count').innerText());
  const unassignedList = () => lead.getByRole('list', { name: 'Unassigned cases, most urgent first' });

  beforeAll(async () => {
    api = await startApi({ LANTERN_TRIAGE_CONFIG: triageConfig() });
    browser = await launch();
    lead = await freshPage();
    await signIn(lead, 'team-lead');
    const users = (await (await lead.request.get('/api/v1/users')).json()) as Array<{ id: string; displayName: string }>;
    ids = Object.fromEntries(users.map((u) => [u.displayName, u.id]));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
  });

  it('opens from the header for a team lead and shows new reports live, without a reload', async () => {
    await lead.getByRole('link', { name: 'Team workload' }).click();
    await lead.getByRole('heading', { name: 'Team workload', level: 1 }).waitFor();
    await person(ids['Sam Carter']).getByRole('heading', { name: 'Sam Carter' }).waitFor();
    await person(ids['Alex Morgan']).waitFor();
    await lead.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 1));

    const { reference } = await postCase('standard');
    await unassignedList().getByRole('link', { name: reference }).waitFor();
    expect(await lead.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(1);

    await lead.getByRole('button', { name: 'Show cases of Sam Carter' }).click();
    await person(ids['Sam Carter']).getByRole('list', { name: 'Open cases of Sam Carter' }).waitFor();
    expect(await violations(lead)).toEqual([]);
    await shot(lead, 'team-01-workload-board');
  });

  it('reassigns a case by keyboard alone, and the caseworker’s open count goes up', async () => {
    const { reference } = await postCase('standard');
    const item = unassignedList()
      .getByRole('listitem')
      .filter({ has: lead.getByRole('link', { name: reference }) });
    await item.waitFor();
    const sam = ids['Sam Carter'];
    const before = await openCount(sam);

    await item.focus();
    await lead.keyboard.press('r');
    const menu = lead.getByRole('menu', { name: 'Reassign to' });
    await menu.waitFor();
    const names = await menu.getByRole('menuitem').allInnerTexts();
    const index = names.findIndex((n) => n.startsWith('Sam Carter'));
    expect(index).toBeGreaterThanOrEqual(0);
    await shot(lead, 'team-02-reassign-menu');
    for (let i = 0; i < index; i++) await lead.keyboard.press('ArrowDown');
    await lead.keyboard.press('Enter');

    await lead.getByText(`${reference} given to Sam Carter.`).waitFor();
    await expect.poll(() => openCount(sam), { timeout: 10_000 }).toBe(before + 1);
    await unassignedList().getByRole('link', { name: reference }).waitFor({ state: 'detached' });
    // The snack bar's Undo takes keyboard focus for its few seconds; Escape leaves it, and focus lands on the
    // person who took the case.
    await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Undo');
    await lead.keyboard.press('Escape');
    await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Sam Carter');
    // Sam's expanded list now holds it.
    await person(sam).getByRole('link', { name: reference }).waitFor();
  });

  it('shows a caseworker’s Away live, and Away refuses Next case with a clear message', async () => {
    const alex = await freshPage();
    await signIn(alex, 'caseworker2');
    const status = alex.getByRole('radiogroup', { name: 'My status' });
    await status.getByRole('radio', { name: 'Available' }).and(alex.locator('[aria-checked="true"]')).waitFor();
    await status.getByRole('radio', { name: 'Away' }).click();
    await status.getByRole('radio', { name: 'Away' }).and(alex.locator('[aria-checked="true"]')).waitFor();

    await person(ids['Alex Morgan']).locator('.avail-away', { hasText: 'Away' }).waitFor();
    await shot(lead, 'team-03-board-away');

    await alex.getByRole('button', { name: 'Next case' }).click();
    await alex.getByText('You are set to Away. Set your status to Available').waitFor();
    await shot(alex, 'team-04-away-next-case');

    await status.getByRole('radio', { name: 'Available' }).click();
    await person(ids['Alex Morgan']).locator('.avail-available', { hasText: 'Available' }).waitFor();
  });

  it('updates live when a caseworker claims a case', async () => {
    const { reference } = await postCase('standard');
    await unassignedList().getByRole('link', { name: reference }).waitFor();
    const sam = ids['Sam Carter'];
    const before = await openCount(sam);
    const total = async () => Number((await lead.locator('#unassigned-heading .count').innerText()).replace(/\D/g, ''));
    const unassignedBefore = await total();

    const samPage = await freshPage();
    await signIn(samPage, 'caseworker');
    await samPage.getByRole('button', { name: 'Next case' }).click();
    await samPage.waitForURL(/\/cases\//);

    await expect.poll(() => openCount(sam), { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(total, { timeout: 10_000 }).toBe(unassignedBefore - 1);
  });

  it('assigns a suggested move when the team lead accepts it', async () => {
    await postCase('medium');
    const suggestions = lead.getByRole('list', { name: 'Suggestions' });
    const first = suggestions
      .getByRole('listitem')
      .filter({ has: lead.getByRole('button', { name: /^Accept: / }) })
      .first();
    await first.waitFor();
    await lead.getByRole('heading', { name: 'Suggested balance' }).scrollIntoViewIfNeeded();
    await shot(lead, 'team-05-suggested-balance');
    const accept = first.getByRole('button', { name: /^Accept: / });
    const label = (await accept.getAttribute('aria-label')) ?? '';
    const [, reference, toName] = /^Accept: (\S+) to (.+)$/.exec(label) ?? [];
    expect(reference).toBeTruthy();
    const caseId = (await first.getByRole('link', { name: reference }).getAttribute('href'))?.split('/').pop() as string;

    await accept.click();
    await lead.getByText(`${reference} given to ${toName} as suggested.`).waitFor();
    const detail = (await (await lead.request.get(`/api/v1/cases/${caseId}`)).json()) as { assignee: { displayName: string } | null };
    expect(detail.assignee?.displayName).toBe(toName);
  });

  it('moves a case by drag and drop onto a caseworker', async () => {
    if (!lead.url().endsWith('/team/workload')) await lead.goto('/team/workload');
    const { reference } = await postCase('standard');
    const item = unassignedList()
      .getByRole('listitem')
      .filter({ has: lead.getByRole('link', { name: reference }) });
    await item.waitFor();
    const alex = ids['Alex Morgan'];
    const before = await openCount(alex);
    // Both ends in view: the page at its top, the case scrolled into view inside the unassigned list only.
    await lead.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
    await item.evaluate((el: HTMLElement) => {
      const list = el.closest('ul') as HTMLElement;
      list.scrollTop = el.offsetTop - list.offsetTop - 8;
    });
    const from = await item.locator('.age').boundingBox();
    const to = await person(alex).locator('.load').boundingBox();
    if (!from || !to) throw new Error('nothing to drag');
    await lead.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await lead.mouse.down();
    await lead.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8);
    for (let i = 1; i <= 12; i++) await lead.mouse.move(from.x + ((to.x + 40 - from.x) * i) / 12, from.y + ((to.y + 5 - from.y) * i) / 12);
    await lead.mouse.up();
    await lead.getByText(`${reference} given to Alex Morgan.`).waitFor();
    await expect.poll(() => openCount(alex), { timeout: 10_000 }).toBe(before + 1);
  });

  it('edits a caseworker’s rota and shows the server’s field errors', async () => {
    await person(ids['Sam Carter']).getByRole('button', { name: 'Rota for Sam Carter' }).click();
    const dialog = lead.getByRole('dialog', { name: 'Rota for Sam Carter' });
    await dialog.getByRole('radio', { name: 'Set weekly hours' }).check();
    await dialog.getByLabel('Monday start').fill('10:00');
    await dialog.getByLabel('Monday end').fill('09:00');
    await dialog.getByRole('button', { name: 'Save rota' }).click();
    await dialog.getByText('Monday: must be after the start of the shift').waitFor();
    await shot(lead, 'team-07-rota-error');
    await dialog.getByRole('radio', { name: 'Whenever the hub is staffed' }).check();
    await dialog.getByRole('button', { name: 'Save rota' }).click();
    await dialog.waitFor({ state: 'detached' });
    await lead.getByText('Rota saved for Sam Carter.').waitFor();
  });

  it('lists a breached case in the alert tray, whose link opens the case', async () => {
    const { caseId, reference } = await postCase('high');
    // The high-risk assignment clock runs out after a few seconds.
    await expect
      .poll(
        async () => {
          const alerts = (await (await lead.request.get('/api/v1/alerts')).json()) as { sla: Array<{ caseId: string; state: string }> };
          return alerts.sla.find((s) => s.caseId === caseId)?.state ?? null;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('breached');

    await lead.getByRole('button', { name: /^Alerts/ }).click();
    const tray = lead.getByRole('dialog', { name: 'Alerts' });
    await tray.waitFor();
    const breached = tray.getByRole('region', { name: /^SLA breached/ });
    const link = breached.getByRole('link', { name: reference });
    // SLA groups start closed (the safety ones come first, open): open it by its heading button, which has the count.
    const toggle = breached.getByRole('button', { name: /^SLA breached \(\d+\)/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    if (!(await link.isVisible())) await tray.getByRole('button', { name: 'Refresh' }).click();
    await link.waitFor();
    await lead.waitForTimeout(300);
    expect(await violations(lead)).toEqual([]);
    await shot(lead, 'team-06-alert-tray');

    await link.click();
    await lead.waitForURL(`**/cases/${caseId}`);
    await lead
      .getByRole('heading', { name: new RegExp(reference) })
      .first()
      .waitFor();
    expect(await tray.isVisible()).toBe(false);
  });
});
