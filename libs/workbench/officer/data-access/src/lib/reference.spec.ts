import { describe, expect, it } from 'vitest';
import { newOfficerReference, OFFICER_REFERENCE } from './reference';

const CONTRACT_REFERENCE = /^[A-Z0-9][A-Z0-9/-]{3,39}$/;

describe('newOfficerReference', () => {
  it('is OA- and 12 base32 characters, a valid contract reference', () => {
    for (let i = 0; i < 200; i++) {
      const ref = newOfficerReference();
      expect(ref).toMatch(OFFICER_REFERENCE);
      expect(ref).toMatch(CONTRACT_REFERENCE);
    }
  });

  it('maps every byte value onto the alphabet (low 5 bits)', () => {
    expect(newOfficerReference((b) => b.fill(0))).toBe('OA-AAAAAAAAAAAA');
    expect(newOfficerReference((b) => b.fill(31))).toBe('OA-777777777777');
    expect(newOfficerReference((b) => b.fill(255))).toBe('OA-777777777777');
    expect(newOfficerReference((b) => b.map((_, i) => i + 26))).toBe('OA-234567ABCDEF');
  });

  it('does not repeat', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => newOfficerReference()));
    expect(refs.size).toBe(1000);
  });
});
