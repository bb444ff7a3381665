import type { TriageRulesConfig } from '@lantern/api/core';
import {
  ageFacts,
  casePriority,
  childrenFacts,
  offersYoungPeoplesDash,
  reportAgeFacts,
  effectiveConsent,
  prefillFromPolice,
  slaStatus,
  type AgreedWithPolice,
  type AnswerSources,
  type CaseDetail,
  type ChecklistCompleteness,
  checklistCompleteness,
  type CaseStatus,
  type CaseSummary,
  type DashAnswers,
  type LinkedCase,
  type MaracContext,
  type MaracReason,
  type OutreachAreaSource,
  type PoliceReport,
  type ReportRevision,
  type RiskAssessmentRecord,
  type RiskGrade,
  type RiskSource,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { loadConsentHistory } from './case-consent';
import { childrensServicesState } from './childrens-services';
import { loadMaracReferrals, victimMaracReferrals } from './marac-referrals';
import { sinceVictimChange } from './case-lock';

/** The columns behind a CaseSummary. One query shape for the queue, a case, events and catch-up. */
export const SUMMARY_SELECT = `
  SELECT c.id, c.version, c.status, c.reference, c.force, c.received_at, c.updated_at, c.current_revision,
         c.area, c.officer_grade, c.officer_tool, c.risk_grade, c.risk_score, c.risk_source, c.marac_required,
         c.marac_reasons, c.children_count, c.children_in_household, c.children_present, c.repeat_victim,
         c.strangulation, c.weapon, c.pregnant, c.arrived_out_of_hours, c.assign_due_at, c.first_contact_due_at,
         c.assigned_at, c.first_contact_at, c.contact_paused, v.police_person_id AS victim_person_id,
         c.police_grade, c.police_score, c.agreed_with_police,
         c.children_conflict, c.victim_age, c.suspect_age,
         c.separation, c.stalking, c.threat_to_kill, c.sexual_abuse, c.serial_suspect,
         c.outreach_area, c.outreach_area_source, c.outreach_out_of_county, c.restricted,
         v.first_name AS victim_first_name, v.last_name AS victim_last_name,
         a.id AS assignee_id, a.display_name AS assignee_name
    FROM cases c
    JOIN persons v ON v.id = c.victim_id
    LEFT JOIN users a ON a.id = c.assignee_id`;

type Instant = Date | string;

export interface SummaryRow {
  id: string;
  version: number;
  status: string;
  reference: string;
  force: string;
  received_at: Instant;
  updated_at: Instant;
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
  children_present: boolean;
  repeat_victim: boolean;
  strangulation: boolean;
  weapon: boolean;
  pregnant: boolean;
  arrived_out_of_hours: boolean;
  assign_due_at: Instant;
  first_contact_due_at: Instant;
  assigned_at: Instant | null;
  first_contact_at: Instant | null;
  contact_paused: boolean;
  children_conflict: boolean;
  victim_age: number | null;
  suspect_age: number | null;
  separation: boolean;
  stalking: boolean;
  threat_to_kill: boolean;
  sexual_abuse: boolean;
  serial_suspect: boolean;
  outreach_area: string | null;
  outreach_area_source: string;
  outreach_out_of_county: boolean;
  restricted: boolean;
  victim_person_id: string | null;
  victim_first_name: string | null;
  victim_last_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  police_grade: string | null;
  police_score: number | null;
  agreed_with_police: AgreedWithPolice | null;
}

export function iso(value: Instant): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isoOrNull(value: Instant | null): string | null {
  return value === null ? null : iso(value);
}

/** A case as the queue shows it at `now`: SLA state and priority are computed at read time. */
export function toSummary(row: SummaryRow, rules: TriageRulesConfig, now: Date): CaseSummary {
  const grade = (row.risk_grade ?? row.officer_grade) as RiskGrade | null;
  const reasons = (row.marac_reasons ?? []) as MaracReason[];
  const receivedAt = iso(row.received_at);
  const ages = ageFacts(row.victim_age === null ? null : Number(row.victim_age), row.suspect_age === null ? null : Number(row.suspect_age));
  const sla = slaStatus(
    { assignDueAt: iso(row.assign_due_at), firstContactDueAt: iso(row.first_contact_due_at) },
    { assignedAt: isoOrNull(row.assigned_at), firstContactAt: isoOrNull(row.first_contact_at) },
    now,
    rules.slaTargets,
    rules.calendar,
  );
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status as CaseStatus,
    reference: row.reference,
    force: row.force,
    receivedAt,
    updatedAt: iso(row.updated_at),
    revision: Number(row.current_revision),
    area: row.area,
    victim: {
      personId: row.victim_person_id,
      firstName: row.victim_first_name ?? '',
      lastName: row.victim_last_name ?? '',
    },
    risk: {
      grade,
      score: row.risk_score === null ? null : Number(row.risk_score),
      source: row.risk_source as RiskSource,
      officerTool: row.officer_tool,
      marac: { required: row.marac_required, reasons },
      policeGrade: (row.police_grade ?? null) as RiskGrade | null,
      policeScore: row.police_score === null || row.police_score === undefined ? null : Number(row.police_score),
      agreedWithPolice: row.agreed_with_police ?? null,
    },
    priority: casePriority(
      {
        grade,
        maracReasons: reasons,
        strangulation: row.strangulation,
        weapon: row.weapon,
        childrenInHousehold: row.children_in_household,
        childrenPresent: row.children_present,
        pregnant: row.pregnant,
        repeatVictim: row.repeat_victim,
        separation: row.separation,
        stalking: row.stalking,
        threatToKill: row.threat_to_kill,
        sexualAbuse: row.sexual_abuse,
        receivedAt,
        slaState: sla.state,
        victimUnder18: ages.victimUnder18,
      },
      now,
      rules.weights,
    ),
    sla: {
      assignDueAt: sla.assignDueAt,
      firstContactDueAt: sla.firstContactDueAt,
      breached: sla.breached,
      state: sla.state,
      nextDueAt: sla.nextDueAt,
      breachedFrom: sla.breachedFrom,
    },
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    firstContactAt: isoOrNull(row.first_contact_at),
    outreachArea: {
      area: row.outreach_out_of_county ? null : (row.outreach_area ?? row.area),
      source: (row.outreach_area_source ?? 'incident-area') as OutreachAreaSource,
      outOfCounty: row.outreach_out_of_county === true,
    },
    restricted: row.restricted === true,
    flags: {
      children: Number(row.children_count),
      childrenInHousehold: row.children_in_household,
      repeatVictim: row.repeat_victim,
      arrivedOutOfHours: row.arrived_out_of_hours,
      contactPaused: row.contact_paused,
      childrenConflict: row.children_conflict,
      victimUnder18: ages.victimUnder18,
      victimUnder16: ages.victimUnder16,
      suspectUnder18: ages.suspectUnder18,
      serialSuspect: row.serial_suspect === true,
    },
  };
}

