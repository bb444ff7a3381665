import AxeBuilder from '@axe-core/playwright';
import { WEEKDAYS } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCase, FEED_KEY, launch, newContext, shot, signIn } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

async function violations(page: Page): Promise<string[]> {
  // A Material snack bar holds its content under aria-hidden for its first 150 ms, then moves it into its live region
  // (that is how it is announced): axe in between would see a button under aria-hidden. Let any snack bar settle.
  await page.waitForFunction(() => !document.querySelector('.mat-mdc-snack-bar-container [aria-hidden="true"]'));
  // A dialog fades in and out: axe measuring colour contrast mid-fade sees half-transparent text. Let it finish.
  await page.waitForFunction(() => !document.querySelector('.mdc-dialog--opening, .mdc-dialog--closing'));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A hub staffed around the clock, so the workload board has people on shift whenever the test runs. */
function triageConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lantern-notes-e2e-')), 'triage.json');
  const allDay = { open: '00:00', close: '24:00' };
  writeFileSync(file, JSON.stringify({ calendar: { week: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])), closures: [] } }));
  return file;
}

/**
 * Issue 15, items 7 and 8: case notes, possible duplicates, the printable summary, acknowledging an alert with a
 * note, and Undo after a reassignment. Each test posts its own reports; none relies on a queue row.
 */
