import type { PoliceReport } from '@lantern/shared/domain';
import type { TestApp } from '../harness';

/**
 * Records "any time" as the victim's safe times, as a caseworker who asked her would (the case must be claimed by
 * `cookie`'s user). A report without safe times starts unconfirmed, with every call refused, like one with them.
 */
export async function recordAnyTime(t: Pick<TestApp, 'url'>, cookie: string, caseId: string): Promise<void> {
  const res = await fetch(`${t.url}/api/v1/cases/${caseId}/safe-contact/times`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ timeRule: 'any' }),
  });
  if (res.status !== 200) throw new Error(`any time ${caseId}: ${res.status} ${await res.text()}`);
}

/**
 * The report gave a safe number but no times (the hub then calls nobody until someone records them): records "any
 * time", as a caseworker who asked her would, so the test's calls are judged on what it is about.
 */
export async function recordAnyTimeWhenUntimed(
  t: Pick<TestApp, 'url'>,
  cookie: string,
  caseId: string,
  report: { victim: Pick<PoliceReport['victim'], 'safeContact'> },
): Promise<void> {
  const sc = report.victim.safeContact;
  if (sc?.phone && !sc.safeTimes) await recordAnyTime(t, cookie, caseId);
}
