import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { SafeContactUpdateRequest, SafeTimesConfirmRequest } from '@lantern/shared/domain';
import {
  caseFeature,
  caseworkFeature,
  SafeContactEditorActions,
  SafeTimesPanelActions,
  selectMayWorkOnCase,
} from '@lantern/workbench/case/data-access';
import { Store } from '@ngrx/store';
import { CasePageContext, nowSignal } from '../case-page/case-page-context';
import { SafeContactTab } from './safe-contact-tab';

/** The Safe contact tab: the safe times and the plan the hub confirmed, and their editors. A container: it selects and dispatches. */
@Component({
  selector: 'lantern-case-safe-contact-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SafeContactTab],
  template: `
    @let cw = casework();
    <lantern-safe-contact-tab
      [view]="cw.safeContact"
      [viewStatus]="cw.safeContactStatus"
      [canEdit]="canWork()"
      [saveState]="cw.safeContactSave"
      [timesSaveState]="cw.safeTimesSave"
      [othersEditing]="context.editorsOf('safe-contact')"
      [now]="now()"
      (saved)="save($event)"
      (edited)="edited()"
      (editingChange)="context.setEditing('safe-contact', $event)"
      (timesConfirmed)="confirmTimes($event)"
      (timesEdited)="timesEdited()"
    />
  `,
})
export class CaseSafeContactTab {
  private readonly store = inject(Store);
  protected readonly context = inject(CasePageContext);

  private readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);
  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);
  protected readonly now = nowSignal();

  protected save(plan: SafeContactUpdateRequest['plan']): void {
    const d = this.detail();
    if (d) this.store.dispatch(SafeContactEditorActions.submitted({ caseId: d.id, plan, version: d.version }));
  }

  protected edited(): void {
    this.store.dispatch(SafeContactEditorActions.formEdited());
  }

  protected confirmTimes(request: SafeTimesConfirmRequest): void {
    const d = this.detail();
    if (d) this.store.dispatch(SafeTimesPanelActions.confirmed({ caseId: d.id, request, version: d.version }));
  }

  protected timesEdited(): void {
    this.store.dispatch(SafeTimesPanelActions.formEdited());
  }
}
