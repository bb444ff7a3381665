import type { TestApp } from '../harness';

/**
 * Claims a case for the signed-in user (cookie): only the assignee or a team lead may work on a case
 * (case-access.ts), so a test that writes as a caseworker claims first. A case already claimed (a revision of a
 * report posted again) is left as it is.
 */
export async function claim(t: Pick<TestApp, 'url'>, cookie: string, caseId: string): Promise<void> {
  const res = await fetch(`${t.url}/api/v1/cases/${caseId}/claim`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 200 && res.status !== 409) throw new Error(`claim ${caseId}: ${res.status}`);
  await res.body?.cancel();
}
