import { DOCUMENT, NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, Type, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ShortcutHelpDialog, ShortcutService } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { filter, skip } from 'rxjs';
import { ADMIN_HOME, authFeature, homeFor, PARTNER_HOME, selectCan, ShellActions } from '@lantern/workbench/auth/data-access';
import { caseworkFeature, KeyboardShortcutActions } from '@lantern/workbench/case/data-access';

@Component({
  selector: 'lantern-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, NgComponentOutlet],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);

  // What the toolbar offers comes from the permission table (libs/shared/domain permissions.ts), as the API's guards do.
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  /** Where this user belongs: the brand links there and the nav starts from it. */
  private readonly home = computed(() => homeFor(this.user()?.roles));
  /** A partner agency's user: the partner portal only, none of the hub's pages or shortcuts. */
  protected readonly partner = computed(() => this.home() === PARTNER_HOME);
  /** Manages the partner directory but reads no cases (an admin): no queue. */
  protected readonly adminOnly = computed(() => this.home() === ADMIN_HOME);
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
  /** Claims cases: the N shortcut asks for the next one. */
  private readonly worksCases = this.store.selectSignal(selectCan('case.work'));
  private readonly notice = this.store.selectSignal(caseworkFeature.selectNotice);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

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
      if (notice) untracked(() => snackBar.open(notice.text, 'Dismiss', { duration: 5000 }));
    });

    // Shortcuts that work on every page: N (Next case), G then Q (queue), ? (help).
    inject(ShortcutService)
      .on('next-case', 'go-queue', 'help')
      .pipe(takeUntilDestroyed())
      .subscribe(({ shortcut, event }) => {
        if (!this.user() || this.partner()) return;
        event.preventDefault();
        if (shortcut === 'help') this.openShortcuts();
        else if (shortcut === 'go-queue') void this.router.navigate(['/queue']);
        else if (this.worksCases()) this.store.dispatch(KeyboardShortcutActions.nextCasePressed());
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

  protected signOut(): void {
    this.store.dispatch(ShellActions.signOutClicked());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
