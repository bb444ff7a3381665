import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { LawfulBasis } from '@lantern/shared/domain';
import { basisOptions } from './safeguarding';

export interface SafeguardingDialogData {
  victimName: string;
  consentSentence: string;
  /** The hub's configured lawful bases (GET /lawful-bases). */
  bases: readonly LawfulBasis[];
  /** Why the list is empty, when it could not be loaded. */
  basesError: string | null;
}

export interface SafeguardingDialogResult {
  /** A lawful basis's code. */
  ground: string;
  reason: string;
}

/** A team lead's lawful basis for sharing without consent: one of the hub's configured bases, and why. */
@Component({
  selector: 'lantern-safeguarding-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  templateUrl: './safeguarding-dialog.html',
  styles: `
    .warning {
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary-container);
    }
    .wide {
      width: 100%;
    }
    .option-title {
      display: block;
      font-weight: 500;
      line-height: 1.3;
    }
    .option-reference {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.8125rem;
      line-height: 1.3;
    }
    .chosen {
      margin: 0 0 12px;
      padding: 8px 12px;
      border-left: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    .chosen p {
      margin: 0 0 4px;
    }
    .problem {
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
  protected readonly grounds = basisOptions(this.data.bases);
  protected readonly ground = signal<string | null>(null);
  protected readonly chosen = computed(() => this.grounds.find((g) => g.value === this.ground()) ?? null);
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
