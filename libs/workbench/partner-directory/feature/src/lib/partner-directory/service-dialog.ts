import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { OUTREACH_AREAS, WEEKDAYS, type PartnerServiceRecord, type Weekday } from '@lantern/shared/domain';
import { GENDER_LABELS, RISK_GRADE_LABELS, WEEKDAY_LABELS } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import {
  CHANNEL_LABELS,
  CHANNELS,
  KINDS,
  mapFieldErrors,
  RULE_GENDERS,
  RULE_GRADES,
  SERVICE_KIND_LABELS,
  ServiceFormValue,
  toFormValue,
  toServiceBody,
} from './partner-form';
import { PartnerDirectoryPageActions, partnerDirectoryFeature } from '@lantern/workbench/partner-directory/data-access';

export interface ServiceDialogData {
  /** The service edited, or null to add one. */
  record: PartnerServiceRecord | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const AREAS: readonly string[] = OUTREACH_AREAS;

function checkboxes(keys: readonly string[], on: Record<string, boolean>) {
  return new FormGroup(
    Object.fromEntries(keys.map((k) => [k, new FormControl(!!on[k], { nonNullable: true })])) as Record<string, FormControl<boolean>>,
  );
}

function buildForm(v: ServiceFormValue, editing: boolean) {
  const text = (value: string, ...validators: ValidatorFn[]) => new FormControl(value, { nonNullable: true, validators });
  return new FormGroup({
    service: new FormControl(
      { value: v.service, disabled: editing },
      {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(SLUG)],
      },
    ),
    partnerId: new FormControl(
      { value: v.partnerId, disabled: editing },
      {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(SLUG)],
      },
    ),
    partnerName: text(v.partnerName, Validators.required, Validators.maxLength(120)),
    serviceName: text(v.serviceName, Validators.required, Validators.maxLength(160)),
    kind: text(v.kind, Validators.required),
    rule: new FormGroup({
      grades: checkboxes(RULE_GRADES, v.rule.grades),
      acceptsMarac: new FormControl(v.rule.acceptsMarac, { nonNullable: true }),
      genders: checkboxes(RULE_GENDERS, v.rule.genders),
      minAge: new FormControl<number | null>(v.rule.minAge, [Validators.min(0), Validators.max(120)]),
      maxAge: new FormControl<number | null>(v.rule.maxAge, [Validators.min(0), Validators.max(120)]),
      areas: checkboxes(AREAS, v.rule.areas),
      requiresChildren: new FormControl(v.rule.requiresChildren, { nonNullable: true }),
      requiresAssociatedPerson: new FormControl(v.rule.requiresAssociatedPerson, { nonNullable: true }),
      statutory: new FormControl(v.rule.statutory, { nonNullable: true }),
    }),
    hours: new FormGroup({
      allDay: new FormControl(v.hours.allDay, { nonNullable: true }),
      ...(Object.fromEntries(
        WEEKDAYS.map((d) => [
          d,
          new FormGroup({
            open: new FormControl(v.hours[d].open, { nonNullable: true }),
            from: new FormControl(v.hours[d].from, { nonNullable: true }),
            to: new FormControl(v.hours[d].to, { nonNullable: true }),
          }),
        ]),
      ) as Record<Weekday, FormGroup<{ open: FormControl<boolean>; from: FormControl<string>; to: FormControl<string> }>>),
    }),
    channel: text(v.channel, Validators.required),
    acknowledgeWithinHours: new FormControl<number | null>(v.acknowledgeWithinHours, [
      Validators.required,
      Validators.min(1),
      Validators.max(336),
    ]),
    notifyEmail: text(v.notifyEmail, Validators.required, Validators.email),
    active: new FormControl(v.active, { nonNullable: true }),
  });
}

/** The API's schema wording, in plain words where it has a better way to say it. */
function humanize(message: string): string {
  return message.replace(/must match format "email"/g, 'must be a full email address, like name@example.org');
}

