import { phoneKeysIn, type PoliceReport } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/**
 * The numbers known to be a suspect's, kept in `suspect_numbers` (normalised) so that a contact check reads them
 * for every case of the victim at once: the police's `suspect.phone` of every report revision (never removed: a
 * report is never withdrawn), and the numbers a caseworker marked the suspect's on a plan (replaced when the plan is
 * saved, so a mistake can be corrected).
 */
export type SuspectNumberSource = 'police-report' | 'hub';

/** The report's `suspect.phone` as the numbers it holds (phonesIn), normalised, once each. */
export function reportSuspectNumbers(report: PoliceReport): string[] {
  return [...new Set(phoneKeysIn(report.suspect?.phone ?? ''))];
}

/** Records the report's `suspect.phone` for its case, in the intake's transaction. */
export async function recordReportSuspectNumber(m: EntityManager, caseId: string, report: PoliceReport, at: Date): Promise<void> {
  const numbers = reportSuspectNumbers(report);
  if (!numbers.length) return;
  await m.query(
    `INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
     SELECT $1, 'police-report', n, $3, $4 FROM unnest($2::text[]) AS n
     ON CONFLICT (case_id, source, number) DO NOTHING`,
    [caseId, numbers, report.revision, at],
  );
}

/** The hub's suspect numbers of one case become exactly `numbers` (as the plan now says), in the caller's transaction. */
export async function replaceHubSuspectNumbers(m: EntityManager, caseId: string, numbers: readonly string[], at: Date): Promise<void> {
  // Each number of an entry on its own ("07700 900123 / 07700 900456" is two of his numbers), as phonesIn reads a field.
  const wanted = [...new Set(numbers.flatMap(phoneKeysIn).filter(Boolean))];
  await m.query(`DELETE FROM suspect_numbers WHERE case_id = $1 AND source = 'hub' AND NOT (number = ANY($2::text[]))`, [caseId, wanted]);
  if (wanted.length)
    await m.query(
      `INSERT INTO suspect_numbers (case_id, source, number, revision, recorded_at)
       SELECT $1, 'hub', n, NULL, $3 FROM unnest($2::text[]) AS n
       ON CONFLICT (case_id, source, number) DO NOTHING`,
      [caseId, wanted, at],
    );
}

export interface KnownSuspectNumber {
  number: string;
  source: SuspectNumberSource;
  caseId: string;
}

/**
 * Every suspect number known for a case's victim: on any case of the same victim person (victim.personId links
 * them) or of the same suspect person. Indexed: cases by victim_id / suspect_id, then suspect_numbers by its
 * primary key (case_id first). `exceptHubOf` leaves out the hub's numbers of that case (the plan being replaced).
 */
export async function knownSuspectNumbers(m: EntityManager, caseId: string, exceptHubOf?: string): Promise<KnownSuspectNumber[]> {
  const rows: Array<{ number: string; source: SuspectNumberSource; case_id: string }> = await m.query(
    `WITH me AS (SELECT victim_id, suspect_id FROM cases WHERE id = $1),
          related AS (SELECT c.id FROM cases c JOIN me ON c.victim_id = me.victim_id
                      UNION SELECT c.id FROM cases c JOIN me ON c.suspect_id = me.suspect_id)
     SELECT DISTINCT sn.number, sn.source, sn.case_id
       FROM related JOIN suspect_numbers sn ON sn.case_id = related.id
      WHERE NOT (sn.source = 'hub' AND sn.case_id = $2)
      ORDER BY sn.number, sn.source, sn.case_id`,
    [caseId, exceptHubOf ?? '00000000-0000-0000-0000-000000000000'],
  );
  return rows.map((r) => ({ number: r.number, source: r.source, caseId: r.case_id }));
}

/**
 * The suspect numbers known for each of several cases (normalised, once each; the same reach as
 * knownSuspectNumbers), in one statement: what a partner must never be given as the victim's number.
 */
export async function knownSuspectNumbersByCase(m: EntityManager, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(caseIds.map((id) => [id, []]));
  if (!caseIds.length) return out;
  const rows: Array<{ case_id: string; number: string }> = await m.query(
    `WITH me AS (SELECT id, victim_id, suspect_id FROM cases WHERE id = ANY($1::uuid[])),
          related AS (SELECT me.id AS for_case, c.id FROM me JOIN cases c ON c.victim_id = me.victim_id
                      UNION SELECT me.id, c.id FROM me JOIN cases c ON c.suspect_id = me.suspect_id)
     SELECT DISTINCT related.for_case AS case_id, sn.number
       FROM related JOIN suspect_numbers sn ON sn.case_id = related.id
      ORDER BY 1, 2`,
    [[...new Set(caseIds)]],
  );
  for (const r of rows) out.get(r.case_id)?.push(r.number);
  return out;
}
