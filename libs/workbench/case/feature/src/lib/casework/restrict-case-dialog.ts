import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CaseRestrictionRequest } from '@lantern/shared/domain';
import { restrictionReachText } from './casework-rules';

export interface RestrictCaseDialogData {
  restricted: boolean;
  /** Hub users who may be listed (the team's caseworkers and team leads), without the team lead restricting. */
  users: ReadonlyArray<{ id: string; displayName: string }>;
  /**
   * A restricted case's list to change (user ids, ticked to start with): "Change who can see it…". Absent: restrict an
   * open case, or (restricted) lift it.
   */
  accessList?: readonly string[];
  /** The case's assignee: always on the list (a restricted case never has an assignee who cannot see it). */
  assigneeId?: string | null;
  /**
   * What restricting it reaches, as far as the page knows (the case detail's linked cases the lead may see): the
   * victim's other cases and the suspect's cases with other victims, by reference. The lead sees them before deciding.
   */
  reaches?: { victim: readonly string[]; suspect: readonly string[] };
}

/**
 * "Restrict this case…" (team leads): who may see the case, and why. The team lead restricting it is always on the
 * list (the API adds them); the assignee must be ticked (the API refuses otherwise, naming the list).
 * "Change who can see it…" on a restricted case: the same list, ticked as it is; someone unticked is taken off the
 * victim's and the suspect's other restricted cases too (but where they hold the case: the page then says which).
 */
@Component({
  selector: 'lantern-restrict-case-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <mat-dialog-content>
      @if (data.restricted && !changing) {
        <p>Everyone who reads cases will see this case again.</p>
      } @else {
        @if (changing) {
          <p>
            Only the people ticked here (and you) will see this case. Someone you untick is also taken off the victim’s and the suspect’s
            other restricted cases, except a case they hold.
          </p>
        } @else {
          <p>Only the people ticked here (and you) will see this case. To everyone else it will not exist.</p>
          <p class="reaches">{{ reachText }}</p>
        }
        <fieldset class="access-list">
          <legend>Access list</legend>
          @for (u of data.users; track u.id) {
            @if (u.id === data.assigneeId) {
              <mat-checkbox [checked]="true" disabled
                >{{ u.displayName }} (holds the case: reassign it first to take them off)</mat-checkbox
              >
            } @else {
              <mat-checkbox [checked]="picked().has(u.id)" (change)="toggle(u.id)">{{ u.displayName }}</mat-checkbox>
            }
          }
        </fieldset>
      }
      <mat-form-field appearance="outline" class="reason">
        <mat-label>Reason (required)</mat-label>
        <textarea matInput required rows="3" maxlength="1000" [ngModel]="reason()" (ngModelChange)="reason.set($event)"></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="!valid()" (click)="confirm()">
        {{ changing ? 'Save the list' : data.restricted ? 'Lift the restriction' : 'Restrict' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .access-list {
      display: flex;
      flex-direction: column;
      border: 0;
      padding: 0;
      margin: 0 0 16px;
    }
    .reason {
      width: 100%;
    }
  `,
})
export class RestrictCaseDialog {
  protected readonly data = inject<RestrictCaseDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RestrictCaseDialog, CaseRestrictionRequest>>(MatDialogRef);
  protected readonly changing = this.data.restricted && !!this.data.accessList;
  /** What restricting it reaches, in words (the page's linked cases; the API restricts them in the same transaction). */
  protected readonly reachText = restrictionReachText(this.data.reaches);
  protected readonly title = this.changing
    ? 'Change who can see this case'
    : this.data.restricted
      ? 'Lift the restriction'
      : 'Restrict this case';
  protected readonly picked = signal<ReadonlySet<string>>(
    new Set([...(this.data.accessList ?? []), ...(this.data.assigneeId ? [this.data.assigneeId] : [])]),
  );
  protected readonly reason = signal('');
  protected readonly valid = computed(() => this.reason().trim().length > 0);

  protected toggle(id: string): void {
    const next = new Set(this.picked());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.picked.set(next);
  }

  protected confirm(): void {
    if (!this.valid()) return;
    this.ref.close({
      restricted: this.changing || !this.data.restricted,
      accessList: [...this.picked()],
      reason: this.reason().trim(),
    });
  }
}
