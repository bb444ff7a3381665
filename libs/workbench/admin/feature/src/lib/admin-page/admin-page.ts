import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatTableModule } from '@angular/material/table';
import type { FeedSourceSummary, OneTimePassword, Role, UserAccount, UserRolesRequest } from '@lantern/shared/domain';
import { authFeature, describeHttpError } from '@lantern/workbench/auth/data-access';
import { ConfirmDialog, UndoSnackBar, type ConfirmDialogData, type ConfirmDialogResult } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { EMPTY, filter, forkJoin, switchMap, type Observable } from 'rxjs';
import { AdminApiService } from '../admin-api.service';
import {
  CreateUserDialog,
  FeedSourceDialog,
  RolesDialog,
  SecretDialog,
  type CreateUserDialogData,
  type FeedSourceDialogData,
  type RolesDialogData,
  type SecretDialogData,
} from '../admin-dialogs';
import { describeRoles, partnerAgencies } from '../admin-labels';

/**
 * Administration (/admin, `users.manage`): accounts (create, change roles, reset password or second factor,
 * deactivate, reactivate) and feed keys (create, shown once; revoke). Every step that is hard to undo asks first,
 * with "Cancel" as the default button.
 */
@Component({
  selector: 'lantern-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatTableModule],
  templateUrl: './admin-page.html',
  styleUrl: './admin-page.scss',
})
export class AdminPage {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly undoSnackBar = inject(UndoSnackBar);
  private readonly me = inject(Store).selectSignal(authFeature.selectUser);

  protected readonly accounts = signal<UserAccount[]>([]);
  protected readonly feeds = signal<FeedSourceSummary[]>([]);
  protected readonly agencies = signal<Array<{ id: string; name: string }>>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  /** What the last step did, for the screen reader's live region. */
  protected readonly done = signal('');
  protected readonly accountColumns = ['username', 'name', 'roles', 'agency', 'status', 'mfa', 'actions'];
  protected readonly feedColumns = ['name', 'force', 'created', 'status', 'actions'];
  protected readonly agencyNames = computed(() => new Map(this.agencies().map((a) => [a.id, a.name])));

  constructor() {
    this.load();
    this.api.partners().subscribe({ next: (services) => this.agencies.set(partnerAgencies(services)), error: () => undefined });
  }

  protected describeRoles = describeRoles;

  protected isMe(a: UserAccount): boolean {
    return a.id === this.me()?.id;
  }

  protected load(): void {
    this.loading.set(true);
    forkJoin({ accounts: this.api.accounts(), feeds: this.api.feedSources() }).subscribe({
      next: ({ accounts, feeds }) => {
        this.accounts.set(accounts);
        this.feeds.set(feeds);
        this.loading.set(false);
        this.error.set(null);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(describeHttpError(err, 'The accounts could not be loaded.'));
      },
    });
  }

