import { randomUUID } from 'node:crypto';
import { CaseEntity, PersonEntity } from '@lantern/api/data-access';
import { interimPriority, reportFacts, type PoliceReport, type ReportVictim, type ReportSuspect } from '@lantern/shared/domain';
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
): Promise<AppliedReport> {
  const force = report.source.force;
  const facts = reportFacts(report);
  const existing = existingCaseId
    ? await manager.findOne(CaseEntity, { where: { id: existingCaseId }, lock: { mode: 'pessimistic_write' } })
    : null;

  const victimId = await upsertPerson(manager, force, 'victim', report.victim, existing?.victimId ?? null);
  const suspectId = report.suspect
    ? await upsertPerson(manager, force, 'suspect', report.suspect, existing?.suspectId ?? null)
    : null;

  // A repeat victim has an earlier case at this hub (linked through victim.personId).
  const earlier: Array<{ n: string | number }> = await manager.query(
    'SELECT count(*) AS n FROM cases WHERE victim_id = $1 AND id <> $2',
    [victimId, existing?.id ?? '00000000-0000-0000-0000-000000000000'],
  );
  const repeatVictim = Number(earlier[0].n) > 0;

  const grade = existing?.riskSource === 'hub' ? (existing.riskGrade as typeof facts.officerGrade) : facts.officerGrade;
  const priority = interimPriority({ grade, childrenInHousehold: facts.childrenInHousehold });
  const common = {
    updatedAt: receivedAt,
    currentRevision: report.revision,
    area: facts.area,
    victimId,
    suspectId,
    officerGrade: facts.officerGrade,
    officerTool: facts.officerTool,
    childrenCount: facts.children,
    childrenInHousehold: facts.childrenInHousehold,
    repeatVictim,
    priorityScore: priority.score,
    priorityFactors: priority.factors,
  };

  if (existing) {
    const version = existing.version + 1;
    await manager.update(CaseEntity, { id: existing.id }, { ...common, version });
    return { caseId: existing.id, version, created: false };
  }
  const caseId = randomUUID();
  await manager.insert(CaseEntity, {
    id: caseId,
    version: 1,
    status: 'new',
    force,
    reference: report.reference,
    receivedAt,
    riskGrade: null,
    riskScore: null,
    riskSource: 'officer',
    maracRequired: false,
    maracReasons: [],
    assigneeId: null,
    ...common,
  });
  return { caseId, version: 1, created: true };
}
