import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { caseEffects } from './+state/case.effects';
import { caseFeature } from './+state/case.feature';
import { caseworkEffects } from './+state/casework.effects';
import { caseworkFeature } from './+state/casework.feature';
import { callbacksEffects } from './+state/callbacks.effects';
import { callbacksFeature } from './+state/callbacks.feature';
import { closureEffects } from './+state/closure.effects';
import { closureFeature } from './+state/closure.feature';
import { consentEffects } from './+state/consent.effects';
import { maracEffects } from './+state/marac.effects';
import { maracFeature } from './+state/marac.feature';
import { consentFeature } from './+state/consent.feature';
import { supportEffects } from './+state/support.effects';
import { supportFeature } from './+state/support.feature';
import { presenceEffects } from './+state/presence.effects';
import { presenceFeature } from './+state/presence.feature';
import { childrensServicesEffects } from './+state/childrens-services.effects';
import { childrensServicesFeature } from './+state/childrens-services.feature';
import { outreachAreaEffects } from './+state/outreach-area.effects';
import { outreachAreaFeature } from './+state/outreach-area.feature';
import { triageEffects } from './+state/triage.effects';
import { riskDecisionEffects } from './+state/risk-decision.effects';
import { riskDecisionFeature } from './+state/risk-decision.feature';
import { triageConfigFeature } from './+state/triage.feature';
import { safetyNoticesEffects } from './+state/safety-notices.effects';
import { safetyNoticesFeature } from './+state/safety-notices.feature';

/**
 * The open case and casework (claim, next case, assign, status, close and survey, notices). Provided at the root: the shell's
 * N shortcut claims the next case from any hub page and the shell shows casework's notices.
 */
export function provideCaseState(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(caseFeature),
    provideState(caseworkFeature),
    provideState(closureFeature),
    provideState(riskDecisionFeature),
    provideState(maracFeature),
    provideState(outreachAreaFeature),
    provideState(childrensServicesFeature),
    provideState(safetyNoticesFeature),
    provideEffects(
      caseEffects,
      caseworkEffects,
      closureEffects,
      riskDecisionEffects,
      maracEffects,
      outreachAreaEffects,
      childrensServicesEffects,
      safetyNoticesEffects,
    ),
  ]);
}

/**
 * What the queue page and the case page both show: who has which case open (presence), the hub's triage rules,
 * call-backs (due now on the queue; the case's own on its Contact tab), support (needs assessment, safety plan) and recording consent. Provided on both routes; NgRx registers
 * a feature or an effects object once however many injectors provide it.
 */
export function provideCaseSharedState(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(presenceFeature),
    provideState(triageConfigFeature),
    provideState(callbacksFeature),
    provideState(supportFeature),
    provideState(consentFeature),
    provideEffects(presenceEffects, callbacksEffects, supportEffects, triageEffects, consentEffects),
  ]);
}
