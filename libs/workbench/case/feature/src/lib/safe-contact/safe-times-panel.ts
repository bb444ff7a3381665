import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { WEEKDAYS, type SafeContactView, type SafeTimesConfirmRequest, type Weekday } from '@lantern/shared/domain';
import { cancelledCallbacksText, type SafeContactSaveState } from '@lantern/workbench/case/data-access';
import { focusIfLost, WEEKDAY_LABELS } from '@lantern/workbench/ui';
import { map } from 'rxjs';
import {
  confirmedWords,
  daysRecord,
  officerWords,
  safeTimesStatus,
  startingWindows,
  suggestionWords,
  usableSuggestion,
  windowPreview,
  windowProblems,
  windowsFromDrafts,
  type DraftProblem,
  type WindowDraft,
} from './safe-times-draft';

type WindowGroup = FormGroup<{
  days: FormGroup<Record<Weekday, FormControl<boolean>>>;
  from: FormControl<string>;
  to: FormControl<string>;
}>;

/** view: the times and the actions · edit: the window editor · any: confirming "any time" explicitly. */
type Mode = 'view' | 'edit' | 'any';

/**
 * The victim's safe times on the Safe contact tab: the officer's words, what Lantern reads in them, and one action to
 * confirm ("Use these times"), or the window editor ("Edit times", windows may cross midnight), or "Any time" recorded
 * explicitly. Until confirmed, every call, SMS and voicemail is refused, and the panel says so first.
 */
@Component({
  selector: 'lantern-safe-times-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  templateUrl: './safe-times-panel.html',
  styleUrl: './safe-times-panel.scss',
})
export class SafeTimesPanel {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly view = input.required<SafeContactView>();
  readonly canEdit = input(false);
  readonly saveState = input.required<SafeContactSaveState>();

  readonly confirmed = output<SafeTimesConfirmRequest>();
  readonly edited = output<void>();
  /** The editor or the "any time" confirmation is open (for presence). */
  readonly editingChange = output<boolean>();

  protected readonly weekdays = WEEKDAYS.map((d) => ({ day: d, ...WEEKDAY_LABELS[d] }));

  protected readonly status = computed(() => safeTimesStatus(this.view()));
  protected readonly words = computed(() => officerWords(this.view()));
  protected readonly suggestion = computed(() => usableSuggestion(this.view()));
  protected readonly suggestionText = computed(() => suggestionWords(this.view()));
  protected readonly confirmedText = computed(() => confirmedWords(this.view()));

  protected readonly mode = signal<Mode>('view');
  protected readonly triedToSave = signal(false);
  /** The user opened the editor (an editor that opened by itself is not editing until something is typed). */
  private readonly userOpened = signal(false);

  protected readonly form = this.fb.group({ windows: this.fb.array<WindowGroup>([]) });
  private readonly value = toSignal(this.form.events.pipe(map(() => this.form.getRawValue().windows as WindowDraft[])), {
    initialValue: [] as WindowDraft[],
  });
  protected readonly problems = computed<DraftProblem[]>(() => (this.triedToSave() ? windowProblems(this.value()) : []));
  protected readonly problemFor = computed(() => new Map(this.problems().map((p) => [p.target, p.message])));
  protected readonly previews = computed(() => this.value().map(windowPreview));
  private readonly dirty = toSignal(this.form.events.pipe(map(() => this.form.dirty)), { initialValue: false });
  private readonly editing = computed(() => this.mode() === 'any' || (this.mode() === 'edit' && (this.userOpened() || this.dirty())));

  /** The words the editor was last opened for on its own (so a live reload does not reopen or reset it). */
  private openedFor: string | null = null;

  constructor() {
    // Nothing to confirm in one action and nothing confirmed yet: the editor opens by itself, once per officer's words.
    effect(() => {
      const v = this.view();
      const can = this.canEdit();
      untracked(() => {
        const key = `${v.plan.timeRule}|${officerWords(v) ?? ''}`;
        if (!can || this.mode() !== 'view' || this.openedFor === key) return;
        if (safeTimesStatus(v) === 'unconfirmed' && !usableSuggestion(v)) {
          this.openedFor = key;
          this.openEditor(false);
        }
      });
    });
    // Confirmed: back to the times, and focus to the panel's heading when the button pressed went with it ("Use these
    // times", "Keep the confirmed times", the editor's Confirm), rather than to the top of the page.
    let wasSaved = false;
    effect(() => {
      const saved = this.saveState().saved;
      if (saved && !wasSaved)
        untracked(() => {
          if (this.mode() !== 'view') this.setMode('view');
          focusIfLost(this.host.nativeElement, '#safe-times-heading');
        });
      wasSaved = saved;
    });
    effect(() => {
      const editing = this.editing();
      untracked(() => this.editingChange.emit(editing));
    });
    this.form.valueChanges.subscribe(() => {
      const s = untracked(() => this.saveState());
      if (s.error || s.saved) this.edited.emit();
    });
  }

