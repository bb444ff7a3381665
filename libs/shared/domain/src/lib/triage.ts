import type { CaseUserRef, MaracReason } from './case';
import type { HubCalendar } from './hub-calendar';
import type { PriorityWeights } from './priority';
import type { DashAnswers, RiskGrade } from './report';
import type { DashQuestion, RiskBands, RiskJudgement } from './risk';
import type { SlaTargets } from './sla';

/** GET /api/v1/triage/config: the rules' configuration, so the workbench scores live exactly as the API does. */
export interface TriageConfig {
  questions: readonly DashQuestion[];
  bands: RiskBands;
  slaTargets: SlaTargets;
  calendar: HubCalendar;
  weights: PriorityWeights;
  /** Victim's postcode → outreach area (outreach-area.ts); the API always sends it. */
  outreachAreas?: import('./outreach-area').OutreachAreaTable;
}

/** One hub DASH RIC assessment, kept with who and when. */
export interface RiskAssessmentRecord {
  id: string;
  answers: DashAnswers;
  score: number;
  scoreGrade: RiskGrade;
  grade: RiskGrade;
  judgement: RiskJudgement | null;
  marac: { required: boolean; reasons: MaracReason[] };
  assessedAt: string;
  assessedBy: CaseUserRef;
}

/** GET /api/v1/cases/counts: open cases per queue filter. */
export interface CaseCounts {
  total: number;
  byGrade: Record<RiskGrade | 'ungraded', number>;
  byArea: Record<string, number>;
  marac: number;
  unassigned: number;
  mine: number;
  breached: number;
}
