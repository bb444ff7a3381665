import { lockedCase, type CaseUnitOfWork } from '@lantern/api/cases';
import { Problems } from '@lantern/api/core';
import { CaseEntity } from '@lantern/api/data-access';
import type { CaseChangedEvent } from '@lantern/shared/domain';

/**
 * A record kept beside the case changed (a call-back, a needs assessment or safety plan version): the case gets a
 * new version, so every open queue and case page learns of it, and the change goes through the unit of work.
 */
export async function bumpCaseVersion(
  tx: CaseUnitOfWork,
  caseId: string,
  userId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<CaseChangedEvent> {
  const m = tx.manager;
  const c = await lockedCase(m, caseId);
  if (!c) throw Problems.notFound('No such case.');
  const version = c.version + 1;
  await m.update(CaseEntity, { id: caseId }, { version });
  return tx.caseChanged(caseId, version, { actor: { type: 'user', id: userId }, action, entityType: 'case', entityId: caseId, details });
}
