import type { CasePriority, CaseSummary, PriorityFactor } from './case';
import type { PoliceReport, RiskGrade } from './report';

/**
 * Interim triage order (walking skeleton): officer risk grade, then children in the household, then time
 * waiting (longest first). It is expressed as a priority score plus factors so the API shape
 * (`priority{score, factors[]}`) is already the one the full priority model will fill; the later model
 * replaces `interimPriority` and keeps `compareTriageOrder` as the single ordering rule.
 */
export const GRADE_POINTS: Record<RiskGrade, number> = { high: 300, medium: 200, standard: 100 };
export const CHILDREN_IN_HOUSEHOLD_POINTS = 50;

export interface PriorityInput {
  grade: RiskGrade | null;
  childrenInHousehold: boolean;
}

export function interimPriority(input: PriorityInput): CasePriority {
  const factors: PriorityFactor[] = [];
  if (input.grade) {
    factors.push({ factor: 'grade', points: GRADE_POINTS[input.grade], label: `Risk grade: ${input.grade}` });
  }
  if (input.childrenInHousehold) {
    factors.push({
      factor: 'children-in-household',
      points: CHILDREN_IN_HOUSEHOLD_POINTS,
      label: 'Children in the household',
    });
  }
  return { score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}

/** The one ordering rule of the queue: higher priority first, then longer waiting, then id for stability. */
export function compareTriageOrder(
  a: Pick<CaseSummary, 'priority' | 'receivedAt' | 'id'>,
  b: Pick<CaseSummary, 'priority' | 'receivedAt' | 'id'>,
): number {
  if (a.priority.score !== b.priority.score) return b.priority.score - a.priority.score;
  const ta = Date.parse(a.receivedAt);
  const tb = Date.parse(b.receivedAt);
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The same order as SQL, for the database query and its keyset cursor. Columns: priority_score DESC,
 * received_at ASC, id ASC. Kept beside compareTriageOrder so the two cannot drift apart unnoticed
 * (a test checks that they agree).
 */
export const TRIAGE_ORDER_SQL = {
  columns: ['priority_score', 'received_at', 'id'] as const,
  directions: ['DESC', 'ASC', 'ASC'] as const,
};

/** Facts the hub derives from a report when it creates or revises a case. Pure. */
export interface ReportFacts {
  area: string;
  officerGrade: RiskGrade | null;
  officerTool: string | null;
  children: number;
  childrenInHousehold: boolean;
}

export function reportFacts(report: PoliceReport): ReportFacts {
  const children = report.children ?? [];
  return {
    area: report.incident.area,
    officerGrade: report.officerRiskAssessment?.riskLevel ?? null,
    officerTool: report.officerRiskAssessment?.tool ?? null,
    children: children.length,
    // A child whose living arrangement is not stated is treated as in the household: the safer assumption.
    childrenInHousehold: children.some((c) => c.livesWithVictim !== false),
  };
}
