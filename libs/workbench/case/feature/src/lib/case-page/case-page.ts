import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import type { NeedsContent, SafeContactPlan, SafetyPlanContent } from '@lantern/shared/domain';
import {
  ConnectionIndicator,
  FlagChip,
  formatNextSafe,
  LabelPipe,
  LondonDateTimePipe,
  PresenceList,
  PriorityWhy,
  ReasonDialog,
  ReasonDialogData,
  RiskGradeChip,
  SafeContactPanel,
  Shortcut,
  ShortcutService,
  TimeLeftCell,
  WaitingPipe,
} from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { catchError, interval, map, of, throwError } from 'rxjs';
import { CaseReport } from '../case-report/case-report';
import { canWorkCases, claimState, describeCaseChanges, isTeamLead, StatusOption, statusOptions } from '../casework/casework-rules';
import { nextSafeTime } from '../contact/contact-rules';
import { ContactTab } from '../contact/contact-tab';
import { HistoryTab } from '../history/history-tab';
import { RiskAssessment } from '../risk-assessment/risk-assessment';
import { SafeContactTab } from '../safe-contact/safe-contact-tab';
import { CallbacksPanel } from '../contact/callbacks-panel';
import { DocumentSave, SupportTab } from '../support/support-tab';
import { ReferralsPanel } from '../referrals/referrals-panel';
import { CloseCaseDialog, CloseCaseDialogData, CloseCaseResult } from '../closure/close-case-dialog';
import { isClosingStatus } from '../closure/closure-rules';
import { EditSection } from '@lantern/workbench/ui';
import { authFeature, httpStatus } from '@lantern/workbench/auth/data-access';
import { ReferralsApiService } from '@lantern/workbench/referrals/data-access';
import { selectLiveConnection } from '@lantern/workbench/data-access-live';
import {
  AssignableUser,
  CaseworkApiService,
  caseFeature,
  CallbackFormActions,
  CallbackRequest,
  caseworkFeature,
  ContactAttemptFormActions,
  ContactAttemptRequest,
  editorsBySection,
  followUpFeature,
  NeedsFormActions,
  SafetyPlanFormActions,
  SafeContactEditorActions,
  selectOthersByCase,
  triageConfigFeature,
} from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';

/** The case page's tabs, in order (1–8 on the keyboard), by their key in the URL (?tab=contact). */
export const CASE_TABS = [
  { key: 'summary', label: 'Summary' },
  { key: 'risk', label: 'Risk' },
  { key: 'contact', label: 'Contact' },
  { key: 'safe-contact', label: 'Safe contact' },
  { key: 'report', label: 'Report' },
  { key: 'history', label: 'History' },
  { key: 'support', label: 'Needs & safety plan' },
  { key: 'referrals', label: 'Referrals' },
] as const;
export type CaseTabKey = (typeof CASE_TABS)[number]['key'];

/** The tab a `?tab=` value names; anything else is the summary. */
export function tabIndex(key: string | null | undefined): number {
  const i = CASE_TABS.findIndex((t) => t.key === key);
  return i < 0 ? 0 : i;
}

@Component({
  selector: 'lantern-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTabsModule,
    CaseReport,
    ConnectionIndicator,
    FlagChip,
    LabelPipe,
    LondonDateTimePipe,
    RiskGradeChip,
    SafeContactPanel,
    WaitingPipe,
    RiskAssessment,
    PriorityWhy,
    TimeLeftCell,
    PresenceList,
    EditSection,
    ContactTab,
    SafeContactTab,
    HistoryTab,
    CallbacksPanel,
    SupportTab,
    ReferralsPanel,
  ],
  templateUrl: './case-page.html',
  styleUrl: './case-page.scss',
})
export class CasePage {
  private readonly store = inject(Store);
  private readonly title = inject(Title);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** The `?tab=` query parameter. */
  readonly tab = input<string | undefined>(undefined);

