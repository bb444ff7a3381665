import type { SafeContactDetails } from '@lantern/shared/domain';

export type SafeContactWarning = 'none-recorded' | 'no-safe-phone' | null;

/** Why a caseworker must not call yet, if they must not. Pure, so it can be tested without Angular. */
export function safeContactWarning(details: SafeContactDetails | null | undefined): SafeContactWarning {
  const d = details ?? {};
  const hasAny =
    !!d.phone?.trim() || !!d.safeTimes?.trim() || !!d.notes?.trim() || d.voicemailSafe !== undefined || d.smsSafe !== undefined;
  if (!hasAny) return 'none-recorded';
  if (!d.phone?.trim()) return 'no-safe-phone';
  return null;
}

export const SAFE_CONTACT_WARNINGS: Record<Exclude<SafeContactWarning, null>, string> = {
  'none-recorded': 'No safe contact details: do not contact until a safe route is confirmed',
  'no-safe-phone': 'No safe phone number: do not contact until a safe route is confirmed',
};