export async function loadSummaries(
  manager: EntityManager,
  ids: string[],
  rules: TriageRulesConfig,
  now = new Date(),
): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const rows: SummaryRow[] = await manager.query(`${SUMMARY_SELECT} WHERE c.id = ANY($1::uuid[])`, [ids]);
  return rows.map((r) => toSummary(r, rules, now));
}

/**
 * Cases in the given statuses as summaries at `now` (unordered), every one of them: the domain's view that
 * queue-order.spec.ts holds the SQL reads against. No request reads this way (issue 16: the queue, its counts, Next
 * case, the board, alerts, the unassigned queue and the suggested balance are ranked and counted in SQL).
 */
export async function loadSummariesByStatus(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  statuses: readonly string[],
  rules: TriageRulesConfig,
  now = new Date(),
): Promise<CaseSummary[]> {
  const rows = (await db.query(`${SUMMARY_SELECT} WHERE c.status = ANY($1::text[])`, [[...statuses]])) as SummaryRow[];
  return rows.map((r) => toSummary(r, rules, now));
}

/**
 * The history the MARAC criteria need for a case: its incident time, police count and suspect (police person id),
 * the incident times of the victim's other cases, and the MARAC referrals recorded for the victim (any case).
 * With `rules`, the hub's MARAC rules travel with it (the workbench judges by the same ones).
 */
