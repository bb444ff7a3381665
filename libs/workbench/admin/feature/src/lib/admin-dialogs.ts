import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  NO_POLICE_PROFILE,
  ROLES,
  type CreateUserRequest,
  type PoliceProfile,
  type Role,
  type UserRolesRequest,
} from '@lantern/shared/domain';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import type { Observable } from 'rxjs';
import { policeFieldsFor, policeProfileFor, profileProblems, ROLE_LABELS, roleProblems } from './admin-labels';

const STYLES = [
  `
  form { display: contents; }
  .fields { display: flex; flex-direction: column; gap: 4px; min-width: min(440px, 80vw); }
  fieldset { border: 0; padding: 0; margin: 0 0 12px; }
  legend { font-weight: 500; margin-bottom: 4px; }
  .roles { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .problem { color: var(--mat-sys-on-error-container); background: var(--mat-sys-error-container); padding: 8px 12px; border-radius: 8px; }
  .secret { font-family: monospace; font-size: 1.15rem; padding: 10px 12px; border-radius: 8px; word-break: break-all;
            background: var(--mat-sys-surface-container); border: 1px solid var(--mat-sys-outline-variant); }
  .copied { color: var(--mat-sys-on-surface-variant); }
`,
];

/**
 * The police side of an account, shown only for officers and force leads: force (both), collar number and team
 * (officers), work email (both). Used by the new-account and role dialogs.
 */
