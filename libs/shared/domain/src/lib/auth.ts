export const ROLES = ['caseworker', 'team-lead', 'admin', 'officer', 'partner', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** GET /api/v1/auth/me */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** Roles that may read hub cases (the queue, a case page, live case events). */
export const CASE_READER_ROLES: readonly Role[] = ['caseworker', 'team-lead', 'auditor'];

export function canReadCases(roles: readonly Role[]): boolean {
  return roles.some((r) => CASE_READER_ROLES.includes(r));
}
