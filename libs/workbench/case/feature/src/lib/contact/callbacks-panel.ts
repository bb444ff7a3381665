import { unsafeRuleLabel } from '@lantern/shared/domain';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CallbackRecord, HubCalendar, SafeContactPlan, SafeContactView } from '@lantern/shared/domain';
import {
  ConfirmDialog,
  ConfirmDialogData,
  ConfirmDialogResult,
  EditSection,
  formatLondonDateTime,
  LondonDateTimePipe,
  RescheduleCallbackDialog,
  RescheduleCallbackDialogData,
} from '@lantern/workbench/ui';
import { map, startWith } from 'rxjs';
import {
  blockingRules,
  CALLBACK_RULE_TEXT,
  callbackProblems,
  isoToLondon,
  londonToIso,
  suggestCallbackTimes,
  type CallbackBlocks,
} from './callback-rules';
import type { CallbackRequest } from '@lantern/shared/domain';
import type { CallbackChangeState, CallbackSaveState } from '@lantern/workbench/case/data-access';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';

/**
 * Call-backs for the case: the list (a pending one can be cancelled or moved), and "Schedule a call-back" inside the
 * safe times and staffed hours.
 */
@Component({
  selector: 'lantern-callbacks-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDatepickerModule, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, EditSection, LondonDateTimePipe],
  templateUrl: './callbacks-panel.html',
  styleUrl: './callbacks-panel.scss',
})
export class CallbacksPanel {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly dialog = inject(MatDialog);

  readonly callbacks = input<readonly CallbackRecord[]>([]);
  readonly status = input<LoadStatus>('idle');
  readonly plan = input<SafeContactPlan | null>(null);
  /** What a police revision holds until the plan is reviewed: no call-back while it has withdrawn a number. */
  readonly revision = input<SafeContactView['revisedSafeContact']>(null);
  /** Her "no" to contact and a pause after someone else answered: no call-back while either holds (as the API). */
  readonly blocks = input<CallbackBlocks | null>(null);
  readonly calendar = input.required<HubCalendar>();
  readonly saveState = input.required<CallbackSaveState>();
  readonly canSchedule = input(false);
  /** Cancelling or moving one of them. */
  readonly changeState = input<CallbackChangeState | null>(null);
  readonly othersEditing = input<readonly string[]>([]);
  readonly now = input(Date.now());

  readonly scheduled = output<CallbackRequest>();
  readonly cancelled = output<{ callbackId: string; reason: string | null }>();
  readonly rescheduled = output<{ callbackId: string; dueAt: string }>();
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
    return plan && due ? callbackProblems(plan, this.calendar(), due, this.now(), this.revision(), this.blocks()) : [];
  });
  protected readonly suggestions = computed(() => {
    const plan = this.plan();
    return plan ? suggestCallbackTimes(plan, this.calendar(), this.now(), 3, this.revision(), this.blocks()) : [];
  });
  /** Why no time is offered at all: her "no" to contact, or a pause (the API refuses any time for either). */
  protected readonly blockedBy = computed(() => {
    const [rule] = blockingRules(this.blocks());
    return rule ? CALLBACK_RULE_TEXT[rule] : null;
  });
  /** Cancelling or moving one of this case's call-backs (not a change made from another list). */
  protected readonly change = computed(() => {
    const ch = this.changeState();
    return ch && this.callbacks().some((c) => c.id === ch.callbackId) ? ch : null;
  });
  protected readonly refusedRules = computed(() =>
    this.saveState()
      .rules.map((r) => (r === 'outside-staffed-hours' ? 'Outside staffed hours' : unsafeRuleLabel(r)))
      .join('; '),
  );

  /** An empty "Schedule a call-back": after one is scheduled, and after "Discard changes". */
  protected clear(): void {
    this.form.reset({ date: '', time: '', notes: '' });
  }

  constructor() {
    let scheduled: string | null = null;
    effect(() => {
      const id = this.saveState().scheduledId;
      if (!id || id === scheduled) return;
      scheduled = id;
      untracked(() => this.clear());
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

  /** "Cancelled by Alex Morgan: The case was closed." */
  protected cancelledText(c: CallbackRecord): string {
    const x = c.cancelled;
    if (!x) return '';
    return `${x.by ? `by ${x.by.displayName}` : ''}${x.at ? ` on ${formatLondonDateTime(x.at)}` : ''}${x.reason ? `: ${x.reason}` : ''}`.trim();
  }

  protected changeRules(): string {
    return (this.changeState()?.rules ?? [])
      .map((r) => (r === 'outside-staffed-hours' ? 'Outside staffed hours' : unsafeRuleLabel(r)))
      .join('; ');
  }

  protected cancel(c: CallbackRecord): void {
    const data: ConfirmDialogData = {
      title: 'Cancel the call-back?',
      message: `The call-back due ${formatLondonDateTime(c.dueAt)} (${c.assignedTo.displayName}) will not be made. It stays in the list as cancelled.`,
      reasonLabel: 'Why (optional)',
      confirm: 'Cancel the call-back',
      dismiss: 'Keep it',
      danger: true,
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.cancelled.emit({ callbackId: c.id, reason: result.reason });
      });
  }

  protected reschedule(c: CallbackRecord): void {
    const data: RescheduleCallbackDialogData = {
      reference: c.reference,
      dueAt: c.dueAt,
      // Read when the time is checked, not when the dialog opened: the plan may still be loading then (a quick click
      // after the tab opened showed no problem at all for a time outside the staffed hours).
      problems: (due) => {
        const plan = this.plan();
        return plan
          ? callbackProblems(plan, this.calendar(), due, Date.now(), this.revision(), this.blocks()).map((r) => CALLBACK_RULE_TEXT[r])
          : [];
      },
      suggestions: this.suggestions(),
    };
    this.dialog
      .open<RescheduleCallbackDialog, RescheduleCallbackDialogData, string>(RescheduleCallbackDialog, { data, width: '560px' })
      .afterClosed()
      .subscribe((dueAt) => {
        if (dueAt) this.rescheduled.emit({ callbackId: c.id, dueAt });
      });
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
