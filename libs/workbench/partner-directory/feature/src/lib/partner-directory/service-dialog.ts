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
  template: `
    <h2 mat-dialog-title>{{ editing ? 'Edit ' + data.record?.serviceName : 'Add a service' }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <div class="alerts" role="alert">
          @if (save().error && !save().pending) {
            <div class="problem">
              <strong>{{ save().error }}</strong>
              @if (general().length) {
                <ul>
                  @for (m of general(); track m) {
                    <li>{{ m }}</li>
                  }
                </ul>
              }
            </div>
          } @else if (tried() && form.invalid) {
            <p class="problem">Some answers need fixing: see the fields marked below.</p>
          }
        </div>

        <fieldset>
          <legend>Service</legend>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Partner name</mat-label>
              <input matInput formControlName="partnerName" cdkFocusInitial />
              <mat-error>{{ message('partnerName') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Partner key</mat-label>
              <input matInput formControlName="partnerId" />
              <mat-hint>a–z, 0–9 and hyphens; fixed once added</mat-hint>
              <mat-error>{{ message('partnerId') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Service name</mat-label>
              <input matInput formControlName="serviceName" />
              <mat-error>{{ message('serviceName') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Service key</mat-label>
              <input matInput formControlName="service" />
              <mat-hint>a–z, 0–9 and hyphens; fixed once added</mat-hint>
              <mat-error>{{ message('service') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Kind</mat-label>
              <mat-select formControlName="kind">
                @for (k of kinds; track k) {
                  <mat-option [value]="k">{{ kindLabels[k] }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ message('kind') }}</mat-error>
            </mat-form-field>
            <mat-slide-toggle formControlName="active" class="toggle">Offered to caseworkers (active)</mat-slide-toggle>
          </div>
        </fieldset>

        <fieldset formGroupName="rule">
          <legend>Who the service takes</legend>
          <div class="group" role="group" aria-labelledby="grades-label" formGroupName="grades">
            <span id="grades-label" class="group-label">Risk grades (none ticked: any grade)</span>
            @for (g of grades; track g) {
              <mat-checkbox [formControlName]="g">{{ gradeLabels[g] }}</mat-checkbox>
            }
            <mat-checkbox [formControl]="ruleControl('acceptsMarac')">Also any case meeting MARAC criteria</mat-checkbox>
            @for (m of errorsFor('rule.grades'); track m) {
              <p class="field-error">Risk grades: {{ m }}</p>
            }
          </div>
          <div class="group" role="group" aria-labelledby="genders-label" formGroupName="genders">
            <span id="genders-label" class="group-label">Genders (none ticked: any)</span>
            @for (g of genders; track g) {
              <mat-checkbox [formControlName]="g">{{ genderLabels[g] }}</mat-checkbox>
            }
            @for (m of errorsFor('rule.genders'); track m) {
              <p class="field-error">Genders: {{ m }}</p>
            }
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Minimum age</mat-label>
              <input matInput type="number" min="0" max="120" formControlName="minAge" />
              <mat-hint>Empty: no minimum</mat-hint>
              <mat-error>{{ message('rule.minAge') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Maximum age</mat-label>
              <input matInput type="number" min="0" max="120" formControlName="maxAge" />
              <mat-hint>Empty: no maximum</mat-hint>
              <mat-error>{{ message('rule.maxAge') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="group" role="group" aria-labelledby="areas-label" formGroupName="areas">
            <span id="areas-label" class="group-label">Areas covered (none ticked: the whole county)</span>
            @for (a of areas; track a) {
              <mat-checkbox [formControlName]="a">{{ a }}</mat-checkbox>
            }
            @for (m of errorsFor('rule.areas'); track m) {
              <p class="field-error">Areas: {{ m }}</p>
            }
          </div>
          <div class="group" role="group" aria-label="Other conditions">
            <mat-checkbox formControlName="requiresChildren">Only where children are in the household or were present</mat-checkbox>
            <mat-checkbox formControlName="requiresAssociatedPerson"
              >Only where the suspect is a partner, ex-partner or family member</mat-checkbox
            >
            <mat-checkbox formControlName="statutory">Statutory safeguarding referral (shared without consent)</mat-checkbox>
            @for (m of errorsFor('rule.statutory'); track m) {
              <p class="field-error">Statutory: {{ m }}</p>
            }
            @for (
              m of errorsFor('rule.requiresChildren').concat(errorsFor('rule.requiresAssociatedPerson'), errorsFor('rule.acceptsMarac'));
              track m
            ) {
              <p class="field-error">{{ m }}</p>
            }
          </div>
        </fieldset>

        <fieldset formGroupName="hours">
          <legend>Opening hours (London time)</legend>
          <mat-slide-toggle formControlName="allDay">Open 24 hours, every day</mat-slide-toggle>
          @for (m of errorsFor('hours.allDay'); track m) {
            <p class="field-error">Hours: {{ m }}</p>
          }
          @if (!allDay()) {
            <table class="days">
              <caption class="cdk-visually-hidden">
                Opening hours by day
              </caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Open</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                @for (d of weekdays; track d) {
                  <tr [formGroupName]="d">
                    <th scope="row">{{ dayLabels[d].long }}</th>
                    <td>
                      <mat-checkbox formControlName="open" [aria-label]="'Open on ' + dayLabels[d].long">{{
                        dayOpen(d) ? 'Open' : 'Closed'
                      }}</mat-checkbox>
                    </td>
                    <td>
                      <input
                        class="time"
                        type="time"
                        formControlName="from"
                        [attr.aria-label]="dayLabels[d].long + ' opens at'"
                        [attr.aria-invalid]="errorsFor('hours.' + d + '.from').length ? true : null"
                      />
                    </td>
                    <td>
                      <input
                        class="time"
                        type="time"
                        formControlName="to"
                        [attr.aria-label]="dayLabels[d].long + ' closes at'"
                        [attr.aria-invalid]="errorsFor('hours.' + d + '.to').length ? true : null"
                      />
                      @for (
                        m of errorsFor('hours.' + d + '.to').concat(errorsFor('hours.' + d + '.from'), errorsFor('hours.' + d + '.open'));
                        track m
                      ) {
                        <p class="field-error">{{ m }}</p>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          }
        </fieldset>

        <fieldset>
          <legend>Referrals</legend>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>How referrals reach the partner</mat-label>
              <mat-select formControlName="channel">
                @for (c of channels; track c) {
                  <mat-option [value]="c">{{ channelLabels[c] }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ message('channel') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Acknowledge within (hours)</mat-label>
              <input matInput type="number" min="1" max="336" formControlName="acknowledgeWithinHours" />
              <mat-hint>1 to 336 (two weeks)</mat-hint>
              <mat-error>{{ message('acknowledgeWithinHours') }}</mat-error>
            </mat-form-field>
          </div>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Notify email</mat-label>
            <input matInput type="email" formControlName="notifyEmail" />
            <mat-hint>Gets a link to each new referral, never the victim's details</mat-hint>
            <mat-error>{{ message('notifyEmail') }}</mat-error>
          </mat-form-field>
        </fieldset>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="save().pending">
          {{ save().pending ? 'Saving…' : editing ? 'Save changes' : 'Add service' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      margin: 0 0 16px;
      padding: 8px 16px 12px;
    }
    legend {
      font-weight: 600;
      padding: 0 4px;
    }
    .row {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
      align-items: start;
      margin-bottom: 12px;
    }
    .row mat-form-field,
    .wide {
      width: 100%;
    }
    .toggle {
      margin-top: 16px;
    }
    .group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
      margin: 8px 0 12px;
    }
    .group-label {
      flex-basis: 100%;
      font-weight: 500;
      margin-top: 4px;
    }
    .days {
      border-collapse: collapse;
      margin-top: 8px;
    }
    .days th,
    .days td {
      text-align: left;
      padding: 2px 12px 2px 0;
      vertical-align: middle;
    }
    .time {
      font: inherit;
      padding: 6px 8px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 6px;
    }
    .time:disabled {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .time[aria-invalid='true'] {
      border: 2px solid var(--mat-sys-error);
    }
    .field-error {
      flex-basis: 100%;
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .problem {
      margin: 0 0 12px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border: 1px solid var(--mat-sys-error);
    }
    .problem ul {
      margin: 4px 0 0;
      padding-left: 20px;
    }
  `,
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
