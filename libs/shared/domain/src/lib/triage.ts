import type { CaseUserRef, MaracReason } from './case';
import type { HubCalendar } from './hub-calendar';
import type { PriorityWeights } from './priority';
import type { DashAnswers, RiskGrade } from './report';
import type { DashQuestion, MaracRules, RiskBands, RiskJudgement } from './risk';
import type { ClosingRules } from './lifecycle';
import type { SlaTargets } from './sla';

/** GET /api/v1/triage/config: the rules' configuration, so the workbench scores live exactly as the API does. */
export interface TriageConfig {
  questions: readonly DashQuestion[];
  bands: RiskBands;
  slaTargets: SlaTargets;
  calendar: HubCalendar;
  weights: PriorityWeights;
  /** MARAC history criteria (escalation count and window, repeat window). */
  marac?: MaracRules;
  /** No quiet closing (contact-attempt days before unable to contact). */
  closing?: ClosingRules;
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
  /** Where each answer came from (victim, police prefill, other agency); keys without a recorded source are absent. */
  sources: import('./police-risk').AnswerSources;
  /**
   * Answered (yes/no), not known, declined and unanswered among the 24 RIC questions. `complete: false` means the
   * score is from an incomplete checklist: the assessment was accepted on a professional judgement, which governs, or
   * because the answers given are visible high risk already (14+ "yes").
   */
  completeness: import('./police-risk').ChecklistCompleteness;
  /** The case's grade after this assessment: the higher of this grade and the police grade (or an agreed one). */
  caseGrade: RiskGrade | null;
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
  /** Open cases the filters asked for match (GET /cases/counts takes the queue's filters); `total` when none. */
  matching: number;
  /** The instant counted at (ISO 8601 UTC): `breached` and a breached filter are the SLA clocks at this instant. */
  asOf: string;
  /**
   * The last `case.changed` seq these counts include (0: none yet): counted in the same snapshot, so a change pushed
   * with a higher seq is not in them and one with this seq or lower is. The workbench adds the changes it can (a new
   * case, a breach recorded) to the counts it holds instead of reading them again.
   */
  seq: number;
}
