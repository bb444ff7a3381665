import type { ConsentValue, SafeguardingBasis, SafeguardingGround } from '@lantern/shared/domain';
import { SAFEGUARDING_GROUNDS } from '@lantern/shared/domain';

/** The three grounds of DPA 2018 Sch. 1 para 18(2), in plain English, with what each means in practice. */
export const SAFEGUARDING_GROUND_LABELS: Record<SafeguardingGround, { label: string; hint: string }> = {
  'consent-cannot-be-given': {
    label: 'The victim cannot give consent',
    hint: 'For example, they lack capacity to decide, or cannot be reached at all.',
  },
  'consent-cannot-reasonably-be-obtained': {
    label: 'We cannot reasonably be expected to get consent',
    hint: 'For example, every safe way of asking has been tried and the risk cannot wait.',
  },
  'consent-would-prejudice-safeguarding': {
    label: 'Asking for consent would put the victim or others at risk',
    hint: 'For example, the suspect could learn of the referral, or asking would delay protection.',
  },
};

export const GROUND_OPTIONS = SAFEGUARDING_GROUNDS.map((g) => ({ value: g, ...SAFEGUARDING_GROUND_LABELS[g] }));

export function groundLabel(ground: string): string {
  return SAFEGUARDING_GROUND_LABELS[ground as SafeguardingGround]?.label ?? ground;
}

/**
 * What the Referrals tab says about sharing without consent: the recorded basis; a team lead may record one;
 * a caseworker is told a team lead must (or consent be recorded); or nothing (consent was given).
 */
export type BasisView =
  | { kind: 'recorded'; basis: SafeguardingBasis }
  | { kind: 'can-record'; consent: ConsentValue | null }
  | { kind: 'needs-team-lead'; consent: ConsentValue | null }
  | { kind: 'none' };

export function basisView(basis: SafeguardingBasis | null, informationSharing: ConsentValue | null, canRecord: boolean): BasisView {
  if (basis) return { kind: 'recorded', basis };
  if (informationSharing === 'given') return { kind: 'none' };
  return canRecord ? { kind: 'can-record', consent: informationSharing } : { kind: 'needs-team-lead', consent: informationSharing };
}

/** "The victim refused…" / "The victim was not asked…" */
export function consentSentence(consent: ConsentValue | null): string {
  return consent === 'refused'
    ? 'The victim refused to have their details shared.'
    : consent === 'not-asked'
      ? 'The victim was not asked about sharing their details.'
      : 'Consent to share the victim’s details is not recorded.';
}
