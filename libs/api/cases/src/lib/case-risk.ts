import { agreementApplies, type AgreedWithPolice, type MaracReason, type RiskGrade } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { sinceVictimChange } from './case-lock';

/**
 * The checklist-type MARAC criteria in force on a case: those of the hub's latest assessment, and the police ones
 * (police-high-risk, a police DASH of visible high risk) unless a team lead's "agreed with police" decision governs.
 */
export async function checklistReasons(manager: EntityManager, caseId: string, kinds: readonly MaracReason[]): Promise<MaracReason[]> {
  const [row]: Array<{
    police_reasons: MaracReason[] | null;
    police_grade: RiskGrade | null;
    agreed_with_police: AgreedWithPolice | null;
    hub_reasons: MaracReason[] | null;
  }> = await manager.query(
    `SELECT c.police_reasons, c.police_grade, c.agreed_with_police,
            (SELECT r.marac_reasons FROM risk_assessments r
              WHERE r.case_id = c.id AND ${sinceVictimChange('r.assessed_at')}
              ORDER BY r.assessed_at DESC, r.id LIMIT 1) AS hub_reasons
       FROM cases c WHERE c.id = $1`,
    [caseId],
  );
  if (!row) return [];
  const reasons = new Set<MaracReason>((row.hub_reasons ?? []).filter((r) => kinds.includes(r)));
  if (!agreementApplies(row.police_grade, row.agreed_with_police, row.police_reasons))
    for (const r of row.police_reasons ?? []) reasons.add(r);
  return [...reasons];
}