  protected createUser(): void {
    const data: CreateUserDialogData = { agencies: this.agencies(), create: (body) => this.api.createUser(body) };
    this.dialog
      .open(CreateUserDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(filter((r): r is OneTimePassword => Boolean(r)))
      .subscribe((created) => {
        this.done.set(`Account ${created.username} created.`);
        this.showPassword(created, 'Account created');
        this.load();
      });
  }

  protected changeRoles(a: UserAccount): void {
    const data: RolesDialogData = {
      username: a.username,
      roles: a.roles as Role[],
      partnerId: a.partnerId,
      profile: { force: a.force ?? null, collarNumber: a.collarNumber ?? null, team: a.team ?? null, email: a.email ?? null },
    };
    this.dialog
      .open(RolesDialog, { data })
      .afterClosed()
      .pipe(filter((body): body is UserRolesRequest => Boolean(body)))
      .subscribe((body) => this.run(this.api.setRoles(a.id, body), `Roles of ${a.username} changed; they were signed out.`));
  }

  protected deactivate(a: UserAccount): void {
    this.confirm({
      title: `Deactivate ${a.username}?`,
      message: `${a.displayName} is signed out everywhere at once and cannot sign in until reactivated.`,
      confirm: 'Deactivate',
      danger: true,
    }).subscribe(() =>
      this.run(this.api.deactivate(a.id), `${a.username} deactivated.`, () =>
        // A few seconds to take it back: the reverse is a reactivation, audited like any other.
        this.undoSnackBar.open(`${a.displayName} deactivated`, () =>
          this.run(this.api.reactivate(a.id), `Undone: ${a.username} reactivated.`),
        ),
      ),
    );
  }

  protected reactivate(a: UserAccount): void {
    this.confirm({ title: `Reactivate ${a.username}?`, message: `${a.displayName} can sign in again.`, confirm: 'Reactivate' }).subscribe(
      () => this.run(this.api.reactivate(a.id), `${a.username} reactivated.`),
    );
  }

  protected resetPassword(a: UserAccount): void {
    this.confirm({
      title: `Reset the password of ${a.username}?`,
      message: `${a.displayName} is signed out everywhere and gets a one-time password from you, to be replaced at sign-in.`,
      confirm: 'Reset password',
      danger: true,
    })
      .pipe(switchMap(() => this.api.resetPassword(a.id)))
      .subscribe({
        next: (reset) => {
          this.done.set(`Password of ${a.username} reset.`);
          this.showPassword(reset, 'Password reset');
          this.load();
        },
        error: (err: unknown) => this.error.set(describeHttpError(err, 'The password was not reset.')),
      });
  }

  protected resetMfa(a: UserAccount): void {
    this.confirm({
      title: `Remove the second factor of ${a.username}?`,
      message: `${a.displayName} is signed out everywhere and sets up an authenticator app again at their next sign-in. Do this only once you are sure who asked.`,
      confirm: 'Remove second factor',
      danger: true,
    }).subscribe(() => this.run(this.api.resetMfa(a.id), `Second factor of ${a.username} removed.`));
  }

  protected createFeed(): void {
    const data: FeedSourceDialogData = { defaultForce: this.feeds()[0]?.force ?? '' };
    this.dialog
      .open(FeedSourceDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(
        filter((r): r is { name: string; force: string } => Boolean(r)),
        switchMap((body) => this.api.createFeedSource(body)),
      )
      .subscribe({
        next: (created) => {
          this.done.set(`Feed key for ${created.name} created.`);
          this.dialog.open<SecretDialog, SecretDialogData>(SecretDialog, {
            data: {
              title: 'Feed key created',
              message: `Give this key to ${created.name}. It is shown only now: Lantern keeps only a fingerprint of it.`,
              label: 'Feed key',
              secret: created.key,
            },
          });
          this.load();
        },
        error: (err: unknown) => this.error.set(describeHttpError(err, 'The feed key was not created.')),
      });
  }

  protected revokeFeed(f: FeedSourceSummary): void {
    this.confirm({
      title: `Revoke the key of ${f.name}?`,
      message: 'Reports sent with this key are refused from now on. This cannot be undone: a new key is needed.',
      confirm: 'Revoke key',
      danger: true,
    }).subscribe(() => this.run(this.api.revokeFeedSource(f.id), `Key of ${f.name} revoked.`));
  }

  private confirm(data: ConfirmDialogData): Observable<ConfirmDialogResult> {
    return this.dialog
      .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data: { ...data, safeDefault: true } })
      .afterClosed()
      .pipe(filter((r): r is ConfirmDialogResult => Boolean(r)));
  }

  private run(call: Observable<unknown>, message: string, after?: () => void): void {
    call.pipe(switchMap(() => (this.done.set(message), EMPTY))).subscribe({
      complete: () => {
        this.load();
        after?.();
      },
      error: (err: unknown) => this.error.set(describeHttpError(err, 'That did not work.')),
    });
  }

  private showPassword(p: OneTimePassword, title: string): void {
    this.dialog.open<SecretDialog, SecretDialogData>(SecretDialog, {
      data: {
        title,
        message: `Give ${p.username} this one-time password in person or by phone, never by email. It is shown only now; they choose their own at sign-in.`,
        label: 'One-time password',
        secret: p.oneTimePassword,
      },
    });
  }
}
