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
  templateUrl: './callbacks-panel.html',
  styleUrl: './callbacks-panel.scss',
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
