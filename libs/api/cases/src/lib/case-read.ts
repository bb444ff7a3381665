import type { CaseDetail, CaseStatus, CaseSummary, LinkedCase, MaracReason, PriorityFactor, ReportRevision, RiskGrade, RiskSource, PoliceReport } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/** The columns behind a CaseSummary. One query shape for the queue, a case, events and catch-up. */
export const SUMMARY_SELECT = `
  SELECT c.id, c.version, c.status, c.reference, c.force, c.received_at, c.updated_at, c.current_revision,
         c.area, c.officer_grade, c.officer_tool, c.risk_grade, c.risk_score, c.risk_source, c.marac_required,
         c.marac_reasons, c.children_count, c.children_in_household, c.repeat_victim, c.priority_score,
         c.priority_factors, v.police_person_id AS victim_person_id, v.first_name AS victim_first_name,
         v.last_name AS victim_last_name, a.id AS assignee_id, a.display_name AS assignee_name
    FROM cases c
    JOIN persons v ON v.id = c.victim_id
    LEFT JOIN users a ON a.id = c.assignee_id`;

export interface SummaryRow {
  id: string;
  version: number;
  status: string;
  reference: string;
  force: string;
  received_at: Date | string;
  updated_at: Date | string;
  current_revision: number;
  area: string;
  officer_grade: string | null;
  officer_tool: string | null;
  risk_grade: string | null;
  risk_score: number | null;
  risk_source: string;
  marac_required: boolean;
  marac_reasons: string[];
  children_count: number;
  children_in_household: boolean;
  repeat_victim: boolean;
  priority_score: number;
  priority_factors: PriorityFactor[];
  victim_person_id: string | null;
  victim_first_name: string | null;
  victim_last_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status as CaseStatus,
    reference: row.reference,
    force: row.force,
    receivedAt: iso(row.received_at),
    updatedAt: iso(row.updated_at),
    revision: Number(row.current_revision),
    area: row.area,
    victim: {
      personId: row.victim_person_id,
      firstName: row.victim_first_name ?? '',
      lastName: row.victim_last_name ?? '',
    },
    risk: {
      grade: (row.risk_grade ?? row.officer_grade) as RiskGrade | null,
      score: row.risk_score === null ? null : Number(row.risk_score),
      source: row.risk_source as RiskSource,
      officerTool: row.officer_tool,
      marac: { required: row.marac_required, reasons: (row.marac_reasons ?? []) as MaracReason[] },
    },
    priority: { score: Number(row.priority_score), factors: row.priority_factors ?? [] },
    // Staffed-hours SLA clocks arrive with the triage-rules issue; until then no clock is running.
    sla: { assignDueAt: null, firstContactDueAt: null, breached: false },
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    flags: {
      children: Number(row.children_count),
      childrenInHousehold: row.children_in_household,
      repeatVictim: row.repeat_victim,
    },
  };
}

export async function loadSummaries(manager: EntityManager, ids: string[]): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const rows: SummaryRow[] = await manager.query(`${SUMMARY_SELECT} WHERE c.id = ANY($1::uuid[])`, [ids]);
  return rows.map(toSummary);
}

export async function loadDetail(manager: EntityManager, id: string): Promise<CaseDetail | null> {
  const [summary] = await loadSummaries(manager, [id]);
  if (!summary) return null;
  const reports: Array<{ id: string; revision: number; received_at: Date | string; body: PoliceReport }> =
    await manager.query(
      'SELECT id, revision, received_at, body FROM reports WHERE case_id = $1 ORDER BY revision DESC',
      [id],
    );
  const linked: Array<{ id: string; reference: string; received_at: Date | string; status: string }> =
    await manager.query(
      `SELECT o.id, o.reference, o.received_at, o.status
         FROM cases c JOIN cases o ON o.victim_id = c.victim_id AND o.id <> c.id
        WHERE c.id = $1
        ORDER BY o.received_at DESC`,
      [id],
    );
  return {
    ...summary,
    reports: reports.map(
      (r): ReportRevision => ({ id: r.id, revision: Number(r.revision), receivedAt: iso(r.received_at), report: r.body }),
    ),
    linkedCases: linked.map(
      (l): LinkedCase => ({ id: l.id, reference: l.reference, receivedAt: iso(l.received_at), status: l.status as CaseStatus }),
    ),
  };
}
