import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { caseFeature, caseworkFeature } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { HistoryTab } from './history-tab';

/** The History tab: the case's audit trail (read when the tab is shown). A container: it selects and dispatches. */
@Component({
  selector: 'lantern-case-history-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [HistoryTab],
  template: `
    @let cw = casework();
    <lantern-history-tab
      [entries]="cw.history"
      [status]="cw.historyStatus"
      [error]="cw.historyError"
      [known]="knownUsers()"
      (refresh)="refresh()"
    />
  `,
})
export class CaseHistoryTab {
  private readonly store = inject(Store);
  private readonly context = inject(CasePageContext);

  private readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);

  /** Users the history refers to by id that the page knows by name. */
  protected readonly knownUsers = computed(() => {
    const out: Array<{ id: string; displayName: string }> = [];
    const a = this.detail()?.assignee;
    if (a) out.push(a);
    const u = this.user();
    if (u) out.push({ id: u.id, displayName: u.displayName });
    for (const v of this.context.others()) out.push({ id: v.userId, displayName: v.displayName });
    return out;
  });

  protected refresh(): void {
    this.store.dispatch(CasePageActions.historyRefreshClicked({ caseId: this.context.caseId() }));
  }
}
