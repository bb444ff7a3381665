import AxeBuilder from '@axe-core/playwright';
import { formatWindows, HUB_TIME_ZONE, suggestSafeTimes } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The latest moment at or before now that is `hh:mm` in London on one of `weekdays` (1 = Monday … 7 = Sunday). */
function lastLondon(weekdays: number[], hh: number, mm: number): string {
  const now = DateTime.now().setZone(HUB_TIME_ZONE);
  for (let i = 0; i < 8; i++) {
    const t = now.minus({ days: i }).set({ hour: hh, minute: mm, second: 0, millisecond: 0 });
    if (weekdays.includes(t.weekday) && t <= now) return t.toUTC().toISO() as string;
  }
  throw new Error('no such day this week');
}

/**
 * The browser's clock and the attempt's `at` both at `at`: the workbench checks the rules at the browser's time, the
 * API at the attempt's time (an attempt may be recorded after it was made; never in the future).
 */
async function workAt(page: Page, at: string): Promise<void> {
  await page.clock.setFixedTime(new Date(at));
  await page.route('**/api/v1/cases/*/contact-attempts', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const body = route.request().postDataJSON() as Record<string, unknown>;
    return route.continue({ postData: JSON.stringify({ ...body, at }) });
  });
}

/** Records a call with outcome "No answer" on the Contact tab and waits for it in the timeline. */
async function recordCall(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: 'No answer' }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  await page.getByText('The plan allows this now.').waitFor();
  await page.getByRole('button', { name: 'Record attempt' }).click();
  const timeline = page.locator('ol.timeline');
  await timeline.getByText(/No answer/).waitFor();
  expect(await timeline.locator('li.override').count()).toBe(0);
  // The button is disabled again by the empty form: keyboard focus waits at "Attempt recorded.", not at the page's top.
  await page.waitForFunction(() => document.activeElement?.classList.contains('saved') === true, null, { timeout: 5000 });
}