describe('case notes, duplicates, print, alert acknowledgements and undo', { timeout: 240_000 }, () => {
  let api: StartedApi;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let sam: Page;
  let lead: Page;
  let seed = 8800;

  async function freshPage(): Promise<Page> {
    const context = await newContext(browser, api.url);
    contexts.push(context);
    return context.newPage();
  }

  async function postCase(): Promise<{ caseId: string; reference: string }> {
    seed += 1;
    const res = await fetch(`${api.url}/api/v1/intake/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
      body: JSON.stringify(createReport({ victim: { personId: `P0NOTES${seed}` } }, seed)),
    });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const detail = (await (await lead.request.get(`/api/v1/cases/${caseId}`)).json()) as { reference: string };
    return { caseId, reference: detail.reference };
  }

  beforeAll(async () => {
    api = await startApi({ LANTERN_TRIAGE_CONFIG: triageConfig() });
    browser = await launch();
    sam = await freshPage();
    await signIn(sam, 'caseworker');
    lead = await freshPage();
    await signIn(lead, 'team-lead');
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
  });

  let first: { caseId: string; reference: string };

  it('adds a case note, which another open case page shows live', async () => {
    first = await postCase();
    await claimCase(sam, first.caseId);
    await sam.goto(`/cases/${first.caseId}?tab=notes`);
    await lead.goto(`/cases/${first.caseId}?tab=notes`);
    await sam.getByRole('heading', { name: 'Add a note' }).waitFor();
    await lead.getByRole('heading', { name: 'Notes (0)' }).waitFor();

    // A blank note is refused in the form, with the reason next to the field.
    await sam.getByRole('button', { name: 'Add note' }).click();
    await sam.getByText('Write the note (up to 5000 characters).').waitFor();

    const text = 'Victim called from a friend’s phone: safe to talk after 6pm on weekdays.';
    await sam.getByRole('textbox', { name: 'Note' }).fill(text);
    await sam.getByRole('button', { name: 'Add note' }).click();
    const mine = sam.getByRole('listitem').filter({ hasText: text });
    await mine.waitFor();
    await expect.poll(() => mine.innerText()).toMatch(/Sam Carter · \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    expect(await sam.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('');
    // The team lead's open page shows it without a reload.
    await lead.getByRole('listitem').filter({ hasText: text }).waitFor({ timeout: 10_000 });
    await lead.getByRole('heading', { name: 'Notes (1)' }).waitFor();
    expect(await violations(sam)).toEqual([]);
    await shot(sam, 'notes-01-case-notes');
  });

  it('links two cases as possible duplicates, shown on both case pages with a link', async () => {
    const second = await postCase();
    await sam.goto(`/cases/${first.caseId}`);
    await sam.getByRole('button', { name: 'Link a duplicate…' }).click();
    const dialog = sam.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Link a possible duplicate of ${first.reference}` }).waitFor();
    await dialog.getByRole('textbox', { name: 'The other case’s link or id' }).fill(`${api.url}/cases/${second.caseId}`);
    await dialog.getByRole('textbox', { name: 'Why you think it is a duplicate' }).fill('Same incident reported twice by two officers');
    expect(await violations(sam)).toEqual([]);
    await shot(sam, 'notes-02-link-duplicate-dialog');
    await dialog.getByRole('button', { name: 'Link cases' }).click();

    const list = sam.getByRole('list', { name: 'Possible duplicates' });
    await list.getByRole('link', { name: second.reference }).waitFor();
    expect(await list.innerText()).toContain(`Possible duplicate of ${second.reference}`);
    await shot(sam, 'notes-03-duplicate-shown');
    // On the other case's page, the link points back.
    await list.getByRole('link', { name: second.reference }).click();
    await sam.waitForURL(`**/cases/${second.caseId}`);
    await sam.getByRole('list', { name: 'Possible duplicates' }).getByRole('link', { name: first.reference }).waitFor();
    // Both records are still there, each its own case (never merged).
    expect((await (await sam.request.get(`/api/v1/cases/${second.caseId}`)).json()).reference).toBe(second.reference);
  });

  it('prints a case summary: sensitive plan marked, notes and duplicates in, UK dates, a Print button', async () => {
    await sam.goto(`/cases/${first.caseId}`);
    await sam.getByRole('link', { name: 'Print summary' }).click();
    await sam.waitForURL(`**/cases/${first.caseId}/print`);
    await sam.getByRole('heading', { name: `Case summary: ${first.reference}` }).waitFor();
    await sam.getByRole('heading', { name: 'Safe-contact plan' }).waitFor();
    await sam.getByText(/Sensitive: these numbers, times and the code word could put the victim in danger/).waitFor();
    await sam.getByText('Victim called from a friend’s phone').waitFor();
    await sam.getByText(/Possible duplicate of /).waitFor();
    const body = await sam.locator('article').innerText();
    expect(body).toMatch(/Received\s+\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await sam.getByRole('button', { name: 'Print' }).waitFor();
    expect(await violations(sam)).toEqual([]);
    await shot(sam, 'notes-04-print-summary');
    // On paper the app's header and the buttons are left out.
    await sam.emulateMedia({ media: 'print' });
    expect(await sam.locator('.app-header').isVisible()).toBe(false);
    expect(await sam.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await shot(sam, 'notes-05-print-media');
    await sam.emulateMedia({ media: 'screen' });
  });

  it('lets a team lead acknowledge an alert with a note: safety alerts first, and the alert leaves the tray', async () => {
    // A safety alert: Sam breaks the glass on a case restricted to the team lead.
    const { caseId, reference } = await postCase();
    expect(
      (
        await lead.request.post(`/api/v1/cases/${caseId}/restriction`, { data: { restricted: true, accessList: [], reason: 'colleague' } })
      ).status(),
    ).toBe(200);
    expect((await sam.request.post(`/api/v1/cases/${caseId}/break-glass`, { data: { reason: 'Victim on the phone now' } })).status()).toBe(
      201,
    );

    await lead.goto('/queue');
    await lead.getByRole('button', { name: /^Alerts/ }).click();
    const tray = lead.getByRole('dialog', { name: 'Alerts' });
    const groups = tray.locator('section h3 button');
    await groups.first().waitFor();
    // The safety groups come first and are open; the rest are closed, each with its count.
    const titles = await groups.allInnerTexts();
    expect(titles[0]).toMatch(/Safety\s*\(\d+\)/);
    const slaIndex = titles.findIndex((t) => t.includes('SLA'));
    if (slaIndex >= 0) {
      expect(slaIndex).toBeGreaterThan(0);
      expect(await groups.nth(slaIndex).getAttribute('aria-expanded')).toBe('false');
    }
    expect(await groups.first().getAttribute('aria-expanded')).toBe('true');
    const item = tray.getByRole('listitem').filter({ has: lead.getByRole('link', { name: reference }) });
    await item.waitFor();
    expect(await item.innerText()).toContain('Sam Carter broke the glass');
    await item.getByRole('button', { name: /^Acknowledge: / }).click();
    const note = tray.getByRole('textbox', { name: 'What was done (note)' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Checked with Sam: the victim called in, access was right.');
    expect(await violations(lead)).toEqual([]);
    await shot(lead, 'notes-06-alert-acknowledge');
    await tray.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await tray.getByText('Alert acknowledged. It has left the tray for every team lead.').waitFor({ state: 'attached' });
    await shot(lead, 'notes-07-alert-acknowledged');
    // Read again from the API: the acknowledged alert is gone for good.
    const alerts = (await (await lead.request.get('/api/v1/alerts')).json()) as { safety?: Array<{ caseId?: string }> };
    expect((alerts.safety ?? []).some((a) => a.caseId === caseId)).toBe(false);
    await tray.getByRole('button', { name: 'Close' }).click();
  });

  it('reassigns a case on the board and undoes it from the snack bar, by keyboard', async () => {
    await lead.goto('/team/workload');
    await lead.getByRole('heading', { name: 'Team workload', level: 1 }).waitFor();
    const { caseId, reference } = await postCase();
    const unassigned = lead.getByRole('list', { name: 'Unassigned cases, most urgent first' });
    const item = unassigned.getByRole('listitem').filter({ has: lead.getByRole('link', { name: reference }) });
    await item.waitFor();
    await item.focus();
    await lead.keyboard.press('r');
    const menu = lead.getByRole('menu', { name: 'Reassign to' });
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: /^Sam Carter/ }).click();

    await lead.getByText(`${reference} given to Sam Carter.`).waitFor();
    const undo = lead.getByRole('button', { name: 'Undo' });
    // The Undo button has keyboard focus at once (and the text is announced).
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(lead, 'notes-08-reassign-undo-snackbar');
    await lead.keyboard.press('Enter');
    await lead.getByText(`Undone: ${reference} is back in the unassigned queue.`).waitFor();
    await expect
      .poll(async () => ((await (await lead.request.get(`/api/v1/cases/${caseId}`)).json()) as { assignee: unknown }).assignee)
      .toBeNull();
    await unassigned.getByRole('link', { name: reference }).waitFor();
    await lead.locator('.mat-mdc-snack-bar-container [aria-live]').getByText(`Undone: ${reference}`).waitFor();
    expect(await violations(lead)).toEqual([]);
    await shot(lead, 'notes-09-undone');
  });
});
