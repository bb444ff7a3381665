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
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  ANSWER_SOURCE_LABELS,
  ANSWER_SOURCES,
  combineRisk,
  DEFAULT_MARAC_RULES,
  escalationNotRuledOut,
  GRADE_RANK,
  policeRisk,
  REASON_ORDER,
  type AnswerSource,
  type AnswerSources,
  type CaseDetail,
  type DashAnswer,
  type DashAnswers,
  type DashQuestion,
  type RiskBands,
  type RiskGrade,
} from '@lantern/shared/domain';
import { MatDialog } from '@angular/material/dialog';
import { dashAnswerLabel, DraftOffer, LondonDateTimePipe, maracReasonLabel, riskGradeLabel, RiskGradeChip } from '@lantern/workbench/ui';
import { keepFormDraft } from '@lantern/workbench/data-access-hub';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, map, startWith } from 'rxjs';
import {
  buildAssessmentRequest,
  DASH_ANSWER_CHOICES,
  dashFormProblems,
  DashFormProblem,
  JudgementDraft,
  judgementOptions,
  questionForPath,
  splitQuestions,
  summariseDash,
} from './dash-form';
import { AgreedWithPoliceDialogActions, AssessmentSaveState, RiskAssessmentActions } from '@lantern/workbench/case/data-access';
import { AgreedWithPoliceDialog, type AgreedWithPoliceDialogData } from './agreed-with-police-dialog';

type AnswersGroup = FormGroup<Record<string, FormControl<DashAnswer | null>>>;
type SourcesGroup = FormGroup<Record<string, FormControl<AnswerSource | null>>>;

/**
 * The hub's DASH RIC, for a caseworker on the phone: one question per row with a radio group (arrow keys
 * choose within a question, Tab goes to the next), a sticky live summary (score, grade, MARAC banner as soon
 * as a criterion is met), optional professional judgement that can only raise the grade, and the earlier
 * assessments. Scored with the same rules the API applies (assessRisk with the case's MARAC context).
 */
@Component({
  selector: 'lantern-risk-assessment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    RiskGradeChip,
    LondonDateTimePipe,
    DraftOffer,
  ],
  templateUrl: './risk-assessment.html',
  styleUrl: './risk-assessment.scss',
})
export class RiskAssessment {
  private readonly store = inject(Store);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly detail = input.required<CaseDetail>();
  readonly questions = input.required<readonly DashQuestion[]>();
  readonly bands = input.required<RiskBands>();
  /** Caseworkers and team leads record assessments; others read them. */
  readonly canAssess = input(false);
  /** Team leads may grade below the police grade ("agreed with police"). */
  readonly canAgreeWithPolice = input(false);
  readonly saveState = input.required<AssessmentSaveState>();
  /** The form has unsaved answers (for presence: this user is editing the risk assessment). */
  readonly dirtyChange = output<boolean>();

  protected readonly choices = DASH_ANSWER_CHOICES;
  protected readonly sourceChoices = ANSWER_SOURCES.map((value) => ({ value, label: ANSWER_SOURCE_LABELS[value] }));
  private readonly dialog = inject(MatDialog);
  protected readonly split = computed(() => splitQuestions(this.questions()));

  protected readonly form = this.fb.group({
    answers: this.fb.group({}) as unknown as AnswersGroup,
    sources: this.fb.group({}) as unknown as SourcesGroup,
    judgementGrade: this.fb.control<RiskGrade | null>(null),
    rationale: this.fb.control(''),
  });

