import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Store } from '@ngrx/store';
import { authFeature, SignInPageActions } from '@lantern/workbench/auth/data-access';

@Component({
  selector: 'lantern-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  private readonly store = inject(Store);

  /** Where to go afterwards (bound from the `returnUrl` query parameter). */
  readonly returnUrl = input<string | undefined>();

  protected readonly signingIn = this.store.selectSignal(authFeature.selectSigningIn);
  protected readonly error = this.store.selectSignal(authFeature.selectError);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.signingIn()) return;
    const { username, password } = this.form.getRawValue();
    this.store.dispatch(
      SignInPageActions.signInSubmitted({
        username: username.trim(),
        password,
        returnUrl: this.returnUrl() ?? null,
      }),
    );
  }
}