describe('safe times are suggestions: confirmed by a caseworker before any call', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('blocks calls until the times are confirmed; "Use these times" confirms the suggestion in one action; a call inside goes through', async () => {
    // A phrasing the finished parser must read: Mon–Fri 10:00–12:00 (this test needs the parser, suggestSafeTimes).
    const text = 'Weekdays 10am-12pm';
    const report = createReport(
      {
        victim: {
          firstName: 'Tessa',
          lastName: 'Timesuggest',
          personId: 'P0E2E701',
          safeContact: { phone: '07700 900731', safeTimes: text, smsSafe: true, voicemailSafe: false },
        },
        consent: { supportReferral: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
      },
      7373,
      // Made by the officer eight days ago: the attempts below are dated in the past week (never before the report).
      { now: new Date(Date.now() - 8 * 86400_000) },
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    const context = await newContext(browser);
    const page = await context.newPage();
    // A weekday at 10:30 in London: inside the times the officer wrote.
    await workAt(page, lastLondon([1, 2, 3, 4, 5], 10, 30));
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}?tab=contact`);
    await page.getByRole('heading', { name: /Tessa Timesuggest/ }).waitFor();

    // Contact: it is obvious that calls are blocked, and why; the button leads to the Safe contact tab.
    const blocked = page.locator('.times-blocked');
    await blocked.getByRole('heading', { name: 'Calls, texts and voicemail are blocked' }).waitFor();
    expect(await blocked.innerText()).toContain(text);
    const record = page.getByRole('button', { name: 'Record attempt' });
    expect(await record.isDisabled()).toBe(true);
    await page
      .locator('.check .unsafe')
      .getByText(/Safe times not confirmed/)
      .waitFor();
    await shot(page, '70-contact-blocked-times-unconfirmed');
    expect(await violations(page)).toEqual([]);

    // The API refuses a call now too (the same rule, the same words).
    const refused = await page.request.post(`/api/v1/cases/${caseId}/contact-attempts`, {
      data: { channel: 'call', to: '07700 900731', outcome: 'no-answer' },
    });
    expect(refused.status()).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'unsafe-contact', rule: 'safe-times-unconfirmed' });

    await blocked.getByRole('button', { name: 'Confirm the safe times' }).click();
    await page.waitForURL(/tab=safe-contact/);
    const panel = page.locator('lantern-safe-times-panel');
    await panel.getByRole('heading', { name: 'Safe times' }).waitFor();
    await panel.getByText('Not confirmed', { exact: true }).waitFor();
    await panel.getByText('Calls, texts and voicemail are blocked').waitFor();
    expect(await panel.locator('.officer-words').innerText()).toContain(text);
    await shot(page, '71-safe-times-suggestion');

    // The reading itself, not only "some reading": the page shows exactly Mon–Fri 10:00–12:00, as the parser gives it.
    const words = formatWindows(suggestSafeTimes(text)?.windows ?? []);
    expect(words).toBe('Mon–Fri 10:00–12:00');
    expect(await panel.locator('.suggestion').innerText()).toBe(words);
    expect(await violations(page)).toEqual([]);

    // One action, from the keyboard.
    await panel.getByRole('button', { name: 'Use these times' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByText('Confirmed', { exact: true }).waitFor({ timeout: 5000 });
    await panel.getByText('Safe times confirmed.').waitFor();
    // The button went with the suggestion: focus is on the panel's heading, not lost to the page's top.
    await page.waitForFunction(() => document.activeElement?.id === 'safe-times-heading', null, { timeout: 5000 });
    expect(await panel.locator('.confirmed-times').innerText()).toBe(words);
    expect(await page.locator('.summary .next').innerText()).toMatch(/now/);
    await shot(page, '72-safe-times-confirmed');
    expect(await violations(page)).toEqual([]);

    // Contact (3): no block any more; a call inside the window goes through, with no override.
    await page.locator('h1').click();
    await page.keyboard.press('3');
    await page.waitForURL(/tab=contact/);
    await page.getByRole('heading', { name: 'Before you call' }).waitFor();
    expect(await blocked.count()).toBe(0);
    await recordCall(page);
    await shot(page, '73-contact-call-inside-window');

    // The history says who confirmed, and that it was the suggestion.
    await page.locator('h1').click();
    await page.keyboard.press('6');
    await page
      .locator('lantern-history-tab')
      .getByText(/Sam Carter confirmed the safe times: the suggested times/)
      .waitFor({ timeout: 5000 });
    await context.close();
  });

  it('says when Lantern could not read the times, opens the editor, and takes a window past midnight; "Any time" is recorded explicitly', async () => {
    const text = 'only when he is at the pub, usually late on a Friday';
    const report = createReport(
      {
        victim: {
          firstName: 'Nia',
          lastName: 'Nightshift',
          personId: 'P0E2E702',
          safeContact: { phone: '07700 900732', safeTimes: text, smsSafe: false, voicemailSafe: false },
        },
        consent: { supportReferral: 'given' },
      },
      7474,
      // Made by the officer eight days ago: the attempts below are dated in the past week (never before the report).
      { now: new Date(Date.now() - 8 * 86400_000) },
    );
    const { caseId } = (await (await postReport(report)).json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    // Friday 23:30 in London: inside Fri 22:00–02:00.
    await workAt(page, lastLondon([5], 23, 30));
    await signIn(page, 'caseworker2');
    await claimCase(page, caseId);
    await page.goto(`/cases/${caseId}?tab=safe-contact`);
    const panel = page.locator('lantern-safe-times-panel');
    await panel.getByText('Lantern could not read these times with certainty: enter them.').waitFor();
    // The editor is open already, empty: nothing is guessed.
    const from = panel.getByRole('textbox', { name: 'From' });
    expect(await from.inputValue()).toBe('');
    expect(await panel.getByRole('button', { name: 'Use these times' }).count()).toBe(0);

    // Confirming nothing names what is missing.
    await panel.getByRole('button', { name: 'Confirm these times' }).click();
    await panel.getByText('Window 1: tick at least one day.').waitFor();
    await shot(page, '74-safe-times-unreadable-editor');

    await panel.getByRole('checkbox', { name: 'Friday' }).check();
    await from.fill('22:00');
    await panel.getByRole('textbox', { name: 'To' }).fill('02:00');
    await panel.getByText('Fri 22:00–02:00 (next day): runs past midnight').waitFor();
    await shot(page, '75-safe-times-window-past-midnight');
    expect(await violations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Confirm these times' }).click();
    await panel.getByText('Confirmed', { exact: true }).waitFor({ timeout: 5000 });
    expect(await panel.locator('.confirmed-times').innerText()).toBe('Fri 22:00–02:00 (next day)');

    // Friday 23:30: the call goes through.
    await page.locator('h1').click();
    await page.keyboard.press('3');
    await page.waitForURL(/tab=contact/);
    await recordCall(page);

    // Back on Safe contact: "Any time…" asks first, then records it.
    await page.locator('h1').click();
    await page.keyboard.press('4');
    await page.waitForURL(/tab=safe-contact/);
    await panel.getByRole('button', { name: 'Any time…' }).click();
    const question = panel.getByRole('group', { name: /Record that any time is safe\?/ });
    await question.waitFor();
    expect(await question.innerText()).toContain(text);
    await shot(page, '76-safe-times-any-time-question');
    await question.getByRole('button', { name: 'Record any time' }).click();
    await panel.getByText('Safe times confirmed.').waitFor({ timeout: 5000 });
    expect(await panel.locator('.confirmed-times').innerText()).toBe('Any time');
    await context.close();
  });

  it('holds the old number when the police change the safe phone after the plan was saved, says what changed, and lets a review end it', async () => {
    const report = createReport(
      {
        victim: {
          firstName: 'Rhea',
          lastName: 'Revised',
          personId: 'P0E2E703',
          safeContact: { phone: '07700 900733', smsSafe: true, voicemailSafe: false },
        },
        consent: { supportReferral: 'given' },
      },
      7475,
    );
    const { caseId } = (await (await postReport(report)).json()) as { caseId: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'caseworker2');
    await claimCase(page, caseId);
    // Any time recorded: the plan is saved, against the police's safe phone 07700 900733.
    const times = await page.request.post(`/api/v1/cases/${caseId}/safe-contact/times`, { data: { timeRule: 'any' } });
    expect(times.status()).toBe(200);
    // The officer learns the suspect has that phone: the police revise the safe number, and texts are no longer safe.
    const revision = {
      ...report,
      revision: 2,
      victim: { ...report.victim, safeContact: { ...report.victim.safeContact, phone: '07700 900734', smsSafe: false } },
    };
    expect((await postReport(revision)).status).toBe(200);

    await page.goto(`/cases/${caseId}?tab=safe-contact`);
    const note = page.locator('.police-revised');
    await note.getByText('The police changed the safe-contact details after this plan was saved.').waitFor();
    expect(await note.locator('li').allInnerTexts()).toEqual(['Safe phone: 07700 900733 → 07700 900734', 'Texts: safe → not safe']);
    await note.getByText('Calls, texts and voicemail to 07700 900733 are blocked').waitFor();
    await note.getByText('Texts are blocked').waitFor();
    await note.scrollIntoViewIfNeeded();
    await shot(page, '77-safe-contact-police-revised');
    expect(await violations(page)).toEqual([]);

    // The Summary tab no longer lists the old number as a confirmed safe one.
    await page.locator('h1').click();
    await page.keyboard.press('1');
    await page.waitForURL((u) => !u.searchParams.has('tab'));
    await page.getByText('The police changed the safe-contact details since the plan was reviewed: review it first.').waitFor();
    expect(await page.locator('.number').allInnerTexts()).not.toContain('07700 900733');

    // The Contact tab does not offer the old number as safe; chosen, it is refused with no override.
    await page.locator('h1').click();
    await page.keyboard.press('3');
    await page.waitForURL(/tab=contact/);
    await page.getByRole('combobox', { name: 'Number' }).click();
    await page.getByRole('option', { name: /07700 900733 .*withdrawn by the police/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    const unsafe = page.locator('.check .unsafe');
    await unsafe.getByText('Police changed the safe contact details:').waitFor();
    expect(await page.getByRole('button', { name: 'Override and record…' }).isDisabled()).toBe(true);
    await unsafe.scrollIntoViewIfNeeded();
    await shot(page, '78-contact-police-revised');
    // No call-back time is offered while the number is withdrawn, and the form says why.
    await page
      .getByText('The police withdrew a safe number since the plan was reviewed: review the plan on the Safe contact tab first.')
      .waitFor();
    // A call that was not safe can still be recorded, and the form says that is all it records.
    await page.getByRole('combobox', { name: 'What happened' }).click();
    await page.getByRole('option', { name: 'Wrong number' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page
      .getByText('The police no longer give this number or channel as safe: this records only that the contact was not safe.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Record attempt' }).isEnabled()).toBe(true);
    await page.getByRole('combobox', { name: 'What happened' }).click();
    await page.getByRole('option', { name: 'No answer' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    // Leaving the half-filled attempt asks first, as a tab change does.
    await unsafe.getByRole('button', { name: 'Review the plan' }).click();
    await page.getByRole('alertdialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(/tab=safe-contact/);

    // Reviewed: the new number marked safe and saved; the note goes, and the call to it is allowed.
    await note.getByRole('button', { name: 'Review the plan' }).click();
    await page.getByRole('heading', { name: 'Edit the plan' }).waitFor();
    const firstNumber = page.getByRole('textbox', { name: 'Number 1', exact: true });
    // The withdrawn number starts unticked: keeping anything safe is the caseworker's choice.
    const safe = page.locator('#plan-numbers-0-safe input');
    expect(await safe.isChecked()).toBe(false);
    await firstNumber.fill('07700 900734');
    await safe.check();
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await note.waitFor({ state: 'detached', timeout: 5000 });
    // Back to the Contact tab asks nothing more, and the discarded attempt is gone: the form starts again from the
    // reviewed plan (before, the tab kept the discarded values, no longer guarded, one click from being recorded).
    await page.locator('h1').click();
    await page.keyboard.press('3');
    await page.waitForURL(/tab=contact/);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByText('The plan allows this now.').waitFor();
    expect(await page.getByRole('combobox', { name: 'What happened' }).innerText()).not.toContain('No answer');
    expect(await page.getByRole('combobox', { name: 'Number' }).innerText()).toContain('07700 900734');
    await context.close();
  });
});
