import type { CaseDetail } from '@lantern/shared/domain';
import type { TestApp } from '../harness';

/**
 * When the case has children to safeguard and nothing answers the closing rule yet, records the hub's children's
 * services decision ("the police notified them"), or sends the referral where only a referral answers, as a
 * caseworker would before closing: for tests about other closing rules, whose generated reports may list children. The case must be workable
 * by `cookie`'s user. Returns whether it recorded or sent anything.
 */
export async function decideChildrenWhenAsked(t: Pick<TestApp, 'url'>, cookie: string, caseId: string): Promise<boolean> {
  const read = await fetch(`${t.url}/api/v1/cases/${caseId}`, { headers: { cookie } });
  if (read.status !== 200) throw new Error(`read ${caseId}: ${read.status} ${await read.text()}`);
  const { childrensServices: cs } = (await read.json()) as CaseDetail;
  if (!cs.childrenToSafeguard || cs.referred || (cs.decisionInForce && !cs.referralRequired)) return false;
  // Where only a referral answers (harm to the children, a child victim), the referral; else the decision.
  const res = cs.referralRequired
    ? await fetch(`${t.url}/api/v1/cases/${caseId}/referrals`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ partnerId: 'childrens-services', service: 'safeguarding-referral', victimInformed: 'yes' }),
      })
    : await fetch(`${t.url}/api/v1/cases/${caseId}/childrens-services-decision`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'police-notified', reason: 'The police notified children’s services of the incident.' }),
      });
  if (res.status === 201) return true;
  if (res.status !== 200) throw new Error(`children's services decision ${caseId}: ${res.status} ${await res.text()}`);
  return true;
}
