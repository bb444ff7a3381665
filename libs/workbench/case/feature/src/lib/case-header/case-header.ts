import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { authFeature, describeHttpError, selectCan } from '@lantern/workbench/auth/data-access';
import {
  callbacksFeature,
  caseFeature,
  CaseHeaderActions,
  caseworkFeature,
  closureFeature,
  CaseworkApiService,
  selectMayClaimCase,
  selectCaseIsClosed,
  selectMayReopenCase,
  selectReadingThroughBrokenGlass,
} from '@lantern/workbench/case/data-access';
import type { CaseRestrictionRequest } from '@lantern/shared/domain';
import { keptForAssigneeText } from './restriction-messages';
import { RestrictCaseDialog, type RestrictCaseDialogData } from '../casework/restrict-case-dialog';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { selectLiveConnection } from '@lantern/workbench/data-access-live';
import {
  ConfirmDialog,
  ConfirmDialogData,
  ConfirmDialogResult,
  ConnectionIndicator,
  FlagChip,
  focusIfLost,
  LabelPipe,
  PresenceList,
  RiskGradeChip,
  ShortcutService,
  UnsavedChanges,
  LondonDateTimePipe,
} from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { CaseStatusDialogs } from '../casework/case-status-dialogs';
import { canGiveBack, claimState, describeCaseChanges, StatusOption, statusOptions, whyNotYours } from '../casework/casework-rules';
import { isClosingStatus } from '../closure/closure-rules';

/**
 * The case page's header: reference, victim, chips, claim / assign / status / survey / Next case, casework messages,
 * who else has the case open, and the contact-paused banner. A container: it selects its state and dispatches.
 */
