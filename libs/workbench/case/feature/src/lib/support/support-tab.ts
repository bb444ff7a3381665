import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal, untracked } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  NEED_URGENCIES,
  type NeedDomainId,
  type NeedsContent,
  type NeedUrgency,
  type SafetyPlanAction,
  type SafetyPlanContent,
  type VersionedDocument,
} from '@lantern/shared/domain';
import { EditSection, LondonDateTimePipe } from '@lantern/workbench/ui';
import { map } from 'rxjs';
import {
  ACTION_OWNER_LABELS,
  ActionRow,
  actionRows,
  FormProblem,
  NeedRow,
  needRows,
  needsFromRows,
  needsProblems,
  safetyPlanFromRows,
  safetyPlanProblems,
  URGENCY_LABELS,
} from './support-rules';
import type { SupportSaveState } from '@lantern/workbench/case/data-access';
import type { LoadStatus } from '@lantern/workbench/auth/data-access';

type NeedGroup = FormGroup<{
  id: FormControl<NeedDomainId>;
  label: FormControl<string>;
  need: FormControl<boolean>;
  urgency: FormControl<NeedUrgency | null>;
  notes: FormControl<string>;
}>;
type ActionGroup = FormGroup<{
  id: FormControl<string | null>;
  action: FormControl<string>;
  owner: FormControl<SafetyPlanAction['owner']>;
  agreed: FormControl<boolean>;
  done: FormControl<boolean>;
  due: FormControl<string>;
}>;

export interface SupportSave<T> {
  content: T;
  /** The version the user edited (0 when there was none). */
  basedOnVersion: number;
}

/** The Support tab: the needs assessment and the safety plan, each saved as a new version with who and when. */
@Component({
  selector: 'lantern-support-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDatepickerModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    EditSection,
    LondonDateTimePipe,
  ],
  templateUrl: './support-tab.html',
  styleUrl: './support-tab.scss',
})
export class SupportTab {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly needs = input<VersionedDocument<NeedsContent> | null>(null);
  readonly needsStatus = input<LoadStatus>('idle');
  readonly needsSave = input.required<SupportSaveState>();
  readonly safetyPlan = input<VersionedDocument<SafetyPlanContent> | null>(null);
  readonly safetyPlanStatus = input<LoadStatus>('idle');
  readonly safetyPlanSave = input.required<SupportSaveState>();
  readonly canEdit = input(false);
  readonly needsEditors = input<readonly string[]>([]);
  readonly safetyPlanEditors = input<readonly string[]>([]);

  readonly needsSaved = output<SupportSave<NeedsContent>>();
  readonly safetyPlanSaved = output<SupportSave<SafetyPlanContent>>();
  readonly needsEdited = output<void>();
  readonly safetyPlanEdited = output<void>();
  readonly needsEditing = output<boolean>();
  readonly safetyPlanEditing = output<boolean>();

  protected readonly urgencies = NEED_URGENCIES.map((u) => ({
    value: u,
    label: URGENCY_LABELS[u],
  }));
  protected readonly owners = (['victim', 'caseworker', 'other'] as const).map((o) => ({ value: o, label: ACTION_OWNER_LABELS[o] }));

  // ---- needs ----
  protected readonly needsForm = this.fb.group({
    rows: this.fb.array<NeedGroup>([]),
  });
  private readonly needsValue = toSignal(this.needsForm.events.pipe(map(() => this.needsForm.getRawValue().rows as NeedRow[])), {
    initialValue: [] as NeedRow[],
  });
  protected readonly needsDirty = toSignal(this.needsForm.events.pipe(map(() => this.needsForm.dirty)), { initialValue: false });
  protected readonly needsTried = signal(false);
  protected readonly needsProblemList = computed<FormProblem[]>(() => (this.needsTried() ? needsProblems(this.needsValue()) : []));
  /** The version the form was filled from (a save is based on it). */
  private needsBase = 0;
  protected readonly needsNewer = signal(false);

  // ---- safety plan ----
  protected readonly planForm = this.fb.group({
    actions: this.fb.array<ActionGroup>([]),
    notes: this.fb.control(''),
  });
  private readonly planValue = toSignal(this.planForm.events.pipe(map(() => this.planForm.getRawValue().actions as ActionRow[])), {
    initialValue: [] as ActionRow[],
  });
  protected readonly planDirty = toSignal(this.planForm.events.pipe(map(() => this.planForm.dirty)), { initialValue: false });
  protected readonly planTried = signal(false);
  protected readonly planProblemList = computed<FormProblem[]>(() => (this.planTried() ? safetyPlanProblems(this.planValue()) : []));
  private planBase = 0;
  protected readonly planNewer = signal(false);

  constructor() {
    // Fill from the latest version; again when a newer one arrives and this user has not changed anything.
    effect(() => {
      const doc = this.needs();
      untracked(() => {
        const version = doc?.current?.version ?? 0;
        if (!doc || (this.needsForm.dirty && version !== this.needsBase)) {
          this.needsNewer.set(!!doc && version !== this.needsBase);
          return;
        }
        if (version === this.needsBase && this.needsRows.length) return;
        this.fillNeeds(doc);
      });
    });
    effect(() => {
      const doc = this.safetyPlan();
      untracked(() => {
        const version = doc?.current?.version ?? 0;
        if (!doc || (this.planForm.dirty && version !== this.planBase)) {
          this.planNewer.set(!!doc && version !== this.planBase);
          return;
        }
        if (version === this.planBase && this.planFilled) return;
        this.fillPlan(doc);
      });
    });
    // After this user's own save: start again from what was saved.
    effect(() => {
      if (this.needsSave().saved) untracked(() => this.fillNeeds(this.needs()));
    });
    effect(() => {
      if (this.safetyPlanSave().saved) untracked(() => this.fillPlan(this.safetyPlan()));
    });
    this.needsForm.valueChanges.subscribe(() => {
      if (this.filling) return;
      const s = untracked(() => this.needsSave());
      if (s.error || s.saved) this.needsEdited.emit();
    });
    this.planForm.valueChanges.subscribe(() => {
      if (this.filling) return;
      const s = untracked(() => this.safetyPlanSave());
      if (s.error || s.saved) this.safetyPlanEdited.emit();
    });
  }

