import { NgTemplateOutlet } from '@angular/common';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { RouterLink } from '@angular/router';
import {
  DASH_QUESTIONS,
  DEFAULT_RISK_BANDS,
  GENDER_LABELS,
  RELATIONSHIP_LABELS,
  RIC_QUESTIONS,
  RISK_GRADES,
  type Gender,
  type Relationship,
  type RiskTool,
} from '@lantern/shared/domain';
import { authFeature } from '@lantern/workbench/auth/data-access';
import {
  buildReport,
  draftErrors,
  fieldOfPath,
  OFFICER_STEPS,
  overdueReferences,
  parseChildrenAges,
  officerFeature,
  OfficerFormActions,
  stepErrors,
  stepOfField,
  type DraftError,
  type OfficerDraft,
  type OfficerDraftValues,
} from '@lantern/workbench/officer/data-access';
import { Store } from '@ngrx/store';
import { debounceTime, fromEvent, interval, merge } from 'rxjs';
import { CONSENT_SCRIPT } from './consent-script';
import { ANSWER_LABELS, GRADE_LABELS, TOOL_LABELS } from './labels';

/** How long after the last keystroke the draft is sealed on the device. */
export const SAVE_AFTER_MS = 300;

/**
 * The officer app's referral form (/officer): a vertical stepper that reads well on a 360 px phone, one step per
 * part of the contract, checked by the same rules the API applies (officer-draft.ts). Every change is kept on the
 * device; Submit queues the prepared report there first, so a lost signal or a reload loses nothing.
 */
@Component({
  selector: 'lantern-officer-referral-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDatepickerModule,
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatStepperModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatButtonModule,
    RouterLink,
  ],
  templateUrl: './referral-form-page.html',
  styleUrl: './referral-form-page.scss',
})
export class ReferralFormPage {
  private readonly store = inject(Store);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  protected readonly stepper = viewChild(MatStepper);

  protected readonly me = this.store.selectSignal(authFeature.selectUser);
  protected readonly draft = this.store.selectSignal(officerFeature.selectDraft);
  protected readonly locked = this.store.selectSignal(officerFeature.selectDraftPending);
  protected readonly received = this.store.selectSignal(officerFeature.selectDraftReceived);
  protected readonly receipt = this.store.selectSignal(officerFeature.selectReceipt);
  protected readonly sending = this.store.selectSignal(officerFeature.selectSending);
  protected readonly waiting = this.store.selectSignal(officerFeature.selectWaiting);
  protected readonly rejection = this.store.selectSignal(officerFeature.selectRejection);
  protected readonly storageError = this.store.selectSignal(officerFeature.selectStorageError);
  protected readonly pending = this.store.selectSignal(officerFeature.selectPending);
  private readonly queuedAt = this.store.selectSignal(officerFeature.selectQueuedAt);
  /** The clock for the overdue warning, a minute at a time. */
  private readonly now = signal(Date.now());
  /** Submitted on this phone more than a day ago and still not received: the officer is told to call the hub. */
  protected readonly overdue = computed(() => overdueReferences(this.pending(), this.queuedAt(), this.now()));
  /** The other referrals submitted from this phone that still wait for a signal. */
  protected readonly otherPending = computed(() => this.pending().filter((r) => r !== this.draft()?.reference));
  protected readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

  protected readonly script = CONSENT_SCRIPT;
  protected readonly dashQuestions = DASH_QUESTIONS;
  protected readonly grades = RISK_GRADES;
  protected readonly gradeLabels = GRADE_LABELS;
  protected readonly tools: RiskTool[] = ['dash', 'dara', 'judgement'];
  protected readonly toolLabels = TOOL_LABELS;
  protected readonly answerLabels = ANSWER_LABELS;
  protected readonly steps = OFFICER_STEPS;
  protected readonly genders = Object.keys(GENDER_LABELS) as Gender[];
  protected readonly genderLabels = GENDER_LABELS;
  protected readonly relationships = Object.keys(RELATIONSHIP_LABELS) as Relationship[];
  protected readonly relationshipLabels = RELATIONSHIP_LABELS;

