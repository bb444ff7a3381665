import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { partnerDirectoryEffects } from './+state/partner-directory.effects';
import { partnerDirectoryFeature } from './+state/partner-directory.feature';

/** The partner directory (services, add / edit): provided on the admin route and on the case route (the Referrals tab names services). */
export function providePartnerDirectoryState(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(partnerDirectoryFeature), provideEffects(partnerDirectoryEffects)]);
}