  protected get windows(): FormArray<WindowGroup> {
    return this.form.controls.windows;
  }

  private setMode(mode: Mode, byUser = true): void {
    this.mode.set(mode);
    this.userOpened.set(byUser && mode !== 'view');
  }

  private windowGroup(w: WindowDraft): WindowGroup {
    return this.fb.group({
      days: this.fb.group(
        Object.fromEntries(WEEKDAYS.map((d) => [d, this.fb.control(w.days[d])])) as Record<Weekday, FormControl<boolean>>,
      ),
      from: this.fb.control(w.from),
      to: this.fb.control(w.to),
    });
  }

  /** "Use these times": the suggestion, confirmed in one action. */
  protected useSuggestion(): void {
    if (this.saveState().pending || !this.suggestion()) return;
    this.edited.emit();
    this.confirmed.emit({ useSuggestion: true });
  }

  /** After a police revision: the times confirmed before still stand, now against the new words. */
  protected keepConfirmed(): void {
    const plan = this.view().plan;
    if (this.saveState().pending || plan.timeRule === 'unknown') return;
    this.edited.emit();
    this.confirmed.emit(plan.timeRule === 'any' ? { timeRule: 'any' } : { timeRule: 'windows', windows: plan.windows });
  }

  protected editTimes(): void {
    this.openEditor(true);
  }

  private openEditor(focus: boolean): void {
    this.windows.clear({ emitEvent: false });
    for (const w of startingWindows(this.view())) this.windows.push(this.windowGroup(w), { emitEvent: false });
    this.form.reset(this.form.getRawValue());
    this.triedToSave.set(false);
    this.setMode('edit', focus);
    if (focus) this.focusLater('#times-window-0-from');
  }

  protected askAnyTime(): void {
    this.setMode('any');
    this.focusLater('#times-any-question');
  }

  protected confirmAnyTime(): void {
    if (this.saveState().pending) return;
    this.edited.emit();
    this.confirmed.emit({ timeRule: 'any' });
  }

  protected addWindow(): void {
    this.windows.push(this.windowGroup({ days: daysRecord([]), from: '', to: '' }));
    this.focusLater(`#times-window-${this.windows.length - 1}-days`);
  }

  protected removeWindow(i: number): void {
    this.windows.removeAt(i);
    this.focusLater(this.windows.length ? `#times-window-${Math.min(i, this.windows.length - 1)}-from` : '#times-add-window');
  }

  protected confirmWindows(): void {
    if (this.saveState().pending) return;
    this.triedToSave.set(true);
    const drafts = this.form.getRawValue().windows as WindowDraft[];
    if (windowProblems(drafts).length) {
      this.focusLater('#times-problems');
      return;
    }
    this.confirmed.emit({ timeRule: 'windows', windows: windowsFromDrafts(drafts) });
  }

  /**
   * "Discard changes" on leaving the tab: what was typed goes. An editor the user opened closes; one the page opened by
   * itself (nothing confirmed yet) opens afresh from the officer's words.
   */
  discardChanges(): void {
    if (this.mode() === 'view') return;
    if (this.userOpened()) {
      this.setMode('view');
      this.triedToSave.set(false);
    } else this.openEditor(false);
  }

  protected readonly cancelledText = cancelledCallbacksText;

  protected cancel(): void {
    const from = this.mode();
    this.setMode('view');
    this.triedToSave.set(false);
    this.focusLater(from === 'any' ? '.any-time' : '.edit-times');
  }

  protected focusTarget(target: string): void {
    const [, i, field] = target.split('.');
    const el = this.host.nativeElement.querySelector<HTMLElement>(
      i === undefined ? '#times-add-window' : `#times-window-${i}-${field === 'days' ? 'days' : 'from'}`,
    );
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }

  private focusLater(selector: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus());
  }
}
