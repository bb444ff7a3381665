import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { hubWallClockToIso, isoToHubWallClock } from '@lantern/shared/domain';
import { formatLondonDateTime } from '../format/time';

export interface RescheduleCallbackDialogData {
  /** The case reference, to say which call-back moves. */
  reference: string;
  /** When it is due now. */
  dueAt: string;
  /** What is wrong with a new time (empty: nothing the screen can tell; the API checks again). */
  problems: (dueIso: string) => string[];
  /** Times known to be possible, offered as one-click choices. */
  suggestions?: string[];
  /** Said under the fields, e.g. that the victim's safe times are checked when saving. */
  note?: string;
}

/** Moves a call-back: a new date and UK time; closes with the new instant (ISO), or nothing. */
@Component({
  selector: 'lantern-reschedule-callback-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDatepickerModule, FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Move the call-back</h2>
    <form (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>
          {{ data.reference }}: the call-back due <strong>{{ current }}</strong> moves to a new time. It must be inside the victim’s safe
          times and the hub’s staffed hours.
        </p>
        @if (data.suggestions?.length) {
          <div class="suggestions">
            <span class="label" id="reschedule-suggest-label">Next possible times:</span>
            @for (s of data.suggestions; track s) {
              <button mat-stroked-button type="button" aria-describedby="reschedule-suggest-label" (click)="use(s)">{{ short(s) }}</button>
            }
          </div>
        }
        <div class="fields">
          <mat-form-field appearance="outline" class="date-field">
            <mat-label>New date</mat-label>
            <input
              matInput
              [matDatepicker]="datePicker"
              placeholder="dd/mm/yyyy"
              name="date"
              cdkFocusInitial
              [ngModel]="date()"
              (ngModelChange)="date.set($event ?? '')"
            />
            <mat-datepicker-toggle matIconSuffix [for]="datePicker" /><mat-datepicker #datePicker />
          </mat-form-field>
          <mat-form-field appearance="outline" class="time-field">
            <mat-label>New time (UK)</mat-label>
            <input matInput name="time" placeholder="10:15" inputmode="numeric" [ngModel]="time()" (ngModelChange)="time.set($event)" />
            <mat-hint>HH:mm, 24-hour</mat-hint>
          </mat-form-field>
        </div>
        <div class="check" role="status">
          @if (tried() && !dueIso()) {
            <p class="problem">Give a date and a time (HH:mm).</p>
          } @else if (problems().length) {
            <ul class="problem">
              @for (p of problems(); track p) {
                <li>{{ p }}</li>
              }
            </ul>
          } @else if (data.note) {
            <p class="note">{{ data.note }}</p>
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Keep the time</button>
        <button mat-flat-button type="submit" [disabled]="problems().length > 0">Move the call-back</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
    }
    .label {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .date-field {
      width: 180px;
    }
    .time-field {
      width: 150px;
    }
    .check {
      min-height: 24px;
    }
    .problem {
      margin: 0;
      padding: 8px 12px 8px 28px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p.problem {
      padding-left: 12px;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RescheduleCallbackDialog {
  protected readonly data = inject<RescheduleCallbackDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<RescheduleCallbackDialog, string>);
  protected readonly current = formatLondonDateTime(this.data.dueAt);
  protected readonly date = signal(isoToHubWallClock(this.data.dueAt).date);
  protected readonly time = signal(isoToHubWallClock(this.data.dueAt).time);
  protected readonly tried = signal(false);
  protected readonly dueIso = computed(() => hubWallClockToIso(this.date(), this.time()));
  protected readonly problems = computed(() => {
    const due = this.dueIso();
    if (!due) return [];
    if (Date.parse(due) === Date.parse(this.data.dueAt)) return ['Choose a different time.'];
    return this.data.problems(due);
  });

  protected short(iso: string): string {
    return formatLondonDateTime(iso).replace(/ \d{4},/, ',');
  }

  protected use(iso: string): void {
    const { date, time } = isoToHubWallClock(iso);
    this.date.set(date);
    this.time.set(time);
  }

  protected confirm(): void {
    const due = this.dueIso();
    this.tried.set(true);
    if (!due || this.problems().length) return;
    this.ref.close(due);
  }
}
