import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { PASSWORD_MIN_LENGTH } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { authFeature, SignInPageActions } from '@lantern/workbench/auth/data-access';
import { AuthenticatorSetup } from '../authenticator-setup/authenticator-setup';

@Component({
  selector: 'lantern-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AuthenticatorSetup,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  private readonly store = inject(Store);

  /** Where to go afterwards (bound from the `returnUrl` query parameter). */
  readonly returnUrl = input<string | undefined>();

  protected readonly signingIn = this.store.selectSignal(authFeature.selectSigningIn);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly step = this.store.selectSignal(authFeature.selectStep);
  protected readonly enrolment = this.store.selectSignal(authFeature.selectEnrolment);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  /** Once asked for a new password, it is sent with every later step (the change happens when all factors pass). */
  protected readonly askedNewPassword = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
    newPassword: [''],
    otp: ['', Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });

  constructor() {
    effect(() => {
      if (this.step() === 'new-password') this.askedNewPassword.set(true);
      // A code is good once: after a refusal the field is emptied for the next one.
      if (this.step() === 'otp' || this.step() === 'enrol') this.form.controls.otp.reset('');
    });
  }

  protected submit(): void {
    const step = this.step();
    const { username, password, newPassword, otp } = this.form.getRawValue();
    const code = otp.replace(/\s/g, '');
    const needsCode = step === 'otp' || step === 'enrol';
    if (this.form.invalid || (needsCode && !/^\d{6}$/.test(code)) || (this.askedNewPassword() && !newPassword)) {
      if (needsCode && !code) this.form.controls.otp.setErrors({ required: true });
      if (this.askedNewPassword() && !newPassword) this.form.controls.newPassword.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    if (this.signingIn()) return;
    this.store.dispatch(
      SignInPageActions.signInSubmitted({
        username: username.trim(),
        password,
        returnUrl: this.returnUrl() ?? null,
        ...(needsCode ? { otp: code } : {}),
        ...(step === 'enrol' && this.enrolment() ? { enrolmentToken: this.enrolment()?.enrolmentToken } : {}),
        ...(this.askedNewPassword() ? { newPassword } : {}),
      }),
    );
  }
}
