import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { authFeature, selectCan } from '@lantern/workbench/auth/data-access';
import { caseFeature, CaseHeaderActions, caseworkFeature, closureFeature } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { selectLiveConnection } from '@lantern/workbench/data-access-live';
import { ConnectionIndicator, FlagChip, LabelPipe, PresenceList, RiskGradeChip, ShortcutService } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { CaseStatusDialogs } from '../casework/case-status-dialogs';
import { claimState, describeCaseChanges, StatusOption, statusOptions } from '../casework/casework-rules';
import { isClosingStatus } from '../closure/closure-rules';

/**
 * The case page's header: reference, victim, chips, claim / assign / status / survey / Next case, casework messages,
 * who else has the case open, and the contact-paused banner. A container: it selects its state and dispatches.
 */
@Component({
  selector: 'lantern-case-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, ConnectionIndicator, FlagChip, LabelPipe, PresenceList, RiskGradeChip],
  templateUrl: './case-header.html',
  styleUrl: './case-header.scss',
})
export class CaseHeader {
  private readonly store = inject(Store);
  private readonly dialogs = inject(CaseStatusDialogs);
  private readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);
  protected readonly connection = this.store.selectSignal(selectLiveConnection);
  protected readonly assignable = computed(() => this.casework().assignable.filter((u) => u.id !== this.myId()));
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly surveyRecorded = this.store.selectSignal(closureFeature.selectSurveyRecorded);

  protected readonly canWork = this.store.selectSignal(selectCan('case.work'));
  protected readonly canAssign = this.store.selectSignal(selectCan('case.assign'));
  protected readonly canResume = this.store.selectSignal(selectCan('contact.resume'));
  protected readonly others = this.context.others;

  protected readonly victimName = computed(() => {
    const v = this.detail()?.victim;
    return v ? `${v.firstName} ${v.lastName}` : '';
  });
  protected readonly claim = computed(() => {
    const d = this.detail();
    return d ? claimState(d, this.myId(), this.canWork()) : null;
  });
  protected readonly statusChoices = computed<StatusOption[]>(() => {
    const d = this.detail();
    return d && this.canWork() ? statusOptions(d.status) : [];
  });
  protected readonly conflictChanges = computed(() => {
    const conflict = this.casework().conflict;
    const d = this.detail();
    return conflict && d ? describeCaseChanges(conflict.before, d) : [];
  });
  /** A closed case with no satisfaction survey yet offers "Record satisfaction survey" (those who work cases). */
  protected readonly surveyMissing = computed(() => {
    const d = this.detail();
    const known = this.surveyRecorded();
    return !!d && this.canWork() && isClosingStatus(d.status) && known?.caseId === d.id && !known.recorded;
  });

  constructor() {
    inject(ShortcutService)
      .on('claim')
      .pipe(takeUntilDestroyed())
      .subscribe(({ event }) => {
        if (this.claim()?.kind !== 'claimable') return;
        event.preventDefault();
        this.claimCase();
      });
  }

  protected myId(): string | null {
    return this.user()?.id ?? null;
  }

  protected claimCase(): void {
    const d = this.detail();
    if (!d || this.casework().claim.pending) return;
    this.store.dispatch(CasePageActions.claimClicked({ caseId: d.id }));
  }

  protected nextCase(): void {
    this.store.dispatch(CasePageActions.nextCaseClicked());
  }

  /** Team leads' assign menu: read when the menu opens, so the list is current. */
  protected loadAssignable(): void {
    this.store.dispatch(CaseHeaderActions.assignMenuOpened());
  }

  protected assign(userId: string | null): void {
    const d = this.detail();
    if (d) this.store.dispatch(CasePageActions.assignChosen({ caseId: d.id, userId, version: d.version }));
  }

  protected chooseStatus(option: StatusOption): void {
    const d = this.detail();
    if (d) this.dialogs.choose(option, d);
  }

  protected recordSurvey(): void {
    const d = this.detail();
    if (d) this.dialogs.recordSurvey(d);
  }

  protected resumeContact(): void {
    const d = this.detail();
    if (d) this.dialogs.resumeContact(d.id);
  }

  protected dismissConflict(): void {
    this.store.dispatch(CasePageActions.conflictDismissed());
  }
}
