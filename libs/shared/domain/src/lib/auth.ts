export const ROLES = ['caseworker', 'team-lead', 'admin', 'officer', 'partner', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** GET /api/v1/auth/me */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}
