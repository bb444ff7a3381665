import { describe, expect, it } from 'vitest';
import { consentSaysNo, effectiveConsent, type ConsentRecord } from './consent';

const sam = { id: 'u1', displayName: 'Sam Carter' };
const rec = (over: Partial<ConsentRecord>, i: number): ConsentRecord => ({
  id: `r${i}`,
  at: `2026-11-0${i}T10:00:00.000Z`,
  by: sam,
  contact: null,
  sharing: null,
  method: 'phone',
  note: null,
  ...over,
});

describe('effective consent', () => {
  it('is the police value until the hub records one', () => {
    expect(effectiveConsent([{ supportReferral: 'refused', informationSharing: 'not-asked' }], [])).toEqual({
      contact: { value: 'refused', source: 'police', method: null, by: null, at: null },
      sharing: { value: 'not-asked', source: 'police', method: null, by: null, at: null },
    });
  });

  it('takes the newest hub record of each question, over the police value', () => {
    // Newest first: the phone call on the 3rd answered sharing only; contact comes from the letter on the 2nd.
    const history = [
      rec({ sharing: 'given' }, 3),
      rec({ contact: 'given', sharing: 'refused', method: 'written' }, 2),
      rec({ contact: 'refused' }, 1),
    ];
    const c = effectiveConsent([{ supportReferral: 'refused', informationSharing: 'refused' }], history);
    expect(c.contact).toEqual({ value: 'given', source: 'hub', method: 'written', by: sam, at: '2026-11-02T10:00:00.000Z' });
    expect(c.sharing).toEqual({ value: 'given', source: 'hub', method: 'phone', by: sam, at: '2026-11-03T10:00:00.000Z' });
  });

  it('lets a refusal the victim gave the officer after the hub heard "given" stand; nothing else from the police overrides the hub', () => {
    const history = [rec({ contact: 'given', sharing: 'given' }, 2)];
    // Recorded by the officer on the 4th, after the hub's record on the 2nd: her latest answer.
    const refusal = { supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-11-04T09:00:00Z' } as const;
    const later = effectiveConsent([refusal], history);
    expect(later.contact).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
    expect(later.sharing).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
    // The scene's refusal repeated by a revision (recorded before the hub's record), or with no time: the hub's stands.
    for (const recordedAt of ['2026-11-01T22:00:00Z', undefined]) {
      const c = effectiveConsent(
        [{ supportReferral: 'refused', informationSharing: 'refused', ...(recordedAt ? { recordedAt } : {}) }],
        history,
      );
      expect(c.contact).toMatchObject({ value: 'given', source: 'hub' });
    }
    // A later police "given" does not reopen what the hub heard withdrawn.
    const withdrawn = [rec({ contact: 'withdrawn' }, 2)];
    expect(
      effectiveConsent([{ supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-11-04T09:00:00Z' }], withdrawn).contact,
    ).toMatchObject({
      value: 'withdrawn',
      source: 'hub',
    });
    // The refusal stands through a later revision that repeats the scene's answer or has no time, until the hub
    // records again after it.
    const scene = { supportReferral: 'given', informationSharing: 'given' } as const;
    expect(effectiveConsent([scene, refusal], history).contact).toMatchObject({ value: 'refused', source: 'police' });
    const heardAgain = [rec({ contact: 'given' }, 5), ...history];
    expect(effectiveConsent([scene, refusal], heardAgain).contact).toMatchObject({ value: 'given', source: 'hub' });
  });

  it.each([
    ['given', false],
    ['not-asked', false],
    ['refused', true],
    ['withdrawn', true],
    [null, false],
  ] as const)('%s says no: %s', (value, no) => {
    expect(consentSaysNo(value)).toBe(no);
  });

  it('treats a missing police consent as not asked', () => {
    expect(effectiveConsent([null], []).contact.value).toBe('not-asked');
  });
});
