export const ROLES = ['caseworker', 'team-lead', 'admin', 'officer', 'partner', 'auditor', 'force-lead'] as const;

/**
 * Roles that may change a case or write about one (every role but the auditor's and the force lead's). An account with
 * the auditor role and none of these only ever reads: its looking stays out of what staff see of a case (its History,
 * who is viewing it), so an investigation of a caseworker does not show to them (an audit review, session 41).
 */
export const CASE_CHANGING_ROLES: readonly string[] = ROLES.filter((r) => r !== 'auditor' && r !== 'force-lead');

export function auditorOnly(roles: readonly string[]): boolean {
  return roles.includes('auditor') && !roles.some((r) => CASE_CHANGING_ROLES.includes(r));
}
export type Role = (typeof ROLES)[number];

/** GET /api/v1/auth/me */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Officers and force leads: the police force they belong to (a force lead sees only its figures). */
  force?: string | null;
  /** Officers: the collar number and team the officer-app fills a report's officer block from. */
  collarNumber?: string | null;
  team?: string | null;
}

/**
 * Request header (value `1`) the workbench sends on requests the person at the screen did not just ask for — the
 * queue's minute re-read, the alert tray's refresh — once they have not touched the screen for a minute. The API
 * serves such a request but does not count it as use, so it does not hold off the session's idle timeout.
 */
export const BACKGROUND_REQUEST_HEADER = 'Lantern-Background';
/** How long after the last key press, click, scroll or touch the workbench marks its requests as background. */
export const BACKGROUND_AFTER_MS = 60_000;
