/**
 * Password rules of NIST SP 800-63B (rev. 4, §3.1.1.2 "Password verifiers"), the parts that need no word list:
 * a length floor and ceiling counted in Unicode code points after NFC normalisation, no composition rules (no
 * "one digit, one symbol"), any printable character including spaces and emoji, and no context words (the
 * service's name, the username). The breached/common-password list is checked by the API (it is large).
 *
 * Why 15: 800-63B rev. 4 requires at least 15 characters for a password used as a single factor, 8 when it is one
 * of two factors. Lantern's second factor is required in production but optional in demo and can be reset by an
 * admin, so a password must be safe alone: 15 it is. 256 is far above the "at least 64" the standard asks for and
 * still bounds the argon2 input.
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

/** Words no password may contain (beside the user's own username). */
export const PASSWORD_CONTEXT_WORDS = ['lantern'] as const;

export type PasswordRule = 'too-short' | 'too-long' | 'context-word' | 'repetitive' | 'control-character' | 'breached';

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

/** The password as the verifier stores and compares it: NFC-normalised (800-63B §3.1.1.2). */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** The number of characters a person would count (code points, not UTF-16 units). */
export function passwordLength(password: string): number {
  return [...normalisePassword(password)].length;
}

// Control characters (C0, DEL, C1) cannot be typed reliably and hide in copy-paste; everything else is allowed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Every rule the password breaks, in a stable order; [] when it passes. `username` (and other context words) are
 * compared case-insensitively; a username shorter than 4 characters is not a useful signal and is skipped.
 */
export function checkPasswordRules(password: string, context: { username?: string; words?: readonly string[] } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const p = normalisePassword(password);
  const length = [...p].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push({ rule: 'too-short', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ rule: 'too-long', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });
  if (CONTROL.test(p)) problems.push({ rule: 'control-character', message: 'must not contain control characters' });
  const lower = p.toLocaleLowerCase('en-GB');
  const words = [...PASSWORD_CONTEXT_WORDS, ...(context.words ?? []), ...(context.username ? [context.username] : [])]
    .map((w) => normalisePassword(w).toLocaleLowerCase('en-GB').trim())
    .filter((w) => w.length >= 4);
  if (words.some((w) => lower.includes(w))) {
    problems.push({ rule: 'context-word', message: 'must not contain the username or the name of the service' });
  }
  // 800-63B names "repetitive or sequential characters" among the values to refuse: one short unit repeated
  // ("abcabcabcabcabc") or hardly any distinct characters ("aaaaaaaaaaaaaab").
  if (length >= 1 && (new Set(lower).size < 4 || /^(.{1,5})\1+$/su.test(lower))) {
    problems.push({ rule: 'repetitive', message: 'must not be one character or a short sequence repeated' });
  }
  return problems;
}
