import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { LinkedCase } from '@lantern/shared/domain';

export interface LinkDuplicateDialogData {
  reference: string;
  /** This victim's other cases (same police person id): the likeliest duplicates, one click each. */
  candidates: LinkedCase[];
}

export interface LinkDuplicateResult {
  otherCaseId: string;
  reason: string;
}

const UUID_IN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The case id in what was pasted: a case page's address (…/cases/<id>) or the id itself; null when there is none. */
export function caseIdIn(text: string): string | null {
  return UUID_IN.exec(text)?.[0].toLowerCase() ?? null;
}

/** "Link a possible duplicate": the other case (pasted link, or one of this victim's other cases) and why. */
@Component({
  selector: 'lantern-link-duplicate-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Link a possible duplicate of {{ data.reference }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>Both cases will show “Possible duplicate of …” with a link to the other. Records are not merged.</p>
        @if (data.candidates.length) {
          <p id="candidates-label">This victim’s other cases:</p>
          <div class="candidates" role="group" aria-labelledby="candidates-label">
            @for (c of data.candidates; track c.id) {
              <button mat-stroked-button type="button" (click)="pick(c)" [attr.aria-pressed]="picked() === c.id">{{ c.reference }}</button>
            }
          </div>
        }
        <mat-form-field appearance="outline" class="wide">
          <mat-label>The other case’s link or id</mat-label>
          <input matInput formControlName="other" autocomplete="off" />
          <mat-hint>Paste the address of the other case’s page.</mat-hint>
          @if (form.controls.other.touched && form.controls.other.invalid) {
            <mat-error>Paste a case link, or choose one of the cases above.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Why you think it is a duplicate</mat-label>
          <textarea matInput formControlName="reason" rows="3" maxlength="1000"></textarea>
          @if (form.controls.reason.touched && form.controls.reason.invalid) {
            <mat-error>Say why (up to 1000 characters).</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close cdkFocusInitial>Cancel</button>
        <button mat-flat-button type="submit">Link cases</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }
    .candidates {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 16px;
    }
  `,
})
export class LinkDuplicateDialog {
  protected readonly data = inject<LinkDuplicateDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<LinkDuplicateDialog, LinkDuplicateResult>);
  protected readonly picked = signal<string | null>(null);
  readonly form = new FormGroup({
    other: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, (c) => (caseIdIn(String(c.value)) ? null : { caseId: true })],
    }),
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(1000), Validators.pattern(/\S/)],
    }),
  });

  protected pick(c: LinkedCase): void {
    this.picked.set(c.id);
    this.form.controls.other.setValue(c.id);
  }

  protected confirm(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { other, reason } = this.form.getRawValue();
    this.ref.close({ otherCaseId: caseIdIn(other) as string, reason: reason.trim() });
  }
}