  protected get needsRows(): FormArray<NeedGroup> {
    return this.needsForm.controls.rows;
  }

  protected get actions(): FormArray<ActionGroup> {
    return this.planForm.controls.actions;
  }

  private planFilled = false;
  /** Set while a form is filled by code, so that is not taken for the user editing it. */
  private filling = false;

  private fillNeeds(doc: VersionedDocument<NeedsContent> | null): void {
    if (!doc) return;
    this.filling = true;
    try {
      this.fillNeedsRows(doc);
    } finally {
      this.filling = false;
    }
  }

  private fillNeedsRows(doc: VersionedDocument<NeedsContent>): void {
    const rows = needRows(doc.current?.content);
    this.needsRows.clear({ emitEvent: false });
    for (const r of rows) {
      const group: NeedGroup = this.fb.group({
        id: this.fb.control(r.id),
        label: this.fb.control(r.label),
        need: this.fb.control(r.need),
        urgency: this.fb.control<NeedUrgency | null>(r.urgency),
        notes: this.fb.control(r.notes),
      });
      if (!r.need) group.controls.urgency.disable({ emitEvent: false });
      group.controls.need.valueChanges.subscribe((need) => {
        if (need) group.controls.urgency.enable();
        else {
          group.controls.urgency.setValue(null);
          group.controls.urgency.disable();
        }
      });
      this.needsRows.push(group, { emitEvent: false });
    }
    this.needsForm.reset(this.needsForm.getRawValue());
    if (!this.canEdit()) this.needsForm.disable({ emitEvent: false });
    this.needsBase = doc.current?.version ?? 0;
    this.needsNewer.set(false);
    this.needsTried.set(false);
  }

  private actionGroup(r: ActionRow): ActionGroup {
    return this.fb.group({
      id: this.fb.control<string | null>(r.id),
      action: this.fb.control(r.action),
      owner: this.fb.control<SafetyPlanAction['owner']>(r.owner),
      agreed: this.fb.control(r.agreed),
      done: this.fb.control(r.done),
      due: this.fb.control(r.due),
    });
  }

  private fillPlan(doc: VersionedDocument<SafetyPlanContent> | null): void {
    if (!doc) return;
    this.filling = true;
    try {
      this.fillPlanRows(doc);
    } finally {
      this.filling = false;
    }
  }

  private fillPlanRows(doc: VersionedDocument<SafetyPlanContent>): void {
    this.actions.clear({ emitEvent: false });
    for (const r of actionRows(doc.current?.content)) this.actions.push(this.actionGroup(r), { emitEvent: false });
    this.planForm.reset({
      actions: this.planForm.getRawValue().actions,
      notes: doc.current?.content.notes ?? '',
    });
    if (!this.canEdit()) this.planForm.disable({ emitEvent: false });
    this.planBase = doc.current?.version ?? 0;
    this.planFilled = true;
    this.planNewer.set(false);
    this.planTried.set(false);
  }

  protected urgencyId(i: number): string {
    return `need-${this.needsRows.at(i).controls.id.value}-urgency`;
  }

  protected saveNeeds(): void {
    if (this.needsSave().pending) return;
    this.needsTried.set(true);
    const rows = this.needsForm.getRawValue().rows as NeedRow[];
    const problems = needsProblems(rows);
    if (problems.length) {
      this.focus(problems[0].target);
      return;
    }
    this.needsSaved.emit({
      content: needsFromRows(rows),
      basedOnVersion: this.needs()?.current?.version ?? 0,
    });
  }

  protected cancelNeeds(): void {
    this.fillNeeds(this.needs());
  }

  protected addAction(): void {
    this.actions.push(
      this.actionGroup({
        id: null,
        action: '',
        owner: 'victim',
        agreed: false,
        done: false,
        due: '',
      }),
    );
    this.actions.markAsDirty();
    this.focus(`action-${this.actions.length - 1}-text`);
  }

  protected removeAction(i: number): void {
    this.actions.removeAt(i);
    this.actions.markAsDirty();
  }

  protected savePlan(): void {
    if (this.safetyPlanSave().pending) return;
    this.planTried.set(true);
    const v = this.planForm.getRawValue();
    const rows = v.actions as ActionRow[];
    const problems = safetyPlanProblems(rows);
    if (problems.length) {
      this.focus(problems[0].target);
      return;
    }
    this.safetyPlanSaved.emit({
      content: safetyPlanFromRows(rows, v.notes),
      basedOnVersion: this.safetyPlan()?.current?.version ?? 0,
    });
  }

  protected cancelPlan(): void {
    this.fillPlan(this.safetyPlan());
  }

  protected focus(id: string): void {
    setTimeout(() => {
      const el = this.host.nativeElement.querySelector<HTMLElement>(`#${id}`);
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    });
  }
}
