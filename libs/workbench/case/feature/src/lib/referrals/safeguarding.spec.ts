import { DEFAULT_LAWFUL_BASES, type SafeguardingBasis } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { basisOptions, basisTitle, basisView, consentSentence } from './safeguarding';

const basis: SafeguardingBasis = {
  ground: 'marac-protocol',
  title: 'High-risk domestic abuse: the local MARAC information-sharing protocol',
  legalReference: 'UK GDPR Art. 6(1)(e)',
  reason: 'Asking would alert the suspect.',
  by: 'Jordan Ellis',
  at: '2026-11-23T07:21:00.000Z',
};

describe('lawful bases', () => {
  it('offers each configured basis with its title and legal reference, in the configured order', () => {
    const options = basisOptions(DEFAULT_LAWFUL_BASES);
    expect(options.map((o) => o.value)).toEqual(DEFAULT_LAWFUL_BASES.map((b) => b.code));
    for (const o of options) {
      expect(o.label.length).toBeGreaterThan(10);
      expect(o.reference).toMatch(/DPA 2018|UK GDPR/);
    }
  });

  it('names a recorded basis by its title, or its code when it has none', () => {
    expect(basisTitle(basis)).toBe(basis.title);
    expect(basisTitle({ ground: 'something-old', title: '' })).toBe('something-old');
  });
});

describe('basisView', () => {
  it.each([
    [basis, 'not-asked', false, 'recorded'],
    [basis, 'given', true, 'recorded'],
    [null, 'given', true, 'none'],
    [null, 'given', false, 'none'],
    [null, 'not-asked', true, 'can-record'],
    [null, 'refused', true, 'can-record'],
    [null, 'withdrawn', true, 'can-record'],
    [null, 'not-asked', false, 'needs-team-lead'],
    [null, null, false, 'needs-team-lead'],
  ] as const)('basis %# consent %s team lead %s → %s', (b, consent, teamLead, kind) => {
    expect(basisView(b, consent, teamLead).kind).toBe(kind);
  });
});

describe('consentSentence', () => {
  it.each([
    ['refused', 'The victim refused to have their details shared.'],
    ['withdrawn', 'The victim withdrew their consent to have their details shared.'],
    ['not-asked', 'The victim was not asked about sharing their details.'],
    [null, 'Consent to share the victim’s details is not recorded.'],
  ] as const)('%s', (consent, text) => expect(consentSentence(consent)).toBe(text));
});