import { maracReferralInForce } from '../marac/marac-rules';
@Component({
  selector: 'lantern-case-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, ConnectionIndicator, FlagChip, LabelPipe, LondonDateTimePipe, PresenceList, RiskGradeChip],
  templateUrl: './case-header.html',
  styleUrl: './case-header.scss',
})
export class CaseHeader {
  private readonly store = inject(Store);
  private readonly dialogs = inject(CaseStatusDialogs);
  private readonly dialog = inject(MatDialog);
  private readonly context = inject(CasePageContext);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);
  protected readonly connection = this.store.selectSignal(selectLiveConnection);
  /** The signed-in user's id (null signed out). */
  protected readonly myId = this.store.selectSignal(authFeature.selectUserId);
  protected readonly assignable = computed(() => this.casework().assignable.filter((u) => u.id !== this.myId()));
  private readonly surveyRecorded = this.store.selectSignal(closureFeature.selectSurveyRecorded);
  private readonly pendingCallbacks = this.store.selectSignal(callbacksFeature.selectPendingCallbacks);

  protected readonly canWork = this.store.selectSignal(selectCan('case.work'));
  /** The case-access rule (case-access.ts): writes only by the assignee or a team lead. */
  protected readonly mayWork = this.store.selectSignal(selectMayReopenCase);
  /** A closed case is read-only: the page offers Reopen (Change status…) and nothing else that writes. */
  protected readonly closed = this.store.selectSignal(selectCaseIsClosed);
  private readonly mayClaim = this.store.selectSignal(selectMayClaimCase);
  /** Seen only through one's own break-glass grant: reading only, no claim (the API refuses it). */
  protected readonly throughBrokenGlass = this.store.selectSignal(selectReadingThroughBrokenGlass);
  /** Someone who works cases, on a case that is not theirs: every write action is off until they claim it. */
  protected readonly claimFirst = computed(() => this.canWork() && !this.mayWork() && !this.closed());
  /** What the line under the header says to them: claim it, who holds it, or who may change it. */
  protected readonly notYours = computed(() => {
    const d = this.detail();
    return d ? whyNotYours(d, { mayClaim: this.mayClaim(), throughBrokenGlass: this.throughBrokenGlass() }) : '';
  });
  protected readonly canRestrict = this.store.selectSignal(selectCan('case.restrict'));
  protected readonly restrictError = signal<string | null>(null);
  /** The references a restriction also reached (her other cases), said once after it was saved. */
  protected readonly alsoRestricted = signal<string | null>(null);
  /** Her other restricted cases a list edit left as they were (taking the removed people off would empty them). */
  protected readonly notNarrowed = signal(0);
  /** Her other restricted cases where someone removed stays on as the assignee (keptForAssigneeText). */
  protected readonly keptForAssignee = signal<string | null>(null);
  private readonly api = inject(CaseworkApiService);
  protected readonly canAssign = this.store.selectSignal(selectCan('case.assign'));
  protected readonly canResume = this.store.selectSignal(selectCan('contact.resume'));
  protected readonly others = this.context.others;

  /** A MARAC referral already made for the case as it is now: the header says so instead of "required". */
  protected readonly maracReferred = computed(() => {
    const d = this.detail();
    return d ? maracReferralInForce(d) : null;
  });
  protected readonly victimName = computed(() => {
    const v = this.detail()?.victim;
    return v ? `${v.firstName} ${v.lastName}` : '';
  });
  protected readonly claim = computed(() => {
    const d = this.detail();
    return d ? claimState(d, this.myId(), this.canWork() && this.mayClaim()) : null;
  });
  /** "Give back": the assignee, or a team lead for anyone's claimed open case. */
  protected readonly giveBack = computed(() => {
    const d = this.detail();
    return !!d && canGiveBack(d, this.myId(), { canWork: this.canWork(), canAssign: this.canAssign() });
  });
  protected readonly statusChoices = computed<StatusOption[]>(() => {
    const d = this.detail();
    return d && this.mayWork() ? statusOptions(d.status) : [];
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
    return !!d && this.mayWork() && isClosingStatus(d.status) && known?.caseId === d.id && !known.recorded;
  });

  constructor() {
    // Claimed (the button or C): the Claim button is gone, so focus goes to "Assigned to you" in its place rather than
    // to the top of the page, unless the user is elsewhere.
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    let was: string | undefined;
    effect(() => {
      const kind = this.claim()?.kind;
      if (was === 'claimable' && kind === 'mine') focusIfLost(host, '.assigned.mine');
      was = kind;
    });
    inject(ShortcutService)
      .on('claim')
      .pipe(takeUntilDestroyed())
      .subscribe(({ event }) => {
        if (this.claim()?.kind !== 'claimable') return;
        event.preventDefault();
        this.claimCase();
      });
  }

  protected claimCase(): void {
    const d = this.detail();
    if (!d || this.casework().claim.pending) return;
    this.store.dispatch(CasePageActions.claimClicked({ caseId: d.id }));
  }

  /** Asks first: the case leaves this user's work and goes back to the queue for anyone to claim. */
  protected giveBackCase(): void {
    const d = this.detail();
    if (!d?.assignee || this.casework().release.pending) return;
    const mine = d.assignee.id === this.myId();
    const pending = this.pendingCallbacks().filter((c) => c.assignedTo.id === d.assignee?.id).length;
    const points = [
      'It goes back into the triage queue, unassigned, for anyone to claim (Next case may pick it).',
      'Everything recorded on it stays: plan, contact attempts, history.',
    ];
    if (pending)
      points.push(
        `${pending === 1 ? 'One pending call-back stays' : `${pending} pending call-backs stay`} with ${mine ? 'you' : d.assignee.displayName}: cancel or move ${pending === 1 ? 'it' : 'them'} on the Contact tab if someone else should call.`,
      );
    const data: ConfirmDialogData = {
      title: mine ? 'Give this case back?' : `Take this case from ${d.assignee.displayName}?`,
      message: mine
        ? `${d.reference} is assigned to you. Give it back if you cannot work it now.`
        : `${d.reference} is claimed by ${d.assignee.displayName}. As a team lead you can give it back to the queue.`,
      points,
      confirm: 'Give back',
      dismiss: 'Keep it',
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.store.dispatch(CaseHeaderActions.giveBackConfirmed({ caseId: d.id, version: d.version }));
      });
  }

  private readonly unsaved = inject(UnsavedChanges);

  /** Next case claims another case: over unsaved work only once the user chose to discard it. */
  protected async nextCase(): Promise<void> {
    if (await this.unsaved.confirmDiscard()) this.store.dispatch(CasePageActions.nextCaseClicked());
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

  /**
   * "Restrict this case…" / "Lift the restriction…" (team leads), and "Change who can see it…" (`changeList`, a
   * restricted case: its list ticked as it is). The case row follows through case.changed; to everyone off the list
   * the case then disappears (case.removed).
   */
  protected restrictCase(changeList = false): void {
    const d = this.detail();
    if (!d) return;
    const accessList = changeList ? (d.access?.accessList ?? []).filter((id) => id !== this.myId()) : undefined;
    this.restrictError.set(null);
    this.alsoRestricted.set(null);
    this.notNarrowed.set(0);
    this.keptForAssignee.set(null);
    this.api.assignableUsers().subscribe({
      next: (users) =>
        this.dialog
          .open<RestrictCaseDialog, RestrictCaseDialogData, CaseRestrictionRequest>(RestrictCaseDialog, {
            data: {
              restricted: !!d.restricted,
              users: users.filter((u) => u.id !== this.myId()),
              assigneeId: d.assignee?.id ?? null,
              reaches: {
                victim: d.linkedCases.map((c) => c.reference),
                suspect: d.suspectLinkedCases.map((c) => c.reference),
              },
              ...(accessList ? { accessList } : {}),
            },
            width: '520px',
          })
          .afterClosed()
          .subscribe((body) => {
            if (!body) return;
            this.api.restrict(d.id, body).subscribe({
              next: (res) => {
                if (res.alsoRestricted.length) this.alsoRestricted.set(res.alsoRestricted.map((c) => c.reference).join(', '));
                this.notNarrowed.set(res.notNarrowed ?? 0);
                const removed = (accessList ?? []).filter((id) => !body.accessList?.includes(id));
                this.keptForAssignee.set(
                  keptForAssigneeText(
                    res.keptForAssignee,
                    users.filter((u) => removed.includes(u.id)).map((u) => u.displayName),
                  ),
                );
                this.store.dispatch(CasePageActions.opened({ caseId: d.id }));
              },
              error: (err: unknown) => this.restrictError.set(describeHttpError(err, 'The restriction could not be saved.')),
            });
          }),
      error: (err: unknown) => this.restrictError.set(describeHttpError(err, 'The team could not be loaded.')),
    });
  }

  protected resumeContact(): void {
    const d = this.detail();
    if (d) this.dialogs.resumeContact(d.id);
  }

  protected dismissConflict(): void {
    this.store.dispatch(CasePageActions.conflictDismissed());
  }
}