  /** A half-done DASH survives a reload: kept sealed on this device, offered back on the next visit. */
  protected readonly draft = keepFormDraft(this.form, () => (this.canAssess() ? { caseId: this.detail().id, form: 'dash' } : null));

  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  protected readonly answers = computed(() => (this.value().answers ?? {}) as DashAnswers);
  protected readonly sources = computed(() => (this.value().sources ?? {}) as AnswerSources);
  /** "21 answered · 1 not known · 2 declined · 0 unanswered" beside the score. */
  protected readonly completenessText = computed(() => {
    const c = this.summary().completeness;
    return `${c.answered} answered · ${c.notKnown} not known · ${c.declined} declined · ${c.unanswered} unanswered`;
  });
  /** The hub's own grade (its latest assessment), shown beside the police grade. */
  protected readonly hubGrade = computed<RiskGrade | null>(() => this.detail().riskAssessments[0]?.grade ?? null);
  /**
   * A team lead may agree a lower grade while the police grade is above the lowest grade the hub allows, and is not
   * set by a police DASH of visible high risk (14+: judgement may raise it, never lower it; the API refuses too).
   */
  protected readonly mayAgree = computed(() => {
    const p = this.detail().risk.policeGrade;
    return this.canAgreeWithPolice() && !!p && p !== 'standard' && !this.detail().risk.agreedWithPolice && !this.policeVisibleHigh();
  });
  /** The police DASH reaches the high band: shown to a team lead instead of the "Agreed with police" action. */
  protected readonly policeVisibleHigh = computed(() => this.police().reasons.includes('visible-high-risk'));
  protected readonly judgement = computed<JudgementDraft>(() => ({
    grade: this.value().judgementGrade,
    rationale: this.value().rationale,
  }));
  protected readonly summary = computed(() =>
    summariseDash(this.answers(), this.judgement(), this.detail().maracContext, this.bands(), this.split().ric),
  );
  protected readonly judgementChoices = computed(() => judgementOptions(this.summary().scoreGrade));
  protected readonly bandText = computed(() => {
    const b = this.bands();
    return `High from ${b.high}, medium from ${b.medium}`;
  });
  /** The police side of the case, scored with the hub's bands (the officer's grade, its DASH band, its MARAC reasons). */
  private readonly police = computed(() => {
    const o = this.detail().reports[0]?.report.officerRiskAssessment;
    return policeRisk({ officerGrade: o?.riskLevel ?? null, tool: o?.tool ?? null, dash: o?.dash }, this.bands());
  });
  /** What saving these answers makes of the case: the higher of this grade and the police grade (or an agreed one). */
  protected readonly outcome = computed(() => {
    const s = this.summary();
    const c = combineRisk({
      hubGrade: s.grade,
      hubReasons: s.marac.reasons,
      police: this.police(),
      agreement: this.detail().risk.agreedWithPolice,
    });
    return { grade: c.grade, reasons: REASON_ORDER.filter((r) => c.reasons.includes(r)), agreement: c.agreementApplies };
  });
  protected readonly maracReasons = computed(() => this.outcome().reasons.map(maracReasonLabel));
  /**
   * The escalation threshold, when the police left their count of previous incidents out and nothing else meets the
   * criterion (escalationNotRuledOut): the caseworker checks police systems; 0 (nothing shown) otherwise.
   */
  protected readonly escalationOpen = computed(() => {
    const d = this.detail();
    if (this.outcome().reasons.includes('potential-escalation')) return 0;
    const recorded = d.reports[0]?.report.incident.previousIncidents12Months !== undefined;
    const rules = d.maracContext.rules ?? DEFAULT_MARAC_RULES;
    return escalationNotRuledOut(d.maracContext, recorded, rules) ? rules.escalationIncidents : 0;
  });
  /** Where the current grade comes from, in words. */
  protected readonly gradeSource = computed(() => {
    const r = this.detail().risk;
    if (r.agreedWithPolice) return 'agreed with police by a team lead';
    const hub = this.hubGrade();
    if (r.policeGrade && (!hub || GRADE_RANK[r.policeGrade] > GRADE_RANK[hub])) return 'from the police grade';
    if (hub) return `from the hub’s assessment${r.score !== null ? `, score ${r.score} of ${this.summary().max}` : ''}`;
    return 'not graded yet';
  });

  /** Problems are shown once the user has tried to save, then kept current as they fix them. */
  protected readonly triedToSave = signal(false);
  protected readonly problems = computed<DashFormProblem[]>(() =>
    this.triedToSave() ? dashFormProblems(this.answers(), this.judgement(), this.summary(), this.split().ric) : [],
  );
  protected readonly problemFor = computed(() => new Map(this.problems().map((p) => [p.target, p.message])));
  /** The API's field errors, by question key where they name one. */
  protected readonly serverFieldErrors = computed(() =>
    this.saveState().fieldErrors.map((e) => {
      const q = questionForPath(e.path, this.questions());
      return {
        target: q?.key ?? null,
        message: q ? `${this.questionLabel(q)}: ${e.message}` : `${e.path}: ${e.message}`,
      };
    }),
  );

