import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { caseFeature, triageConfigFeature, selectMayWorkOnCase } from '@lantern/workbench/case/data-access';
import { selectCan } from '@lantern/workbench/auth/data-access';
import { MARAC_FORM_NEEDS_CONSENT_OR_BASIS, maracFormAllowed, maracReferralUrl } from '@lantern/workbench/referrals/data-access';
import { EditSection } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { MaracReferralsPanel } from '../marac/marac-referrals-panel';
import { RiskAssessment } from './risk-assessment';

/** The Risk tab: the MARAC form link, the MARAC referrals recorded, and the hub's DASH assessment (which dispatches its own save). */
@Component({
  selector: 'lantern-case-risk-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EditSection, MaracReferralsPanel, RiskAssessment],
  template: `
    @if (detail(); as c) {
      @if (maracUrl(); as url) {
        <p class="marac-form" [class.required]="c.risk.marac.required">
          @if (c.risk.marac.required) {
            <strong>Meets MARAC criteria.</strong>
          }
          @if (formAllowed()) {
            <a [href]="url" target="_blank" rel="noopener"
              >MARAC referral form (PDF)<span class="cdk-visually-hidden"> (opens in a new tab)</span></a
            >
          } @else {
            {{ formNeeds }}
          }
        </p>
      }
      <lantern-marac-referrals-panel />
      <lantern-edit-section
        [others]="context.editorsOf('risk')"
        [dirty]="dirty()"
        [trackFocus]="canAssess()"
        (editingChange)="context.setEditing('risk', $event)"
        (discarded)="assessment.discardChanges()"
      >
        <lantern-risk-assessment
          #assessment
          [detail]="c"
          [questions]="config().questions"
          [bands]="config().bands"
          [canAssess]="canAssess()"
          [canAgreeWithPolice]="canAgree()"
          [saveState]="saveState()"
          (dirtyChange)="dirty.set($event)"
        />
      </lantern-edit-section>
    }
  `,
  styles: `
    .marac-form {
      margin: 0 0 12px;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      a {
        font-weight: 600;
      }
      &.required {
        padding: 8px 12px;
        border: 2px solid var(--mat-sys-error);
        border-radius: 8px;
        background: color-mix(in srgb, var(--mat-sys-error-container) 30%, var(--mat-sys-surface-container-lowest));
        color: var(--mat-sys-on-error-container);
      }
    }
  `,
})
export class CaseRiskTab {
  private readonly store = inject(Store);
  protected readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly config = this.store.selectSignal(triageConfigFeature.selectEffectiveConfig);
  protected readonly saveState = this.store.selectSignal(caseFeature.selectAssessment);
  protected readonly canAssess = this.store.selectSignal(selectMayWorkOnCase);
  protected readonly canAgree = this.store.selectSignal(selectCan('risk.agree-with-police'));
  protected readonly dirty = signal(false);
  /** Hub staff who work cases get the MARAC referral form (PDF), pre-filled from the case (a link, not a request). */
  protected readonly maracUrl = computed(() => (this.canAssess() ? maracReferralUrl(this.context.caseId()) : null));
  protected readonly formAllowed = computed(() => {
    const c = this.detail();
    return !!c && maracFormAllowed(c);
  });
  protected readonly formNeeds = MARAC_FORM_NEEDS_CONSENT_OR_BASIS;
}
