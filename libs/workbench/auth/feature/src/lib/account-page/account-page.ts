import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH, type MfaEnrolment } from '@lantern/shared/domain';
import { describeHttpError, problemDetails } from '@lantern/workbench/auth/data-access';
import { AuthenticatorSetup } from '../authenticator-setup/authenticator-setup';
import { AccountApiService } from './account-api.service';

/** The API's refusal with every field it named (the password policy names /newPassword once per rule). */
function refusal(err: unknown, fallback: string): string {
  const problem = problemDetails(err) as { errors?: Array<{ path: string; message: string }> } | null;
  const fields =
    problem?.errors?.map((e) => `${e.path === '/newPassword' ? 'The new password' : 'The current password'} ${e.message}.`) ?? [];
  return fields.length ? fields.join(' ') : describeHttpError(err, fallback);
}

/** Your account (/account): change your password; set up an authenticator app when you have none. */
@Component({
  selector: 'lantern-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AuthenticatorSetup, FormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
})
export class AccountPage {
  private readonly api = inject(AccountApiService);
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  protected readonly currentPassword = signal('');
  protected readonly newPassword = signal('');
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordDone = signal('');
  protected readonly passwordPending = signal(false);

  protected readonly enrolment = signal<MfaEnrolment | null>(null);
  protected readonly otp = signal('');
  protected readonly mfaError = signal<string | null>(null);
  protected readonly mfaDone = signal('');

  protected changePassword(): void {
    if (!this.currentPassword() || !this.newPassword()) {
      this.passwordError.set('Enter your current password and a new one.');
      return;
    }
    this.passwordPending.set(true);
    this.passwordError.set(null);
    this.passwordDone.set('');
    this.api.changePassword({ currentPassword: this.currentPassword(), newPassword: this.newPassword() }).subscribe({
      next: () => {
        this.passwordPending.set(false);
        this.currentPassword.set('');
        this.newPassword.set('');
        this.passwordDone.set('Password changed. You were signed out everywhere else.');
      },
      error: (err: unknown) => {
        this.passwordPending.set(false);
        this.passwordError.set(refusal(err, 'The password was not changed.'));
      },
    });
  }

  protected startMfa(): void {
    this.mfaError.set(null);
    this.api.startMfa().subscribe({
      next: (e) => this.enrolment.set(e),
      error: (err: unknown) =>
        this.mfaError.set(
          problemDetails(err)?.code === 'mfa-already-enrolled'
            ? 'You already have an authenticator app set up. If you lost it, ask an administrator to remove it.'
            : describeHttpError(err, 'Could not start the set-up.'),
        ),
    });
  }

  protected confirmMfa(): void {
    const e = this.enrolment();
    const otp = this.otp().replace(/\s/g, '');
    if (!e || !/^\d{6}$/.test(otp)) {
      this.mfaError.set('Enter the six-digit code your app shows.');
      return;
    }
    this.api.confirmMfa({ otp, enrolmentToken: e.enrolmentToken }).subscribe({
      next: () => {
        this.enrolment.set(null);
        this.otp.set('');
        this.mfaError.set(null);
        this.mfaDone.set('Authenticator app set up: signing in now asks for its code.');
      },
      error: (err: unknown) => this.mfaError.set(describeHttpError(err, 'That code did not work: try the next one.')),
    });
  }
}