  /** The police officer's DASH answers, to show where a pre-filled answer came from. */
  protected readonly policeAnswers = computed<DashAnswers>(() => this.detail().reports[0]?.report.officerRiskAssessment?.dash ?? {});
  protected readonly prefillSource = computed(() =>
    this.detail().riskAssessments.length
      ? 'Answers (and any professional judgement) start from the last hub assessment.'
      : Object.keys(this.policeAnswers()).length
        ? 'Answers start from the police officer’s DASH; check each one with the victim.'
        : 'The police sent no DASH answers: ask every question.',
  );

  private readonly problemSummary = viewChild<ElementRef<HTMLElement>>('problemSummary');
  private readonly serverError = viewChild<ElementRef<HTMLElement>>('serverError');
  private readonly host = inject(ElementRef<HTMLElement>);

  private prefilledFor: { caseId: string; assessments: number } | null = null;
  /** Set while the form is filled in by code, so that is not taken for the user editing it. */
  private filling = false;
  private resetAfterSave: string | null = null;

  constructor() {
    // One control per question, built when the questions arrive (the API's list, else the shared one).
    effect(() => {
      const questions = this.questions();
      untracked(() => {
        for (const q of questions) this.answerControl(q.key);
        if (this.form.pristine) this.prefill(this.detail());
      });
    });

    // Pre-fill on opening a case, and again when someone else records an assessment while this form is untouched.
    effect(() => {
      const detail = this.detail();
      untracked(() => {
        const held = this.prefilledFor;
        const changedCase = !held || held.caseId !== detail.id;
        const newAssessment = !!held && held.assessments !== detail.riskAssessments.length;
        if (changedCase || (newAssessment && this.form.pristine)) this.prefill(detail);
      });
    });

    // After our own save, start again from what was saved (the refreshed case carries it as dashPrefill).
    effect(() => {
      const saved = this.saveState().saved;
      const detail = this.detail();
      untracked(() => {
        if (!saved || this.resetAfterSave === saved.id) return;
        this.form.markAsPristine();
        if (detail.riskAssessments[0]?.id === saved.id) {
          this.resetAfterSave = saved.id;
          this.prefill(detail);
        }
      });
    });

    // A refusal from the API: take the user to it.
    effect(() => {
      const error = this.saveState().error;
      if (error) queueMicrotask(() => this.serverError()?.nativeElement.focus());
    });

    this.form.events
      .pipe(
        map(() => this.form.dirty),
        distinctUntilChanged(),
      )
      .subscribe((dirty) => this.dirtyChange.emit(dirty));

    this.form.valueChanges.subscribe(() => {
      if (this.filling) return;
      const s = untracked(() => this.saveState());
      if (s.error || s.saved) this.store.dispatch(RiskAssessmentActions.formEdited());
    });
  }

  /** Where one answer came from, created on first use (without an event: it starts empty). */
  protected sourceControl(key: string): FormControl<AnswerSource | null> {
    const group = this.form.controls.sources;
    let control = group.controls[key];
    if (!control) {
      control = this.fb.control<AnswerSource | null>(null);
      group.addControl(key, control, { emitEvent: false });
    }
    return control;
  }

  /** An answer chosen by the user is the victim's unless they say otherwise (a changed police answer is no longer the police's). */
  protected answerChosen(key: string): void {
    const source = this.sourceControl(key);
    if (!source.value || source.value === 'police-prefill') source.setValue('victim');
  }

  /** Sources are shown as chips; this makes them selectable (kept out of the question-to-question Tab order until asked). */
  protected readonly editSources = signal(false);

  protected sourceText(source: AnswerSource | null | undefined): string {
    return source ? ANSWER_SOURCE_LABELS[source] : 'Source not recorded';
  }

  protected sourceLabel(q: DashQuestion): string {
    return `Source of the answer to ${this.questionLabel(q).toLowerCase()}`;
  }

  protected openAgreedWithPolice(): void {
    const d = this.detail();
    if (!d.risk.policeGrade) return;
    this.store.dispatch(AgreedWithPoliceDialogActions.opened({ caseId: d.id }));
    this.dialog.open<AgreedWithPoliceDialog, AgreedWithPoliceDialogData, boolean>(AgreedWithPoliceDialog, {
      width: '560px',
      maxWidth: '95vw',
      data: { caseId: d.id, version: d.version, policeGrade: d.risk.policeGrade, hubGrade: this.hubGrade() },
      autoFocus: 'first-tabbable',
    });
  }