  protected readonly form = this.fb.group({
    victim: this.fb.group({
      firstName: '',
      lastName: '',
      dobOrAge: this.fb.control<'dob' | 'age'>('dob'),
      dateOfBirth: '',
      ageYears: '',
      gender: this.fb.control<'' | Gender>(''),
      phone: '',
      addressLine1: '',
      town: '',
      postcode: '',
    }),
    safeContact: this.fb.group({
      phone: '',
      safeTimes: '',
      voicemailSafe: this.fb.control<'' | 'yes' | 'no'>(''),
      smsSafe: this.fb.control<'' | 'yes' | 'no'>(''),
      notes: '',
    }),
    suspect: this.fb.group({
      relationship: this.fb.control<'' | Relationship>(''),
      livesWithVictim: this.fb.control<'' | 'yes' | 'no' | 'not-known'>(''),
      firstName: '',
      lastName: '',
      dateOfBirth: '',
      phone: '',
      arrested: this.fb.control<'' | 'yes' | 'no'>(''),
      personId: '',
    }),
    incident: this.fb.group({
      occurredDate: '',
      occurredTime: '',
      area: '',
      postcode: '',
      summary: '',
      childrenPresent: this.fb.control<'' | 'yes' | 'no'>(''),
      childrenAges: '',
      childrenLiveWithVictim: this.fb.control<'' | 'yes' | 'no' | 'not-known'>(''),
      householdChildrenAges: '',
    }),
    risk: this.fb.group({
      tool: this.fb.control<'' | RiskTool>(''),
      riskLevel: this.fb.control<'' | 'standard' | 'medium' | 'high'>(''),
      dash: this.fb.group(Object.fromEntries(DASH_QUESTIONS.map((q) => [q.key, this.fb.control<'' | 'yes' | 'no' | 'not-known'>('')]))),
      rationale: '',
    }),
    consent: this.fb.group({
      supportReferral: this.fb.control<'' | 'given' | 'refused'>(''),
      informationSharing: this.fb.control<'' | 'given' | 'refused'>(''),
      recordedAt: '',
    }),
  });

  /** Values as signals, for what the template derives from them (DASH count, which inputs to show). */
  private readonly values = signal<OfficerDraftValues | null>(null);
  protected readonly tool = computed(() => this.values()?.risk.tool ?? '');
  protected readonly toolLabel = computed(() => {
    const tool = this.tool();
    return tool ? TOOL_LABELS[tool] : '—';
  });
  protected readonly gradeLabel = computed(() => {
    const grade = this.values()?.risk.riskLevel;
    return grade ? GRADE_LABELS[grade] : '—';
  });
  protected readonly dobOrAge = computed(() => this.values()?.victim.dobOrAge ?? 'dob');
  protected readonly childrenPresent = computed(() => this.values()?.incident.childrenPresent ?? '');
  protected readonly childrenAtHome = computed(() => this.values()?.incident.childrenLiveWithVictim ?? '');
  /** The review's line on children: who was present, and who lives with the victim. */
  protected readonly childrenSummary = computed(() => {
    const incident = this.values()?.incident;
    if (!incident) return '—';
    const ages = (raw: string) => (parseChildrenAges(raw) ?? []).join(', ') || '—';
    const present =
      incident.childrenPresent === 'yes'
        ? `present: ${ages(incident.childrenAges)}`
        : incident.childrenPresent === 'no'
          ? 'none present'
          : 'present: not answered';
    const home =
      incident.childrenLiveWithVictim === 'yes'
        ? `live with the victim: ${ages(incident.householdChildrenAges)}`
        : incident.childrenLiveWithVictim === 'no'
          ? 'none live with the victim'
          : incident.childrenLiveWithVictim === 'not-known'
            ? 'whether any live with the victim: not known'
            : 'live with the victim: not answered';
    return `${present[0].toUpperCase()}${present.slice(1)} · ${home}`;
  });
  /** The review's line on the suspect: how related, whether at home, arrested; the name when given. */
  protected readonly suspectSummary = computed(() => {
    const s = this.values()?.suspect;
    if (!s) return '—';
    const name = `${s.firstName.trim()} ${s.lastName.trim()}`.trim();
    const home =
      s.livesWithVictim === 'yes'
        ? 'lives with the victim'
        : s.livesWithVictim === 'no'
          ? 'does not live with the victim'
          : s.livesWithVictim === 'not-known'
            ? 'whether they live with the victim: not known'
            : 'lives with the victim: not answered';
    const parts = [
      name,
      s.relationship ? RELATIONSHIP_LABELS[s.relationship] : 'relationship: not answered',
      home,
      s.arrested === 'yes' ? 'arrested' : s.arrested === 'no' ? 'not arrested' : '',
    ].filter(Boolean);
    const line = parts.join(' · ');
    return `${line[0].toUpperCase()}${line.slice(1)}`;
  });
  /** "Yes" answers among the 24 questions the hub's RIC scores (police questions 10–12 never count). */
  protected readonly dashYes = computed(() => {
    const dash = this.values()?.risk.dash ?? {};
    return RIC_QUESTIONS.filter((q) => dash[q.key] === 'yes').length;
  });
  /**
   * A DASH with the visible-high-risk number of "yes" answers (14 of the 24 scored, SafeLives; the hub's default band:
   * the app does not load the hub's rules) graded below high: the hub grades it high anyway (MARAC), so the officer is
   * told now rather than surprised later. Never blocks.
   */
  protected readonly gradeBelowChecklist = computed(() => {
    const level = this.values()?.risk.riskLevel;
    return this.tool() === 'dash' && this.dashYes() >= DEFAULT_RISK_BANDS.high && !!level && level !== 'high';
  });
  protected readonly dashAnswered = computed(() => {
    const dash = this.values()?.risk.dash ?? {};
    return DASH_QUESTIONS.filter((q) => !!dash[q.key]).length;
  });
  /** Errors found on the last Next or Submit, by step: shown in a summary at the top of the step. */
  protected readonly shownErrors = signal<DraftError[]>([]);
  protected readonly errorsByStep = computed(() => {
    const byStep = new Map<number, DraftError[]>();
    for (const e of this.shownErrors()) {
      const step = stepOfField(fieldOfPath(e.path));
      byStep.set(step, [...(byStep.get(step) ?? []), e]);
    }
    return byStep;
  });
  private loadedReference: string | null = null;

