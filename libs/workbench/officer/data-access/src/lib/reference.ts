/**
 * An officer-app referral's reference, made on the phone when the draft starts: `OA-` and 12 characters of the
 * RFC 4648 base32 alphabet (A–Z, 2–7) from crypto.getRandomValues, 60 random bits. It matches the contract's
 * `^[A-Z0-9][A-Z0-9/-]{3,39}$` and is kept with the draft, so a retried submission carries the same idempotency key
 * (source.force, reference) and is answered as a duplicate. The `OA-` prefix is the officer app's own namespace:
 * a force's records system numbers its occurrences differently, so a later records-feed report of the same incident
 * can never collide with (and be refused as a conflicting revision of) the officer's referral.
 */
export const OFFICER_REFERENCE_PREFIX = 'OA-';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const OFFICER_REFERENCE = /^OA-[A-Z2-7]{12}$/;

export function newOfficerReference(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(12));
  // 12 bytes, one character each from the low 5 bits: unbiased, as 256 is a multiple of 32.
  return OFFICER_REFERENCE_PREFIX + Array.from(bytes, (b) => BASE32[b & 31]).join('');
}
