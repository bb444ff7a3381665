/**
 * A small seeded generator (mulberry32): the same numbers for the same seed on every run, for property tests (a
 * failure names a case that can be run again) and generated test data (libs/shared/testing). Not for anything that
 * must be unpredictable.
 */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
