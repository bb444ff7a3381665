import type { CaseSummary } from './case';
import { childrenFacts, reportAgeFacts } from './children';
import type { PoliceReport, RiskGrade } from './report';

/**
 * The one ordering rule of the queue: higher priority first (priority.ts explains the score), then the longer
 * wait, then id so equal cases keep a stable order. The API and the workbench both sort with it.
 */
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

/** Facts the hub derives from a report when it creates or revises a case. Pure. */
export interface ReportFacts {
  area: string;
  officerGrade: RiskGrade | null;
  officerTool: string | null;
  children: number;
  childrenInHousehold: boolean;
  childrenPresent: boolean;
  strangulation: boolean;
  weapon: boolean;
  pregnant: boolean;
  incidentAt: string;
  previousIncidents12Months: number;
  /** The report's children list and the police DASH children answers disagree (children.ts). */
  childrenConflict: boolean;
  childrenNote: string | null;
  /** Ages on the incident date (Europe/London); null when no date of birth. */
  victimAge: number | null;
  suspectAge: number | null;
}

export function reportFacts(report: PoliceReport): ReportFacts {
  const children = report.children ?? [];
  const dash = report.officerRiskAssessment?.dash;
  const kids = childrenFacts(report);
  const ages = reportAgeFacts(report);
  return {
    area: report.incident.area,
    officerGrade: report.officerRiskAssessment?.riskLevel ?? null,
    officerTool: report.officerRiskAssessment?.tool ?? null,
    children: children.length,
    // A child whose living arrangement is not stated is treated as in the household: the safer assumption. Police
    // DASH q10–q12 "yes" count too, even when the list is empty (children.ts).
    childrenInHousehold: kids.childrenInHousehold,
    childrenPresent: children.some((c) => c.presentAtIncident === true),
    strangulation: report.incident.strangulation === true || dash?.['q18'] === 'yes',
    weapon: report.incident.weaponUsed === true || dash?.['q16'] === 'yes',
    pregnant: report.victim.pregnant === true || dash?.['q9'] === 'yes',
    incidentAt: report.incident.occurredAt,
    previousIncidents12Months: report.incident.previousIncidents12Months ?? 0,
    childrenConflict: kids.childrenConflict,
    childrenNote: kids.childrenNote,
    victimAge: ages.victimAge,
    suspectAge: ages.suspectAge,
  };
}
