import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { referralsEffects } from './+state/referrals.effects';
import { referralsFeature } from './+state/referrals.feature';

/** A case's referrals (options, referrals made, sending, safeguarding basis): provided on the case route. */
export function provideReferralsState(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(referralsFeature), provideEffects(referralsEffects)]);
}
