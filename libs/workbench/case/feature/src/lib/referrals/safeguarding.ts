import type { EffectiveConsentValue, LawfulBasis, SafeguardingBasis } from '@lantern/shared/domain';

/** What a recorded basis is called: its title as it read when recorded (the code for a record without one). */
export function basisTitle(basis: Pick<SafeguardingBasis, 'ground' | 'title'>): string {
  return basis.title || basis.ground;
}

/** The dialog's choices: each configured lawful basis, its title and legal reference (and when it applies). */
export function basisOptions(bases: readonly LawfulBasis[]): Array<{ value: string; label: string; reference: string; hint: string }> {
  return bases.map((b) => ({ value: b.code, label: b.title, reference: b.legalReference, hint: b.description ?? '' }));
}

/**
 * What the Referrals tab says about sharing without consent: the recorded basis; a team lead may record one;
 * a caseworker is told a team lead must (or consent be recorded); or nothing (consent to share is in force).
 */
export type BasisView =
  | { kind: 'recorded'; basis: SafeguardingBasis }
  | { kind: 'can-record'; consent: EffectiveConsentValue | null }
  | { kind: 'needs-team-lead'; consent: EffectiveConsentValue | null }
  | { kind: 'none' };

export function basisView(
  basis: SafeguardingBasis | null,
  informationSharing: EffectiveConsentValue | null,
  canRecord: boolean,
): BasisView {
  if (basis) return { kind: 'recorded', basis };
  if (informationSharing === 'given') return { kind: 'none' };
  return canRecord ? { kind: 'can-record', consent: informationSharing } : { kind: 'needs-team-lead', consent: informationSharing };
}

/** "The victim refused…" / "…withdrew…" / "…was not asked…" (the consent to share in force). */
export function consentSentence(consent: EffectiveConsentValue | null): string {
  return consent === 'refused'
    ? 'The victim refused to have their details shared.'
    : consent === 'withdrawn'
      ? 'The victim withdrew their consent to have their details shared.'
      : consent === 'not-asked'
        ? 'The victim was not asked about sharing their details.'
        : 'Consent to share the victim’s details is not recorded.';
}