export async function maracContext(manager: EntityManager, caseId: string, rules?: TriageRulesConfig): Promise<MaracContext> {
  const [own]: Array<{ incident_at: Instant; previous_incidents: number; victim_id: string; suspect_person_id: string | null }> =
    await manager.query(
      `SELECT c.incident_at, c.previous_incidents, c.victim_id, s.police_person_id AS suspect_person_id
         FROM cases c LEFT JOIN persons s ON s.id = c.suspect_id WHERE c.id = $1`,
      [caseId],
    );
  const others: Array<{ incident_at: Instant }> = await manager.query('SELECT incident_at FROM cases WHERE victim_id = $1 AND id <> $2', [
    own.victim_id,
    caseId,
  ]);
  const incidentAt = iso(own.incident_at);
  const maracReferrals = await victimMaracReferrals(manager, own.victim_id);
  const before = maracReferrals.filter((r) => Date.parse(r.referredAt) < Date.parse(incidentAt));
  return {
    incidentAt,
    previousIncidents12Months: Number(own.previous_incidents),
    linkedIncidentsAt: others.map((o) => iso(o.incident_at)).filter((at) => at < incidentAt),
    lastMaracReferralAt: before[0]?.referredAt ?? null,
    perpetratorPersonId: own.suspect_person_id ?? null,
    maracReferrals,
    ...(rules ? { rules: rules.marac } : {}),
  };
}

interface AssessmentRow {
  id: string;
  answers: DashAnswers;
  score: number;
  score_grade: RiskGrade;
  grade: RiskGrade;
  judgement: RiskAssessmentRecord['judgement'];
  marac_reasons: MaracReason[];
  assessed_at: Instant;
  assessed_by: string;
  assessor_name: string;
  sources: AnswerSources | null;
  completeness: ChecklistCompleteness | null;
  case_grade: RiskGrade | null;
}

/**
 * The hub's DASH RIC assessments of the case's current victim, newest first: one made before a police revision named
 * another person was hers, not this victim's, and is neither shown nor prefilled (it stays in the table and the trail).
 */
export async function loadAssessments(manager: EntityManager, caseId: string): Promise<RiskAssessmentRecord[]> {
  const rows: AssessmentRow[] = await manager.query(
    `SELECT r.id, r.answers, r.score, r.score_grade, r.grade, r.judgement, r.marac_reasons, r.assessed_at,
            r.assessed_by, u.display_name AS assessor_name, r.sources, r.completeness, r.case_grade
       FROM risk_assessments r JOIN users u ON u.id = r.assessed_by JOIN cases c ON c.id = r.case_id
      WHERE r.case_id = $1 AND ${sinceVictimChange('r.assessed_at')} ORDER BY r.assessed_at DESC, r.id`,
    [caseId],
  );
  return rows.map((r) => ({
    id: r.id,
    answers: r.answers,
    score: Number(r.score),
    scoreGrade: r.score_grade,
    grade: r.grade,
    judgement: r.judgement ?? null,
    marac: { required: (r.marac_reasons ?? []).length > 0, reasons: r.marac_reasons ?? [] },
    assessedAt: iso(r.assessed_at),
    assessedBy: { id: r.assessed_by, displayName: r.assessor_name },
    sources: r.sources ?? {},
    completeness: r.completeness ?? checklistCompleteness(r.answers ?? {}),
    caseGrade: r.case_grade ?? r.grade,
  }));
}

