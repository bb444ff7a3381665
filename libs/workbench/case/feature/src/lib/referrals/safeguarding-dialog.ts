import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { SafeguardingGround } from '@lantern/shared/domain';
import { GROUND_OPTIONS } from './safeguarding';

export interface SafeguardingDialogData {
  victimName: string;
  consentSentence: string;
}

export interface SafeguardingDialogResult {
  ground: SafeguardingGround;
  reason: string;
}

/** A team lead's safeguarding basis for sharing without consent: one of the three grounds, and why. */
@Component({
  selector: 'lantern-safeguarding-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule],
  templateUrl: './safeguarding-dialog.html',
  styles: `
    .warning {
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary-container);
    }
    .group-label {
      display: block;
      font-weight: 600;
      margin: 8px 0 4px;
    }
    mat-radio-group {
      display: grid;
      gap: 4px;
    }
    .ground {
      display: block;
      font-weight: 500;
    }
    .hint {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .error {
      min-height: 1.2em;
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .reason {
      width: 100%;
      margin-top: 8px;
    }
  `,
})
export class SafeguardingDialog {
  protected readonly data = inject<SafeguardingDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<SafeguardingDialog, SafeguardingDialogResult>);
  protected readonly grounds = GROUND_OPTIONS;
  protected readonly ground = signal<SafeguardingGround | null>(null);
  protected readonly reason = signal('');
  protected readonly tried = signal(false);

  protected confirm(): void {
    const ground = this.ground();
    const reason = this.reason().trim();
    if (!ground || !reason) {
      this.tried.set(true);
      return;
    }
    this.ref.close({ ground, reason });
  }
}
