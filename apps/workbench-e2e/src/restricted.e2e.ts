import { createReport } from '@lantern/shared/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertInTray, launch, newContext, postReport, shot, signIn } from './support/browser';

/** Restricted cases in the workbench (docs/casework.md, "Restricted cases and break the glass"). */
describe('restricted cases', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a team lead restricts a case to one caseworker; another sees "Case not found" and breaks the glass', async () => {
    // Her earlier incident, already at the hub: the restriction reaches it too.
    const earlierReport = createReport({ victim: { firstName: 'Rhea', lastName: 'Restricted', personId: 'P0E2ER001' } }, 7100);
    const earlier = await postReport(earlierReport);
    expect(earlier.status).toBe(201);
    const { caseId: earlierId } = (await earlier.json()) as { caseId: string };
    const res = await postReport(createReport({ victim: { firstName: 'Rhea', lastName: 'Restricted', personId: 'P0E2ER001' } }, 7101));
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };

    const leadContext = await newContext(browser);
    const lead = await leadContext.newPage();
    await signIn(lead, 'team-lead');
    await lead.goto(`/cases/${caseId}`);
    await lead.getByRole('heading', { name: /Rhea Restricted/ }).waitFor();
    await lead.getByRole('button', { name: 'Restrict this case…' }).click();
    const dialog = lead.getByRole('dialog');
    // What it reaches is said before the lead decides.
    await dialog.getByText(`her other case ${earlierReport.reference}`, { exact: false }).waitFor();
    await dialog.getByRole('checkbox', { name: 'Sam Carter' }).check();
    await dialog.getByLabel('Reason (required)').fill('The victim works at the hub.');
    await shot(lead, '95-restrict-dialog');
    await dialog.getByRole('button', { name: 'Restrict', exact: true }).click();
    await lead.locator('lantern-case-header lantern-flag-chip').filter({ hasText: 'Restricted' }).waitFor({ timeout: 5000 });
    await lead.getByRole('button', { name: 'Lift the restriction…' }).waitFor();
    await lead.getByText(`The victim’s and the suspect’s other cases are restricted too: ${earlierReport.reference}.`).waitFor();
    await shot(lead, '96-restricted-chip');

    // Alex is not on the list: the link says "Case not found", as for a case that does not exist.
    const otherContext = await newContext(browser);
    const other = await otherContext.newPage();
    await signIn(other, 'caseworker2');
    await other.goto(`/cases/${caseId}`);
    await other.getByRole('heading', { name: 'Case not found' }).waitFor();
    expect(await other.getByText('Rhea').count()).toBe(0);
    await other.goto(`/cases/${earlierId}`);
    await other.getByRole('heading', { name: 'Case not found' }).waitFor();
    await other.goto(`/cases/${caseId}`);
    await other.getByRole('heading', { name: 'Case not found' }).waitFor();
    await other.getByRole('button', { name: 'Break the glass…' }).click();
    const glass = other.getByRole('dialog');
    await glass.getByLabel('Why you need this case now (required)').fill('She is on the phone to me now and at risk.');
    await shot(other, '97-break-the-glass');
    await glass.getByRole('button', { name: 'Break the glass' }).click();
    await other.getByRole('heading', { name: /Rhea Restricted/ }).waitFor({ timeout: 5000 });
    // Breaking the glass gives reading only: no Claim, and the page says why.
    await other.getByText(/You broke the glass: reading only/).waitFor();
    expect(await other.getByRole('button', { name: 'Claim', exact: true }).count()).toBe(0);
    await shot(other, '98-after-break-the-glass');

    // The team lead's tray says who broke the glass, on which case, and why.
    const tray = await alertInTray(lead, 'Alex Morgan broke the glass: “She is on the phone to me now and at risk.”');
    // ...in the Safety group.
    expect(await tray.getByRole('region', { name: /^Safety/ }).innerText()).toContain('Alex Morgan broke the glass');
    await shot(lead, '99-safety-alert-tray');

    await leadContext.close();
    await otherContext.close();
  }, 60_000);

  it('a team lead takes someone off the list: off her other restricted cases too, and told where they stay as the assignee', async () => {
    const victim = { firstName: 'Nell', lastName: 'Narrowed', personId: 'P0E2ER002' };
    const heldReport = createReport({ victim }, 7102);
    const held = await postReport(heldReport);
    expect(held.status).toBe(201);
    const { caseId: heldId } = (await held.json()) as { caseId: string };
    const latest = await postReport(createReport({ victim }, 7103));
    expect(latest.status).toBe(201);
    const { caseId } = (await latest.json()) as { caseId: string };

    const leadContext = await newContext(browser);
    const lead = await leadContext.newPage();
    await signIn(lead, 'team-lead');
    // Sam holds her earlier case; the lead restricts her latest to Sam (her earlier one follows).
    const users = (await (await lead.request.get('/api/v1/users')).json()) as Array<{ id: string; displayName: string }>;
    const sam = users.find((u) => u.displayName === 'Sam Carter');
    expect(sam).toBeDefined();
    expect((await lead.request.post(`/api/v1/cases/${heldId}/assign`, { data: { userId: sam?.id } })).status()).toBe(200);
    expect(
      (
        await lead.request.post(`/api/v1/cases/${caseId}/restriction`, {
          data: { restricted: true, accessList: [sam?.id], reason: 'Her partner is an officer.' },
        })
      ).status(),
    ).toBe(200);

    // The lead learns Sam knows him: "Change who can see it…", Sam unticked.
    await lead.goto(`/cases/${caseId}`);
    await lead.getByRole('heading', { name: /Nell Narrowed/ }).waitFor();
    await lead.getByRole('button', { name: 'Change who can see it…' }).click();
    const dialog = lead.getByRole('dialog', { name: 'Change who can see this case' });
    const samBox = dialog.getByRole('checkbox', { name: 'Sam Carter' });
    expect(await samBox.isChecked()).toBe(true);
    await samBox.uncheck();
    await dialog.getByLabel('Reason (required)').fill('Sam knows the suspect.');
    await shot(lead, '132-restriction-change-dialog');
    await dialog.getByRole('button', { name: 'Save the list' }).click();
    await lead
      .getByText(
        `Sam Carter, whom you removed, still holds the victim’s or the suspect’s other restricted case ${heldReport.reference}: they stay on it while they are its assignee. Reassign it to take them off.`,
      )
      .waitFor();
    await shot(lead, '133-restriction-kept-for-assignee');
    const list = (await (await lead.request.get(`/api/v1/cases/${caseId}`)).json()) as { access?: { accessList: string[] } };
    expect(list.access?.accessList).not.toContain(sam?.id);
    await leadContext.close();
  }, 60_000);
});
