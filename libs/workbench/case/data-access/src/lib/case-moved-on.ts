/**
 * Codes the API answers with when a change was refused because someone else changed the case first (claimed it,
 * closed it, moved it on, resumed contact). The one list the workbench reads: on any of them the case is read again,
 * so the page shows what changed, and a dialog built on the old case gets out of the way.
 * Only the workbench needs the list (the API sends one code per refusal), so it lives here, not in the domain.
 */
export const CASE_MOVED_ON_CODES = [
  'stale-version',
  'already-claimed',
  'illegal-transition',
  'case-closed',
  'not-paused',
  'not-assigned',
  'not-assignee',
] as const;
export type CaseMovedOnCode = (typeof CASE_MOVED_ON_CODES)[number];

export function caseMovedOn(code: string | null | undefined): code is CaseMovedOnCode {
  return !!code && (CASE_MOVED_ON_CODES as readonly string[]).includes(code);
}
