import { SAFEGUARDING_GROUNDS, type SafeguardingBasis } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { basisView, consentSentence, GROUND_OPTIONS, groundLabel } from './safeguarding';

const basis: SafeguardingBasis = {
  ground: 'consent-would-prejudice-safeguarding',
  reason: 'Asking would alert the suspect.',
  by: 'Jordan Ellis',
  at: '2026-11-23T07:21:00.000Z',
};

describe('safeguarding grounds', () => {
  it('has a plain-English label for each of the three grounds, in the domain order', () => {
    expect(GROUND_OPTIONS.map((o) => o.value)).toEqual([...SAFEGUARDING_GROUNDS]);
    for (const g of SAFEGUARDING_GROUNDS) {
      expect(groundLabel(g)).not.toBe(g);
      expect(groundLabel(g)).not.toMatch(/consent-/);
    }
    expect(groundLabel('consent-cannot-be-given')).toBe('The victim cannot give consent');
  });

  it('an unknown ground is shown as it is', () => {
    expect(groundLabel('something-new')).toBe('something-new');
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
    [null, 'not-asked', false, 'needs-team-lead'],
    [null, null, false, 'needs-team-lead'],
  ] as const)('basis %# consent %s team lead %s → %s', (b, consent, teamLead, kind) => {
    expect(basisView(b, consent, teamLead).kind).toBe(kind);
  });
});

describe('consentSentence', () => {
  it.each([
    ['refused', 'The victim refused to have their details shared.'],
    ['not-asked', 'The victim was not asked about sharing their details.'],
    [null, 'Consent to share the victim’s details is not recorded.'],
  ] as const)('%s', (consent, text) => expect(consentSentence(consent)).toBe(text));
});