  /** The control of one question, created on first use (without an event: it starts empty). */
  protected answerControl(key: string): FormControl<DashAnswer | null> {
    const group = this.form.controls.answers;
    let control = group.controls[key];
    if (!control) {
      control = this.fb.control<DashAnswer | null>(null);
      group.addControl(key, control, { emitEvent: false });
    }
    return control;
  }

  /** "Discard changes" on leaving the tab: back to where an untouched form starts (its kept draft goes with it). */
  discardChanges(): void {
    this.prefill(this.detail());
    // A refusal of the discarded answers no longer applies to the form shown.
    if (this.saveState().error) this.store.dispatch(RiskAssessmentActions.formEdited());
  }

  private prefill(detail: CaseDetail): void {
    const answers: Record<string, DashAnswer | null> = {};
    const sources: Record<string, AnswerSource | null> = {};
    for (const q of untracked(() => this.questions())) {
      answers[q.key] = detail.dashPrefill?.[q.key] ?? null;
      sources[q.key] = answers[q.key] ? (detail.dashPrefillSources?.[q.key] ?? null) : null;
      this.sourceControl(q.key);
    }
    this.filling = true;
    try {
      // A re-assessment starts from the last one, its professional judgement included.
      const judgement = detail.riskAssessments[0]?.judgement ?? null;
      this.form.reset({
        answers,
        sources,
        judgementGrade: judgement?.grade ?? null,
        rationale: judgement?.rationale ?? '',
      });
    } finally {
      this.filling = false;
    }
    this.triedToSave.set(false);
    this.prefilledFor = {
      caseId: detail.id,
      assessments: detail.riskAssessments.length,
    };
  }

  protected questionLabel(q: DashQuestion): string {
    return q.ricNumber !== null ? `Question ${q.ricNumber}` : `Police question ${q.policeNumber}`;
  }

  protected questionAriaLabel(q: DashQuestion): string {
    return `${this.questionLabel(q)}: ${q.text}`;
  }

  protected describedBy(q: DashQuestion): string | null {
    const ids: string[] = [];
    if (this.answers()[q.key]) ids.push(`dash-${q.key}-source`);
    if (this.policeAnswers()[q.key]) ids.push(`dash-${q.key}-police`);
    if (this.problemFor().has(q.key)) ids.push(`dash-${q.key}-problem`);
    return ids.length ? ids.join(' ') : null;
  }

  protected policeAnswerLabel(q: DashQuestion): string {
    return `Police DASH: ${dashAnswerLabel(this.policeAnswers()[q.key])}`;
  }

  protected gradeLabel(grade: RiskGrade | null): string {
    return riskGradeLabel(grade);
  }

  protected reasonLabel(reason: string): string {
    return maracReasonLabel(reason);
  }

  protected save(): void {
    if (this.saveState().saving) return;
    this.triedToSave.set(true);
    const problems = dashFormProblems(this.answers(), this.judgement(), this.summary(), this.split().ric);
    if (problems.length) {
      queueMicrotask(() => this.problemSummary()?.nativeElement.focus());
      return;
    }
    this.store.dispatch(
      RiskAssessmentActions.submitted({
        caseId: this.detail().id,
        version: this.detail().version,
        request: buildAssessmentRequest(this.answers(), this.judgement(), this.questions(), this.sources()),
      }),
    );
  }

  /** From the problem list to the question (its checked radio, else the first). */
  protected focusTarget(target: string | null): void {
    if (!target) return;
    const root = this.host.nativeElement as HTMLElement;
    const el =
      target === 'judgement'
        ? root.querySelector<HTMLElement>('#dash-judgement')
        : target === 'rationale'
          ? root.querySelector<HTMLElement>('#dash-rationale')
          : (root.querySelector<HTMLElement>(`#dash-${target}-group input:checked`) ??
            root.querySelector<HTMLElement>(`#dash-${target}-group input`));
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }

  protected answerLabel(answer: DashAnswer | undefined): string {
    return dashAnswerLabel(answer);
  }
}
