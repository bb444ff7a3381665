import { DOCUMENT, NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, Type, untracked, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SearchField, ShortcutHelpDialog, ShortcutService, UnsavedChanges } from '@lantern/workbench/ui/shell';
import { Store } from '@ngrx/store';
import { filter, map, skip } from 'rxjs';
import {
  ADMIN_HOME,
  authFeature,
  FORCE_HOME,
  homeFor,
  OFFICER_HOME,
  PARTNER_HOME,
  selectCan,
  ShellActions,
} from '@lantern/workbench/auth/data-access';
import { caseworkFeature, KeyboardShortcutActions, safetyNoticesFeature } from '@lantern/workbench/case/data-access';
import { OfficerDevice } from '@lantern/workbench/officer/data-access';
import { ArrivalsLink, UrgentAnnouncement } from './arrivals-notice';
import { SafetyNotices } from './safety-notices';

@Component({
  selector: 'lantern-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
    MatMenuModule,
    NgComponentOutlet,
    SearchField,
    ArrivalsLink,
    UrgentAnnouncement,
    SafetyNotices,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);

  // What the toolbar offers comes from the permission table (libs/shared/domain permissions.ts), as the API's guards do.
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly safetyNotices = this.store.selectSignal(safetyNoticesFeature.selectShown);
  /** Safety notices shown now (a second skip link reaches them). */
  protected readonly safetyNoticeCount = computed(() => this.safetyNotices().length);
  /** Where this user belongs: the brand links there and the nav starts from it. */
  private readonly home = computed(() => homeFor(this.user()?.roles));
  /** A partner agency's user: the partner portal only, none of the hub's pages or shortcuts. */
  protected readonly partner = computed(() => this.home() === PARTNER_HOME);
  /** Manages the partner directory but reads no cases (an admin): no queue. */
  protected readonly adminOnly = computed(() => this.home() === ADMIN_HOME);
  /** An officer: the officer app only (a phone-sized header, no hub pages, shortcuts, socket or team parts). */
  protected readonly officer = computed(() => this.home() === OFFICER_HOME);
  /** A force lead (reads no cases): the force dashboard only, no queue; the shell makes no hub request for them. */
  protected readonly forceLead = computed(() => this.home() === FORCE_HOME);
  protected readonly readsForceDashboard = this.store.selectSignal(selectCan('force-dashboard.read'));
  protected readonly managesPartners = this.store.selectSignal(selectCan('partners.manage'));
  protected readonly managesUsers = this.store.selectSignal(selectCan('users.manage'));
  /** The workload board and the alert tray. */
  protected readonly managesTeam = this.store.selectSignal(selectCan('team.manage'));
  /** Sets their own status (Available, Busy, Away). */
  protected readonly hasStatus = this.store.selectSignal(selectCan('availability.set'));
  /** The header's status control and alert tray, loaded with the team library (lazy, like its board). */
  protected readonly teamParts = signal<{ status: Type<unknown>; alerts: Type<unknown> } | null>(null);
  protected readonly readsOutcomes = this.store.selectSignal(selectCan('outcomes.read'));
  /** Auditors: the audit trail page. */
  protected readonly readsAudit = this.store.selectSignal(selectCan('audit.read'));
  protected readonly runsImports = this.store.selectSignal(selectCan('imports.run'));
  /**
   * The header's pages as a list, for the phone-width menu (app.html): the same permission checks as the nav beside
   * it, in the same order; keep the two in step.
   */
  protected readonly navLinks = computed(() => {
    const links: { path: string; label: string; exact: boolean }[] = [];
    const add = (ok: boolean, path: string, label: string, exact = false) => ok && links.push({ path, label, exact });
    if (this.partner()) return [{ path: '/partner/referrals', label: 'Referrals', exact: false }];
    add(!this.adminOnly() && !this.forceLead(), '/queue', 'Triage queue');
    add(this.managesTeam(), '/team/workload', 'Team workload');
    add(this.readsOutcomes(), '/team/outcomes', 'Outcomes');
    add(this.runsImports(), '/team/imports', 'Import');
    add(this.readsAudit(), '/audit', 'Audit trail');
    add(this.readsForceDashboard(), '/force', 'Force dashboard');
    add(this.managesPartners(), '/admin/partners', 'Partner directory');
    add(this.managesUsers(), '/admin', 'Accounts and keys', true);
    return links;
  });
  /** Claims cases: the N shortcut asks for the next one. */
  private readonly worksCases = this.store.selectSignal(selectCan('case.work'));
  private readonly notice = this.store.selectSignal(caseworkFeature.selectNotice);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  /** Reads cases (hub staff and auditors): the header's search box, and / to focus it (docs/search.md). */
  protected readonly searchesCases = this.store.selectSignal(selectCan('case.read'));
  private readonly searchField = viewChild(SearchField);
  /** The query of the search results page being shown, so the box keeps it ('' elsewhere). */
  protected readonly searchText = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => {
        const tree = this.router.parseUrl(this.router.url);
        return tree.root.children['primary']?.segments.map((s) => s.path).join('/') === 'search' ? (tree.queryParams['q'] ?? '') : '';
      }),
    ),
    { initialValue: '' },
  );
  /** Unsaved work: N and Sign out ask first (and reload or closing the tab while a form is dirty, from its constructor). */
  private readonly unsaved = inject(UnsavedChanges);
  private readonly officerDevice = inject(OfficerDevice);

  constructor() {
    // Short messages for everyone ("No unassigned case is waiting.", "You claimed …"), announced politely.
    const snackBar = inject(MatSnackBar);
    effect(() => {
      if (this.hasStatus() && !untracked(this.teamParts))
        void import('@lantern/workbench/team/feature').then((m) =>
          this.teamParts.set({ status: m.AvailabilityControl, alerts: m.AlertTray }),
        );
    });
    effect(() => {
      const notice = this.notice();
      // Safety notices that must stay are not these: they are the SafetyNotices bars (the snack bar shows one at a time).
      if (notice) untracked(() => snackBar.open(notice.text, 'Dismiss', { duration: 5000 }));
    });

    // Shortcuts that work on every page: N (Next case), G then Q (queue), ? (help).
    inject(ShortcutService)
      .on('next-case', 'go-queue', 'help')
      .pipe(takeUntilDestroyed())
      .subscribe(({ shortcut, event }) => {
        if (!this.user() || this.partner() || this.officer()) return;
        event.preventDefault();
        if (shortcut === 'help') this.openShortcuts();
        else if (shortcut === 'go-queue') void this.router.navigate(['/queue']);
        else if (this.worksCases()) void this.nextCase();
      });

    // "/" focuses the search box (never while typing: the shortcut reader stays quiet in fields).
    inject(ShortcutService)
      .on('search')
      .pipe(takeUntilDestroyed())
      .subscribe(({ event }) => {
        const field = this.searchField();
        if (!field || !this.searchesCases() || this.partner() || this.officer()) return;
        event.preventDefault();
        field.focus();
      });

    // After each in-app navigation, start the new page at its top and move focus there, so keyboard and
    // screen-reader users are not left on an element that no longer exists.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        const main = this.document.getElementById('main');
        main?.scrollTo(0, 0);
        main?.focus({ preventScroll: true });
      });
  }

  protected openShortcuts(): void {
    if (this.dialog.openDialogs.length) return;
    this.dialog.open(ShortcutHelpDialog, { width: '640px' });
  }

  protected search(q: string): void {
    void this.router.navigate(['/search'], { queryParams: { q } });
  }

  /** N claims and opens the next case: never over unsaved work without asking (Keep editing is the default). */
  private async nextCase(): Promise<void> {
    if (this.dialog.openDialogs.length) return;
    if (await this.unsaved.confirmDiscard()) this.store.dispatch(KeyboardShortcutActions.nextCasePressed());
  }

  protected async signOut(): Promise<void> {
    if (!(await this.unsaved.confirmDiscard())) return;
    if (!(await this.confirmWaitingReportsLost())) return;
    this.store.dispatch(ShellActions.signOutClicked());
  }

  /**
   * Sign-out wipes the officer app's store from this phone, reports still waiting for a signal included (the hub
   * would never receive them): ask first, naming them (officer/feature). The question's code is fetched only then
   * (from the service worker's cache when there is no signal); should even that fail, the browser's own confirm asks.
   */
  private async confirmWaitingReportsLost(): Promise<boolean> {
    const userId = this.user()?.id;
    if (!userId) return true;
    // Every sign-out wipes the phone's officer store, whoever signs out; a store that cannot be read is asked about.
    const waiting = await this.officerDevice.waitingAtSignOut(userId).catch(() => ({ mine: [], others: 0, unknown: true }));
    if (!waiting.mine.length && !waiting.others && !('unknown' in waiting)) return true;
    const officer = await import('@lantern/workbench/officer/feature').catch(() => null);
    if (officer) return officer.confirmSignOutLosesWaiting(this.dialog, waiting);
    const refs = [...waiting.mine, ...(waiting.others ? [`${waiting.others} of another officer`] : [])].join(', ') || 'unknown';
    return this.document.defaultView?.confirm(`Referrals not yet received by the hub (${refs}) will be deleted. Sign out anyway?`) ?? false;
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }

  /** The bars sit above the page, after the header: a keyboard user reaches their buttons from here, not by Tab ×20. */
  protected skipToNotices(event: Event): void {
    event.preventDefault();
    this.document.querySelector<HTMLElement>('lantern-safety-notices .safety-notice :is(a, button)')?.focus();
  }
}
