import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CallbackRecord, HubCalendar, SafeContactPlan } from '@lantern/shared/domain';
import { EditSection, formatLondonDateTime, LondonDateTimePipe, unsafeRuleLabel } from '@lantern/workbench/ui';
import { map, startWith } from 'rxjs';
import { CALLBACK_RULE_TEXT, callbackProblems, isoToLondon, londonToIso, suggestCallbackTimes } from './callback-rules';
import type { CallbackRequest } from '@lantern/shared/domain';
import type { CallbackSaveState } from '@lantern/workbench/case/data-access';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';

/** Call-backs for the case: the list, and "Schedule a call-back" inside the safe times and staffed hours. */
@Component({
  selector: 'lantern-callbacks-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, EditSection, LondonDateTimePipe],
  template: `
    <h2 id="callbacks-heading">Call-backs</h2>
    @if (status() === 'loading' && !callbacks().length) {
      <p class="aside">Loading…</p>
    } @else if (!callbacks().length) {
      <p class="aside">No call-back scheduled.</p>
    } @else {
      <ul class="callbacks" aria-labelledby="callbacks-heading">
        @for (c of callbacks(); track c.id) {
          <li [class]="'status-' + c.status" [class.missed]="c.missed">
            <strong>{{ c.dueAt | londonDateTime }}</strong>
            <span class="who">{{ c.assignedTo.displayName }}</span>
            <span class="state">{{ stateLabel(c) }}</span>
            @if (c.notes) {
              <span class="notes">{{ c.notes }}</span>
            }
          </li>
        }
      </ul>
    }

    @if (canSchedule() && plan(); as p) {
      <lantern-edit-section [others]="othersEditing()" [dirty]="dirty()" (editingChange)="editingChange.emit($event)">
        <form class="schedule" [formGroup]="form" (ngSubmit)="schedule()" novalidate aria-labelledby="schedule-heading">
          <h3 id="schedule-heading">Schedule a call-back</h3>
          @if (suggestions().length) {
            <div class="suggestions">
              <span class="label" id="suggest-label">Next possible times:</span>
              @for (s of suggestions(); track s) {
                <button mat-stroked-button type="button" aria-describedby="suggest-label" (click)="use(s)">
                  {{ shortTime(s) }}
                </button>
              }
            </div>
          } @else if (p.timeRule === 'unknown') {
            <p class="problem">The victim’s safe times are not captured yet: capture them on the Safe contact tab first.</p>
          }
          <div class="fields">
            <mat-form-field appearance="outline" class="date-field">
              <mat-label>Date</mat-label>
              <input matInput type="date" formControlName="date" />
            </mat-form-field>
            <mat-form-field appearance="outline" class="time-field">
              <mat-label>Time (UK)</mat-label>
              <input matInput formControlName="time" placeholder="10:15" inputmode="numeric" />
              <mat-hint>HH:mm, 24-hour</mat-hint>
            </mat-form-field>
            <mat-form-field appearance="outline" class="notes-field">
              <mat-label>Notes (optional)</mat-label>
              <input matInput formControlName="notes" />
            </mat-form-field>
          </div>
          <div class="check" role="status">
            @if (problems().length) {
              <ul class="unsafe">
                @for (r of problems(); track r) {
                  <li>{{ ruleText(r) }}</li>
                }
              </ul>
            }
          </div>
          @if (saveState().error; as error) {
            <div class="refused" role="alert">
              <strong>The call-back was not scheduled.</strong> {{ error }}
              @if (saveState().rules.length) {
                ({{ refusedRules() }})
              }
            </div>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="!dueIso() || problems().length > 0 || saveState().pending">
              {{ saveState().pending ? 'Scheduling…' : 'Schedule call-back' }}
            </button>
            <span class="saved" role="status">
              @if (saveState().scheduledId) {
                Call-back scheduled.
              }
            </span>
          </div>
        </form>
      </lantern-edit-section>
    }
  `,
  styles: `
    :host {
      display: block;
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px 20px;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.25rem;
      font-weight: 600;
    }
    h3 {
      margin: 16px 0 8px;
      font-size: 1rem;
      font-weight: 600;
    }
    .callbacks {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .callbacks li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 6px 10px;
      border-left: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
      border-radius: 0 8px 8px 0;
    }
    .callbacks li.status-done,
    .callbacks li.status-cancelled {
      border-left-color: var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
    .callbacks li.missed {
      border-left-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .state {
      font-weight: 600;
    }
    .notes {
      flex: 1 1 100%;
    }
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
    .notes-field {
      flex: 1 1 220px;
    }
    .check {
      min-height: 8px;
    }
    .unsafe,
    .refused,
    .problem {
      margin: 0 0 12px;
      padding: 8px 12px 8px 28px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .refused,
    .problem {
      padding-left: 12px;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .saved {
      color: var(--lantern-success);
      font-weight: 600;
    }
    .aside {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CallbacksPanel {
  private readonly fb = inject(NonNullableFormBuilder);

  readonly callbacks = input<readonly CallbackRecord[]>([]);
  readonly status = input<LoadStatus>('idle');
  readonly plan = input<SafeContactPlan | null>(null);
  readonly calendar = input.required<HubCalendar>();
  readonly saveState = input.required<CallbackSaveState>();
  readonly canSchedule = input(false);
  readonly othersEditing = input<readonly string[]>([]);
  readonly now = input(Date.now());

  readonly scheduled = output<CallbackRequest>();
  readonly edited = output<void>();
  readonly editingChange = output<boolean>();

  protected readonly form = this.fb.group({
    date: this.fb.control(''),
    time: this.fb.control(''),
    notes: this.fb.control(''),
  });
  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  protected readonly dirty = toSignal(this.form.events.pipe(map(() => this.form.dirty)), { initialValue: false });
  protected readonly dueIso = computed(() => {
    const v = this.value();
    return londonToIso(v.date, v.time);
  });
  protected readonly problems = computed(() => {
    const plan = this.plan();
    const due = this.dueIso();
    return plan && due ? callbackProblems(plan, this.calendar(), due, this.now()) : [];
  });
  protected readonly suggestions = computed(() => {
    const plan = this.plan();
    return plan ? suggestCallbackTimes(plan, this.calendar(), this.now()) : [];
  });
  protected readonly refusedRules = computed(() =>
    this.saveState()
      .rules.map((r) => (r === 'outside-staffed-hours' ? 'Outside staffed hours' : unsafeRuleLabel(r)))
      .join('; '),
  );

  constructor() {
    let scheduled: string | null = null;
    effect(() => {
      const id = this.saveState().scheduledId;
      if (!id || id === scheduled) return;
      scheduled = id;
      untracked(() => this.form.reset({ date: '', time: '', notes: '' }));
    });
    this.form.valueChanges.subscribe(() => {
      const s = untracked(() => this.saveState());
      if (s.error || s.scheduledId) this.edited.emit();
    });
  }

  protected stateLabel(c: CallbackRecord): string {
    if (c.missed) return 'Missed';
    return c.status === 'pending' ? 'Pending' : c.status === 'done' ? 'Done' : 'Cancelled';
  }

  protected shortTime(iso: string): string {
    return formatLondonDateTime(iso).replace(/ \d{4},/, ',');
  }

  protected ruleText(rule: keyof typeof CALLBACK_RULE_TEXT): string {
    return CALLBACK_RULE_TEXT[rule];
  }

  protected use(iso: string): void {
    const { date, time } = isoToLondon(iso);
    this.form.patchValue({ date, time });
    this.form.markAsDirty();
  }

  protected schedule(): void {
    const due = this.dueIso();
    if (!due || this.problems().length || this.saveState().pending) return;
    const notes = this.form.controls.notes.value.trim();
    this.scheduled.emit({ dueAt: due, ...(notes ? { notes } : {}) });
  }
}
