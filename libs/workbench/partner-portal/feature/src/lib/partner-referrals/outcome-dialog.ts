import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { REFERRAL_OUTCOMES, ReferralOutcome } from '@lantern/shared/domain';
import { outcomeLabel } from '@lantern/workbench/referrals/data-access';

export interface OutcomeDialogData {
  reference: string;
}

export interface OutcomeDialogResult {
  outcome: ReferralOutcome;
  note?: string;
}

/** The partner records what came of a referral they accepted: an outcome (required) and a note (optional). */
@Component({
  selector: 'lantern-outcome-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>Record outcome</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>What came of referral {{ data.reference }}? The hub sees this straight away.</p>
        <mat-form-field appearance="outline" class="field">
          <mat-label>Outcome (required)</mat-label>
          <mat-select
            name="outcome"
            required
            [ngModel]="outcome()"
            (ngModelChange)="outcome.set($event); tried.set(false)"
            aria-describedby="outcome-dialog-error"
          >
            @for (o of outcomes; track o) {
              <mat-option [value]="o">{{ label(o) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" class="field">
          <mat-label>Note (optional)</mat-label>
          <textarea matInput name="note" rows="3" [ngModel]="note()" (ngModelChange)="note.set($event)"></textarea>
        </mat-form-field>
        <p id="outcome-dialog-error" class="error" role="alert">
          @if (tried() && !outcome()) {
            Choose an outcome first.
          }
        </p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Record outcome</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
      margin-top: 8px;
    }
    .error {
      min-height: 1.2em;
      margin: 0;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class OutcomeDialog {
  protected readonly data = inject<OutcomeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<OutcomeDialog, OutcomeDialogResult>);
  protected readonly outcomes = REFERRAL_OUTCOMES;
  protected readonly label = outcomeLabel;
  protected readonly outcome = signal<ReferralOutcome | null>(null);
  protected readonly note = signal('');
  protected readonly tried = signal(false);

  protected confirm(): void {
    const outcome = this.outcome();
    if (!outcome) {
      this.tried.set(true);
      return;
    }
    const note = this.note().trim();
    this.ref.close({ outcome, ...(note ? { note } : {}) });
  }
}
