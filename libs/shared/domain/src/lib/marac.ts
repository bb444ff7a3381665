import type { CaseUserRef, MaracReason } from './case';
import type { RiskGrade } from './report';

/**
 * A MARAC referral as the hub recorded it (POST /cases/:id/marac-referrals): when, to which MARAC, and about which
 * perpetrator (the police person id of the case's suspect then, or null). `repeat` is counted from these records,
 * never from the moment a case first met a criterion.
 */
export interface MaracReferral {
  id: string;
  caseId: string;
  referredAt: string;
  maracArea: string;
  perpetratorPersonId: string | null;
  note: string | null;
  referredBy: CaseUserRef;
  /** The case's grade and MARAC reasons when the referral was recorded (what the form says it was referred for). */
  grade: RiskGrade | null;
  maracReasons: MaracReason[];
}
