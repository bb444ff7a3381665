import type { EntityManager } from 'typeorm';
import { Problems } from '@lantern/api/core';
import { CaseEntity } from '@lantern/api/data-access';
import { judgeAtLock } from './case-access';

/**
 * The one way a change locks a case: the case row's lock (`FOR UPDATE`), taken first in the change's transaction,
 * before it reads anything it will judge. Casework, consent, call-backs, support, referrals, restriction and police
 * revisions all take it, so a change sees every change to the case committed before it and none can slip in between
 * its checks and its write (a call-back scheduled beside a refusal of contact, an assign beside a restriction).
 * Other rows a change locks (a referral, a call-back, the victim's person row) are locked after the case's, always in
 * that order. Once locked, a change that CaseAccessGuard let through is judged again on the facts as committed
 * (`judgeAtLock`: the guard read them before the lock). Returns whether the case exists.
 */
export async function lockCase(m: EntityManager, caseId: string): Promise<boolean> {
  const rows: unknown[] = await m.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  if (rows.length) await judgeAtLock(m, caseId);
  return rows.length > 0;
}

/** `lockCase` for a change that reads the case's columns: the locked row, or null when there is no such case. */
export async function lockedCase(m: EntityManager, caseId: string): Promise<CaseEntity | null> {
  const c = await m.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
  if (c) await judgeAtLock(m, caseId);
  return c;
}

/**
 * The optional `version` a change was based on, checked against the locked case: a stale one is `409 stale-version`
 * (the caller reloads and tries again). The one check every case change makes after `lockedCase`.
 */
export function checkCaseVersion(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current)
    throw Problems.conflict('stale-version', `The case changed since version ${expected} (now ${current}): reload it.`);
}

/**
 * A change based on a page opened before a police revision named another person as the victim (`expected` below the
 * version that revision wrote): `409 victim-changed`, whatever else it checks. What the user heard or decided may be
 * the earlier person's (her "yes" to sharing, a MARAC referral of her); they reload and see who the case is about now.
 */
export function checkSameVictim(expected: number | undefined, c: Pick<CaseEntity, 'victimChangedVersion'>): void {
  if (expected !== undefined && c.victimChangedVersion !== null && expected < c.victimChangedVersion)
    throw Problems.conflict(
      'victim-changed',
      'Nothing was recorded: the police report has named another person as the victim since you opened this case. Reload it, and ask the victim it names now.',
    );
}

/**
 * SQL: the hub recorded `column`'s row (a checklist, a contact attempt, a referral) for the case's current victim, at
 * or after the police revision that last named another person (`changedAt`: the case's `victim_changed_at`, or a
 * parameter holding it); true on a case whose victim never changed. The one clock cut-off those reads share.
 */
export function sinceVictimChange(column: string, changedAt = 'c.victim_changed_at'): string {
  return `${column} >= COALESCE(${changedAt}, '-infinity')`;
}
