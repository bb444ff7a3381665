import { describe, expect, it } from 'vitest';
import { consentSaysNo, effectiveConsent, type ConsentRecord, type PoliceConsentRevision } from './consent';
import type { PoliceReport } from './report';

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

/** Police revisions, newest first, received a day apart ending on 1 November (before every hub record below). */
const revisions = (...consents: Array<PoliceReport['consent'] | null>): PoliceConsentRevision[] =>
  consents.map((consent, i) => ({ consent, receivedAt: `2026-11-01T0${consents.length - i}:00:00.000Z` }));

describe('effective consent', () => {
  it('is the police value until the hub records one', () => {
    expect(effectiveConsent(revisions({ supportReferral: 'refused', informationSharing: 'not-asked' }), [])).toEqual({
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
    const c = effectiveConsent(revisions({ supportReferral: 'refused', informationSharing: 'refused' }), history);
    expect(c.contact).toEqual({ value: 'given', source: 'hub', method: 'written', by: sam, at: '2026-11-02T10:00:00.000Z' });
    expect(c.sharing).toEqual({ value: 'given', source: 'hub', method: 'phone', by: sam, at: '2026-11-03T10:00:00.000Z' });
  });

  it('lets a refusal the victim gave the officer after the hub heard "given" stand; nothing else from the police overrides the hub', () => {
    const history = [rec({ contact: 'given', sharing: 'given' }, 2)];
    // Recorded by the officer on the 4th, after the hub's record on the 2nd: her latest answer.
    const refusal = { supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-11-04T09:00:00Z' } as const;
    const later = effectiveConsent(revisions(refusal), history);
    expect(later.contact).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
    expect(later.sharing).toEqual({ value: 'refused', source: 'police', method: null, by: null, at: null });
    // The scene's refusal repeated by a revision (recorded before the hub's record), or with no time: the hub's stands.
    for (const recordedAt of ['2026-11-01T22:00:00Z', undefined]) {
      const c = effectiveConsent(
        revisions({ supportReferral: 'refused', informationSharing: 'refused', ...(recordedAt ? { recordedAt } : {}) }),
        history,
      );
      expect(c.contact).toMatchObject({ value: 'given', source: 'hub' });
    }
    // A later police "given" does not reopen what the hub heard withdrawn.
    const withdrawn = [rec({ contact: 'withdrawn' }, 2)];
    expect(
      effectiveConsent(revisions({ supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-11-04T09:00:00Z' }), withdrawn)
        .contact,
    ).toMatchObject({
      value: 'withdrawn',
      source: 'hub',
    });
    // The refusal stands through a later revision that repeats the scene's answer or has no time, until the hub
    // records again after it.
    const scene = { supportReferral: 'given', informationSharing: 'given' } as const;
    expect(effectiveConsent(revisions(scene, refusal), history).contact).toMatchObject({ value: 'refused', source: 'police' });
    const heardAgain = [rec({ contact: 'given' }, 5), ...history];
    expect(effectiveConsent(revisions(scene, refusal), heardAgain).contact).toMatchObject({ value: 'given', source: 'hub' });
  });

  it('keeps a refusal, never a "given", through a revision that did not ask again', () => {
    const refused = { supportReferral: 'refused', informationSharing: 'refused' } as const;
    const notAsked = { supportReferral: 'not-asked', informationSharing: 'not-asked' } as const;
    expect(effectiveConsent(revisions(notAsked, refused), []).contact).toMatchObject({ value: 'refused', source: 'police' });
    expect(effectiveConsent(revisions(notAsked, null, refused), []).sharing).toMatchObject({ value: 'refused', source: 'police' });
    // A later refusal is her latest; a later "given" reopens a refusal only when timed after it (session 40: an untimed
    // one may resend her first answer, or be a form's default).
    const given = { supportReferral: 'given', informationSharing: 'given' } as const;
    expect(effectiveConsent(revisions(given, notAsked, refused), []).contact.value).toBe('refused');
    expect(effectiveConsent(revisions(refused, given), []).contact.value).toBe('refused');
    expect(effectiveConsent(revisions(notAsked, notAsked), []).contact.value).toBe('not-asked');
    // A "given" is not kept through a revision that did not ask: nothing is shared on consent the police no longer report.
    expect(effectiveConsent(revisions(notAsked, given), []).sharing.value).toBe('not-asked');
    expect(effectiveConsent(revisions(notAsked, given, refused), []).contact.value).toBe('not-asked');
  });

  it('takes a refusal with no time of its own as since the hub\'s "given" when its revision came after the record and turned the answer', () => {
    const history = [rec({ contact: 'given', sharing: 'given' }, 2)];
    const given = { supportReferral: 'given', informationSharing: 'given' } as const;
    const refused = { supportReferral: 'refused', informationSharing: 'refused' } as const;
    const at = (consent: PoliceReport['consent'], receivedAt: string): PoliceConsentRevision => ({ consent, receivedAt });
    // Given at the scene (1 Nov), "given" heard by the hub (2 Nov), a revision received on the 3rd says refused.
    const turned = [at(refused, '2026-11-03T08:00:00Z'), at(given, '2026-11-01T08:00:00Z')];
    expect(effectiveConsent(turned, history).contact).toMatchObject({ value: 'refused', source: 'police' });
    expect(effectiveConsent(turned, history).sharing).toMatchObject({ value: 'refused', source: 'police' });
    // Received before the hub's record: the hub heard her after it.
    const before = [at(refused, '2026-11-02T08:00:00Z'), at(given, '2026-11-01T08:00:00Z')];
    expect(effectiveConsent(before, history).contact).toMatchObject({ value: 'given', source: 'hub' });
    // A correction on the 3rd repeating the scene's refusal (the answer the hub has since heard otherwise).
    const repeated = [
      at(refused, '2026-11-03T08:00:00Z'),
      at({ supportReferral: 'not-asked', informationSharing: 'not-asked' }, '2026-11-01T09:00:00Z'),
      at(refused, '2026-11-01T08:00:00Z'),
    ];
    expect(effectiveConsent(repeated, history).contact).toMatchObject({ value: 'given', source: 'hub' });
    // The hub heard "given" again after the turned revision: the hub's stands.
    expect(effectiveConsent(turned, [rec({ contact: 'given' }, 4), ...history]).contact).toMatchObject({ value: 'given', source: 'hub' });
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

  it('keeps a police refusal over a newer revision whose "given" the officer recorded before it', () => {
    // Revision 1 (older): refused at 12:00. Revision 2 (newer): given, recorded at 10:00, before the refusal.
    const police = revisions(
      { supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-10-31T10:00:00Z' },
      { supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-10-31T12:00:00Z' },
    );
    expect(effectiveConsent(police, [])).toMatchObject({ contact: { value: 'refused' }, sharing: { value: 'refused' } });
    // Recorded after the refusal, the "given" is her latest word.
    const later = revisions(
      { supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-10-31T13:00:00Z' },
      { supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-10-31T12:00:00Z' },
    );
    expect(effectiveConsent(later, [])).toMatchObject({ contact: { value: 'given' }, sharing: { value: 'given' } });
    // Recorded at the same instant: not proven later, the refusal stands.
    const tie = revisions(
      { supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-10-31T12:00:00Z' },
      { supportReferral: 'refused', informationSharing: 'refused', recordedAt: '2026-10-31T12:00:00Z' },
    );
    expect(effectiveConsent(tie, []).contact.value).toBe('refused');
    // An untimed refusal counts as said no later than the hub received it: a "given" timed after that reopens.
    const untimedRefusal = revisions(
      { supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-11-01T05:00:00Z' },
      { supportReferral: 'refused', informationSharing: 'refused' },
    );
    expect(effectiveConsent(untimedRefusal, []).contact.value).toBe('given');
    const beforeReceived = revisions(
      { supportReferral: 'given', informationSharing: 'given', recordedAt: '2026-11-01T00:30:00Z' },
      { supportReferral: 'refused', informationSharing: 'refused' },
    );
    expect(effectiveConsent(beforeReceived, []).contact.value).toBe('refused');
  });

  it('treats a missing police consent as not asked', () => {
    expect(effectiveConsent(revisions(null), []).contact.value).toBe('not-asked');
  });
});
