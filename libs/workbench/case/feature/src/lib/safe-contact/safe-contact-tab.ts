import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  CONTACT_CHANNELS,
  isWithdrawnNumber,
  isSuspectNumber,
  normalisePhone,
  type ContactChannel,
  type SafeContactUpdateRequest,
  type SafeNumber,
  type SafeContactView,
  type SafeTimesConfirmRequest,
} from '@lantern/shared/domain';
import {
  contactChannelLabel,
  describeSafeTimes,
  EditSection,
  formatNextSafe,
  LondonDateTimePipe,
  numberOwnerLabel,
} from '@lantern/workbench/ui';
import { map } from 'rxjs';
import { nextSafeTime } from '../contact/contact-rules';
import { describeRevisedContact, draftFromPlan, DraftProblem, draftProblems, PlanDraft, planFromDraft } from './plan-draft';
import { SafeTimesPanel } from './safe-times-panel';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';
import { cancelledCallbacksText, type SafeContactSaveState } from '@lantern/workbench/case/data-access';

type NumberGroup = FormGroup<{
  number: FormControl<string>;
  owner: FormControl<SafeNumber['owner']>;
  safe: FormControl<boolean>;
  shared: FormControl<boolean>;
  label: FormControl<string>;
}>;

/**
 * The Safe contact tab: the safe times first (confirmed in one action of their own: SafeTimesPanel), then the plan
 * (numbers and whose they are, channels, code word, notes) beside what the officer wrote, the next safe time, and an
 * editor for caseworkers to confirm or change it.
 */
@Component({
  selector: 'lantern-safe-contact-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    EditSection,
    LondonDateTimePipe,
    SafeTimesPanel,
  ],
  templateUrl: './safe-contact-tab.html',
  styleUrl: './safe-contact-tab.scss',
})
export class SafeContactTab {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly view = input<SafeContactView | null>(null);
  readonly viewStatus = input<LoadStatus>('idle');
  readonly canEdit = input(false);
  readonly saveState = input.required<SafeContactSaveState>();
  /** Confirming the safe times (the Safe times panel). */
  readonly timesSaveState = input.required<SafeContactSaveState>();
  readonly othersEditing = input<readonly string[]>([]);
  readonly now = input(Date.now());

  readonly saved = output<SafeContactUpdateRequest['plan']>();
  readonly edited = output<void>();
  readonly editingChange = output<boolean>();
  readonly timesConfirmed = output<SafeTimesConfirmRequest>();
  readonly timesEdited = output<void>();

  protected readonly channelList = CONTACT_CHANNELS.map((c) => ({
    channel: c,
    label: contactChannelLabel(c),
  }));
  protected readonly owners: Array<{ value: SafeNumber['owner']; label: string }> = (['victim', 'suspect', 'other'] as const).map((o) => ({
    value: o,
    label: numberOwnerLabel(o),
  }));

  protected readonly plan = computed(() => this.view()?.plan ?? null);
  /** A police revision of the safe phone, texts or voicemail since the plan was saved, in words (null: none). */
  protected readonly revisedContact = computed(() => {
    const r = this.view()?.revisedSafeContact;
    return r ? describeRevisedContact(r) : null;
  });
  protected readonly timesText = computed(() => {
    const plan = this.plan();
    return plan ? describeSafeTimes(plan) : '';
  });
  protected readonly nextSafe = computed(() => {
    const plan = this.plan();
    return plan ? formatNextSafe(nextSafeTime(plan, this.now()), this.now()) : '';
  });

  protected readonly editing = signal(false);
  private readonly timesPanel = viewChild(SafeTimesPanel);
  protected readonly timesEditing = signal(false);
  protected readonly triedToSave = signal(false);

