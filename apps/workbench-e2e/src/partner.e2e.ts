import AxeBuilder from '@axe-core/playwright';
import { createReport } from '@lantern/shared/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, PASSWORD, postReport, shot, signIn, claimCase } from './support/browser';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs a partner user in (from wherever the page is) and waits for the partner portal. */
async function partnerSignIn(page: Page, username: string): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Referrals to / }).waitFor();
}

/** Every 4xx/5xx answer and console error a page gets (a partner must not trigger the hub's endpoints). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

describe('partner portal', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    return context.newPage();
  }

  it('a referral reaches the IDVA live; they accept it and record an outcome; the hub sees each step live', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Paige', lastName: 'Partnered', personId: 'P0E2E901', gender: 'female' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      },
      9191,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    // The IDVA's user is on the portal before the referral is made.
    const partner = await freshPage();
    const partnerProblems = watchProblems(partner);
    await partner.goto('/sign-in');
    await partnerSignIn(partner, 'partner-idva');
    expect(new URL(partner.url()).pathname).toBe('/partner/referrals');
    // Hub pages are not for partners.
    await partner.goto('/queue');
    await partner.waitForURL('**/partner/referrals');
    await partner.getByRole('heading', { name: /^Referrals to / }).waitFor();

    // The caseworker refers through the Referrals tab.
    const hub = await freshPage();
    await signIn(hub, 'caseworker');
    await claimCase(hub, caseId);
    await hub.goto(`/cases/${caseId}?tab=referrals`);
    const suggested = hub.getByRole('list', { name: 'Suggested referrals' });
    await suggested.waitFor();
    await suggested
      .getByRole('button', { name: /^Refer to County IDVA Service/ })
      .first()
      .click();
    const dialog = hub.getByRole('dialog');
    await dialog.getByLabel('Notes for the partner (optional)').fill('Call after 6pm only.');
    await dialog.getByRole('checkbox', { name: /shares the victim's details with County IDVA Service/ }).check();
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.waitFor({ state: 'detached' });
    const made = hub.getByRole('list', { name: 'Referrals made' });
    const hubRow = made.getByRole('listitem').filter({ hasText: 'County IDVA Service' });
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Sent$/ })
      .waitFor();

    // Hub staff cannot reach the partner portal.
    await hub.goto('/partner/referrals');
    await hub.waitForURL('**/queue');
    await hub.goto(`/cases/${caseId}?tab=referrals`);
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Sent$/ })
      .waitFor();

    const list = (await (await hub.request.get(`/api/v1/cases/${caseId}/referrals`)).json()) as Array<{
      id: string;
      reference: string;
      partnerId: string;
    }>;
    const referral = list.find((r) => r.partnerId === 'idva');
    expect(referral).toBeDefined();
    const { id, reference } = referral as { id: string; reference: string };

    // It appears on the partner's list without a reload.
    const link = partner.getByRole('link', { name: `Open referral ${reference}` });
    await link.waitFor();
    await partner.getByRole('heading', { name: 'Referrals to County IDVA Service' }).waitFor();
    const row = partner.getByRole('row').filter({ has: link });
    await row.getByText(/^Status: Sent$/).waitFor();
    await shot(partner, '61-partner-list');
    expect(await violations(partner)).toEqual([]);

    await link.click();
    await partner.waitForURL(`**/partner/referrals/${id}`);
    const detail = partner.getByRole('region', { name: `Referral ${reference}` });
    await detail.waitFor();
    const safe = partner.getByRole('region', { name: 'Safe contact: use only these' });
    await safe.waitFor();
    await partner.getByText('Paige Partnered').waitFor();
    await partner.getByText('Call after 6pm only.').waitFor();
    expect(await partner.getByRole('link', { name: 'Download referral (PDF)' }).getAttribute('href')).toBe(
      `/api/v1/referrals/${id}/document`,
    );
    await partner.getByRole('button', { name: 'Acknowledge' }).waitFor();
    await partner.getByRole('button', { name: 'Decline…' }).waitFor();
    expect(await partner.getByRole('button', { name: 'Record outcome…' }).count()).toBe(0);
    await shot(partner, '62-partner-detail');
    expect(await violations(partner)).toEqual([]);

    // Decline asks for a reason (and can be cancelled).
    await partner.getByRole('button', { name: 'Decline…' }).click();
    const decline = partner.getByRole('dialog');
    await decline.getByRole('button', { name: 'Decline referral' }).click();
    await decline.getByText('Write a reason first.').waitFor();
    await shot(partner, '63-partner-decline-dialog');
    await decline.getByRole('button', { name: 'Cancel' }).click();
    await decline.waitFor({ state: 'detached' });

    // Accept: the caseworker's tab says so without a reload.
    await partner.getByRole('button', { name: 'Accept' }).click();
    await partner.getByRole('status').filter({ hasText: 'Referral accepted.' }).waitFor();
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Accepted$/ })
      .waitFor();
    await shot(hub, '64-hub-referral-accepted');

    // Record the outcome.
    await partner.getByRole('button', { name: 'Record outcome…' }).click();
    const outcome = partner.getByRole('dialog');
    await outcome.getByRole('combobox', { name: /Outcome/ }).click();
    await partner.getByRole('option', { name: 'Engaged with support' }).click();
    await outcome.getByLabel('Note (optional)').fill('First session booked.');
    await shot(partner, '65-partner-outcome-dialog');
    await outcome.getByRole('button', { name: 'Record outcome' }).click();
    await outcome.waitFor({ state: 'detached' });
    await detail.getByText(/^Status: Outcome recorded$/).waitFor();
    await detail.getByText('Engaged with support (First session booked.)').waitFor();
    expect(await partner.getByRole('group', { name: 'Respond to the referral' }).count()).toBe(0);
    await shot(partner, '66-partner-outcome-recorded');
    expect(await violations(partner)).toEqual([]);

    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Outcome recorded$/ })
      .waitFor();
    await hubRow.getByText('Engaged with support (First session booked.)').waitFor();
    // The hub can now close it.
    await shot(hub, '67-hub-referral-outcome');
    // A caseworker cannot revoke (team lead only); they close it, and the partner's list follows live.
    expect(await hubRow.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    await hubRow.getByRole('button', { name: 'Close referral to County IDVA Service' }).click();
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Closed$/ })
      .waitFor();
    expect(await hubRow.getByRole('button', { name: /^Close referral/ }).count()).toBe(0);
    await row.getByText(/^Status: Closed$/).waitFor();
    // Highlighted as a live change (tinted, not animated), then plain again after LIVE_HIGHLIGHT_MS (2.5 s).
    expect(await row.evaluate((tr) => tr.classList.contains('changed') && tr.getAnimations().length === 0)).toBe(true);
    await expect.poll(() => row.evaluate((tr) => tr.classList.contains('changed')), { timeout: 5000 }).toBe(false);

    // No hub-only calls from the partner's browser (no 403 noise); the 401 is the signed-out session check.
    expect(partnerProblems.filter((p) => !/\b401\b/.test(p))).toEqual([]);

    // The email link: signing in first keeps where it was going.
    const fromEmail = await freshPage();
    await fromEmail.goto(`/partner/referrals/${id}`);
    await fromEmail.waitForURL('**/sign-in?returnUrl=**');
    await fromEmail.getByLabel('Username').fill('partner-idva');
    await fromEmail.getByLabel('Password').fill(PASSWORD);
    await fromEmail.getByRole('button', { name: 'Sign in' }).click();
    await fromEmail.getByRole('region', { name: `Referral ${reference}` }).waitFor();

    // Another agency sees none of it.
    const outreach = await freshPage();
    const outreachProblems = watchProblems(outreach);
    await partnerSignIn(outreach, 'partner-outreach');
    await outreach.getByRole('heading', { name: 'Referrals', exact: true }).waitFor();
    await outreach.waitForTimeout(500);
    expect(await outreach.getByText(reference).count()).toBe(0);
    expect(await outreach.getByText('Paige Partnered').count()).toBe(0);
    await outreach.goto(`/partner/referrals/${id}`);
    await outreach.getByRole('heading', { name: 'Referral not found' }).waitFor();
    await shot(outreach, '68-partner-outreach-none');
    expect(outreachProblems.filter((p) => /\b403\b/.test(p))).toEqual([]);
  });

  it('a team lead revokes a referral with a reason; the partner sees it revoked live', async () => {
    const report = createReport(
      {
        victim: { firstName: 'Rory', lastName: 'Revoked', personId: 'P0E2E902', gender: 'female' },
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      },
      9292,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    const lead = await freshPage();
    await signIn(lead, 'team-lead');
    await lead.goto(`/cases/${caseId}?tab=referrals`);
    const suggested = lead.getByRole('list', { name: 'Suggested referrals' });
    await suggested.waitFor();
    await suggested
      .getByRole('button', { name: /^Refer to County IDVA Service/ })
      .first()
      .click();
    const dialog = lead.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /shares the victim's details with County IDVA Service/ }).check();
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.waitFor({ state: 'detached' });
    const hubRow = lead.getByRole('list', { name: 'Referrals made' }).getByRole('listitem').filter({ hasText: 'County IDVA Service' });
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Sent$/ })
      .waitFor();
    const [referral] = (await (await lead.request.get(`/api/v1/cases/${caseId}/referrals`)).json()) as Array<{ id: string }>;

    const partner = await freshPage();
    await partner.goto(`/partner/referrals/${referral.id}`);
    await partner.waitForURL('**/sign-in?returnUrl=**');
    await partnerSignIn(partner, 'partner-idva');
    const detail = partner.getByRole('region', { name: /^Referral / });
    await detail.getByText(/^Status: Sent$/).waitFor();

    await hubRow.getByRole('button', { name: 'Revoke referral to County IDVA Service' }).click();
    const revoke = lead.getByRole('dialog');
    await revoke.getByLabel('Reason for revoking (required)').fill('Victim moved out of the county.');
    await shot(lead, '69-hub-revoke-dialog');
    await revoke.getByRole('button', { name: 'Revoke referral' }).click();
    await revoke.waitFor({ state: 'detached' });
    await hubRow
      .locator('.status-chip')
      .filter({ hasText: /^Status: Revoked$/ })
      .waitFor();

    await detail.getByText(/^Status: Revoked$/).waitFor();
    expect(await partner.getByRole('group', { name: 'Respond to the referral' }).count()).toBe(0);
    // The dataset is withdrawn: a tombstone with the reason, no victim, no document.
    const withdrawn = partner.getByRole('region', { name: 'Withdrawn by the hub' });
    await withdrawn.getByText('Victim moved out of the county.').waitFor();
    expect(await partner.getByText('Rory Revoked').count()).toBe(0);
    expect(await partner.getByRole('region', { name: 'Safe contact: use only these' }).count()).toBe(0);
    expect(await partner.getByRole('link', { name: 'Download referral (PDF)' }).count()).toBe(0);
    await shot(partner, '69a-partner-referral-withdrawn');
    expect(await violations(partner)).toEqual([]);
  });

  it('the partner sees the safe times, safe number, channels and code word once the hub confirms them, live', async () => {
    const report = createReport(
      {
        victim: {
          firstName: 'Tamsin',
          lastName: 'Timewell',
          personId: 'P0E2E903',
          gender: 'female',
          phone: '07700 900932',
          safeContact: { phone: '07700 900931', safeTimes: 'Tues and Thurs mornings, not after 12', smsSafe: true },
        },
        consent: { supportReferral: 'given', informationSharing: 'given' },
        officerRiskAssessment: { tool: 'judgement', riskLevel: 'high', dash: undefined },
      },
      9393,
    );
    const res = await postReport(report);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    // Set up through the API: a caseworker refers to the IDVA before the officer's times are confirmed.
    const hub = await freshPage();
    await signIn(hub, 'caseworker');
    await claimCase(hub, caseId);
    const sent = await hub.request.post(`/api/v1/cases/${caseId}/referrals`, { data: { partnerId: 'idva', service: 'idva' } });
    expect(sent.status()).toBe(201);
    const { id, reference } = (await sent.json()) as { id: string; reference: string };

    const partner = await freshPage();
    await partnerSignIn(partner, 'partner-idva');
    await partner.getByRole('link', { name: `Open referral ${reference}` }).click();
    await partner.waitForURL(`**/partner/referrals/${id}`);
    const safe = partner.getByRole('region', { name: 'Safe contact: use only these' });
    await safe.getByText('Not confirmed yet — ask the hub before contacting').waitFor();
    await shot(partner, '69b-partner-times-not-confirmed');

    // The caseworker confirms the plan; the partner's open referral follows without a reload.
    const confirmed = await hub.request.put(`/api/v1/cases/${caseId}/safe-contact`, {
      data: {
        plan: {
          numbers: [
            { number: '07700 900931', owner: 'victim', safe: true },
            { number: '07700 900932', owner: 'victim', safe: false },
          ],
          emails: [],
          windows: [
            { days: ['tue', 'thu'], from: '10:00', to: '12:00' },
            { days: ['sat'], from: '22:00', to: '01:00' },
          ],
          channels: ['call', 'sms'],
          codeWord: 'snowdrop',
          timeRule: 'windows',
        },
      },
    });
    expect(confirmed.status()).toBe(200);
    await safe.getByText('Tue, Thu 10:00–12:00; Sat 22:00–01:00 (next day)').waitFor();
    await safe.getByText('07700 900931').waitFor();
    await safe.getByText('Phone call, Text message (SMS)').waitFor();
    await safe.getByText('Do not leave a voicemail.', { exact: true }).waitFor();
    await safe.getByText('snowdrop').waitFor();
    await safe.getByText(/The hub's current plan/).waitFor();
    // Changed after the referral was sent: the portal says when (the agency was emailed to read it again).
    await safe
      .getByTestId('plan-changed')
      .getByText(/the hub changed these instructions after sending the referral/)
      .waitFor();
    // Never the unconfirmed number or the officer's words.
    expect(await partner.getByText('07700 900932').count()).toBe(0);
    expect(await partner.getByText(/not after 12/).count()).toBe(0);
    await safe.scrollIntoViewIfNeeded();
    await shot(partner, '69c-partner-confirmed-plan');
    expect(await violations(partner)).toEqual([]);

    // The police revise the report: texts are no longer safe. The partner is told to speak to the hub first, live,
    // and texts are no longer offered (the number is still hers: calls stay).
    const revised = await postReport({
      ...report,
      revision: 2,
      victim: { ...report.victim, safeContact: { ...report.victim.safeContact, smsSafe: false } },
    });
    expect(revised.status).toBe(200);
    await safe.getByTestId('police-revised').waitFor();
    expect(await safe.getByTestId('police-revised').textContent()).toContain('Speak to the hub before any contact.');
    await safe.getByText('Phone call', { exact: true }).waitFor();
    expect(await partner.getByText('Text message (SMS)').count()).toBe(0);
    await safe.scrollIntoViewIfNeeded();
    await shot(partner, '69e-partner-police-revised');
    expect(await violations(partner)).toEqual([]);

    // She tells the hub she no longer wants contact: the partner's open referral says so at once, with no number left.
    const withdrawn = await hub.request.post(`/api/v1/cases/${caseId}/consent`, { data: { contact: 'withdrawn', method: 'phone' } });
    expect(withdrawn.status()).toBe(201);
    await safe.getByTestId('do-not-contact').waitFor();
    expect(await safe.getByRole('alert').textContent()).toContain('Do not contact the victim before speaking to the hub.');
    expect(await partner.getByText('07700 900931').count()).toBe(0);
    await shot(partner, '69d-partner-do-not-contact');
    expect(await violations(partner)).toEqual([]);
  });
});
