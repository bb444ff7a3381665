import type { ChildrensServicesDecisionCode, ChildrensServicesState } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/**
 * Whether a case has children to safeguard (children in the household, or pregnancy or a baby under 18 months, as the
 * case's flags and risk markers hold them), whether a children's services referral is sent for it (not a draft, not
 * revoked or withdrawn), and the latest decision a caseworker recorded: what the closing rule
 * `childrens-services-decision-required` and the case page read (one statement).
 */
export async function childrensServicesState(m: Pick<EntityManager, 'query'>, caseId: string): Promise<ChildrensServicesState> {
  const [row] = (await m.query(
    `SELECT c.children_in_household OR c.pregnant AS to_safeguard,
            EXISTS (SELECT 1 FROM referrals r JOIN partner_services s ON s.service = r.service
                     WHERE r.case_id = c.id AND s.kind = 'childrens-services' AND r.sent_at IS NOT NULL
                       AND r.revoked_at IS NULL AND r.withdrawn_at IS NULL) AS referred,
            d.decision, d.at, d.by, u.display_name, cr.reason
       FROM cases c
       LEFT JOIN LATERAL (SELECT * FROM childrens_services_decisions x WHERE x.case_id = c.id ORDER BY x.at DESC, x.id DESC LIMIT 1) d ON true
       LEFT JOIN users u ON u.id = d.by
       LEFT JOIN case_change_reasons cr ON cr.id = d.reason_id
      WHERE c.id = $1`,
    [caseId],
  )) as Array<{
    to_safeguard: boolean;
    referred: boolean;
    decision: ChildrensServicesDecisionCode | null;
    at: Date | string | null;
    by: string | null;
    display_name: string | null;
    reason: string | null;
  }>;
  if (!row) return { childrenToSafeguard: false, referred: false, decision: null };
  return {
    childrenToSafeguard: !!row.to_safeguard,
    referred: !!row.referred,
    decision:
      row.decision && row.at && row.by
        ? {
            decision: row.decision,
            reason: row.reason ?? '',
            at: new Date(row.at).toISOString(),
            by: { id: row.by, displayName: row.display_name ?? '' },
          }
        : null,
  };
}
