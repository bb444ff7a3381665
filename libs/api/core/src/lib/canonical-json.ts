/**
 * JSON with object keys sorted, so the same value hashes the same whatever its key order (a report's body hash at
 * intake). With `unorderedArrays`, arrays are read as sets too: their items in one order (a referral's contact plan
 * fingerprint, where numbers, channels and windows saved in another order are the same plan).
 */
export function canonicalJson(value: unknown, opts: { unorderedArrays?: boolean } = {}): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalJson(v, opts));
    if (opts.unorderedArrays) items.sort();
    return `[${items.join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], opts)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