  constructor() {
    this.store.dispatch(OfficerFormActions.opened());
    const destroyRef = inject(DestroyRef);
    if (typeof window !== 'undefined')
      merge(fromEvent(window, 'online'), fromEvent(window, 'offline'))
        .pipe(takeUntilDestroyed(destroyRef))
        .subscribe(() => this.online.set(navigator.onLine));
    interval(60_000)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.now.set(Date.now()));

    // The draft from the device fills the form once per reference (a reload, a new referral), never while typing.
    effect(() => {
      const draft = this.draft();
      if (!draft || draft.reference === this.loadedReference) return;
      untracked(() => {
        this.loadedReference = draft.reference;
        this.form.reset(draft.values, { emitEvent: false });
        this.values.set(this.form.getRawValue() as OfficerDraftValues);
        this.shownErrors.set([]);
        queueMicrotask(() => {
          const stepper = this.stepper();
          if (stepper) stepper.selectedIndex = Math.min(draft.step, OFFICER_STEPS.length - 1);
        });
      });
    });
    // A submitted draft cannot change until the hub has it (or refuses it): a retry must send the very same body.
    effect(() => {
      const locked = this.locked() || this.received();
      untracked(() => (locked ? this.form.disable({ emitEvent: false }) : this.form.enable({ emitEvent: false })));
    });
    // Submitted, waiting, received: the officer sees it where they pressed Submit.
    effect(() => {
      if (!this.locked() && !this.received()) return;
      setTimeout(() => this.host.nativeElement.querySelector('#submission-status')?.scrollIntoView({ block: 'center' }), 50);
    });
    // The hub's 400: each error on its field, and the stepper at the first of them.
    effect(() => {
      const rejection = this.rejection();
      if (rejection && rejection.reference === untracked(this.draft)?.reference) untracked(() => this.showErrors(rejection.errors));
    });

