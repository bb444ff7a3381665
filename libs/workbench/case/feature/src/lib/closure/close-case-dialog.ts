import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { can, type ClosureReason, type FeltSafer } from '@lantern/shared/domain';
import { authFeature } from '@lantern/workbench/auth/data-access';
import { Store } from '@ngrx/store';
import {
  CLOSING_BLOCKER_CODES,
  closureReasonOptions,
  visibleClosingBlockers,
  COMMENT_MAX,
  defaultClosureReason,
  EMPTY_SURVEY,
  FELT_SAFER_OPTIONS,
  RECOMMEND_OPTIONS,
  SCORE_OPTIONS,
  surveyErrors,
  surveyRequest,
  type ClosingStatus,
  type RecommendAnswer,
  type SurveyDraft,
} from './closure-rules';
import { caseFeature, CloseCaseDialogActions, closureFeature } from '@lantern/workbench/case/data-access';

export interface CloseCaseDialogData {
  caseId: string;
  /** `close`: close with a reason and, optionally, the survey; `survey`: the survey only (already closed). */
  mode: 'close' | 'survey';
  status: ClosingStatus;
  /** The menu's words: "Close the case", "Close: Declined". */
  title: string;
  version: number;
}

/**
 * Closing a case: why (a closure reason the status allows, and a written reason for the history), and, when it is
 * safe to ask, the victim's short satisfaction survey. The dialog dispatches and reflects the closure state;
 * effects close the case and post the survey only once it has closed (a conflict shows on the page as any other).
 */
@Component({
  selector: 'lantern-close-case-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
  ],
  templateUrl: './close-case-dialog.html',
  styleUrl: './close-case-dialog.scss',
})
export class CloseCaseDialog {
  protected readonly data = inject<CloseCaseDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<CloseCaseDialog>);
  private readonly store = inject(Store);

  protected readonly reasons = closureReasonOptions(this.data.status);
  protected readonly scoreOptions = SCORE_OPTIONS;
  protected readonly saferOptions = FELT_SAFER_OPTIONS;
  protected readonly recommendOptions = RECOMMEND_OPTIONS;
  protected readonly commentMax = COMMENT_MAX;

  protected readonly closureReason = signal<ClosureReason | null>(defaultClosureReason(this.data.status));
  protected readonly reason = signal('');
  protected readonly withSurvey = signal(this.data.mode === 'survey');
  protected readonly survey = signal<SurveyDraft>(EMPTY_SURVEY);
  protected readonly tried = signal(false);
  protected readonly overrideReason = signal('');

  /** No quiet closing: what blocks this closure (seen before sending, or said by the API), and who may close past it. */
  private readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly blockers = computed(() =>
    this.data.mode === 'close' && this.detail()?.id === this.data.caseId ? visibleClosingBlockers(this.data.status, this.detail()) : [],
  );
  protected readonly mayOverride = computed(() => can(this.user()?.roles, 'case.close-override'));
  /** A team lead closing past the rules writes why; shown when a rule is known to block. */
  protected readonly needsOverride = computed(
    () => this.mayOverride() && (this.blockers().length > 0 || CLOSING_BLOCKER_CODES.includes(this.closure().errorCode ?? '')),
  );

  /** Where the close flow is (closure/data-access runs it): the dialog only reflects it. */
  private readonly closure = this.store.selectSignal(closureFeature.selectClosureState);
  protected readonly phase = computed(() => this.closure().phase);
  /** Set once the status change went through: a retry then posts the survey only. */
  private readonly closed = computed(() => this.closure().closed);
  protected readonly failure = computed(() => {
    const { phase, error } = this.closure();
    if (!error) return null;
    if (phase !== 'survey-failed') return error;
    return this.data.mode === 'close' ? `The case is closed, but the survey was not saved. ${error}` : `The survey was not saved. ${error}`;
  });

  protected readonly errors = computed(() => (this.withSurvey() ? surveyErrors(this.survey()) : {}));
  protected readonly showSurveyErrors = computed(() => this.tried());
  protected readonly busy = computed(() => this.phase() === 'closing' || this.phase() === 'saving-survey');
  protected readonly surveyLocked = computed(() => this.busy());

  constructor() {
    effect(() => {
      const { phase, caseId } = this.closure();
      if (caseId !== this.data.caseId) return;
      // Done; or the case moved on under the dialog: the page now shows the latest case and what changed.
      if (phase === 'done' || phase === 'moved-on') untracked(() => this.ref.close());
    });
  }

  protected setSurvey(patch: Partial<{ score: number; feltSafer: FeltSafer; recommend: RecommendAnswer; comment: string }>): void {
    this.survey.update((s) => ({ ...s, ...patch }));
  }

  protected submit(): void {
    if (this.busy()) return;
    this.tried.set(true);
    const surveyInvalid = this.withSurvey() && Object.keys(this.errors()).length > 0;
    const closureReason = this.closureReason();
    if (!this.closed() && (!closureReason || !this.reason().trim())) return;
    if (!this.closed() && this.needsOverride() && !this.overrideReason().trim()) return;
    if (surveyInvalid) return;
    const survey = this.withSurvey() ? surveyRequest(this.survey()) : null;
    const caseId = this.data.caseId;
    if (this.closed()) {
      if (survey) this.store.dispatch(CloseCaseDialogActions.surveySubmitted({ caseId, survey }));
      return;
    }
    if (!closureReason) return;
    this.store.dispatch(
      CloseCaseDialogActions.closeSubmitted({
        caseId,
        status: this.data.status,
        reason: this.reason().trim(),
        version: this.data.version,
        closureReason,
        survey,
        ...(this.needsOverride() ? { overrideReason: this.overrideReason().trim() } : {}),
      }),
    );
  }

  /** After the survey failed on a closed case: leave without it. */
  protected finish(): void {
    this.ref.close();
  }
}
