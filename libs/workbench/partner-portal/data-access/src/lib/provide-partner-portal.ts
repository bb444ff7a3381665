import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { partnerReferralsEffects } from './+state/partner-referrals.effects';
import { partnerReferralsFeature } from './+state/partner-referrals.feature';

/** The partner portal's referrals: provided on the partner routes. */
export function providePartnerPortalState(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(partnerReferralsFeature), provideEffects(partnerReferralsEffects)]);
}
