import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DIALOG_STYLES } from './dialog-styles';

export interface ConfirmDialogData {
  title: string;
  /** What is about to happen, in a sentence or two. */
  message: string;
  /** Facts to read before confirming. */
  points?: string[];
  /** A stronger note (shown highlighted). */
  warning?: string;
  /** Offer an optional written reason with this label (e.g. "Why (optional)"); no field when absent. */
  reasonLabel?: string;
  confirm: string;
  /** The button that keeps things as they are. */
  dismiss?: string;
  danger?: boolean;
  /**
   * Focus (and so Enter) starts on the button that keeps things as they are — the default for every confirmation
   * (issue 15: a dialog's default button is the safe one). `false` only for a step that loses nothing.
   */
  safeDefault?: boolean;
}

/** What the user chose: confirmed, with the optional reason (null when none was written). */
export interface ConfirmDialogResult {
  reason: string | null;
}

/** Asks "are you sure?" before a step that changes what others see; closes with a result, or nothing. */
@Component({
  selector: 'lantern-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ data.message }}</p>
        @if (data.points?.length) {
          <ul class="points">
            @for (p of data.points; track p) {
              <li>{{ p }}</li>
            }
          </ul>
        }
        @if (data.warning) {
          <p class="warning" role="note">{{ data.warning }}</p>
        }
        @if (data.reasonLabel) {
          <mat-form-field appearance="outline" class="reason">
            <mat-label>{{ data.reasonLabel }}</mat-label>
            <textarea matInput name="reason" rows="3" [ngModel]="reason()" (ngModelChange)="reason.set($event)"></textarea>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (data.safeDefault !== false) {
          <button mat-button type="button" mat-dialog-close cdkFocusInitial>{{ data.dismiss ?? 'Cancel' }}</button>
          <button mat-flat-button type="submit" [class.danger]="data.danger">{{ data.confirm }}</button>
        } @else {
          <button mat-button type="button" mat-dialog-close>{{ data.dismiss ?? 'Cancel' }}</button>
          <button mat-flat-button type="submit" cdkFocusInitial [class.danger]="data.danger">{{ data.confirm }}</button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: DIALOG_STYLES,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ConfirmDialog, ConfirmDialogResult>);
  protected readonly reason = signal('');

  protected confirm(): void {
    this.ref.close({ reason: this.reason().trim() || null });
  }
}