  protected readonly form = this.fb.group({
    numbers: this.fb.array<NumberGroup>([]),
    emails: this.fb.array<FormControl<string>>([]),
    channels: this.fb.group(
      Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, this.fb.control(false)])) as Record<ContactChannel, FormControl<boolean>>,
    ),
    codeWord: this.fb.control(''),
    notes: this.fb.control(''),
  });
  private readonly value = toSignal(this.form.events.pipe(map(() => this.form.getRawValue() as PlanDraft)), {
    initialValue: this.form.getRawValue() as PlanDraft,
  });
  /** Numbers known to be a suspect's (police reports, other plans of this victim), normalised. */
  protected readonly suspectNumbers = computed(() => new Set(this.view()?.suspectNumbers ?? []));
  /** Known suspect numbers that are not on this plan (from other cases or earlier reports). */
  protected readonly otherSuspectNumbers = computed(() => {
    const onPlan = new Set((this.plan()?.numbers ?? []).filter((n) => n.owner === 'suspect').map((n) => normalisePhone(n.number)));
    return [...this.suspectNumbers()].filter((n) => !onPlan.has(n));
  });
  protected readonly problems = computed<DraftProblem[]>(() =>
    this.triedToSave() ? draftProblems(this.value(), this.view()?.suspectNumbers ?? []) : [],
  );
  protected readonly problemFor = computed(() => new Map(this.problems().map((p) => [p.target, p.message])));

  constructor() {
    // The saved plan comes back: close the editor.
    effect(() => {
      const s = this.saveState();
      if (s.saved && untracked(() => this.editing())) untracked(() => this.editing.set(false));
    });
    this.form.valueChanges.subscribe(() => {
      const s = untracked(() => this.saveState());
      if (s.error || s.saved) this.edited.emit();
    });
  }

  protected channelLabel(c: string): string {
    return contactChannelLabel(c);
  }

  protected ownerLabel(o: string): string {
    return numberOwnerLabel(o);
  }

  /** A normalised UK number as people write it: "07700900701" → "07700 900701". */
  protected displayNumber(n: string): string {
    return /^0\d{10}$/.test(n) ? `${n.slice(0, 5)} ${n.slice(5)}` : n;
  }

  /** A number of the plan that is known elsewhere to be a suspect's. */
  protected knownSuspect(n: SafeNumber): boolean {
    return n.owner !== 'suspect' && isSuspectNumber(n.number, this.suspectNumbers());
  }

  protected get numbers(): FormArray<NumberGroup> {
    return this.form.controls.numbers;
  }

  protected get emails(): FormArray<FormControl<string>> {
    return this.form.controls.emails;
  }

  private numberGroup(n: PlanDraft['numbers'][number]): NumberGroup {
    const group: NumberGroup = this.fb.group({
      number: this.fb.control(n.number),
      owner: this.fb.control<SafeNumber['owner']>(n.owner),
      safe: this.fb.control(n.owner === 'suspect' ? false : n.safe),
      shared: this.fb.control(n.owner === 'victim' ? n.shared : false),
      label: this.fb.control(n.label),
    });
    if (n.owner === 'suspect') group.controls.safe.disable();
    // Only the victim's number can be shared (the suspect may answer it); a suspect's is never safe nor shared.
    if (n.owner !== 'victim') group.controls.shared.disable();
    group.controls.owner.valueChanges.subscribe((owner) => {
      if (owner === 'suspect') {
        group.controls.safe.setValue(false);
        group.controls.safe.disable();
      } else {
        group.controls.safe.enable();
      }
      if (owner === 'victim') group.controls.shared.enable();
      else {
        group.controls.shared.setValue(false);
        group.controls.shared.disable();
      }
    });
    return group;
  }

  protected startEditing(): void {
    const plan = this.plan();
    if (!plan) return;
    const draft = draftFromPlan(plan);
    this.numbers.clear({ emitEvent: false });
    // A number the police withdrew starts unticked: saving the plan ends the hold, so keeping it safe is a choice the
    // caseworker makes (she confirmed it), never the default of saving what was there.
    const revision = this.view()?.revisedSafeContact;
    for (const n of draft.numbers)
      this.numbers.push(this.numberGroup(isWithdrawnNumber(n.number, revision) ? { ...n, safe: false, shared: false } : n), {
        emitEvent: false,
      });
    this.emails.clear({ emitEvent: false });
    for (const e of draft.emails) this.emails.push(this.fb.control(e), { emitEvent: false });
    this.form.reset({
      channels: draft.channels,
      codeWord: draft.codeWord,
      notes: draft.notes,
    });
    this.triedToSave.set(false);
    this.editing.set(true);
    queueMicrotask(() => this.host.nativeElement.querySelector<HTMLElement>('#safe-contact-editor-heading')?.focus());
  }

  /** "Discard changes" on leaving the tab: the plan's editor and the times' editor close unsaved, as Cancel does. */
  protected discardChanges(): void {
    this.editing.set(false);
    this.triedToSave.set(false);
    this.timesPanel()?.discardChanges();
  }

  protected readonly cancelledText = cancelledCallbacksText;

  protected cancel(): void {
    this.editing.set(false);
    this.triedToSave.set(false);
    queueMicrotask(() => this.host.nativeElement.querySelector<HTMLElement>('.edit-plan')?.focus());
  }

  protected addNumber(): void {
    this.numbers.push(this.numberGroup({ number: '', owner: 'victim', safe: false, shared: false, label: '' }));
    this.numbers.markAsDirty();
    this.focusLater(`#plan-number-${this.numbers.length - 1}`);
  }

  protected removeNumber(i: number): void {
    this.numbers.removeAt(i);
    this.numbers.markAsDirty();
  }

  protected addEmail(): void {
    this.emails.push(this.fb.control(''));
    this.emails.markAsDirty();
    this.focusLater(`#plan-email-${this.emails.length - 1}`);
  }

  protected removeEmail(i: number): void {
    this.emails.removeAt(i);
    this.emails.markAsDirty();
  }

  protected save(): void {
    const plan = this.plan();
    if (!plan || this.saveState().pending) return;
    this.triedToSave.set(true);
    const draft = this.form.getRawValue() as PlanDraft;
    if (draftProblems(draft, this.view()?.suspectNumbers ?? []).length) {
      this.focusLater('#plan-problems');
      return;
    }
    this.saved.emit(planFromDraft(draft, plan));
  }

  protected focusTarget(target: string): void {
    const id = `#plan-${target.replace(/\./g, '-')}`;
    const el =
      this.host.nativeElement.querySelector<HTMLElement>(id) ??
      this.host.nativeElement.querySelector<HTMLElement>(`#plan-${target.split('.').slice(0, 2).join('-')}`);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }

  private focusLater(selector: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus());
  }
}
