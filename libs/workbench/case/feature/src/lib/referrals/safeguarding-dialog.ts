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
  template: `
    <h2 mat-dialog-title>Record a safeguarding basis</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>
          {{ data.consentSentence }} Partner services that need consent can take {{ data.victimName }}
          only if you record why their details may be shared without it (Data Protection Act 2018, Schedule 1 paragraph 18: safeguarding of
          individuals at risk).
        </p>
        <p class="warning" role="note">The ground and reason go on the case record and its audit trail, under your name.</p>
        <div class="grounds">
          <span id="ground-label" class="group-label">Ground (required)</span>
          <mat-radio-group
            name="ground"
            aria-labelledby="ground-label"
            [attr.aria-describedby]="tried() && !ground() ? 'ground-error' : null"
            [ngModel]="ground()"
            (ngModelChange)="ground.set($event)"
          >
            @for (g of grounds; track g.value) {
              <mat-radio-button [value]="g.value" [attr.aria-describedby]="'hint-' + g.value">
                <span class="ground">{{ g.label }}</span>
                <span class="hint" [id]="'hint-' + g.value">{{ g.hint }}</span>
              </mat-radio-button>
            }
          </mat-radio-group>
          <p id="ground-error" class="error" role="alert">
            @if (tried() && !ground()) {
              Choose the ground for sharing without consent.
            }
          </p>
        </div>
        <mat-form-field appearance="outline" class="reason">
          <mat-label>Reason (required)</mat-label>
          <textarea matInput name="reason" rows="4" required [ngModel]="reason()" (ngModelChange)="reason.set($event)"></textarea>
          <mat-hint>What makes sharing necessary now, and what was tried</mat-hint>
          @if (tried() && !reason().trim()) {
            <mat-error>Say why sharing without consent is necessary.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Record basis</button>
      </mat-dialog-actions>
    </form>
  `,
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