@Component({
  selector: 'lantern-police-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    @if (shown().force) {
      <fieldset>
        <legend>Police</legend>
        <div class="fields">
          <mat-form-field appearance="outline">
            <mat-label>Force</mat-label>
            <input matInput name="force" required [value]="profile().force ?? ''" (input)="set('force', $event)" autocomplete="off" />
            <mat-hint>Their reports and figures: this force only</mat-hint>
          </mat-form-field>
          @if (shown().collarNumber) {
            <mat-form-field appearance="outline">
              <mat-label>Collar number</mat-label>
              <input
                matInput
                name="collarNumber"
                required
                [value]="profile().collarNumber ?? ''"
                (input)="set('collarNumber', $event)"
                autocomplete="off"
                spellcheck="false"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Team (optional)</mat-label>
              <input matInput name="team" [value]="profile().team ?? ''" (input)="set('team', $event)" autocomplete="off" />
            </mat-form-field>
          }
          <mat-form-field appearance="outline">
            <mat-label>Work email (optional)</mat-label>
            <input matInput name="email" type="email" [value]="profile().email ?? ''" (input)="set('email', $event)" autocomplete="off" />
          </mat-form-field>
        </div>
      </fieldset>
    }
  `,
  styles: STYLES,
})
export class PoliceFields {
  readonly roles = input.required<readonly Role[]>();
  readonly profile = model.required<PoliceProfile>();
  protected readonly shown = computed(() => policeFieldsFor(this.roles()));

  protected set(key: keyof PoliceProfile, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.profile.update((p) => ({ ...p, [key]: value }));
  }
}

/** Only the profile fields that are set: a new account sends nothing for the rest. */
function setFields(p: PoliceProfile): Partial<Record<keyof PoliceProfile, string>> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null)) as Partial<Record<keyof PoliceProfile, string>>;
}

export interface CreateUserDialogData {
  agencies: Array<{ id: string; name: string }>;
  create: (body: CreateUserRequest) => Observable<unknown>;
}

/** New account: username, name, roles; a partner agency user names their agency. Closes with the API's answer. */
@Component({
  selector: 'lantern-create-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PoliceFields,
  ],
  template: `
    <h2 mat-dialog-title>New account</h2>
    <form (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <div class="fields">
          @if (error(); as e) {
            <p class="problem" role="alert">{{ e }}</p>
          }
          <mat-form-field appearance="outline">
            <mat-label>Username</mat-label>
            <input
              matInput
              name="username"
              [ngModel]="username()"
              (ngModelChange)="username.set($event)"
              autocomplete="off"
              spellcheck="false"
            />
            <mat-hint>Lower-case letters, digits, dots and dashes</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Display name</mat-label>
            <input matInput name="displayName" [ngModel]="displayName()" (ngModelChange)="displayName.set($event)" autocomplete="off" />
          </mat-form-field>
          <fieldset>
            <legend>Roles</legend>
            <div class="roles">
              @for (r of roles; track r) {
                <mat-checkbox [checked]="chosen().includes(r)" (change)="toggle(r, $event.checked)">{{ labels[r] }}</mat-checkbox>
              }
            </div>
          </fieldset>
          @if (chosen().includes('partner')) {
            <mat-form-field appearance="outline">
              <mat-label>Partner agency</mat-label>
              <mat-select name="partnerId" [ngModel]="partnerId()" (ngModelChange)="partnerId.set($event)">
                @for (a of data.agencies; track a.id) {
                  <mat-option [value]="a.id">{{ a.name }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          }
          <lantern-police-fields [roles]="chosen()" [(profile)]="profile" />
          <p>Lantern makes a one-time password, shown to you once. The user chooses their own at first sign-in.</p>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="pending()">Create account</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: STYLES,
})
export class CreateUserDialog {
  protected readonly data = inject<CreateUserDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<CreateUserDialog, unknown>);
  protected readonly roles = ROLES;
  protected readonly labels = ROLE_LABELS;
  protected readonly username = signal('');
  protected readonly displayName = signal('');
  protected readonly chosen = signal<Role[]>([]);
  protected readonly partnerId = signal<string | null>(null);
  protected readonly profile = signal<PoliceProfile>(NO_POLICE_PROFILE);
  protected readonly error = signal<string | null>(null);
  protected readonly pending = signal(false);

  protected toggle(role: Role, on: boolean): void {
    this.chosen.update((c) => (on ? [...c, role] : c.filter((r) => r !== role)));
  }

  protected submit(): void {
    const roles = this.chosen();
    const partnerId = roles.includes('partner') ? this.partnerId() : null;
    const problems = [
      ...(this.username().trim() ? [] : ['Enter a username.']),
      ...(this.displayName().trim() ? [] : ['Enter a display name.']),
      ...roleProblems(roles, partnerId),
      ...profileProblems(roles, this.profile()),
    ];
    if (problems.length) {
      this.error.set(problems.join(' '));
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.data
      .create({
        username: this.username().trim(),
        displayName: this.displayName().trim(),
        roles,
        ...(partnerId ? { partnerId } : {}),
        ...setFields(policeProfileFor(roles, this.profile())),
      })
      .subscribe({
        next: (created) => this.ref.close(created),
        error: (err: unknown) => {
          this.pending.set(false);
          this.error.set(describeHttpError(err, 'The account was not created.'));
        },
      });
  }
}

export interface RolesDialogData {
  username: string;
  roles: Role[];
  partnerId: string | null;
  /** The account's police profile now (force, collar number, team, email). */
  profile: PoliceProfile;
}

/** Choose the whole new set of roles; the user's sessions end when it is saved. */
@Component({
  selector: 'lantern-roles-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatCheckboxModule, PoliceFields],
  template: `
    <h2 mat-dialog-title>Roles of {{ data.username }}</h2>
    <form (submit)="$event.preventDefault(); save()" novalidate>
      <mat-dialog-content>
        @if (error(); as e) {
          <p class="problem" role="alert">{{ e }}</p>
        }
        <fieldset>
          <legend>Roles</legend>
          <div class="roles">
            @for (r of roles; track r) {
              <mat-checkbox [checked]="chosen().includes(r)" (change)="toggle(r, $event.checked)">{{ labels[r] }}</mat-checkbox>
            }
          </div>
        </fieldset>
        <lantern-police-fields [roles]="chosen()" [(profile)]="profile" />
        <p>Saving signs {{ data.username }} out everywhere at once: they sign in again with the new roles.</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close cdkFocusInitial>Cancel</button>
        <button mat-flat-button type="submit">Save roles</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: STYLES,
})
export class RolesDialog {
  protected readonly data = inject<RolesDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<RolesDialog, UserRolesRequest>);
  protected readonly roles = ROLES;
  protected readonly labels = ROLE_LABELS;
  protected readonly chosen = signal<Role[]>([...this.data.roles]);
  protected readonly profile = signal<PoliceProfile>(this.data.profile);
  protected readonly error = signal<string | null>(null);

  protected toggle(role: Role, on: boolean): void {
    this.chosen.update((c) => (on ? [...c, role] : c.filter((r) => r !== role)));
  }

  protected save(): void {
    const roles = this.chosen();
    const problems = [...roleProblems(roles, this.data.partnerId), ...profileProblems(roles, this.profile())];
    // The whole profile is sent: a field the roles do not carry is cleared (null).
    if (problems.length) this.error.set(problems.join(' '));
    else this.ref.close({ roles, ...policeProfileFor(roles, this.profile()) });
  }
}

export interface FeedSourceDialogData {
  defaultForce: string;
}

/** A new feed key: which system and which force. */
@Component({
  selector: 'lantern-feed-source-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>New feed key</h2>
    <form (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <div class="fields">
          @if (error(); as e) {
            <p class="problem" role="alert">{{ e }}</p>
          }
          <mat-form-field appearance="outline">
            <mat-label>System name</mat-label>
            <input matInput name="name" [ngModel]="name()" (ngModelChange)="name.set($event)" autocomplete="off" />
            <mat-hint>e.g. Force records feed</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Force</mat-label>
            <input matInput name="force" [ngModel]="force()" (ngModelChange)="force.set($event)" autocomplete="off" />
            <mat-hint>Reports with another force are refused</mat-hint>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Create key</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: STYLES,
})
export class FeedSourceDialog {
  protected readonly data = inject<FeedSourceDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<FeedSourceDialog, { name: string; force: string }>);
  protected readonly name = signal('');
  protected readonly force = signal(this.data.defaultForce);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (!this.name().trim() || !this.force().trim()) {
      this.error.set('Enter the system name and the force.');
      return;
    }
    this.ref.close({ name: this.name().trim(), force: this.force().trim() });
  }
}

export interface SecretDialogData {
  title: string;
  message: string;
  label: string;
  secret: string;
}

/** Shows a one-time password or a feed key once, with a copy button: it cannot be shown again. */
@Component({
  selector: 'lantern-secret-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClipboardModule, MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      <p class="label" id="secret-label">{{ data.label }}</p>
      <p class="secret" aria-labelledby="secret-label" data-testid="secret">{{ data.secret }}</p>
      <p class="copied" role="status">{{ copied() ? 'Copied.' : '' }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [cdkCopyToClipboard]="data.secret" (cdkCopyToClipboardCopied)="copied.set($event)">Copy</button>
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Done</button>
    </mat-dialog-actions>
  `,
  styles: STYLES,
})
export class SecretDialog {
  protected readonly data = inject<SecretDialogData>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);
}
