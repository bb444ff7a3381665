import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ConsentValue, SafeguardingBasis, SafeguardingGround } from '@lantern/shared/domain';
import { partnerDirectoryFeature } from '@lantern/workbench/partner-directory/data-access';
import { ReferralFormActions, ReferralRequest, referralsFeature } from '@lantern/workbench/referrals/data-access';
import { Store } from '@ngrx/store';
import { ReferralsTab } from './referrals-tab';

/**
 * The Referrals tab's container: it selects the referrals slice (referrals/data-access) and the partner directory
 * (for each option's hours) and dispatches the referral form's actions itself, so the case page only passes what it
 * knows about the case.
 */
@Component({
  selector: 'lantern-referrals-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReferralsTab],
  template: `
    @let rf = referrals();
    <lantern-referrals-tab
      [eligible]="eligible()"
      [ineligible]="ineligible()"
      [optionsStatus]="rf.optionsStatus"
      [optionsError]="rf.optionsError"
      [referrals]="rf.referrals"
      [referralsStatus]="rf.referralsStatus"
      [referralsError]="rf.referralsError"
      [referralsUnavailable]="rf.referralsUnavailable"
      [save]="rf.save"
      [canRefer]="canRefer()"
      [teamLead]="teamLead()"
      [lifecycle]="rf.lifecycle"
      [now]="now()"
      [services]="services()"
      [safeguardingBasis]="safeguardingBasis()"
      [informationSharing]="informationSharing()"
      [basisSave]="rf.basis"
      [victimName]="victimName()"
      [maracUrl]="maracUrl()"
      [maracRequired]="maracRequired()"
      (recordBasis)="recordSafeguardingBasis($event)"
      (lifecycleStep)="referralStep($event)"
      (refer)="sendReferral($event)"
      (referOpened)="referralFormOpened()"
    />
  `,
})
export class ReferralsPanel {
  private readonly store = inject(Store);

  readonly caseId = input.required<string>();
  readonly canRefer = input(false);
  readonly teamLead = input(false);
  readonly now = input(Date.now());
  /** The basis recorded on the case as last read, if any. */
  readonly caseBasis = input<SafeguardingBasis | null>(null);
  readonly informationSharing = input<ConsentValue | null>(null);
  readonly victimName = input('the victim');
  readonly maracUrl = input<string | null>(null);
  readonly maracRequired = input(false);

  protected readonly referrals = this.store.selectSignal(referralsFeature.selectReferralsState);
  protected readonly eligible = this.store.selectSignal(referralsFeature.selectEligibleOptions);
  protected readonly ineligible = this.store.selectSignal(referralsFeature.selectIneligibleOptions);
  protected readonly services = this.store.selectSignal(partnerDirectoryFeature.selectServicesByKey);
  /** The basis on the case, or the one this user just recorded (until the live reload brings it). */
  protected readonly safeguardingBasis = computed(() => this.caseBasis() ?? this.referrals().basis.recorded);

  protected sendReferral(request: ReferralRequest): void {
    this.store.dispatch(ReferralFormActions.submitted({ caseId: this.caseId(), request }));
  }

  protected referralStep(step: { referralId: string; action: 'close' | 'revoke'; reason?: string }): void {
    this.store.dispatch(ReferralFormActions.lifecycleSubmitted({ caseId: this.caseId(), ...step }));
  }

  protected recordSafeguardingBasis(basis: { ground: SafeguardingGround; reason: string }): void {
    this.store.dispatch(ReferralFormActions.safeguardingBasisSubmitted({ caseId: this.caseId(), ...basis }));
  }

  protected referralFormOpened(): void {
    this.store.dispatch(ReferralFormActions.formOpened());
  }
}
