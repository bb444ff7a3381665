import { cleanIdentifier } from './report-rules';
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
 * Two names as compared: the same, or the same written another way, when one is the other with a letter more, less or
 * changed ("Sara"/"Sarah", "Jon"/"John") or one begins the other (a short form, a middle name or a second surname added:
 * "Sam"/"Samantha", "Mary"/"Mary Jane", "Morgan"/"Morgan-Price"), three letters at least. A spelling is the commonest
 * correction an officer makes, and reading it as another woman would withdraw what partners hold for good.
 */
function compareNames(a: string, b: string): 'same' | 'differs' | 'unknown' {
  const plain = compare(a, b);
  if (plain !== 'differs') return plain;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return 'same';
  return short.length >= 3 && oneEditApart(short, long) ? 'same' : 'differs';
}

/** Whether `a` becomes `b` by one letter inserted, removed or changed (`a` no longer than `b`). */
function oneEditApart(a: string, b: string): boolean {
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i) === b.slice(i + 1);
}

/**
 * Whether a revision still names the same victim as the case held before it.
 *
 * - Both carry a police person id: the id decides (the force's own identity for her; a corrected name under the same
 *   id is still her), except that another id with the same first name, surname and date of birth, all given on both
 *   sides, is read as a force merging its own records of her, not as another woman.
 * - Otherwise (an officer's report without an id, an id the hub would not link, an id added or dropped): a date of
 *   birth given on both sides must agree. With it agreeing, her surname may have been corrected (a misspelling, a
 *   married name) but not her first name: two sisters, or twins, share a surname and may share a birthday. Without a
 *   date on both sides, neither name may differ.
 * - A name written another way (one letter more, less or changed; a short form or an added middle name or second
 *   surname: compareNames) is not a difference.
 * - Nothing to compare on a side (no name, no date) is not a difference: only a proven change of person counts, so
 *   that an officer filling in what was missing does not cost her what she told the hub. (The caller gives the
 *   earlier side every detail a revision since the last change gave: a detail once known is not lost.)
 *
 * A corrected first name reads as another person, and so does a correction of both names with no date of birth on
 * both sides: the fail-safe reading, as the hub then asks her again rather than passing one woman's consent and safe
 * numbers to another.
 */
export function sameVictim(before: VictimIdentity, after: VictimIdentity): boolean {
  const born = compare((before.dateOfBirth ?? '').trim().slice(0, 10), (after.dateOfBirth ?? '').trim().slice(0, 10));
  const first = compareNames(nameKey(before.firstName), nameKey(after.firstName));
  const last = compareNames(nameKey(before.lastName), nameKey(after.lastName));
  const ids = policeIdsOf(before, after);
  if (ids)
    return (
      ids[0] === ids[1] ||
      (born === 'same' && nameKey(before.firstName) === nameKey(after.firstName) && nameKey(before.lastName) === nameKey(after.lastName))
    );
  if (born === 'differs' || first === 'differs') return false;
  return born === 'same' || last !== 'differs';
}

/**
 * What a change of victim was judged on, for the team leads' tray: `police-person-id` when both sides carry the force's
 * own person id (the force says it is another person), `names-and-dates` when the hub judged it from names and dates
 * of birth (sameVictim's fail-safe reading: a first name corrected, or a date of birth mistyped, reads as another
 * person too). A lead checks the second kind with the police: what it withdrew from partners cannot be undone.
 */
export type VictimChangeEvidence = 'police-person-id' | 'names-and-dates';

export function victimChangeEvidence(before: VictimIdentity, after: VictimIdentity): VictimChangeEvidence {
  return policeIdsOf(before, after) ? 'police-person-id' : 'names-and-dates';
}

/** Both sides' police person ids, when both carry one (a blank id is none): then the id decides (sameVictim). */
function policeIdsOf(before: VictimIdentity, after: VictimIdentity): [string, string] | null {
  // As intake stores them (cleanIdentifier): a revision stored before ids were cleaned is the same id.
  const beforeId = before.personId ? cleanIdentifier(before.personId) : '';
  const afterId = after.personId ? cleanIdentifier(after.personId) : '';
  return beforeId && afterId ? [beforeId, afterId] : null;
}
