import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HUB_CALENDAR, hubWallClockToIso, isOutOfHours, isoToHubWallClock } from '@lantern/shared/domain';
import { createReport, merge } from '@lantern/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_KEY, launch, newContext, shot, signIn, claimCase, recordAnyTime } from './support/browser';
import { startApi, type StartedApi } from './support/global-setup';

/** 10:30 London on the first staffed day from tomorrow: a call-back time the hub accepts when any time is safe. */
function nextStaffedMorning(): string {
  for (let i = 1; i < 14; i++) {
    const { date } = isoToHubWallClock(new Date(Date.now() + i * 86_400_000).toISOString());
    const at = hubWallClockToIso(date, '10:30') as string;
    if (!isOutOfHours(at, DEFAULT_HUB_CALENDAR)) return at;
  }
  throw new Error('no staffed morning');
}

/** This file's own API: the cases it adds (and gives back, to the top of the queue) stay out of the others' queue. */
let api: StartedApi;

/** A report with no officer safe times (the tests record any time once claimed), a safe number, and consent to contact. */
async function postCase(
  i: number,
  victim: { firstName: string; lastName: string },
  over: Parameters<typeof createReport>[0] = {},
  target: StartedApi = api,
) {
  const base = createReport(
    {
      victim: { ...victim, personId: `P0E2EN${i}`, safeContact: { phone: '07700 900881', smsSafe: true } },
      consent: { supportReferral: 'given' },
      officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
    },
    i,
  );
  const report = merge(merge(base, { victim: { safeContact: { safeTimes: undefined } } }), over);
  const res = await fetch(`${target.url}/api/v1/intake/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
    body: JSON.stringify(report),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

async function openTab(page: Page, caseId: string, tab: string, heading: RegExp): Promise<void> {
  await page.goto(`/cases/${caseId}?tab=${tab}`);
  await page.getByRole('heading', { name: heading }).first().waitFor();
}

describe('numbers and call-backs', () => {
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('a caseworker gives a claimed case back, after confirming; it is unassigned again', async () => {
    const caseId = await postCase(8801, { firstName: 'Gemma', lastName: 'Giveback' });
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Gemma Giveback/ }).waitFor();
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('Assigned to you').waitFor();

    await page.getByRole('button', { name: 'Give back' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Give this case back?' }).waitFor();
    await dialog.getByText(/back into the triage queue, unassigned/).waitFor();
    await shot(page, '80-give-back-confirm');
    // "Keep it" changes nothing.
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Assigned to you').waitFor();

    await page.getByRole('button', { name: 'Give back' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Give back' }).click();
    await page.getByRole('button', { name: 'Claim', exact: true }).waitFor();
    await page.getByText('You gave the case back: it is in the queue again.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Give back' }).count()).toBe(0);
    await shot(page, '81-given-back');

    const detail = await page.request.get(`/api/v1/cases/${caseId}`);
    expect(((await detail.json()) as { assignee: unknown }).assignee).toBeNull();
    await context.close();
  });

  it('a caseworker cancels a call-back with a reason and moves another; the list says so', async () => {
    const caseId = await postCase(8802, { firstName: 'Cora', lastName: 'Callback' });
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await recordAnyTime(page, caseId);
    const dueAt = nextStaffedMorning();
    for (const at of [dueAt, new Date(Date.parse(dueAt) + 60 * 60_000).toISOString()]) {
      const res = await page.request.post(`/api/v1/cases/${caseId}/callbacks`, { data: { dueAt: at, notes: 'Promised on the phone' } });
      expect(res.status()).toBe(201);
    }

    await openTab(page, caseId, 'contact', /Call-backs/);
    const list = page.locator('ul.callbacks');
    await list.locator('li').nth(1).waitFor();
    await page.locator('lantern-callbacks-panel').scrollIntoViewIfNeeded();
    await shot(page, '82-callbacks-list-actions');

    await list
      .locator('li')
      .first()
      .getByRole('button', { name: /^Cancel the call-back due/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Cancel the call-back?' }).waitFor();
    await dialog.getByLabel('Why (optional)').fill('She will call the hub herself');
    await shot(page, '83-callback-cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel the call-back' }).click();
    await page.getByText('Call-back cancelled.').waitFor();
    await list
      .locator('li.status-cancelled')
      .getByText(/Cancelled by Sam Carter .*: She will call the hub herself/)
      .waitFor();

    // Move the other one a day later (same time: inside the staffed hours).
    await list
      .locator('li.status-pending')
      .getByRole('button', { name: /^Move the call-back due/ })
      .click();
    const move = page.getByRole('dialog');
    await move.getByRole('heading', { name: 'Move the call-back' }).waitFor();
    const later = isoToHubWallClock(new Date(Date.parse(nextStaffedMorning()) + 2 * 86_400_000).toISOString());
    await move.getByLabel('New time (UK)').fill('23:30');
    await move.getByText('The hub is not staffed then.').waitFor();
    await shot(page, '84-callback-move-refused-on-screen');
    await move.getByLabel('New date').fill(later.date);
    await move.getByLabel('New time (UK)').fill('11:45');
    // Say what the dialog objects to, if anything, rather than time out on a disabled button.
    const moveButton = move.getByRole('button', { name: 'Move the call-back' });
    await expect
      .poll(
        async () => ((await moveButton.isEnabled()) ? 'enabled' : `disabled: ${await move.locator('.check').innerText()} (${later.date})`),
        {
          timeout: 10_000,
        },
      )
      .toBe('enabled');
    await moveButton.click();
    await page.getByText('Call-back moved.').waitFor();
    await list.locator('li.status-pending').getByText(/11:45/).waitFor();
    await page.locator('lantern-callbacks-panel').scrollIntoViewIfNeeded();
    await shot(page, '85-callbacks-after-cancel-and-move');

    const history = (await (await page.request.get(`/api/v1/cases/${caseId}/history`)).json()) as Array<{ action: string }>;
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['callback.cancelled', 'callback.rescheduled']));

    // She withdraws consent to contact: the form offers no time and says why before anything is sent, as the API would.
    expect((await page.request.post(`/api/v1/cases/${caseId}/consent`, { data: { contact: 'withdrawn', method: 'phone' } })).status()).toBe(
      201,
    );
    await openTab(page, caseId, 'contact', /Call-backs/);
    const form = page.locator('form.schedule');
    await form.getByText('The victim refused or withdrew consent to contact: no call-back may be scheduled.').waitFor();
    expect(await form.getByText('Next possible times:').count()).toBe(0);
    expect(await form.getByRole('button', { name: 'Schedule call-back' }).isDisabled()).toBe(true);
    await form.scrollIntoViewIfNeeded();
    await shot(page, '85a-callback-consent-withdrawn');
    await context.close();
  });

  it('a shared number asks “Is it safe to talk now?” first; the plan shows shared and known suspect numbers', async () => {
    await postCase(8803, { firstName: 'Sasha', lastName: 'Shared' }, { suspect: { phone: '07700 900884' } });
    const caseId = await postCase(8803 + 1, { firstName: 'Sasha', lastName: 'Shared' }, { victim: { personId: 'P0E2EN8803' } });
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await recordAnyTime(page, caseId);
    const saved = await page.request.put(`/api/v1/cases/${caseId}/safe-contact`, {
      data: {
        plan: {
          numbers: [
            { number: '07700 900881', owner: 'victim', safe: true, label: 'Her mobile' },
            { number: '07700 900882', owner: 'victim', safe: true, shared: true, label: 'Family landline' },
            { number: '07700 900883', owner: 'suspect', safe: false, label: 'His work phone' },
          ],
          windows: [],
          channels: ['call', 'sms'],
          timeRule: 'any',
          codeWord: 'bluebell',
        },
      },
    });
    expect(saved.status()).toBe(200);

    await openTab(page, caseId, 'safe-contact', /Safe-contact plan/);
    await page.getByText(/calls only, ask “Is it safe to talk now\?” first/).waitFor();
    await page.getByText(/Known as the suspect’s/).waitFor();
    await shot(page, '86-plan-shared-and-suspect-numbers');
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    await page.getByRole('checkbox', { name: 'Shared (suspect may answer)' }).nth(1).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Shared (suspect may answer)' }).nth(2).isDisabled()).toBe(true);
    await page.locator('fieldset').first().scrollIntoViewIfNeeded();
    await shot(page, '87-plan-editor-shared');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();

    await openTab(page, caseId, 'contact', /Record a contact attempt/);
    await page.getByRole('combobox', { name: 'Number' }).click();
    await page.getByRole('option', { name: /07700 900882 — Family landline \(shared: ask first\)/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    const question = page.getByRole('radiogroup', { name: /is it safe to talk now/i });
    await question.waitFor();
    const record = page.getByRole('button', { name: 'Record attempt' });
    expect(await record.isDisabled()).toBe(true);
    await page.getByText('Answer “Is it safe to talk now?” first.').waitFor();
    await page.locator('.record-button').scrollIntoViewIfNeeded();
    await shot(page, '88-contact-shared-asks-first');
    await question.getByRole('radio', { name: 'No: not safe, or someone else answered' }).check();
    await page
      .getByRole('combobox', { name: 'What happened' })
      .getByText(/not safe/i)
      .waitFor();
    await record.click();
    await page.getByText('Attempt recorded.').waitFor();
    await page.locator('ol.timeline').getByText('Safe to talk: no').waitFor();
    await page.getByRole('heading', { name: 'Contact attempts' }).scrollIntoViewIfNeeded();
    await shot(page, '89-contact-shared-recorded');
    // No consent question after a call that was not safe.
    expect(await page.locator('.consent-prompt').count()).toBe(0);

    // Called again: this time it is safe to talk, so the next step is to ask about consent (docs/consent.md).
    await page.getByRole('combobox', { name: 'Number' }).click();
    await page.getByRole('option', { name: /07700 900882 — Family landline \(shared: ask first\)/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await question.getByRole('radio', { name: 'Yes: safe to talk' }).check();
    await page.getByRole('combobox', { name: 'What happened' }).getByText('Spoke: safe to talk', { exact: true }).waitFor();
    await record.click();
    await page.locator('ol.timeline').getByText('Safe to talk: yes').waitFor();
    const ask = page.locator('.consent-prompt').getByRole('button', { name: 'Record consent…' });
    await ask.waitFor();
    await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator('.consent-prompt').scrollIntoViewIfNeeded();
    await shot(page, '89b-contact-shared-safe-asks-consent');
    await openTab(page, caseId, 'summary', /Safe contact/);
    await page.getByText('(shared: calls only, ask first)').waitFor();

    // SMS to the shared number is only an override, never a normal choice.
    const sms = await page.request.post(`/api/v1/cases/${caseId}/contact-attempts`, { data: { channel: 'sms', to: '07700 900882' } });
    expect(((await sms.json()) as { rule: string }).rule).toBe('shared-number-channel');
    await context.close();
  });

  it('the Summary shows the hub’s plan in force: what the police report lacked is a fact there, not “do not contact”', async () => {
    const caseId = await postCase(
      8809,
      { firstName: 'Petra', lastName: 'Planned' },
      { victim: { phone: '07700 900887', safeContact: { phone: undefined, smsSafe: undefined } } },
    );
    const context = await newContext(browser, api.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    const loud = page.getByText(/No safe (contact details|phone number): do not contact until a safe route is confirmed/);
    // No plan of the hub's yet: the report's gap is the warning it always was.
    await openTab(page, caseId, 'summary', /Safe contact/);
    await loud.waitFor();
    // She confirms her own phone is safe to call, any time: the plan as the editor would save it.
    const view = (await (await page.request.get(`/api/v1/cases/${caseId}/safe-contact`)).json()) as {
      plan: { numbers: Array<{ number: string; owner: string; safe: boolean; label?: string }> };
    };
    expect(view.plan.numbers).toEqual([
      expect.objectContaining({ number: '07700 900887', safe: false, label: 'Victim phone (not confirmed safe)' }),
    ]);
    const saved = await page.request.put(`/api/v1/cases/${caseId}/safe-contact`, {
      data: {
        plan: { numbers: view.plan.numbers.map((n) => ({ ...n, safe: true })), windows: [], channels: ['call'], timeRule: 'any' },
      },
    });
    expect(saved.status()).toBe(200);
    const after = (await saved.json()) as { plan: { numbers: Array<{ label?: string }> } };
    expect(after.plan.numbers[0].label).toBe('Victim phone (confirmed safe by the hub)');
    await page.reload();
    await page
      .getByRole('heading', { name: /Safe contact/ })
      .first()
      .waitFor();
    await page.getByText(/It gave no safe(-contact details| phone number): the hub's plan is what is in force\./).waitFor();
    await page.getByText(/The hub's plan above is in force\. The latest police report \(revision 1\) said:/).waitFor();
    expect(await loud.count()).toBe(0);
    await shot(page, '89c-summary-plan-in-force');
    await context.close();
  });

  // "Call-backs due" lists what falls due within 15 minutes, and a call-back may only be due while the hub is staffed:
  // so that this runs at any hour, it has its own API whose hub is staffed round the clock.
  it('the queue’s “Call-backs due” cancels a call-back in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-e2e-'));
    const configFile = join(dir, 'triage.json');
    const allDay = { open: '00:00', close: '24:00' };
    writeFileSync(
      configFile,
      JSON.stringify({
        calendar: { week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closures: [] },
      }),
    );
    const roundTheClock = await startApi({ LANTERN_TRIAGE_CONFIG: configFile });
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const caseId = await postCase(8805, { firstName: 'Quinn', lastName: 'Queuecall' }, {}, roundTheClock);
    const context = await newContext(browser, roundTheClock.url);
    const page = await context.newPage();
    await signIn(page, 'caseworker');
    await claimCase(page, caseId);
    await recordAnyTime(page, caseId);
    const res = await page.request.post(`/api/v1/cases/${caseId}/callbacks`, { data: { dueAt: soon } });
    expect(res.status()).toBe(201);
    await page.reload();
    const due = page.locator('section.due');
    await due.getByRole('link', { name: 'HC/2026/508805' }).waitFor();
    await due.getByRole('button', { name: 'Move the call-back for HC/2026/508805' }).waitFor();
    await shot(page, '90-queue-callbacks-due-actions');
    await due.getByRole('button', { name: 'Cancel the call-back for HC/2026/508805' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the call-back' }).click();
    await due.getByText('Call-back cancelled.').waitFor();
    expect(await due.getByRole('link', { name: 'HC/2026/508805' }).count()).toBe(0);
    await shot(page, '91-queue-callback-cancelled');
    await context.close();
    await roundTheClock.stop();
  });
});