    this.form.controls.consent.controls.supportReferral.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.consentAnswered());
    this.form.controls.consent.controls.informationSharing.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.consentAnswered());
    // A new answer to a children question takes back what was said about its ages (the step is checked again on Next).
    const incident = this.form.controls.incident.controls;
    incident.childrenPresent.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => incident.childrenAges.updateValueAndValidity({ emitEvent: false }));
    incident.childrenLiveWithVictim.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => incident.householdChildrenAges.updateValueAndValidity({ emitEvent: false }));
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.values.set(this.form.getRawValue() as OfficerDraftValues));
    this.form.valueChanges.pipe(debounceTime(SAVE_AFTER_MS), takeUntilDestroyed()).subscribe(() => this.save());
  }

  private consentAnswered(): void {
    this.form.controls.consent.controls.recordedAt.setValue(new Date().toISOString(), { emitEvent: false });
  }

  /** The draft as on screen now. */
  private current(): OfficerDraft | null {
    const draft = this.draft();
    if (!draft) return null;
    return { ...draft, step: this.stepper()?.selectedIndex ?? draft.step, values: this.form.getRawValue() as OfficerDraftValues };
  }

  protected save(): void {
    const draft = this.current();
    if (draft && !this.locked() && !this.received()) this.store.dispatch(OfficerFormActions.draftChanged({ draft }));
  }

  protected stepChanged(): void {
    queueMicrotask(() => this.save());
  }

  /** Next: checks this step only; the officer may still move on through the stepper's headers. */
  protected next(step: number): void {
    const errors = stepErrors(OFFICER_STEPS[step], this.form.getRawValue() as OfficerDraftValues, new Date());
    this.showErrors(errors, false);
    if (errors.length) return;
    this.stepper()?.next();
  }

  protected submit(): void {
    const draft = this.current();
    const me = this.me();
    if (!draft || !me || this.locked()) return;
    const errors = draftErrors(draft.values, new Date());
    if (errors.length) {
      this.showErrors(errors);
      return;
    }
    const sentAt = draft.sentAt ?? new Date().toISOString();
    const fixed: OfficerDraft = { ...draft, sentAt };
    this.store.dispatch(OfficerFormActions.submitted({ draft: fixed, report: buildReport(fixed, me, sentAt) }));
  }

  protected sendNow(): void {
    this.store.dispatch(OfficerFormActions.sendNowClicked());
  }

  protected newReferral(): void {
    this.store.dispatch(OfficerFormActions.newReferralClicked());
  }

  /** Puts each error on its control (mat-error shows it) and, with `move`, opens the first step that has one. */
  private showErrors(errors: DraftError[], move = true): void {
    const step = this.stepper()?.selectedIndex ?? 0;
    // Next shows this step's errors only; Submit and the hub's answer show them all.
    this.shownErrors.update((shown) => (move ? errors : [...shown.filter((e) => stepOfField(fieldOfPath(e.path)) !== step), ...errors]));
    for (const e of errors) {
      const control = this.control(fieldOfPath(e.path));
      if (!control) continue;
      control.setErrors({ ...(control.errors ?? {}), contract: e.message });
      control.markAsTouched();
    }
    if (!errors.length) return;
    const first = Math.min(...errors.map((e) => stepOfField(fieldOfPath(e.path))));
    const stepper = this.stepper();
    if (move && stepper) stepper.selectedIndex = first;
    // Focus the error summary of the step, so a screen reader announces it and the officer sees it.
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#errors-${move ? first : step}`)?.focus(), 50);
  }

  protected control(field: string | null): AbstractControl | null {
    return field ? this.form.get(field) : null;
  }

  protected error(field: string): string | null {
    const control = this.form.get(field);
    return (control?.errors?.['contract'] as string | undefined) ?? null;
  }

  protected dashControl(key: string): FormControl<string> {
    return (this.form.controls.risk.controls.dash as FormGroup<Record<string, FormControl<string>>>).controls[key];
  }

  protected fieldLabel(e: DraftError): string {
    return e.message;
  }

  protected goToError(e: DraftError): void {
    const field = fieldOfPath(e.path);
    const stepper = this.stepper();
    if (stepper) stepper.selectedIndex = stepOfField(field);
    const id = field ? `f-${field.replace(/\./g, '-')}` : null;
    setTimeout(() => (id ? this.host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus() : undefined), 50);
  }

  protected fieldId(field: string): string {
    return `f-${field.replace(/\./g, '-')}`;
  }

  protected summaryOf(field: string): string {
    const v = this.form.get(field)?.value as string | undefined;
    return v && v.trim() ? v : '—';
  }
}
