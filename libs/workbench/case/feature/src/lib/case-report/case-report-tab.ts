import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { caseFeature } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { LondonDateTimePipe } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { nowSignal } from '../case-page/case-page-context';
import { CaseReport } from './case-report';

/** The Report tab: the police report revision chosen (the latest by default) and the list of revisions. */
@Component({
  selector: 'lantern-case-report-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, LondonDateTimePipe, CaseReport],
  templateUrl: './case-report-tab.html',
  styleUrl: './case-report-tab.scss',
})
export class CaseReportTab {
  private readonly store = inject(Store);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly shown = this.store.selectSignal(caseFeature.selectShownRevision);
  protected readonly now = nowSignal();

  protected readonly latest = computed(() => this.detail()?.reports[0] ?? null);
  /** The revision shown is from before a police revision named another person as the victim: it is hers, not this victim's. */
  protected readonly earlierVictim = computed(() => {
    const changed = this.detail()?.victimChangedRevision;
    const shown = this.shown();
    return !!shown && changed != null && shown.revision < changed;
  });
  protected readonly viewingLatest = computed(() => {
    const shown = this.shown();
    return !shown || shown.revision === this.latest()?.revision;
  });
  /** An older revision gets its own safe-contact section only when it differs from the latest one at the top. */
  protected readonly showRevisionSafeContact = computed(() => {
    const shown = this.shown();
    // Not the earlier person's: her safe number is no one's to call about this case.
    if (!shown || this.viewingLatest() || this.earlierVictim()) return false;
    return JSON.stringify(shown.report.victim.safeContact ?? null) !== JSON.stringify(this.latest()?.report.victim.safeContact ?? null);
  });

  protected selectRevision(revision: number): void {
    this.store.dispatch(CasePageActions.revisionSelected({ revision }));
  }
}
