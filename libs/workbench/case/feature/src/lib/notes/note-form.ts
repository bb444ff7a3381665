import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CASE_NOTE_MAX_LENGTH } from '@lantern/shared/domain';
import { keepFormDraft } from '@lantern/workbench/data-access-hub';
import { DraftOffer, UnsavedDirective } from '@lantern/workbench/ui';

/**
 * The "Add a note" form: one field, 1–5000 characters, not blank. Under the unsaved-changes guard, and a half-written
 * note is kept across a reload (keepFormDraft) and offered back.
 */
@Component({
  selector: 'lantern-note-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, DraftOffer, UnsavedDirective],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" aria-labelledby="add-note-title" lanternUnsaved (discarded)="reset()">
      <h2 id="add-note-title">Add a note</h2>
      @if (draft.offer(); as d) {
        <lantern-draft-offer [savedAt]="d.savedAt" (restore)="draft.restore()" (discard)="draft.discard()" />
      }
      <mat-form-field appearance="outline" class="text">
        <mat-label>Note</mat-label>
        <textarea matInput id="case-note-text" formControlName="text" rows="4" [attr.maxlength]="max"></textarea>
        <mat-hint align="end">{{ form.controls.text.value.length }} / {{ max }}</mat-hint>
        @if (form.controls.text.touched && form.controls.text.invalid) {
          <mat-error>Write the note (up to {{ max }} characters).</mat-error>
        }
      </mat-form-field>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      <p class="hint">Notes are kept as written, with your name and the time. To correct one, add another note.</p>
      <button mat-flat-button type="submit" [disabled]="busy()">Add note</button>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    h2 {
      font-size: 1.125rem;
      margin: 0;
    }
    .text {
      width: 100%;
    }
    .hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class NoteForm {
  /** The case the note is for: a half-written note is kept (sealed) across a reload, per user and case. */
  readonly caseId = input<string | null>(null);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<string>();

  protected readonly max = CASE_NOTE_MAX_LENGTH;
  private readonly directive = viewChild(FormGroupDirective);
  /** The form (public: the unsaved-change and draft mechanism reads and restores it). */
  readonly form = new FormGroup({
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CASE_NOTE_MAX_LENGTH), Validators.pattern(/\S/)],
    }),
  });

  protected readonly draft = keepFormDraft(this.form, () => {
    const caseId = this.caseId();
    return caseId ? { caseId, form: 'note' } : null;
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.form.getRawValue().text.trim());
  }

  /** After the note is saved: empty, pristine and not "submitted" again (no error shown on the empty field). */
  reset(): void {
    const directive = this.directive();
    if (directive) directive.resetForm();
    else this.form.reset();
  }
}