  protected readonly tabs = CASE_TABS;
  protected readonly selectedIndex = computed(() => tabIndex(this.tab()));
  protected readonly selectedKey = computed(() => CASE_TABS[this.selectedIndex()].key);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly status = this.store.selectSignal(caseFeature.selectStatus);
  protected readonly error = this.store.selectSignal(caseFeature.selectError);
  protected readonly notFound = this.store.selectSignal(caseFeature.selectNotFound);
  protected readonly shown = this.store.selectSignal(caseFeature.selectShownRevision);
  protected readonly refreshedToVersion = this.store.selectSignal(caseFeature.selectRefreshedToVersion);
  protected readonly connection = this.store.selectSignal(selectLiveConnection);
  protected readonly config = this.store.selectSignal(triageConfigFeature.selectEffectiveConfig);
  protected readonly assessmentSave = this.store.selectSignal(caseFeature.selectAssessment);
  protected readonly casework = this.store.selectSignal(caseworkFeature.selectCaseworkState);
  protected readonly attempts = this.store.selectSignal(caseworkFeature.selectAttempts);
  protected readonly followUp = this.store.selectSignal(followUpFeature.selectFollowUpState);
  protected readonly pendingCallbacks = this.store.selectSignal(followUpFeature.selectPendingCallbacks);
  private readonly referralsApi = inject(ReferralsApiService);
  private readonly othersByCase = this.store.selectSignal(selectOthersByCase);
  private readonly user = this.store.selectSignal(authFeature.selectUser);

  protected readonly canWork = computed(() => canWorkCases(this.user()?.roles));
  protected readonly canAssess = this.canWork;
  protected readonly teamLead = computed(() => isTeamLead(this.user()?.roles));
  /** Hub staff who work cases get the MARAC referral form (PDF), pre-filled from the case. */
  protected readonly maracUrl = computed(() => (this.canWork() ? this.referralsApi.maracReferralUrl(this.id()) : null));

  /** Everyone else with this case open, and what they are editing. */
  protected readonly others = computed(() => this.othersByCase()[this.id()] ?? []);
  protected readonly editors = computed(() => editorsBySection(this.others()));

