import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { NeedsContent, SafetyPlanContent } from '@lantern/shared/domain';
import { NeedsFormActions, SafetyPlanFormActions, supportFeature, selectMayWorkOnCase } from '@lantern/workbench/case/data-access';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { SupportSave, SupportTab } from './support-tab';

/** The support tab (needs assessment and safety plan). A container: it selects the support slice and dispatches. */
@Component({
  selector: 'lantern-case-support-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SupportTab],
  template: `
    @let s = support();
    <lantern-support-tab
      [needs]="s.needs"
      [needsStatus]="s.needsStatus"
      [needsSave]="s.needsSave"
      [safetyPlan]="s.safetyPlan"
      [safetyPlanStatus]="s.safetyPlanStatus"
      [safetyPlanSave]="s.safetyPlanSave"
      [canEdit]="canWork()"
      [needsEditors]="context.editorsOf('needs')"
      [safetyPlanEditors]="context.editorsOf('safety-plan')"
      (needsSaved)="saveNeeds($event)"
      (safetyPlanSaved)="saveSafetyPlan($event)"
      (needsEdited)="needsEdited()"
      (safetyPlanEdited)="safetyPlanEdited()"
      (needsEditing)="context.setEditing('needs', $event)"
      (safetyPlanEditing)="context.setEditing('safety-plan', $event)"
    />
  `,
})
export class CaseSupportTab {
  private readonly store = inject(Store);
  protected readonly context = inject(CasePageContext);

  protected readonly support = this.store.selectSignal(supportFeature.selectSupportState);
  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);

  protected saveNeeds(save: SupportSave<NeedsContent>): void {
    this.store.dispatch(NeedsFormActions.submitted({ caseId: this.context.caseId(), ...save }));
  }

  protected needsEdited(): void {
    this.store.dispatch(NeedsFormActions.formEdited());
  }

  protected saveSafetyPlan(save: SupportSave<SafetyPlanContent>): void {
    this.store.dispatch(SafetyPlanFormActions.submitted({ caseId: this.context.caseId(), ...save }));
  }

  protected safetyPlanEdited(): void {
    this.store.dispatch(SafetyPlanFormActions.formEdited());
  }
}
