import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface ReferralDialogData {
  partnerName: string;
  serviceName: string;
  reasons: string[];
}

export interface ReferralDialogResult {
  notes: string;
}

/** Confirms a referral: optional notes, and an explicit "this shares the victim's details" tick. */
@Component({
  selector: 'lantern-referral-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Refer to {{ data.partnerName }}</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>
          <strong>{{ data.serviceName }}</strong> from {{ data.partnerName }}.
        </p>
        @if (data.reasons.length) {
          <ul class="points" aria-label="Why this service is suggested">
            @for (r of data.reasons; track r) {
              <li>{{ r }}</li>
            }
          </ul>
        }
        <mat-form-field appearance="outline" class="notes">
          <mat-label>Notes for the partner (optional)</mat-label>
          <textarea matInput name="notes" rows="3" cdkFocusInitial [ngModel]="notes()" (ngModelChange)="notes.set($event)"></textarea>
        </mat-form-field>
        <div class="share" [class.invalid]="tried() && !agreed()">
          <mat-checkbox
            name="agreed"
            [checked]="agreed()"
            (change)="agreed.set($event.checked); tried.set(false)"
            aria-describedby="referral-dialog-error"
            >This shares the victim's details with {{ data.partnerName }}</mat-checkbox
          >
        </div>
        <p id="referral-dialog-error" class="error" role="alert">
          @if (tried() && !agreed()) {
            Confirm that the victim's details will be shared first.
          }
        </p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Send referral</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .notes {
      width: 100%;
      margin-top: 8px;
    }
    .points {
      margin: 0 0 12px;
      padding-left: 20px;
    }
    .share {
      padding: 4px 8px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary-container);
      font-weight: 600;
    }
    .share.invalid {
      border-color: var(--mat-sys-error);
      border-width: 2px;
    }
    .error {
      min-height: 1.2em;
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class ReferralDialog {
  protected readonly data = inject<ReferralDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReferralDialog, ReferralDialogResult>);
  protected readonly notes = signal('');
  protected readonly agreed = signal(false);
  protected readonly tried = signal(false);

  protected confirm(): void {
    if (!this.agreed()) {
      this.tried.set(true);
      return;
    }
    this.ref.close({ notes: this.notes().trim() });
  }
}
