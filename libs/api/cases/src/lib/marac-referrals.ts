import type { MaracReason, MaracReferral, MaracReferralFact, RiskGrade } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

interface ReferralRow {
  id: string;
  case_id: string;
  referred_at: Date | string;
  marac_area: string;
  perpetrator_person_id: string | null;
  note: string | null;
  referred_by: string;
  referrer_name: string | null;
  grade: string | null;
  marac_reasons: string[] | null;
}

function toReferral(r: ReferralRow): MaracReferral {
  return {
    id: r.id,
    caseId: r.case_id,
    referredAt: new Date(r.referred_at).toISOString(),
    maracArea: r.marac_area,
    perpetratorPersonId: r.perpetrator_person_id,
    note: r.note,
    referredBy: { id: r.referred_by, displayName: r.referrer_name ?? '' },
    grade: r.grade as RiskGrade | null,
    maracReasons: (r.marac_reasons ?? []) as MaracReason[],
  };
}

const SELECT = `SELECT r.id, r.case_id, r.referred_at, r.marac_area, r.perpetrator_person_id, r.note, r.referred_by,
                       u.display_name AS referrer_name, r.grade, r.marac_reasons
                  FROM marac_referrals r LEFT JOIN users u ON u.id = r.referred_by`;

/** The MARAC referrals recorded for one case, newest first. */
export async function loadMaracReferrals(manager: EntityManager, caseId: string): Promise<MaracReferral[]> {
  const rows: ReferralRow[] = await manager.query(`${SELECT} WHERE r.case_id = $1 ORDER BY r.referred_at DESC, r.id`, [caseId]);
  return rows.map(toReferral);
}

/** One recorded referral of a case, or null. */
export async function loadMaracReferral(manager: EntityManager, caseId: string, referralId: string): Promise<MaracReferral | null> {
  const rows: ReferralRow[] = await manager.query(`${SELECT} WHERE r.case_id = $1 AND r.id = $2`, [caseId, referralId]);
  return rows.length ? toReferral(rows[0]) : null;
}

/**
 * Every MARAC referral recorded for a victim (any of their cases), newest first, as the repeat rule needs them: made
 * for her (`victim_id`, kept with the referral), not found through a case whose victim a revision has since changed.
 */
export async function victimMaracReferrals(manager: EntityManager, victimId: string): Promise<MaracReferralFact[]> {
  const rows: Array<{ referred_at: Date | string; perpetrator_person_id: string | null; case_id: string }> = await manager.query(
    `SELECT r.referred_at, r.perpetrator_person_id, r.case_id
       FROM marac_referrals r
      WHERE r.victim_id = $1
      ORDER BY r.referred_at DESC, r.id`,
    [victimId],
  );
  return rows.map((r) => ({
    referredAt: new Date(r.referred_at).toISOString(),
    perpetratorPersonId: r.perpetrator_person_id,
    caseId: r.case_id,
  }));
}
