import {
  ageFacts,
  childrenToSafeguardReasons,
  harmToChildren,
  type ChildrensServicesDecisionCode,
  type ChildrensServicesState,
  type DashAnswers,
  type PoliceReport,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { sinceVictimChange } from './case-lock';

/**
 * What the closing rules about children's services read, and the case page shows (one statement): why the case has
 * children to safeguard (its current report, the hub's latest checklist answers, its flags: childrenToSafeguardReasons),
 * whether only a sent referral answers (a child victim; the abuser has hurt or threatened the children), whether a
 * children's services referral is sent (not a draft, not revoked or withdrawn), and the latest decision recorded,
 * in force while the case is on the police revision it was made on, not reopened since, and asks for nothing the
 * decision did not weigh (its `reasons`).
 */
export async function childrensServicesState(m: Pick<EntityManager, 'query'>, caseId: string): Promise<ChildrensServicesState> {
  const [row] = (await m.query(
    `SELECT c.children_in_household, c.pregnant, c.victim_age, c.current_revision, c.reopened_at, r.body,
            (SELECT a.answers FROM risk_assessments a WHERE a.case_id = c.id AND ${sinceVictimChange('a.assessed_at')}
              ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) AS hub_answers,
            EXISTS (SELECT 1 FROM referrals f JOIN partner_services s ON s.service = f.service
                     WHERE f.case_id = c.id AND s.kind = 'childrens-services' AND f.sent_at IS NOT NULL
                       AND f.revoked_at IS NULL AND f.withdrawn_at IS NULL
                       -- one sent before a revision named another victim was about the earlier person's children
                       AND ${sinceVictimChange('f.sent_at')}) AS referred,
            d.decision, d.revision AS decision_revision, d.reasons AS decision_reasons, d.at, d.by, u.display_name, cr.reason
       FROM cases c
       JOIN reports r ON r.case_id = c.id AND r.revision = c.current_revision
       LEFT JOIN LATERAL (SELECT * FROM childrens_services_decisions x WHERE x.case_id = c.id ORDER BY x.at DESC, x.id DESC LIMIT 1) d ON true
       LEFT JOIN users u ON u.id = d.by
       LEFT JOIN case_change_reasons cr ON cr.id = d.reason_id
      WHERE c.id = $1`,
    [caseId],
  )) as Array<{
    children_in_household: boolean;
    pregnant: boolean;
    victim_age: number | null;
    current_revision: number;
    reopened_at: Date | string | null;
    body: PoliceReport;
    hub_answers: DashAnswers | null;
    referred: boolean;
    decision: ChildrensServicesDecisionCode | null;
    decision_revision: number | null;
    decision_reasons: string[] | null;
    at: Date | string | null;
    by: string | null;
    display_name: string | null;
    reason: string | null;
  }>;
  if (!row)
    return { childrenToSafeguard: false, reasons: [], referralRequired: null, referred: false, decision: null, decisionInForce: false };
  const reasons = childrenToSafeguardReasons(row.body, row.hub_answers, {
    childrenInHousehold: !!row.children_in_household,
    pregnant: !!row.pregnant,
  });
  const decision =
    row.decision && row.at && row.by
      ? {
          decision: row.decision,
          reason: row.reason ?? '',
          at: new Date(row.at).toISOString(),
          by: { id: row.by, displayName: row.display_name ?? '' },
        }
      : null;
  return {
    childrenToSafeguard: reasons.length > 0,
    reasons,
    // The victim's age flags as the case summary reads them (ageFacts): one definition of under 18.
    referralRequired: ageFacts(row.victim_age === null ? null : Number(row.victim_age), null).victimUnder18
      ? 'victim-under-18'
      : reasons.length > 0 && harmToChildren(row.body, row.hub_answers)
        ? 'harm-to-children'
        : null,
    referred: !!row.referred,
    decision,
    decisionInForce:
      !!decision &&
      Number(row.decision_revision) === Number(row.current_revision) &&
      (row.reopened_at === null || Date.parse(decision.at) > new Date(row.reopened_at).getTime()) &&
      // A newer hub checklist may bring a reason (a pregnancy, a question left open) the decision never weighed.
      reasons.every((r) => (row.decision_reasons ?? []).includes(r)),
  };
}
