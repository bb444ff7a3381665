import { randomUUID } from 'node:crypto';
import { CaseEntity, PersonEntity } from '@lantern/api/data-access';
import type { TriageRulesConfig } from '@lantern/api/core';
import {
  combineRisk,
  historyReasons,
  policeRaise,
  policeRisk,
  REASON_ORDER,
  type AgreedWithPolice,
  isOutOfHours,
  reportFacts,
  slaDue,
  type MaracReason,
  type PoliceReport,
  type ReportSuspect,
  type ReportVictim,
  type RiskGrade,
} from '@lantern/shared/domain';
import { refreshOutreachArea, refreshRiskMarkers, refreshSerialSuspects, type LinkedCaseChange } from './case-linkage';
import { latestHubConsent } from './case-consent';
import { maracContext } from './case-read';
import { checklistReasons } from './case-risk';
import { recordReportSuspectNumber } from './suspect-numbers';
import type { EntityManager } from 'typeorm';

/**
 * Finds or creates the person police identify by personId (same force, same role), or a new unlinked person
 * when no personId is given. Updates their details to the latest report.
 */
async function upsertPerson(
  manager: EntityManager,
  force: string,
  role: 'victim' | 'suspect',
  person: ReportVictim | ReportSuspect,
  existingId: string | null,
): Promise<string> {
  const details = {
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    dateOfBirth: person.dateOfBirth ?? null,
    gender: person.gender ?? null,
  };
  let id = existingId;
  if (person.personId) {
    const found = await manager.findOne(PersonEntity, {
      where: { force, role, policePersonId: person.personId },
      select: { id: true },
    });
    id = found?.id ?? null;
    if (!id) {
      id = randomUUID();
      // ON CONFLICT: a concurrent report for another case of the same person may have just created it.
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, date_of_birth, gender, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
         ON CONFLICT (force, role, police_person_id) WHERE police_person_id IS NOT NULL
         DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                       date_of_birth = EXCLUDED.date_of_birth, gender = EXCLUDED.gender,
                       updated_at = now(), version = persons.version + 1
         RETURNING id`,
        [id, force, role, person.personId, details.firstName, details.lastName, details.dateOfBirth, details.gender],
      );
      return rows[0].id;
    }
  } else if (id) {
    // The existing person of this case is only reused when it is itself unlinked.
    const found = await manager.findOne(PersonEntity, { where: { id }, select: { id: true, policePersonId: true } });
    if (!found || found.policePersonId) id = null;
  }
  if (id) {
    await manager.update(PersonEntity, { id }, details);
    return id;
  }
  id = randomUUID();
  await manager.insert(PersonEntity, { id, force, role, policePersonId: null, ...details });
  return id;
}

export interface AppliedReport {
  caseId: string;
  version: number;
  created: boolean;
  /** A revision whose police grade lifted the case's grade: {from, to} and who to tell (the assignee). */
  riskRaisedByPolice?: { from: RiskGrade | null; to: RiskGrade; assigneeId: string | null } | null;
  /** Other victims' cases whose serial-suspect flag this report changed (new versions written): announce them. */
  linkedChanges?: LinkedCaseChange[];
  /** The victim's other cases whose MARAC history criteria this report changed (new versions written): announce them. */
  historyChanges?: Array<{ caseId: string; version: number }>;
}

/**
 * Creates the case for a report's first revision, or revises it: in the caller's transaction.
 * The case's grade, flags and interim priority are derived from the latest revision.
 */
export async function applyReportToCase(
  manager: EntityManager,
  report: PoliceReport,
  receivedAt: Date,
  existingCaseId: string | null,
  rules: TriageRulesConfig,
): Promise<AppliedReport> {
  const force = report.source.force;
  const facts = reportFacts(report);
  const existing = existingCaseId
    ? await manager.findOne(CaseEntity, { where: { id: existingCaseId }, lock: { mode: 'pessimistic_write' } })
    : null;

  const victimId = await upsertPerson(manager, force, 'victim', report.victim, existing?.victimId ?? null);
  const suspectId = report.suspect ? await upsertPerson(manager, force, 'suspect', report.suspect, existing?.suspectId ?? null) : null;

  // A repeat victim has an earlier case at this hub (linked through victim.personId).
  const earlier: Array<{ n: string | number }> = await manager.query('SELECT count(*) AS n FROM cases WHERE victim_id = $1 AND id <> $2', [
    victimId,
    existing?.id ?? '00000000-0000-0000-0000-000000000000',
  ]);
  const repeatVictim = Number(earlier[0].n) > 0;

  // Police grades count: the case's grade is the higher of the hub's and the police grade (the officer's, with the
  // police DASH band folded in), unless a team lead agreed a lower one with the police (docs/triage.md).
  const police = policeRisk(
    { officerGrade: facts.officerGrade as RiskGrade | null, tool: facts.officerTool, dash: report.officerRiskAssessment?.dash },
    rules.bands,
  );
  const agreement = (existing?.agreedWithPolice ?? null) as AgreedWithPolice | null;
  const combined = combineRisk({ hubGrade: (existing?.hubGrade ?? null) as RiskGrade | null, police, agreement });
  const grade = combined.grade;
  const raised = existing
    ? policeRaise(
        (existing.riskGrade ?? existing.officerGrade) as RiskGrade | null,
        grade,
        (existing.policeGrade ?? existing.officerGrade) as RiskGrade | null,
        police.grade,
      )
    : null;
  const caseReceivedAt = existing?.receivedAt ?? receivedAt;
  const due = slaDue(caseReceivedAt, grade, rules.slaTargets, rules.calendar);
  const common = {
    updatedAt: receivedAt,
    currentRevision: report.revision,
    area: facts.area,
    victimId,
    suspectId,
    officerGrade: facts.officerGrade,
    officerTool: facts.officerTool,
    policeGrade: police.grade,
    policeScore: police.score,
    policeReasons: police.reasons,
    riskGrade: grade,
    // An agreement a police revision went above no longer governs: the police grade counts again.
    ...(agreement && !combined.agreementApplies ? { agreedWithPolice: null } : {}),
    childrenCount: facts.children,
    childrenInHousehold: facts.childrenInHousehold,
    childrenPresent: facts.childrenPresent,
    strangulation: facts.strangulation,
    weapon: facts.weapon,
    pregnant: facts.pregnant,
    childrenConflict: facts.childrenConflict,
    victimAge: facts.victimAge,
    suspectAge: facts.suspectAge,
    repeatVictim,
    incidentAt: new Date(facts.incidentAt),
    previousIncidents: facts.previousIncidents12Months,
    assignDueAt: new Date(due.assignDueAt),
    firstContactDueAt: new Date(due.firstContactDueAt),
    consentToContact: report.consent.supportReferral as string,
    informationSharing: report.consent.informationSharing as string,
  };

  if (existing) {
    const version = existing.version + 1;
    // What the victim told the hub outranks what they told the officer: a revision never overwrites a hub record.
    const hub = await latestHubConsent(manager, existing.id);
    if (hub.contact) common.consentToContact = hub.contact;
    if (hub.sharing) common.informationSharing = hub.sharing;
    // A plan no caseworker has edited yet follows the latest police report (it is rebuilt when next read).
    const plan = existing.safeContactPlanEditedAt ? {} : { safeContactPlan: {} };
    await manager.update(CaseEntity, { id: existing.id }, { ...common, ...plan, version });
    await recordReportSuspectNumber(manager, existing.id, report, receivedAt);
    await refreshHistoryReasons(manager, existing.id, rules);
    await refreshRiskMarkers(manager, existing.id, report);
    await refreshOutreachArea(manager, existing.id, report, rules.outreachAreas);
    const linkedChanges = await refreshSerialSuspects(manager, existing.id, [existing.suspectId, suspectId]);
    const historyChanges = await refreshVictimHistory(manager, existing.id, [existing.victimId, victimId], rules);
    const riskRaisedByPolice = raised ? { from: raised.from, to: raised.to, assigneeId: existing.assigneeId } : null;
    return { caseId: existing.id, version, created: false, riskRaisedByPolice, linkedChanges, historyChanges };
  }
  const caseId = randomUUID();
  await manager.insert(CaseEntity, {
    id: caseId,
    version: 1,
    status: 'new',
    force,
    reference: report.reference,
    receivedAt,
    riskScore: null,
    riskSource: 'officer',
    maracRequired: false,
    maracReasons: [],
    maracReferredAt: null,
    assigneeId: null,
    assignedAt: null,
    firstContactAt: null,
    slaBreachedAt: null,
    arrivedOutOfHours: isOutOfHours(receivedAt, rules.calendar),
    ...common,
  });
  await recordReportSuspectNumber(manager, caseId, report, receivedAt);
  await refreshHistoryReasons(manager, caseId, rules);
  await refreshRiskMarkers(manager, caseId, report);
  await refreshOutreachArea(manager, caseId, report, rules.outreachAreas);
  const linkedChanges = await refreshSerialSuspects(manager, caseId, [suspectId]);
  const historyChanges = await refreshVictimHistory(manager, caseId, [victimId], rules);
  return { caseId, version: 1, created: true, linkedChanges, historyChanges };
}

/**
 * The victim's other cases (and, after a revision that names another victim, the former victim's): a report may be
 * an older incident reported late, or a revision may move an incident's date, so their potential escalation (incidents
 * before theirs within the window) is recomputed too. Every case whose reasons change gets a new version and is
 * returned, so the caller audits and announces it.
 */
export async function refreshVictimHistory(
  manager: EntityManager,
  caseId: string,
  victimIds: ReadonlyArray<string | null | undefined>,
  rules: TriageRulesConfig,
): Promise<Array<{ caseId: string; version: number }>> {
  const ids = [...new Set(victimIds.filter((v): v is string => !!v))];
  if (!ids.length) return [];
  const others: Array<{ id: string; version: number }> = await manager.query(
    'SELECT id, version FROM cases WHERE victim_id = ANY($1::uuid[]) AND id <> $2 ORDER BY id FOR UPDATE',
    [ids, caseId],
  );
  const changed: Array<{ caseId: string; version: number }> = [];
  for (const o of others) {
    if (!(await refreshHistoryReasons(manager, o.id, rules))) continue;
    const version = Number(o.version) + 1;
    await manager.update(CaseEntity, { id: o.id }, { version });
    changed.push({ caseId: o.id, version });
  }
  return changed;
}

/** The reasons the hub's own checklist gives; the police ones come with them from checklistReasons. */
const CHECKLIST_REASONS: MaracReason[] = ['visible-high-risk', 'professional-judgement'];

/**
 * Recomputes the case's MARAC reasons: the history ones (potential escalation, repeat) from the victim's record, with
 * the checklist-type ones in force (checklistReasons: the hub's latest checklist, the police's unless an agreement
 * governs). Returns whether the reasons changed. `marac_referred_at` is
 * not touched here: it is the last MARAC referral recorded for the case (POST /cases/:id/marac-referrals), never
 * the moment a criterion was first met.
 */
export async function refreshHistoryReasons(manager: EntityManager, caseId: string, rules: TriageRulesConfig): Promise<boolean> {
  const ctx = await maracContext(manager, caseId, rules);
  const [row]: Array<{ marac_reasons: MaracReason[] }> = await manager.query('SELECT marac_reasons FROM cases WHERE id = $1', [caseId]);
  const before = row.marac_reasons ?? [];
  // The checklist-type reasons in force (hub's latest assessment; police ones unless an agreement governs).
  const kept = await checklistReasons(manager, caseId, CHECKLIST_REASONS);
  const history = historyReasons(ctx);
  const reasons = REASON_ORDER.filter((r) => kept.includes(r) || history.includes(r));
  await manager.update(CaseEntity, { id: caseId }, { maracReasons: reasons, maracRequired: reasons.length > 0 });
  return reasons.length !== before.length || reasons.some((r, i) => r !== before[i]);
}
