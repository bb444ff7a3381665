import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { UnsavedDirective } from '@lantern/workbench/ui';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { ServiceKind, VictimInformed } from '@lantern/shared/domain';

export interface ReferralDialogData {
  partnerName: string;
  serviceName: string;
  reasons: string[];
  /** Children's services: the dialog asks whether the victim will be told (statutory: no consent, but inform unless a child is put at risk). */
  kind?: ServiceKind;
}

export interface ReferralDialogResult {
  notes: string;
  victimInformed?: VictimInformed;
  victimInformedReason?: string;
}

/**
 * Confirms a referral: optional notes, and an explicit "this shares the victim's details" tick. A children's services
 * referral also records whether the victim will be told of it, or why not (telling them would put a child at risk).
 */
@Component({
  selector: 'lantern-referral-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    UnsavedDirective,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
  ],
  template: `
    <h2 mat-dialog-title>Refer to {{ data.partnerName }}</h2>
    <form (ngSubmit)="confirm()" novalidate lanternUnsaved>
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
        @if (statutory) {
          <fieldset class="informed" [class.invalid]="tried() && informedProblem()">
            <legend>Will the victim be told about this referral?</legend>
            <p class="hint">
              A statutory safeguarding referral needs no consent, but tell the victim unless that would put a child at risk.
            </p>
            <mat-radio-group
              name="victimInformed"
              [ngModel]="informed()"
              (ngModelChange)="informed.set($event); tried.set(false)"
              aria-describedby="referral-informed-error"
            >
              <mat-radio-button value="yes">Yes: the victim has been or will be told</mat-radio-button>
              <mat-radio-button value="no-risk-to-child">No: telling the victim would put a child at risk</mat-radio-button>
            </mat-radio-group>
            @if (informed() === 'no-risk-to-child') {
              <mat-form-field appearance="outline" class="notes">
                <mat-label>Why telling the victim would put a child at risk</mat-label>
                <textarea
                  matInput
                  name="informedReason"
                  rows="2"
                  required
                  [ngModel]="informedReason()"
                  (ngModelChange)="informedReason.set($event); tried.set(false)"
                ></textarea>
              </mat-form-field>
            }
            <p id="referral-informed-error" class="error" role="alert">
              @if (tried() && informedProblem(); as problem) {
                {{ problem }}
              }
            </p>
          </fieldset>
        }
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
      <!-- Visual order is Tab order: from the tick, Tab reaches Send referral, then Cancel (issue 15). -->
      <mat-dialog-actions align="start">
        <button mat-flat-button type="submit">Send referral</button>
        <button mat-button type="button" mat-dialog-close>Cancel</button>
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
    .informed {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 12px;
      padding: 8px 12px;
    }
    .informed.invalid {
      border-color: var(--mat-sys-error);
      border-width: 2px;
    }
    .informed legend {
      font-weight: 600;
      padding: 0 4px;
    }
    .informed mat-radio-group {
      display: flex;
      flex-direction: column;
    }
    .hint {
      margin: 0 0 4px;
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
  protected readonly statutory = this.data.kind === 'childrens-services';
  protected readonly informed = signal<VictimInformed | null>(null);
  protected readonly informedReason = signal('');

  /** What is missing from the "victim told?" answer of a children's services referral, or null. */
  protected informedProblem(): string | null {
    if (!this.statutory) return null;
    if (!this.informed()) return 'Say whether the victim will be told about this referral.';
    if (this.informed() === 'no-risk-to-child' && !this.informedReason().trim())
      return 'Say why telling the victim would put a child at risk.';
    return null;
  }

  protected confirm(): void {
    if (!this.agreed() || this.informedProblem()) {
      this.tried.set(true);
      return;
    }
    const informed = this.informed();
    this.ref.close({
      notes: this.notes().trim(),
      ...(this.statutory && informed
        ? { victimInformed: informed, ...(informed === 'no-risk-to-child' ? { victimInformedReason: this.informedReason().trim() } : {}) }
        : {}),
    });
  }
}
