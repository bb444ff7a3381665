import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DIALOG_STYLES } from './dialog-styles';

export interface ReasonDialogData {
  title: string;
  /** What is about to happen, in a sentence or two. */
  message: string;
  /** A stronger note (shown highlighted), e.g. who will see the reason. */
  warning?: string;
  /** Facts to read before confirming (e.g. the rules an override breaks). */
  points?: string[];
  label?: string;
  confirm: string;
  /** Style the confirm button as dangerous. */
  danger?: boolean;
}

/** Asks for a written reason before something that needs one; closes with the reason, or nothing. */
@Component({
  selector: 'lantern-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  templateUrl: './reason-dialog.html',
  styles: [
    DIALOG_STYLES,
    `
      .error {
        min-height: 1.2em;
        margin: 0;
        color: var(--mat-sys-error);
        font-weight: 600;
      }
    `,
  ],
})
export class ReasonDialog {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReasonDialog, string>);
  protected readonly reason = signal('');
  protected readonly tried = signal(false);

  protected valid(): boolean {
    return this.reason().trim().length > 0;
  }

  protected confirm(): void {
    if (!this.valid()) {
      this.tried.set(true);
      return;
    }
    this.ref.close(this.reason().trim());
  }
}
