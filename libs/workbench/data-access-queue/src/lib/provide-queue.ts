import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { caseEffects } from './+state/case.effects';
import { caseFeature } from './+state/case.feature';
import { caseworkEffects } from './+state/casework.effects';
import { caseworkFeature } from './+state/casework.feature';
import { followUpEffects } from './+state/follow-up.effects';
import { followUpFeature } from './+state/follow-up.feature';
import { partnerDirectoryEffects } from './+state/partner-directory.effects';
import { partnerDirectoryFeature } from './+state/partner-directory.feature';
import { referralsEffects } from './+state/referrals.effects';
import { referralsFeature } from './+state/referrals.feature';
import { partnerReferralsEffects } from './+state/partner-referrals.effects';
import { partnerReferralsFeature } from './+state/partner-referrals.feature';
import { presenceEffects } from './+state/presence.effects';
import { presenceFeature } from './+state/presence.feature';
import { queueEffects } from './+state/queue.effects';
import { queueFeature } from './+state/queue.feature';
import { triageConfigFeature } from './+state/triage.feature';

/** Queue, case, casework and presence state, their effects and the live socket. */
export function provideQueueDataAccess(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(queueFeature),
    provideState(caseFeature),
    provideState(triageConfigFeature),
    provideState(caseworkFeature),
    provideState(presenceFeature),
    provideState(followUpFeature),
    provideState(referralsFeature),
    provideState(partnerReferralsFeature),
    provideState(partnerDirectoryFeature),
    provideEffects(
      queueEffects,
      caseEffects,
      caseworkEffects,
      presenceEffects,
      followUpEffects,
      referralsEffects,
      partnerReferralsEffects,
      partnerDirectoryEffects,
    ),
  ]);
}
