import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { type CreateReferralRequest } from '@lantern/shared/domain';
import { selectCan } from '@lantern/workbench/auth/data-access';
import {
  caseFeature,
  ChildrensServicesActions,
  childrensServicesFeature,
  consentFeature,
  selectCaseIsClosed,
  selectMayWorkOnCase,
  selectMayRecordConsent,
} from '@lantern/workbench/case/data-access';
import { partnerDirectoryFeature } from '@lantern/workbench/partner-directory/data-access';
import { ReferralFormActions, referralsFeature, maracFormAllowed, maracReferralUrl } from '@lantern/workbench/referrals/data-access';
import { Store } from '@ngrx/store';
import { CasePageContext, nowSignal } from '../case-page/case-page-context';
import { ConsentDialogs } from '../consent/consent-dialogs';
import { consentStatusFor } from '../consent/consent-rules';
import { ReferralsTab } from './referrals-tab';
import { ChildrensServicesDecisionBox, type ChildrensServicesDecisionInput } from './childrens-services-decision';

/**
 * The Referrals tab's container: it selects the open case, the referrals slice (referrals/data-access) and the
 * partner directory (for each option's hours) and dispatches the referral form's actions itself.
 */
@Component({
  selector: 'lantern-referrals-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReferralsTab, ChildrensServicesDecisionBox],
  template: `
    @let rf = referrals();
    @let cs = detail()?.childrensServices;
    @if (cs && (cs.childrenToSafeguard || cs.decision)) {
      <lantern-childrens-services-decision
        [state]="cs"
        [canRecord]="canRefer()"
        [pending]="childrenSave().pending && childrenSave().caseId === detail()?.id"
        [error]="childrenSave().caseId === detail()?.id ? childrenSave().error : null"
        [saved]="childrenSave().saved"
        (record)="recordChildrensServicesDecision($event)"
      />
    }
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
      [canRecordBasis]="canRecordBasis()"
      [mayRevoke]="canRevoke()"
      [lifecycle]="rf.lifecycle"
      [now]="now()"
      [services]="services()"
      [safeguardingBasis]="safeguardingBasis()"
      [consent]="detail()?.consent ?? null"
      [canRecordConsent]="canRecordConsent()"
      [consentPending]="consentSave().pending && consentSave().from === 'referrals'"
      [consentStatus]="consentStatus()"
      [lawfulBases]="rf.lawfulBases"
      [lawfulBasesError]="rf.lawfulBasesError"
      [basisSave]="rf.basis"
      [victimName]="victimName()"
      [maracUrl]="maracUrl()"
      [maracRequired]="detail()?.risk?.marac?.required ?? false"
      [maracFormAllowed]="maracFormAllowed()"
      (recordBasis)="recordSafeguardingBasis($event)"
      (recordConsent)="openConsent()"
      (lifecycleStep)="referralStep($event)"
      (refer)="sendReferral($event)"
      (referOpened)="referralFormOpened()"
    />
  `,
})
export class ReferralsPanel {
  private readonly store = inject(Store);
  private readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly referrals = this.store.selectSignal(referralsFeature.selectReferralsState);
  protected readonly eligible = this.store.selectSignal(referralsFeature.selectEligibleOptions);
  protected readonly ineligible = this.store.selectSignal(referralsFeature.selectIneligibleOptions);
  protected readonly services = this.store.selectSignal(partnerDirectoryFeature.selectServicesByKey);
  protected readonly now = nowSignal();

  protected readonly canRefer = this.store.selectSignal(selectMayWorkOnCase);
  private readonly closed = this.store.selectSignal(selectCaseIsClosed);
  private readonly mayRecordBasis = this.store.selectSignal(selectCan('safeguarding-basis.record'));
  /** A lawful basis is a write on the case: none on a closed case (the API answers 409 case-closed). */
  protected readonly canRecordBasis = computed(() => this.mayRecordBasis() && !this.closed());
  protected readonly canRevoke = this.store.selectSignal(selectCan('referrals.revoke'));
  /** Hub staff who work cases get the MARAC referral form (PDF), pre-filled from the case (a link, not a request). */
  protected readonly maracUrl = computed(() => (this.canRefer() ? maracReferralUrl(this.context.caseId()) : null));
  protected readonly maracFormAllowed = computed(() => {
    const c = this.detail();
    return !!c && maracFormAllowed(c);
  });
  private readonly consentDialogs = inject(ConsentDialogs);
  protected readonly canRecordConsent = this.store.selectSignal(selectMayRecordConsent);
  protected readonly consentSave = this.store.selectSignal(consentFeature.selectConsentState);
  protected readonly consentStatus = computed(() => consentStatusFor(this.consentSave(), 'referrals'));
  protected readonly victimName = computed(() => {
    const v = this.detail()?.victim;
    return v ? `${v.firstName} ${v.lastName}` : 'the victim';
  });
  /** The basis on the case, or the one this user just recorded (until the live reload brings it). */
  protected readonly safeguardingBasis = computed(() => this.detail()?.safeguardingBasis ?? this.referrals().basis.recorded);

  /** Recording the hub's children's services decision (childrens-services-decision-required). */
  protected readonly childrenSave = this.store.selectSignal(childrensServicesFeature.selectChildrensServicesDecisionState);

  protected recordChildrensServicesDecision(input: ChildrensServicesDecisionInput): void {
    const d = this.detail();
    if (!d) return;
    this.store.dispatch(ChildrensServicesActions.decisionSubmitted({ caseId: d.id, ...input, version: d.version }));
  }

  protected sendReferral(request: CreateReferralRequest): void {
    this.store.dispatch(ReferralFormActions.submitted({ caseId: this.context.caseId(), request }));
  }

  protected referralStep(step: { referralId: string; action: 'close' | 'revoke'; reason?: string }): void {
    this.store.dispatch(ReferralFormActions.lifecycleSubmitted({ caseId: this.context.caseId(), ...step }));
  }

  protected openConsent(): void {
    const d = this.detail();
    if (!d) return;
    this.consentDialogs.open('referrals', { caseId: d.id, victimName: this.victimName(), consent: d.consent, version: d.version });
  }

  protected recordSafeguardingBasis(basis: { ground: string; reason: string }): void {
    this.store.dispatch(ReferralFormActions.safeguardingBasisSubmitted({ caseId: this.context.caseId(), ...basis }));
  }

  protected referralFormOpened(): void {
    this.store.dispatch(ReferralFormActions.formOpened());
  }
}
