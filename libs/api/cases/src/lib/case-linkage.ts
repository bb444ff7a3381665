import { CaseEntity } from '@lantern/api/data-access';
import {
  childrenFacts,
  resolveOutreachArea,
  riskMarkers,
  type DashAnswers,
  type OutreachAreaTable,
  type PoliceReport,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { sinceVictimChange } from './case-lock';

/**
 * The hub's latest DASH RIC answers on a case, or null before the hub has assessed its current victim (a checklist
 * made before a police revision named another person was the earlier person's: docs/casework.md).
 */
export async function latestHubAnswers(manager: EntityManager, caseId: string): Promise<DashAnswers | null> {
  const [row]: Array<{ answers: DashAnswers }> = await manager.query(
    `SELECT a.answers FROM risk_assessments a JOIN cases c ON c.id = a.case_id
      WHERE a.case_id = $1 AND ${sinceVictimChange('a.assessed_at')}
      ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1`,
    [caseId],
  );
  return row?.answers ?? null;
}

/**
 * Recomputes the case's risk markers (strangulation, weapon, pregnancy, separation, stalking, threats to kill, sexual
 * abuse) from the police report and the hub's latest checklist. `report` is the latest revision when the caller
 * holds it (intake, before it stores it), else the stored current revision is read.
 */
export async function refreshRiskMarkers(manager: EntityManager, caseId: string, report?: PoliceReport): Promise<void> {
  let body = report;
  if (!body) {
    const [row]: Array<{ body: PoliceReport }> = await manager.query(
      'SELECT r.body FROM reports r JOIN cases c ON c.id = r.case_id AND r.revision = c.current_revision WHERE c.id = $1',
      [caseId],
    );
    body = row?.body;
  }
  if (!body) return;
  const hub = await latestHubAnswers(manager, caseId);
  // Children in the household (DASH q10–q12) from the hub's answers too: what the victim tells the hub about the
  // children counts like the officer's DASH; a hub "no" never drops what the report says.
  const hubSaysChildren = (['q10', 'q11', 'q12'] as const).some((k) => hub?.[k] === 'yes');
  await manager.update(
    CaseEntity,
    { id: caseId },
    { ...riskMarkers(body, hub), childrenInHousehold: childrenFacts(body).childrenInHousehold || hubSaysChildren },
  );
}

/**
 * The outreach area from the latest report: the victim's postcode through the table, else the incident area. A
 * caseworker's correction stands until a caseworker changes it again (a police revision does not undo it).
 */
export async function refreshOutreachArea(
  manager: EntityManager,
  caseId: string,
  report: PoliceReport,
  table: OutreachAreaTable,
  /** A revision naming another victim: a caseworker's correction was of where the earlier person lives, and goes. */
  victimChanged = false,
): Promise<void> {
  const [row]: Array<{ outreach_area_source: string }> = await manager.query('SELECT outreach_area_source FROM cases WHERE id = $1', [
    caseId,
  ]);
  if (!row || (row.outreach_area_source === 'caseworker' && !victimChanged)) return;
  const o = resolveOutreachArea(report.victim.address?.postcode, report.incident.area, table);
  await manager.update(
    CaseEntity,
    { id: caseId },
    { outreachArea: o.area, outreachAreaSource: o.source, outreachOutOfCounty: o.outOfCounty },
  );
}

/** Another case whose serial-suspect flag a report changed: written at `version`, to be announced. */
export interface LinkedCaseChange {
  caseId: string;
  version: number;
  serialSuspect: boolean;
}

/**
 * Keeps `serial_suspect` current on every case of the given suspects (the case's suspect now and before a revision):
 * true when the same suspect person (police person id, same force: one persons row) is on another victim's case.
 * The case being written (`caseId`) is set in place; every other case whose flag changes gets a new version and is
 * returned, so the caller announces it.
 */
export async function refreshSerialSuspects(
  manager: EntityManager,
  caseId: string,
  suspectIds: ReadonlyArray<string | null | undefined>,
): Promise<LinkedCaseChange[]> {
  const ids = [...new Set(suspectIds.filter((s): s is string => !!s))];
  const rows: Array<{ id: string; version: number; serial_suspect: boolean; serial: boolean }> = await manager.query(
    `SELECT c.id, c.version, c.serial_suspect,
            (s.police_person_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM cases o WHERE o.suspect_id = c.suspect_id AND o.victim_id <> c.victim_id AND o.id <> c.id)) AS serial
       FROM cases c LEFT JOIN persons s ON s.id = c.suspect_id
      WHERE c.id = $1 OR c.suspect_id = ANY($2::uuid[])
      ORDER BY c.id
        FOR UPDATE OF c`,
    [caseId, ids],
  );
  const changed: LinkedCaseChange[] = [];
  for (const r of rows) {
    const serial = r.serial === true;
    if (r.id === caseId) {
      if (r.serial_suspect !== serial) await manager.update(CaseEntity, { id: r.id }, { serialSuspect: serial });
    } else if (r.serial_suspect !== serial) {
      const version = Number(r.version) + 1;
      await manager.update(CaseEntity, { id: r.id }, { serialSuspect: serial, version });
      changed.push({ caseId: r.id, version, serialSuspect: serial });
    }
  }
  return changed;
}
