import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { HUB_TIME_ZONE } from '@lantern/shared/domain';
import { authFeature, describeHttpError, selectCan } from '@lantern/workbench/auth/data-access';
import { caseFeature, CaseworkApiService } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { ReasonDialog, type ReasonDialogData, ShortcutService, UnsavedChanges } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CaseHeader } from '../case-header/case-header';
import { CaseReportTab } from '../case-report/case-report-tab';
import { CaseContactTab } from '../contact/case-contact-tab';
import { CaseHistoryTab } from '../history/case-history-tab';
import { ReferralsPanel } from '../referrals/referrals-panel';
import { CaseRiskTab } from '../risk-assessment/case-risk-tab';
import { CaseSafeContactTab } from '../safe-contact/case-safe-contact-tab';
import { CaseSummaryTab } from '../summary/case-summary-tab';
import { CaseSupportTab } from '../support/case-support-tab';
import { CASE_TABS, CasePageContext, tabIndex } from './case-page-context';
import { CaseNotesTab } from '../notes/case-notes-tab';
import { CaseDuplicates } from '../duplicates/case-duplicates';

export { CASE_TABS, tabIndex, type CaseTabKey } from './case-page-context';

/**
 * The case page is a shell: it says which case is open and which tab is shown, and lays out the header and the
 * tabs. Each of them is a container that selects its own state and dispatches its own actions.
 */
@Component({
  selector: 'lantern-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTabsModule,
    CaseHeader,
    CaseSummaryTab,
    CaseRiskTab,
    CaseContactTab,
    CaseSafeContactTab,
    CaseReportTab,
    CaseHistoryTab,
    CaseSupportTab,
    ReferralsPanel,
    CaseNotesTab,
    CaseDuplicates,
  ],
  providers: [CasePageContext],
  templateUrl: './case-page.html',
  styleUrl: './case-page.scss',
})
export class CasePage {
  private readonly store = inject(Store);
  private readonly title = inject(Title);
  private readonly context = inject(CasePageContext);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** The `?tab=` query parameter. */
  readonly tab = input<string | undefined>(undefined);

  protected readonly selectedIndex = computed(() => tabIndex(this.tab()));
  private readonly selectedKey = computed(() => CASE_TABS[this.selectedIndex()].key);

  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly status = this.store.selectSignal(caseFeature.selectStatus);
  protected readonly error = this.store.selectSignal(caseFeature.selectError);
  protected readonly notFound = this.store.selectSignal(caseFeature.selectNotFound);
  /**
   * Break the glass, offered on every "Case not found" to those who may (case.break-glass), whether or not the case
   * exists, so the offer itself says nothing about a restricted case (docs/casework.md).
   */
  protected readonly canBreakGlass = this.store.selectSignal(selectCan('case.break-glass'));
  protected readonly breakGlassMessage = signal<string | null>(null);
  private readonly api = inject(CaseworkApiService);
  private readonly dialog = inject(MatDialog);
  private readonly unsaved = inject(UnsavedChanges);
  private readonly refreshedToVersion = this.store.selectSignal(caseFeature.selectRefreshedToVersion);
  private readonly refreshedBy = this.store.selectSignal(caseFeature.selectRefreshedBy);
  private readonly myId = this.store.selectSignal(authFeature.selectUserId);
  /** Said politely when someone else's change refreshed the case (never for the user's own, from this or another tab). */
  protected readonly liveMessage = computed(() =>
    this.refreshedToVersion() && this.refreshedBy().some((by) => by !== this.myId()) ? `This case was updated at ${this.timeNow()}.` : '',
  );

  constructor() {
    let openCase: string | null = null;
    effect(() => {
      const caseId = this.id();
      untracked(() => {
        if (openCase && openCase !== caseId) {
          this.store.dispatch(CasePageActions.closed({ caseId: openCase }));
          this.context.resetEditing();
        }
        openCase = caseId;
        this.context.caseId.set(caseId);
        this.store.dispatch(CasePageActions.opened({ caseId }));
      });
    });
    inject(DestroyRef).onDestroy(() => {
      if (openCase) this.store.dispatch(CasePageActions.closed({ caseId: openCase }));
    });

    effect(() => {
      const tab = this.selectedKey();
      const caseId = this.id();
      untracked(() => this.store.dispatch(CasePageActions.tabShown({ caseId, tab })));
    });

    effect(() => {
      const d = this.detail();
      this.title.setTitle(d ? `${d.reference} · ${d.victim.firstName} ${d.victim.lastName} · Lantern` : 'Case · Lantern');
    });

    inject(ShortcutService)
      .on('tab-1', 'tab-2', 'tab-3', 'tab-4', 'tab-5', 'tab-6', 'tab-7', 'tab-8', 'tab-9')
      .pipe(takeUntilDestroyed())
      .subscribe(({ shortcut, event }) => {
        const n = Number(shortcut.slice(4));
        if (n >= 1 && n <= CASE_TABS.length) {
          event.preventDefault();
          void this.requestTab(n - 1);
        }
      });

    // Another tab replaces this one's content (and its form): with unsaved changes, ask first. Caught before the
    // tab group sees the click or Enter/Space, so the tab shown does not change until the user chose Discard.
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const intercept = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
      const tab = (event.target as Element | null)?.closest?.('.case-tabs [role="tab"]');
      if (!tab) return;
      const index = [...(tab.parentElement?.querySelectorAll('[role="tab"]') ?? [])].indexOf(tab);
      if (index < 0 || index === this.selectedIndex() || !this.unsaved.hasUnsaved()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      void this.requestTab(index);
    };
    host.addEventListener('click', intercept, true);
    host.addEventListener('keydown', intercept, true);
  }

  /** Moves to another tab, once any unsaved work on this one is kept or discarded. */
  protected async requestTab(index: number): Promise<void> {
    if (index === this.selectedIndex()) return;
    if (await this.unsaved.confirmDiscard()) this.selectTab(index);
  }

  protected selectTab(index: number): void {
    const key = CASE_TABS[index]?.key ?? 'summary';
    if (key !== this.selectedKey()) this.context.showTab(key);
  }

  private timeNow(): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: HUB_TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date());
  }

  protected breakGlass(): void {
    const caseId = this.id();
    const data: ReasonDialogData = {
      title: 'Break the glass',
      message:
        'If this link is to a restricted case, you will see it for a limited time. Your name and reason are recorded and shown to the team leads at once.',
      label: 'Why you need this case now (required)',
      confirm: 'Break the glass',
    };
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.api.breakGlass(caseId, reason).subscribe({
          next: () => this.store.dispatch(CasePageActions.opened({ caseId })),
          error: (err: unknown) =>
            this.breakGlassMessage.set(
              (err as { status?: number }).status === 404
                ? 'There is no case at this link that you can open.'
                : describeHttpError(err, 'The glass could not be broken. Try again.'),
            ),
        });
      });
  }
}