export async function loadDetail(
  manager: EntityManager,
  id: string,
  rules: TriageRulesConfig,
  now = new Date(),
): Promise<CaseDetail | null> {
  const [summary] = await loadSummaries(manager, [id], rules, now);
  if (!summary) return null;
  const reports: Array<{ id: string; revision: number; received_at: Instant; body: PoliceReport }> = await manager.query(
    'SELECT id, revision, received_at, body FROM reports WHERE case_id = $1 ORDER BY revision DESC',
    [id],
  );
  const linked: Array<{ id: string; reference: string; received_at: Instant; status: string }> = await manager.query(
    `SELECT o.id, o.reference, o.received_at, o.status
       FROM cases c JOIN cases o ON o.victim_id = c.victim_id AND o.id <> c.id
      WHERE c.id = $1
      ORDER BY o.received_at DESC`,
    [id],
  );
  // Other victims' cases of the same suspect (one persons row per police person id and force): no names.
  const suspectLinked: Array<{ id: string; reference: string; received_at: Instant; status: string }> = await manager.query(
    `SELECT o.id, o.reference, o.received_at, o.status
       FROM cases c JOIN persons s ON s.id = c.suspect_id AND s.police_person_id IS NOT NULL
       JOIN cases o ON o.suspect_id = c.suspect_id AND o.victim_id <> c.victim_id AND o.id <> c.id
      WHERE c.id = $1
      ORDER BY o.received_at DESC`,
    [id],
  );
  const riskAssessments = await loadAssessments(manager, id);
  const [basis]: Array<{
    safeguarding_basis: CaseDetail['safeguardingBasis'];
    victim_changed_at: Instant | null;
    victim_changed_revision: number | null;
  }> = await manager.query('SELECT safeguarding_basis, victim_changed_at, victim_changed_revision FROM cases WHERE id = $1', [id]);
  const victimChangedAt = basis?.victim_changed_at ? iso(basis.victim_changed_at) : null;
  const latestReport = reports[0]?.body;
  const ages = latestReport ? reportAgeFacts(latestReport) : null;
  return {
    ...summary,
    childrensServices: await childrensServicesState(manager, id),
    childrenNote: latestReport ? childrenFacts(latestReport).childrenNote : null,
    // The ages the flags were computed from: the current report's dates of birth on its incident date.
    ages: { victim: ages?.victimAge ?? null, suspect: ages?.suspectAge ?? null },
    youngPeoplesDash: offersYoungPeoplesDash(summary.flags),
    reports: reports.map(
      (r): ReportRevision => ({ id: r.id, revision: Number(r.revision), receivedAt: iso(r.received_at), report: r.body }),
    ),
    linkedCases: linked.map(
      (l): LinkedCase => ({ id: l.id, reference: l.reference, receivedAt: iso(l.received_at), status: l.status as CaseStatus }),
    ),
    suspectLinkedCases: suspectLinked.map(
      (l): LinkedCase => ({ id: l.id, reference: l.reference, receivedAt: iso(l.received_at), status: l.status as CaseStatus }),
    ),
    riskAssessments,
    dashPrefill: riskAssessments[0]?.answers ?? prefillFromPolice(latestReport?.officerRiskAssessment?.dash),
    dashPrefillSources: riskAssessments[0]
      ? riskAssessments[0].sources
      : Object.fromEntries(Object.keys(prefillFromPolice(latestReport?.officerRiskAssessment?.dash)).map((k) => [k, 'police-prefill'])),
    maracContext: await maracContext(manager, id, rules),
    maracReferrals: await loadMaracReferrals(manager, id),
    safeguardingBasis: basis?.safeguarding_basis ?? null,
    consent: effectiveConsent(
      // The current victim's own: from the revision that last named another person on (loadPoliceConsents' rule).
      reports
        .filter((r) => Number(r.revision) >= Number(basis?.victim_changed_revision ?? 0))
        .map((r) => ({ consent: r.body.consent, receivedAt: iso(r.received_at) })),
      await loadConsentHistory(manager, id, { sinceVictimChange: true }),
    ),
    victimChangedAt,
    victimChangedRevision: basis?.victim_changed_revision == null ? null : Number(basis.victim_changed_revision),
  };
}