  protected readonly claim = computed(() => {
    const d = this.detail();
    return d ? claimState(d, this.user()?.id ?? null, this.canWork()) : null;
  });
  protected readonly statusChoices = computed<StatusOption[]>(() => {
    const d = this.detail();
    return d && this.canWork() ? statusOptions(d.status) : [];
  });
  /** "Close as unable to contact" is a move the lifecycle allows from here. */
  protected readonly unableOption = computed(() => this.statusChoices().find((o) => o.status === 'unable-to-contact') ?? null);
  protected readonly conflictChanges = computed(() => {
    const conflict = this.casework().conflict;
    const d = this.detail();
    return conflict && d ? describeCaseChanges(conflict.before, d) : [];
  });

  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });

  protected readonly plan = computed(() => this.casework().safeContact?.plan ?? null);
  protected readonly nextSafe = computed(() => {
    const plan = this.plan();
    if (!plan || plan.timeRule !== 'windows') return '';
    return formatNextSafe(nextSafeTime(plan, this.now()), this.now());
  });
  protected readonly safeNumbers = computed(
    () =>
      this.plan()
        ?.numbers.filter((n) => n.owner === 'victim' && n.safe)
        .map((n) => n.number) ?? [],
  );

  protected readonly latest = computed(() => this.detail()?.reports[0] ?? null);
  protected readonly viewingLatest = computed(() => {
    const shown = this.shown();
    return !shown || shown.revision === this.latest()?.revision;
  });
  /** An older revision gets its own safe-contact section only when it differs from the latest one at the top. */
  protected readonly showRevisionSafeContact = computed(() => {
    const shown = this.shown();
    if (!shown || this.viewingLatest()) return false;
    return JSON.stringify(shown.report.victim.safeContact ?? null) !== JSON.stringify(this.latest()?.report.victim.safeContact ?? null);
  });
  protected readonly victimName = computed(() => {
    const v = this.detail()?.victim;
    return v ? `${v.firstName} ${v.lastName}` : '';
  });
  protected readonly liveMessage = computed(() => (this.refreshedToVersion() ? `This case was updated at ${this.timeNow()}.` : ''));
  /** Users the history refers to by id that the page knows by name. */
  protected readonly knownUsers = computed(() => {
    const out: Array<{ id: string; displayName: string }> = [];
    const a = this.detail()?.assignee;
    if (a) out.push(a);
    const u = this.user();
    if (u) out.push({ id: u.id, displayName: u.displayName });
    for (const v of this.others()) out.push({ id: v.userId, displayName: v.displayName });
    return out;
  });

  /** Sections this user is editing now (the latest one is what presence says). */
  private readonly editingSections = signal<string[]>([]);

  constructor() {
    const destroyRef = inject(DestroyRef);
    let openCase: string | null = null;
    effect(() => {
      const caseId = this.id();
      untracked(() => {
        if (openCase && openCase !== caseId) {
          this.store.dispatch(CasePageActions.closed({ caseId: openCase }));
          this.editingSections.set([]);
        }
        openCase = caseId;
        this.store.dispatch(CasePageActions.opened({ caseId }));
      });
    });
    destroyRef.onDestroy(() => {
      if (openCase) this.store.dispatch(CasePageActions.closed({ caseId: openCase }));
    });

    effect(() => {
      const tab = this.selectedKey();
      const caseId = this.id();
      untracked(() => this.store.dispatch(CasePageActions.tabShown({ caseId, tab })));
    });

    // Presence: which section this user is editing (the most recent still open), or none.
    let sent: string | null = null;
    effect(() => {
      const sections = this.editingSections();
      const section = sections[sections.length - 1] ?? null;
      if (section === sent) return;
      sent = section;
      untracked(() =>
        this.store.dispatch(
          CasePageActions.sectionEditingChanged({
            caseId: this.id(),
            section,
          }),
        ),
      );
    });

    effect(() => {
      const d = this.detail();
      this.title.setTitle(d ? `${d.reference} · ${d.victim.firstName} ${d.victim.lastName} · Lantern` : 'Case · Lantern');
    });

    inject(ShortcutService)
      .on('claim', 'tab-1', 'tab-2', 'tab-3', 'tab-4', 'tab-5', 'tab-6', 'tab-7', 'tab-8')
      .pipe(takeUntilDestroyed())
      .subscribe(({ shortcut, event }) => this.onShortcut(shortcut, event));
  }

  private onShortcut(shortcut: Shortcut, event: KeyboardEvent): void {
    if (shortcut === 'claim') {
      if (this.claim()?.kind !== 'claimable') return;
      event.preventDefault();
      this.claimCase();
      return;
    }
    const n = Number(shortcut.slice(4));
    if (n >= 1 && n <= CASE_TABS.length) {
      event.preventDefault();
      this.selectTab(n - 1);
    }
  }

  protected selectTab(index: number): void {
    const key = CASE_TABS[index]?.key ?? 'summary';
    if (key === this.selectedKey()) return;
    void this.router.navigate([], {
      queryParams: { tab: key === 'summary' ? null : key },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected tabId(key: string): string {
    return `case-tab-${key}`;
  }

  /** In-page links that also move focus, so the next Tab continues from there. */
  protected jumpTo(event: Event, id: string): void {
    event.preventDefault();
    const target = this.document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  protected selectRevision(revision: number): void {
    this.store.dispatch(CasePageActions.revisionSelected({ revision }));
  }

  // ---- claim, assign, status, Next case ----

  protected claimCase(): void {
    if (this.casework().claim.pending) return;
    this.store.dispatch(CasePageActions.claimClicked({ caseId: this.id() }));
  }

  protected nextCase(): void {
    this.store.dispatch(CasePageActions.nextCaseClicked());
  }

  protected assign(userId: string | null): void {
    const d = this.detail();
    if (!d) return;
    this.store.dispatch(CasePageActions.assignChosen({ caseId: d.id, userId, version: d.version }));
  }

  /** Team leads' assign menu: loaded when the menu opens, so the list is current. */
  protected readonly assignable = signal<AssignableUser[]>([]);
  private readonly caseworkApi = inject(CaseworkApiService);

  protected loadAssignable(): void {
    this.caseworkApi.assignableUsers().subscribe({
      next: (users) => this.assignable.set(users.filter((u) => u.id !== this.myId())),
      error: () => this.assignable.set([]),
    });
  }

  protected myId(): string | null {
    return this.user()?.id ?? null;
  }

  protected chooseStatus(option: StatusOption): void {
    const d = this.detail();
    if (!d) return;
    const version = d.version;
    const send = (reason: string | null) =>
      this.store.dispatch(
        CasePageActions.statusChangeConfirmed({
          caseId: d.id,
          status: option.status,
          reason,
          version,
        }),
      );
    if (!option.needsReason) {
      send(null);
      return;
    }
    // Closing: a closure reason, the written reason, and (if it is safe to ask) the victim's survey.
    if (option.kind === 'close' && isClosingStatus(option.status)) {
      this.openCloseDialog({ caseId: d.id, mode: 'close', status: option.status, title: option.label, version });
      return;
    }
    const data: ReasonDialogData = {
      title: option.kind === 'reopen' ? 'Reopen the case' : option.label,
      message:
        option.kind === 'reopen'
          ? `The case goes back to triage. Say why it is reopened.`
          : `The case leaves the queue. Say why it is closed.`,
      label: 'Reason (required)',
      confirm: option.kind === 'reopen' ? 'Reopen' : 'Close the case',
    };
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        data,
        width: '520px',
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) send(reason);
      });
  }

  /** A closed case with no satisfaction survey yet offers "Record satisfaction survey" (caseworkers, team leads). */
  private readonly surveyChecks = signal(0);
  private readonly surveyKey = computed(() => {
    const d = this.detail();
    return d && this.canWork() && isClosingStatus(d.status) ? `${d.id}#${d.status}#${this.surveyChecks()}` : undefined;
  });
  private readonly surveyRecorded = rxResource({
    params: () => this.surveyKey(),
    stream: ({ params }) =>
      this.caseworkApi.satisfaction(params.split('#')[0]).pipe(
        map(() => true),
        catchError((err: unknown) => (httpStatus(err) === 404 ? of(false) : throwError(() => err))),
      ),
  });
  protected readonly surveyMissing = computed(() => this.surveyRecorded.hasValue() && this.surveyRecorded.value() === false);

  protected recordSurvey(): void {
    const d = this.detail();
    if (!d || !isClosingStatus(d.status)) return;
    this.openCloseDialog({ caseId: d.id, mode: 'survey', status: d.status, title: 'Record satisfaction survey', version: d.version });
  }

  private openCloseDialog(data: CloseCaseDialogData): void {
    this.dialog
      .open<CloseCaseDialog, CloseCaseDialogData, CloseCaseResult>(CloseCaseDialog, { data, width: '640px' })
      .afterClosed()
      .subscribe((result) => {
        if (result?.surveySaved) this.surveyChecks.update((n) => n + 1);
      });
  }

  protected dismissConflict(): void {
    this.store.dispatch(CasePageActions.conflictDismissed());
  }

  protected resumeContact(): void {
    const caseId = this.id();
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        data: {
          title: 'Resume contact',
          message: 'Contact was paused because someone else answered. Resume it only when it is safe to try again.',
          warning: 'Your reason is recorded in the case history.',
          label: 'Why it is safe to resume (required)',
          confirm: 'Resume contact',
        },
        width: '520px',
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.store.dispatch(CasePageActions.contactResumeConfirmed({ caseId, reason }));
      });
  }

  // ---- sections ----

  protected onEditing(section: string, editing: boolean): void {
    this.editingSections.update((list) => {
      const rest = list.filter((s) => s !== section);
      return editing ? [...rest, section] : rest;
    });
  }

  protected riskDirty = signal(false);

  protected recordAttempt(request: ContactAttemptRequest): void {
    this.store.dispatch(ContactAttemptFormActions.submitted({ caseId: this.id(), request }));
  }

  protected attemptEdited(): void {
    this.store.dispatch(ContactAttemptFormActions.formEdited());
  }

  protected savePlan(plan: SafeContactPlan): void {
    const d = this.detail();
    if (!d) return;
    this.store.dispatch(
      SafeContactEditorActions.submitted({
        caseId: d.id,
        plan,
        version: d.version,
      }),
    );
  }

  protected planEdited(): void {
    this.store.dispatch(SafeContactEditorActions.formEdited());
  }

  protected closeUnable(): void {
    const option = this.unableOption();
    if (option) this.chooseStatus(option);
  }

  protected scheduleCallback(request: CallbackRequest): void {
    this.store.dispatch(CallbackFormActions.submitted({ caseId: this.id(), request }));
  }

  protected callbackEdited(): void {
    this.store.dispatch(CallbackFormActions.formEdited());
  }

  protected saveNeeds(save: DocumentSave<NeedsContent>): void {
    this.store.dispatch(NeedsFormActions.submitted({ caseId: this.id(), ...save }));
  }

  protected needsEdited(): void {
    this.store.dispatch(NeedsFormActions.formEdited());
  }

  protected saveSafetyPlan(save: DocumentSave<SafetyPlanContent>): void {
    this.store.dispatch(SafetyPlanFormActions.submitted({ caseId: this.id(), ...save }));
  }

  protected safetyPlanEdited(): void {
    this.store.dispatch(SafetyPlanFormActions.formEdited());
  }

  protected refreshHistory(): void {
    this.store.dispatch(CasePageActions.historyRefreshClicked({ caseId: this.id() }));
  }

  private timeNow(): string {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date());
  }
}
