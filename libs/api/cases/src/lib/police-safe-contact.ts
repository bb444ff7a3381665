import { policeSafeContact, type PoliceReport, type SafeContactPlan } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

/**
 * What each report revision of these cases said of contacting the victim safely (policeSafeContact), oldest first:
 * what a plan is compared with when a police revision changes it (policeRevision). One statement for any number of
 * cases (a case has a few revisions); reads only the `victim.safeContact` of each body.
 */
export async function policeSafeContactsOf(m: EntityManager, caseIds: readonly string[]) {
  const out = new Map<string, ReturnType<typeof policeSafeContact>[]>();
  if (!caseIds.length) return out;
  const rows: Array<{ case_id: string; sc: unknown }> = await m.query(
    // The current victim's revisions only: before a police revision named another person, the numbers were hers.
    `SELECT r.case_id, r.body #> '{victim,safeContact}' AS sc FROM reports r JOIN cases c ON c.id = r.case_id
      WHERE r.case_id = ANY($1::uuid[]) AND r.revision >= COALESCE(c.victim_changed_revision, 0) ORDER BY r.case_id, r.revision`,
    [[...new Set(caseIds)]],
  );
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push(policeSafeContact({ victim: { safeContact: r.sc ?? undefined } } as PoliceReport));
    out.set(r.case_id, list);
  }
  return out;
}

/** policeSafeContactsOf for one case: what each of its revisions said, oldest first. */
export async function policeSafeContactsOfCase(m: EntityManager, caseId: string) {
  return (await policeSafeContactsOf(m, [caseId])).get(caseId) ?? [];
}

/** The plan a caseworker saved, or null when the case's plan follows the report. */
export function savedPlan(stored: Partial<SafeContactPlan> | null | undefined): SafeContactPlan | null {
  return stored && Array.isArray(stored.numbers) ? (stored as SafeContactPlan) : null;
}