/** Add a service to the partner directory, or edit one: every field of the entry, checked by the API. */
@Component({
  selector: 'lantern-service-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
  ],
  templateUrl: './service-dialog.html',
  styleUrl: './service-dialog.scss',
})
export class ServiceDialog {
  protected readonly data = inject<ServiceDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ServiceDialog, string>);
  private readonly store = inject(Store);
  private readonly host = inject(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly editing = !!this.data.record;
  protected readonly form = buildForm(toFormValue(this.data.record, AREAS), this.editing);

  protected readonly kinds = KINDS;
  protected readonly kindLabels = SERVICE_KIND_LABELS;
  protected readonly channels = CHANNELS;
  protected readonly channelLabels = CHANNEL_LABELS;
  protected readonly grades = RULE_GRADES;
  protected readonly gradeLabels = RISK_GRADE_LABELS;
  protected readonly genders = RULE_GENDERS;
  protected readonly genderLabels = GENDER_LABELS;
  protected readonly areas = AREAS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly dayLabels = WEEKDAY_LABELS;

  protected readonly save = this.store.selectSignal(partnerDirectoryFeature.selectSave);
  private readonly mapped = computed(() => mapFieldErrors(this.save().fieldErrors));
  protected readonly general = computed(() => this.mapped().general);
  protected readonly tried = signal(false);
  /** Re-read the form when it changes (OnPush: the template reads plain form state). */
  private readonly formValue = signal(this.form.getRawValue());
  protected readonly allDay = computed(() => this.formValue().hours.allDay);

  private submitted = false;

  constructor() {
    this.store.dispatch(PartnerDirectoryPageActions.dialogOpened());
    this.form.valueChanges.subscribe(() => {
      this.formValue.set(this.form.getRawValue());
      this.syncDays();
    });
    this.syncDays();

    // The API's answer: close on success, else put each field error on its control.
    effect(() => {
      const save = this.save();
      if (!this.submitted || save.pending) return;
      untracked(() => {
        if (save.saved) {
          this.ref.close(save.saved);
          return;
        }
        for (const [path, messages] of Object.entries(this.mapped().byControl)) {
          const control = this.form.get(path);
          if (!control) continue;
          control.setErrors({ ...(control.errors ?? {}), server: messages.join('; ') });
          control.markAsTouched();
        }
        this.focusFirstProblem();
      });
    });
  }

  /** A closed day's times, and every day when open 24 hours, are not edited. */
  private syncDays(): void {
    const hours = this.form.controls.hours;
    for (const d of WEEKDAYS) {
      const day = hours.controls[d];
      const enable = !hours.controls.allDay.value && day.controls.open.value;
      for (const c of [day.controls.from, day.controls.to]) {
        if (enable && c.disabled) c.enable({ emitEvent: false });
        if (!enable && c.enabled) c.disable({ emitEvent: false });
      }
    }
  }

  protected ruleControl(name: 'acceptsMarac'): FormControl<boolean> {
    return this.form.controls.rule.controls[name];
  }

  protected dayOpen(d: Weekday): boolean {
    return this.formValue().hours[d].open;
  }

  /** API errors for a control that has no mat-error of its own (checkbox groups, hours). */
  protected errorsFor(path: string): string[] {
    return this.submitted && !this.save().pending ? (this.mapped().byControl[path] ?? []) : [];
  }

  /** The sentence a mat-error shows for a control. */
  protected message(path: string): string {
    const c: AbstractControl | null = this.form.get(path);
    const e = c?.errors;
    if (!e) return '';
    if (e['server']) return `${this.fieldName(path)} ${humanize(e['server'])}.`.replace(/\.\.$/, '.');
    if (e['required']) return `${this.fieldName(path)} is required.`;
    if (e['pattern']) return 'Use lower-case letters, digits and hyphens, starting with a letter or digit.';
    if (e['email']) return 'Enter an email address like name@example.org.';
    if (e['min']) return `Must be at least ${e['min'].min}.`;
    if (e['max']) return `Must be at most ${e['max'].max}.`;
    if (e['maxlength']) return `At most ${e['maxlength'].requiredLength} characters.`;
    return 'Check this answer.';
  }

  private fieldName(path: string): string {
    const names: Record<string, string> = {
      service: 'Service key',
      partnerId: 'Partner key',
      partnerName: 'Partner name',
      serviceName: 'Service name',
      kind: 'Kind',
      channel: 'Channel',
      acknowledgeWithinHours: 'Acknowledge within',
      notifyEmail: 'Notify email',
      'rule.minAge': 'Minimum age',
      'rule.maxAge': 'Maximum age',
    };
    return names[path] ?? 'This answer';
  }

  /** After a refusal, the first field marked (else the message at the top) gets focus, so it is seen and heard. */
  private focusFirstProblem(): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement as HTMLElement;
        const target =
          root.querySelector<HTMLElement>('.mat-form-field-invalid input, .mat-form-field-invalid mat-select, [aria-invalid="true"]') ??
          root.querySelector<HTMLElement>('.problem');
        if (target && !target.hasAttribute('tabindex') && target.classList.contains('problem')) target.setAttribute('tabindex', '-1');
        target?.focus();
      },
      { injector: this.injector },
    );
  }

  protected submit(): void {
    this.tried.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstProblem();
      return;
    }
    this.submitted = true;
    const body = toServiceBody(this.form.getRawValue() as ServiceFormValue, AREAS);
    const record = this.data.record;
    if (record) {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { service, ...rest } = body;
      this.store.dispatch(
        PartnerDirectoryPageActions.updateSubmitted({
          service: record.service,
          body: { ...rest, partnerId: record.partnerId, version: record.version },
        }),
      );
    } else {
      this.store.dispatch(PartnerDirectoryPageActions.createSubmitted({ body }));
    }
  }
}
