/**
 * Who a case's victim is, as far as a police report says: the police person id when the force gave one, and the
 * name and date of birth. What the hub heard from her (consent, her safe-contact plan, call-backs she agreed to) and
 * what partners were sent are hers: a revision that names another person must not inherit them (docs/casework.md,
 * "A revision that names another victim").
 */
export interface VictimIdentity {
  personId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** YYYY-MM-DD (a longer ISO string is read by its date). */
  dateOfBirth: string | null;
}

/** A name as compared: letters and digits only, lower case, accents dropped ("Anne-Marie" = "anne marie", "Zoë" = "Zoe"). */
function nameKey(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** 'same', 'differs', or 'unknown' when either side has no value to compare. */
function compare(a: string, b: string): 'same' | 'differs' | 'unknown' {
  if (!a || !b) return 'unknown';
  return a === b ? 'same' : 'differs';
}

/**
 * Whether a revision still names the same victim as the case held before it.
 *
 * - Both carry a police person id: the id decides (the force's own identity for her; a corrected name under the same
 *   id is still her, another id is another person).
 * - Otherwise (an officer's report without an id, an id the hub would not link, an id added or dropped): the date of
 *   birth, where both give one, must agree; with it agreeing, one of the two names may have been corrected (a
 *   misspelt surname, a maiden name); without a date on both sides, neither name may differ.
 * - Nothing to compare on a side (no name, no date) is not a difference: only a proven change of person counts, so
 *   that an officer filling in what was missing does not cost her what she told the hub.
 *
 * A correction of both names with no id and no date of birth reads as another person: the fail-safe reading, as the
 * hub then asks her again rather than passing one woman's consent and safe numbers to another.
 */
export function sameVictim(before: VictimIdentity, after: VictimIdentity): boolean {
  if (before.personId && after.personId) return before.personId.trim() === after.personId.trim();
  const born = compare((before.dateOfBirth ?? '').slice(0, 10), (after.dateOfBirth ?? '').slice(0, 10));
  if (born === 'differs') return false;
  const first = compare(nameKey(before.firstName), nameKey(after.firstName));
  const last = compare(nameKey(before.lastName), nameKey(after.lastName));
  if (born === 'same') return first !== 'differs' || last !== 'differs';
  return first !== 'differs' && last !== 'differs';
}
