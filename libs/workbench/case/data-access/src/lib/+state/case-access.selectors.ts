import { caseAccess, CLOSING_STATUSES, type CaseAccessKind } from '@lantern/shared/domain';
import { authFeature, selectCan } from '@lantern/workbench/auth/data-access';
import { createSelector } from '@ngrx/store';
import { caseFeature } from './case.feature';

/**
 * Whether the signed-in user may do this kind of thing to the open case, by the same rule the API's case guard
 * applies (case-access.ts): writes only by the assignee or a team lead; on a restricted case only those on its access
 * list (breaking the glass gives reading only). The case is on screen, so the API already judged it visible.
 */
export function selectCaseAccess(kind: CaseAccessKind) {
  return createSelector(authFeature.selectUser, caseFeature.selectDetail, (user, detail) => {
    if (!user || !detail) return false;
    const facts = {
      assigneeId: detail.assignee?.id ?? null,
      restricted: !!detail.restricted,
      accessList: detail.access?.accessList ?? [],
      breakGlass: detail.access?.breakGlass ?? [],
    };
    return caseAccess(user, facts, kind, new Date()).decision === 'allowed';
  });
}

/** May the user claim the open case (a restricted one only from its access list)? */
export const selectMayClaimCase = selectCaseAccess('claim');

/** The user sees the open case only through their own break-glass grant: reading only. */
export const selectReadingThroughBrokenGlass = createSelector(
  authFeature.selectUser,
  caseFeature.selectDetail,
  (user, detail) => !!user && !!detail?.restricted && !(detail.access?.accessList ?? []).includes(user.id),
);

/** The open case is closed (closed, unable to contact, declined): read-only on the case page, except Reopen. */
export const selectCaseIsClosed = createSelector(
  caseFeature.selectDetail,
  (detail) => !!detail && CLOSING_STATUSES.includes(detail.status),
);

/**
 * May the user change the open case's status (Reopen on a closed case) or record its satisfaction survey: the
 * access rule alone, closed or not.
 */
export const selectMayReopenCase = selectCaseAccess('write');

/**
 * May the user work on the open case (every write action of the case page)? Never on a closed case: it offers no
 * Refer…, contact forms or DASH until it is reopened (the API refuses those writes with 409 case-closed).
 */
export const selectMayWorkOnCase = createSelector(selectMayReopenCase, selectCaseIsClosed, (may, closed) => may && !closed);

/**
 * Recording consent is a write on the case too: the role must allow it and the case must be the user's to work. Closed
 * or not: a victim may withdraw consent after her case closed (UK GDPR Art. 7(3)), and partners may still hold her data.
 */
export const selectMayRecordConsent = createSelector(selectCan('consent.record'), selectMayReopenCase, (role, mine) => role && mine);
